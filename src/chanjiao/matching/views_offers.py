"""Offers after publication: each party sees its own and accepts or declines."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching import policy, services
from chanjiao.matching.confirmations import bulk_decline_consequences, decline_consequences
from chanjiao.matching.forms_rounds import BulkDecisionForm, DecisionForm
from chanjiao.matching.models import MatchingRound, Offer
from chanjiao.web.confirm import confirmation_page, confirmed

PER_PAGE = 100


def _offers_page(request, rnd, *, status: int = 200):
    page = Paginator(
        access.visible(request.user, Offer)
        .filter(round=rnd)
        .order_by("position__enterprise__name", "participant__student__name"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    rows = [(offer, policy.offer_party(request.user, offer)) for offer in page.object_list]
    awaiting = policy.offers_awaiting(request.user, rnd)
    return render(
        request,
        "matching/offers.html",
        {
            "round": rnd,
            "rows": rows,
            "page": page,
            "awaiting_ids": set(awaiting.values_list("pk", flat=True)),
        },
        status=status,
    )


@login_required
def offers(request, pk):
    return _offers_page(request, access.get(request.user, MatchingRound, pk))


@login_required
@require_POST
def offers_answer(request, pk):
    """Accept or decline many offers at once; declining goes through a confirmation page."""
    rnd = access.get(request.user, MatchingRound, pk)
    awaiting = policy.offers_awaiting(request.user, rnd)
    if not awaiting.exists():
        raise PermissionDenied(_("No offer of this round awaits your answer."))
    back = reverse("matching:offers", args=[rnd.pk])
    form = BulkDecisionForm(request.POST, awaiting=awaiting)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _offers_page(request, rnd, status=400)
    chosen = list(form.cleaned_data["offers"])
    decision = form.cleaned_data["decision"]
    if decision == "decline" and not confirmed(request):
        return confirmation_page(request, bulk_decline_consequences(chosen), cancel_url=back)
    try:
        services.respond_to_offers(
            actor=request.user,
            answers=[(offer, policy.offer_party(request.user, offer)) for offer in chosen],
            decision=decision,
        )
    except ValueError as error:
        messages.error(request, str(error))
        return _offers_page(request, rnd, status=422)
    messages.success(
        request,
        (_("%(count)s offers accepted.") if decision == "accept" else _("%(count)s offers declined."))
        % {"count": len(chosen)},
    )
    return redirect(back)


@login_required
@require_POST
def offer_respond(request, pk):
    offer = access.get(request.user, Offer, pk, Action.RESPOND)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Answer accept or decline."))
    elif form.cleaned_data["decision"] == "decline" and not confirmed(request):
        return confirmation_page(
            request, decline_consequences(offer), cancel_url=reverse("matching:offers", args=[offer.round_id])
        )
    else:
        try:
            services.respond_to_offer(
                actor=request.user,
                offer=offer,
                party=policy.offer_party(request.user, offer),
                decision=form.cleaned_data["decision"],
            )
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your answer is recorded."))
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("matching:offers", pk=offer.round_id)
