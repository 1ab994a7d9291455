"""Agreement pages: list, draft from the template, detail with revisions and warnings, amend or
renew, sign, exit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.credit.selectors import governing_version
from chanjiao.credit.services import ensure_policy
from chanjiao.governance import selectors, services, wording
from chanjiao.governance.filters import AgreementFilter
from chanjiao.governance.forms import AgreementForm, AmendmentForm, ExitForm
from chanjiao.governance.models import Agreement, AgreementStatus
from chanjiao.governance.policy import party_of
from chanjiao.governance.tables import AGREEMENT_COLUMNS
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def agreement_list(request):
    can_add = access.may_create(request.user, Agreement)
    return list_page(
        request,
        queryset=access.visible(request.user, Agreement).prefetch_related("revisions"),
        filterset_class=AgreementFilter,
        title=_("Cooperation agreements"),
        columns=AGREEMENT_COLUMNS,
        link=lambda a: reverse("governance:agreement", args=[a.pk]),
        actions=[(reverse("governance:agreement_new"), _("Draft an agreement"))] if can_add else [],
    )


@login_required
def agreement_new(request):
    access.require_create(request.user, Agreement)
    organisation = request.user.organisation
    policy = ensure_policy(region=organisation.region, actor=request.user).policy
    form = AgreementForm(request.POST or None, policy=policy, own_organisation=organisation)
    return form_page(
        request,
        form=form,
        title=_("Draft a cooperation agreement"),
        save=lambda data: services.draft_agreement(organisation=organisation, data=data, actor=request.user),
        success_url=lambda agreement: reverse("governance:agreement", args=[agreement.pk]),
        cancel_url=reverse("governance:agreements"),
        success_message=_("Draft saved: every party now signs it."),
    )


@login_required
def agreement_detail(request, pk):
    agreement = access.get(request.user, Agreement, pk)
    version = governing_version(agreement.region)
    today = timezone.localdate()
    revisions = list(
        agreement.revisions.prefetch_related("signatures__organisation").select_related("policy")
    )
    in_force = selectors.in_force_revision(agreement)
    latest = revisions[0]
    checked = in_force or latest
    check = selectors.check_revision(checked, version.policy, today) if version else None
    titles = dict(version.policy.agreements.mandatory_clauses) if version else {}
    terms = [(titles.get(key, key), text) for key, text in checked.clauses.items()]
    party = party_of(request.user, agreement)
    signed = {s.organisation_id for s in latest.signatures.all()}
    live = agreement.status != AgreementStatus.EXITED
    return render(
        request,
        "governance/agreement.html",
        {
            "agreement": agreement,
            "parties": list(agreement.party_rows.select_related("organisation")),
            "revisions": revisions,
            "in_force": in_force,
            "latest": latest,
            "shown": checked,
            "terms": terms,
            "warnings": wording.agreement_warnings(check, titles, checked.ends_on) if check else [],
            "policy_version": version,
            "party": party,
            "can_sign": live and party is not None and latest.in_force_at is None and party.pk not in signed,
            "can_amend": live and party is not None,
            "can_exit": party is not None
            and agreement.status in (AgreementStatus.ACTIVE, AgreementStatus.RENEWED),
            "signed": signed,
            "exit_form": ExitForm(initial={"exited_on": today}),
        },
    )


@login_required
@require_POST
def agreement_sign(request, pk):
    agreement = access.get(request.user, Agreement, pk, Action.CHANGE)
    try:
        revision = services.sign_agreement(
            agreement=agreement, organisation=party_of(request.user, agreement), actor=request.user
        )
    except ValueError as error:
        messages.error(request, str(error))
    else:
        if revision.in_force_at:
            messages.success(
                request, _("Signed by every party: revision %(n)s is in force.") % {"n": revision.number}
            )
        else:
            messages.success(request, _("Signed."))
    return redirect("governance:agreement", pk)


@login_required
def agreement_amend(request, pk):
    agreement = access.get(request.user, Agreement, pk, Action.CHANGE)
    policy = ensure_policy(region=agreement.region, actor=request.user).policy
    current = selectors.latest_revision(agreement)
    form = AmendmentForm(
        request.POST or None,
        policy=policy,
        current=current.clauses,
        initial={
            "starts_on": current.starts_on,
            "ends_on": current.ends_on,
            "other_terms": current.other_terms,
        },
    )
    return form_page(
        request,
        form=form,
        title=_("Amend or renew %(title)s") % {"title": agreement.title},
        save=lambda data: services.amend_agreement(agreement=agreement, data=data, actor=request.user),
        success_url=lambda revision: reverse("governance:agreement", args=[agreement.pk]),
        cancel_url=reverse("governance:agreement", args=[agreement.pk]),
        success_message=_("New revision saved: every party now signs it."),
    )


@login_required
@require_POST
def agreement_exit(request, pk):
    agreement = access.get(request.user, Agreement, pk, Action.CHANGE)
    form = ExitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the exit date and the reason."))
        return redirect("governance:agreement", pk)
    try:
        services.exit_agreement(
            agreement=agreement,
            organisation=party_of(request.user, agreement),
            actor=request.user,
            **form.cleaned_data,
        )
    except (ValueError, ValidationError) as error:
        messages.error(
            request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        )
    else:
        messages.success(request, _("Exited."))
    return redirect("governance:agreement", pk)
