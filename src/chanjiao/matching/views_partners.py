"""Partner suggestions for a college or an enterprise, and expert matching for technical needs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking.models import TechnicalNeed
from chanjiao.matching import policy, services
from chanjiao.matching.experts import suggest_experts, suggestion_for
from chanjiao.matching.forms_rounds import DecisionForm, InvitationForm
from chanjiao.matching.models import ExpertInvitation, InvitationStatus
from chanjiao.matching.partners import recommend_for
from chanjiao.registry.models import Organisation, OrgKind


def partner_organisation(request):
    """The organisation to suggest partners for: ?organisation=<id>, else the user's own."""
    chosen = request.GET.get("organisation") or request.user.organisation_id
    if not chosen:
        raise PermissionDenied(_("Choose a school or an enterprise: add ?organisation=<id>."))
    organisation = access.get(request.user, Organisation, chosen)
    if not policy.may_recommend_for(request.user, organisation):
        raise PermissionDenied(
            _("Suggestions are for the school or enterprise itself and officers in scope.")
        )
    return organisation


@login_required
def partners(request):
    organisation = partner_organisation(request)
    return render(
        request,
        "matching/partners.html",
        {
            "organisation": organisation,
            "suggestions": recommend_for(organisation),
            "for_school": organisation.kind == OrgKind.SCHOOL,
        },
    )


@login_required
def need_experts(request, pk):
    need = access.get(request.user, TechnicalNeed, pk, Action.MANAGE)
    form = InvitationForm(request.POST or None, experts=policy.expert_pool())
    if request.method == "POST":
        if form.is_valid():
            try:
                services.invite_expert(
                    actor=request.user,
                    need=need,
                    expert=form.cleaned_data["expert"],
                    message=form.cleaned_data["message"],
                    **suggestion_for(need, form.cleaned_data["expert"]),
                )
            except ValueError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Invitation sent."))
                return redirect("matching:need_experts", pk=pk)
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
    return render(
        request,
        "matching/need_experts.html",
        {
            "need": need,
            "suggestions": suggest_experts(need),
            "invitations": access.visible(request.user, ExpertInvitation).filter(need=need),
            "can_invite": access.allows(request.user, Action.MANAGE, need),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def invitations(request):
    """The invitations the user may see; ``?status=pending`` (any status) narrows them."""
    shown = access.visible(request.user, ExpertInvitation)
    status = request.GET.get("status")
    if status in InvitationStatus.values:
        shown = shown.filter(status=status)
    return render(request, "matching/invitations.html", {"invitations": shown[:200]})


@login_required
@require_POST
def invitation_respond(request, pk):
    invitation = access.get(request.user, ExpertInvitation, pk, Action.RESPOND)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.respond_to_invitation(
                actor=request.user,
                invitation=invitation,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your answer is recorded."))
    else:
        messages.error(request, _("Answer accept or decline."))
    return redirect("matching:invitations")


@login_required
@require_POST
def invitation_withdraw(request, pk):
    invitation = access.get(request.user, ExpertInvitation, pk)
    access.get(request.user, TechnicalNeed, invitation.need_id, Action.MANAGE)
    try:
        services.withdraw_invitation(actor=request.user, invitation=invitation)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Invitation withdrawn."))
    return redirect("matching:need_experts", pk=invitation.need_id)
