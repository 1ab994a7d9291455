"""Pages for the records the credit file counts: contributions, insurance covers and claims,
disputes and breaches."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from chanjiao.credit import access
from chanjiao.credit.filters import ContributionFilter, CoverFilter, IncidentFilter
from chanjiao.credit.forms import ContributionForm, IncidentForm, InsuranceClaimForm, InsuranceCoverForm
from chanjiao.credit.services_records import record_claim, record_contribution, record_cover, record_incident
from chanjiao.credit.tables import CONTRIBUTION_COLUMNS, COVER_COLUMNS, INCIDENT_COLUMNS
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def contribution_list(request):
    can_add = access.enterprises_user_can_record_for(request.user).exists()
    return list_page(
        request,
        queryset=access.visible_contributions(request.user),
        filterset_class=ContributionFilter,
        title=_("Equipment, technology and fund contributions"),
        columns=CONTRIBUTION_COLUMNS,
        link=lambda c: reverse("credit:contribution", args=[c.pk]),
        actions=[(reverse("credit:contribution_new"), _("Record a contribution"))] if can_add else [],
    )


@login_required
def contribution_detail(request, pk):
    contribution = access.access_contribution(request.user, pk)
    return render(request, "credit/contribution.html", {"contribution": contribution})


@login_required
def contribution_new(request):
    enterprises = access.enterprises_user_can_record_for(request.user)
    if not enterprises.exists():
        raise PermissionDenied(_("Only enterprises and officers record contributions."))
    form = ContributionForm(request.POST or None, enterprises=enterprises, initial=_own(request))
    return form_page(
        request,
        form=form,
        title=_("Record a contribution"),
        save=lambda data: record_contribution(actor=request.user, data=data),
        success_url=lambda c: reverse("credit:contribution", args=[c.pk]),
        cancel_url=reverse("credit:contributions"),
        success_message=_("Contribution recorded; the credit file is updated."),
    )


@login_required
def cover_list(request):
    can_add = access.enterprises_user_can_record_for(request.user).exists()
    return list_page(
        request,
        queryset=access.visible_covers(request.user),
        filterset_class=CoverFilter,
        title=_("Comprehensive insurance covers"),
        columns=COVER_COLUMNS,
        link=lambda c: reverse("credit:cover", args=[c.pk]),
        actions=[(reverse("credit:cover_new"), _("Record a cover"))] if can_add else [],
    )


@login_required
def cover_detail(request, pk):
    cover = access.access_cover(request.user, pk)
    can_edit = access.enterprises_user_can_record_for(request.user).filter(pk=cover.enterprise_id).exists()
    return render(
        request,
        "credit/cover.html",
        {
            "cover": cover,
            "claims": cover.claims.all(),
            "claim_form": InsuranceClaimForm(cover=cover) if can_edit else None,
        },
    )


@login_required
def cover_new(request):
    enterprises = access.enterprises_user_can_record_for(request.user)
    if not enterprises.exists():
        raise PermissionDenied(_("Only enterprises and officers record insurance."))
    form = InsuranceCoverForm(request.POST or None, enterprises=enterprises, initial=_own(request))
    return form_page(
        request,
        form=form,
        title=_("Record an insurance cover"),
        save=lambda data: record_cover(actor=request.user, data=data),
        success_url=lambda c: reverse("credit:cover", args=[c.pk]),
        cancel_url=reverse("credit:covers"),
        success_message=_("Cover recorded; the credit file is updated."),
    )


@login_required
def claim_new(request, pk):
    cover = access.access_cover(request.user, pk, edit=True)
    form = InsuranceClaimForm(request.POST or None, cover=cover)
    return form_page(
        request,
        form=form,
        title=_("Record a claim under %(cover)s") % {"cover": cover},
        save=lambda data: record_claim(actor=request.user, cover=cover, data=data),
        success_url=lambda claim: reverse("credit:cover", args=[cover.pk]),
        cancel_url=reverse("credit:cover", args=[cover.pk]),
        success_message=_("Claim recorded; the credit file is updated."),
    )


@login_required
def incident_list(request):
    return list_page(
        request,
        queryset=access.visible_incidents(request.user),
        filterset_class=IncidentFilter,
        title=_("Disputes and breaches"),
        columns=INCIDENT_COLUMNS,
        link=lambda i: reverse("credit:file", args=[i.enterprise_id]),
        actions=[(reverse("credit:incident_new"), _("Record a dispute or breach"))]
        if access.is_officer(request.user)
        else [],
    )


@login_required
def incident_new(request):
    enterprises = access.enterprises_user_can_find_against(request.user)
    if not access.is_officer(request.user):
        raise PermissionDenied(_("Only officers record disputes and breaches."))
    form = IncidentForm(request.POST or None, enterprises=enterprises)
    return form_page(
        request,
        form=form,
        title=_("Record a dispute or breach"),
        save=lambda data: record_incident(actor=request.user, data=data),
        success_url=lambda i: reverse("credit:file", args=[i.enterprise_id]),
        cancel_url=reverse("credit:incidents"),
        success_message=_("Recorded; the enterprise's credit file is updated."),
    )


def _own(request) -> dict:
    return {"enterprise": request.user.organisation_id} if request.user.organisation_id else {}
