"""Program adjustment advice: the list, the evidence, the college's response, the decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking import services
from chanjiao.docking.filters import AdviceFilter
from chanjiao.docking.forms import AdviceDecisionForm, AdviceResponseForm
from chanjiao.docking.models import Advice
from chanjiao.docking.tables import ADVICE_COLUMNS
from chanjiao.web.lists import list_page


@login_required
def advice_list(request):
    return list_page(
        request,
        queryset=access.visible(request.user, Advice),
        filterset_class=AdviceFilter,
        title=_("Program adjustment advice"),
        columns=ADVICE_COLUMNS,
        link=lambda a: reverse("docking:advice", args=[a.pk]),
    )


def _page(request, advice, *, response_form=None, decision_form=None, status=200):
    return render(
        request,
        "docking/advice_detail.html",
        {
            "advice": advice,
            "occupations": advice.evidence.get("occupations", []),
            "can_respond": access.allows(request.user, Action.RESPOND, advice),
            "can_decide": access.allows(request.user, Action.DECIDE, advice),
            "response_form": response_form
            or AdviceResponseForm(
                initial={"response_position": advice.response_position, "response": advice.response}
            ),
            "decision_form": decision_form or AdviceDecisionForm(initial={"decision": advice.recommendation}),
        },
        status=status,
    )


@login_required
def advice_detail(request, pk):
    return _page(request, access.get(request.user, Advice, pk))


@login_required
@require_POST
def advice_respond(request, pk):
    advice = access.get(request.user, Advice, pk, Action.RESPOND)
    form = AdviceResponseForm(request.POST)
    if not form.is_valid():
        return _page(request, advice, response_form=form, status=400)
    services.respond_to_advice(
        actor=request.user,
        advice=advice,
        position=form.cleaned_data["response_position"],
        response=form.cleaned_data["response"],
    )
    messages.success(request, _("Response recorded; the officer will decide."))
    return redirect("docking:advice", pk=pk)


@login_required
@require_POST
def advice_decide(request, pk):
    advice = access.get(request.user, Advice, pk, Action.DECIDE)
    form = AdviceDecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, advice, decision_form=form, status=400)
    services.decide_advice(
        actor=request.user,
        advice=advice,
        decision=form.cleaned_data["decision"],
        note=form.cleaned_data["decision_note"],
    )
    messages.success(request, _("Decision recorded."))
    return redirect("docking:advice", pk=pk)
