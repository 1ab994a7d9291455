"""Rectification pages: the list, opening a case, and acting on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.evaluation import rectification
from chanjiao.evaluation.filters import CaseFilter
from chanjiao.evaluation.forms_followup import (
    CloseCaseForm,
    ConsultationForm,
    EscalateCaseForm,
    FundForm,
    OpenCaseForm,
    ResponseForm,
)
from chanjiao.evaluation.models import CaseEvent, CaseKind, CaseStatus, RectificationCase, UnitResult
from chanjiao.evaluation.reasons import indicator_names, reason_text
from chanjiao.evaluation.tables import CASE_COLUMNS
from chanjiao.web.lists import list_page

ACTIONS = {
    "respond": (ResponseForm, Action.RESPOND),
    "consult": (ConsultationForm, Action.MANAGE),
    "close": (CloseCaseForm, Action.MANAGE),
    "escalate": (EscalateCaseForm, Action.MANAGE),
    "fund": (FundForm, Action.MANAGE),
}


@login_required
def case_list(request):
    return list_page(
        request,
        queryset=access.visible(request.user, RectificationCase),
        filterset_class=CaseFilter,
        title=_("Rectification and supervision"),
        columns=CASE_COLUMNS,
        link=lambda c: reverse("evaluation:case", args=[c.pk]),
    )


@login_required
@require_POST
def case_open(request, pk):
    result = access.get(request.user, UnitResult, pk)
    if not access.allows(request.user, Action.MANAGE, result.evaluation.cycle):
        raise PermissionDenied(_("Only officers of the scheme's region open cases."))
    form = OpenCaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("evaluation:result", pk=pk)
    try:
        case = rectification.open_case(
            actor=request.user,
            result=result,
            deadline=form.cleaned_data["deadline"],
            note=form.cleaned_data["note"],
        )
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("evaluation:result", pk=pk)
    messages.success(request, _("Case opened; deadline %(date)s.") % {"date": case.deadline})
    return redirect("evaluation:case", pk=case.pk)


def _forms(request, case, bound=None):
    can_manage = access.allows(request.user, Action.MANAGE, case)
    can_respond = access.allows(request.user, Action.RESPOND, case)
    allowed = {"manage": can_manage, "respond": can_respond}
    forms = {}
    if case.status != CaseStatus.CLOSED:
        for name, (form_class, permission) in ACTIONS.items():
            if not allowed[permission]:
                continue
            if name == "fund" and (case.kind != CaseKind.RECTIFICATION or case.fund_amount is not None):
                continue
            if name == "consult" and case.kind != CaseKind.SUPERVISION:
                continue
            forms[name] = bound if bound is not None and bound[0] == name else (name, form_class(prefix=name))
    return {name: form for name, form in forms.values()}, can_manage, can_respond


@login_required
def case_detail(request, pk, bound=None, status=200):
    case = access.get(request.user, RectificationCase, pk)
    forms, can_manage, can_respond = _forms(request, case, bound)
    result = case.result
    return render(
        request,
        "evaluation/case_detail.html",
        {
            "case": case,
            # the light's reason in the reader's language (the case keeps it as written when opened)
            "reasons": reason_text(result, indicator_names(result.evaluation.config)),
            "events": case.events.select_related("actor"),
            "forms": forms,
            "can_manage": can_manage,
            "can_respond": can_respond,
        },
        status=status,
    )


@login_required
@require_POST
def case_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404(_("No such action."))
    form_class, permission = ACTIONS[action]
    case = access.get(request.user, RectificationCase, pk, permission)
    form = form_class(request.POST, request.FILES, prefix=action)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "respond":
                rectification.respond_to_case(
                    actor=request.user,
                    case=case,
                    actions=data["actions"],
                    evidence=data["evidence"],
                    evidence_file=data["evidence_file"],
                )
            elif action == "consult":
                rectification.record_consultation(actor=request.user, case=case, **data)
            elif action == "close":
                rectification.close_case(actor=request.user, case=case, conclusion=data["conclusion"])
            elif action == "escalate":
                rectification.escalate_case(
                    actor=request.user, case=case, note=data["note"], deadline=data["deadline"]
                )
            else:
                rectification.grant_fund(
                    actor=request.user, case=case, amount=data["amount"], note=data["note"]
                )
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("evaluation:case", pk=pk)
    return case_detail(request, pk, bound=(action, form), status=400)


@login_required
def evidence_file(request, pk):
    event = CaseEvent.objects.filter(pk=pk).exclude(evidence_file="").first()
    if event is None:
        raise Http404(_("No such evidence file."))
    access.get(request.user, RectificationCase, event.case_id)
    return FileResponse(
        event.evidence_file.open("rb"),
        as_attachment=True,
        filename=event.evidence_file.name.rsplit("/", 1)[-1],
    )
