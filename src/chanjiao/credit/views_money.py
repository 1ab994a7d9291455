"""Calculators, technology-equity stakes and benefit-sharing tables."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.credit import calculators
from chanjiao.credit.forms_money import (
    BenefitSharingForm,
    EquityCalculatorForm,
    EquityPerformanceForm,
    EquityStakeForm,
    InsuranceCalculatorForm,
    SuperDeductionForm,
    TrainingReimbursementForm,
)
from chanjiao.credit.models import BenefitSharing, EquityStake
from chanjiao.credit.policy import credit_file
from chanjiao.credit.selectors import stakes_listed
from chanjiao.credit.services import ensure_policy
from chanjiao.credit.services_money import create_sharing, create_stake, record_equity_year, sign_sharing
from chanjiao.web.forms_page import form_page

CALCULATORS = {
    "insurance": (InsuranceCalculatorForm, calculators.insurance),
    "equity": (EquityCalculatorForm, None),
    "deduction": (SuperDeductionForm, calculators.deduction),
    "training": (TrainingReimbursementForm, calculators.training),
}


def _policy_kwargs(form_class, policy):
    return {"policy": policy} if form_class in (InsuranceCalculatorForm, EquityCalculatorForm) else {}


@login_required
def calculator_page(request):
    """Four calculators under the policy of the user's region; one is submitted at a time."""
    organisation = request.user.organisation
    policy, version = calculators.calculator_policy(organisation.region if organisation else None)
    chosen = request.POST.get("calculator") if request.method == "POST" else None
    forms, results = {}, {}
    for name, (form_class, compute) in CALCULATORS.items():
        bound = request.POST if name == chosen else None
        form = form_class(bound, prefix=name, **_policy_kwargs(form_class, policy))
        forms[name] = form
        if bound is not None and form.is_valid():
            results[name] = (
                form.cleaned_data["history"] if compute is None else compute(form.cleaned_data, policy)
            )
    status = 400 if chosen in forms and chosen not in results else 200
    return render(
        request,
        "credit/calculators.html",
        {"forms": forms, "results": results, "policy": policy, "version": version, "chosen": chosen},
        status=status,
    )


# -- technology equity -------------------------------------------------------------------------


@login_required
def stake_list(request):
    stakes = stakes_listed(access.visible(request.user, EquityStake))
    return render(request, "credit/stakes.html", {"stakes": stakes})


@login_required
def stake_new(request, pk):
    enterprise = credit_file(request.user, pk)
    access.require_create(request.user, EquityStake, enterprise=enterprise)
    version = ensure_policy(region=enterprise.region, actor=request.user)
    form = EquityStakeForm(request.POST or None, enterprise=enterprise, policy=version.policy)
    return form_page(
        request,
        form=form,
        title=_("Technology equity of %(enterprise)s") % {"enterprise": enterprise},
        save=lambda data: create_stake(enterprise=enterprise, data=data, actor=request.user),
        success_url=lambda stake: reverse("credit:stake", args=[stake.pk]),
        cancel_url=reverse("credit:file", args=[enterprise.pk]),
        success_message=_("Stake recorded."),
    )


@login_required
def stake_detail(request, pk):
    stake = access.get(request.user, EquityStake, pk)
    can_edit = access.allows(request.user, Action.CHANGE, stake)
    histories = list(stake.histories.select_related("policy"))
    return render(
        request,
        "credit/stake.html",
        {
            "stake": stake,
            "histories": histories,
            "earlier": len(histories) - 1,
            "performance": stake.performance.all(),
            "year_form": EquityPerformanceForm(stake=stake) if can_edit else None,
        },
    )


@login_required
def stake_year(request, pk):
    stake = access.get(request.user, EquityStake, pk, Action.CHANGE)
    form = EquityPerformanceForm(request.POST or None, stake=stake)
    return form_page(
        request,
        form=form,
        title=_("A year's performance for %(stake)s") % {"stake": stake},
        save=lambda data: record_equity_year(stake=stake, data=data, actor=request.user),
        success_url=lambda history: reverse("credit:stake", args=[stake.pk]),
        cancel_url=reverse("credit:stake", args=[stake.pk]),
        success_message=_("Year recorded; the share history is recomputed."),
    )


# -- benefit sharing ---------------------------------------------------------------------------


@login_required
def sharing_list(request):
    return render(request, "credit/sharings.html", {"sharings": access.visible(request.user, BenefitSharing)})


@login_required
def sharing_new(request):
    access.require_create(request.user, BenefitSharing)
    form = BenefitSharingForm(request.POST or None, own_organisation=request.user.organisation)
    return form_page(
        request,
        form=form,
        title=_("Share the benefit of a joint R&D result"),
        save=lambda data: create_sharing(data=data, actor=request.user),
        success_url=lambda sharing: reverse("credit:sharing", args=[sharing.pk]),
        cancel_url=reverse("credit:sharings"),
        success_message=_("Table computed: every party now signs it."),
    )


@login_required
def sharing_detail(request, pk):
    sharing = access.get(request.user, BenefitSharing, pk)
    parties = list(sharing.parties.select_related("organisation", "signed_by"))
    signer = request.user.organisation_id if access.allows(request.user, Action.CHANGE, sharing) else None
    mine = next((p for p in parties if p.organisation_id == signer), None)
    return render(
        request,
        "credit/sharing.html",
        {"sharing": sharing, "parties": parties, "can_sign": mine is not None and mine.signed_at is None},
    )


@login_required
@require_POST
def sharing_sign(request, pk):
    sharing = access.get(request.user, BenefitSharing, pk, Action.CHANGE)
    try:
        sign_sharing(sharing=sharing, organisation=request.user.organisation, actor=request.user)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Signed."))
    return redirect("credit:sharing", pk)
