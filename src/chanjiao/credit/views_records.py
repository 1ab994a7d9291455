"""Pages for the records the credit file counts: contributions, insurance covers and claims,
disputes and breaches."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.credit.filters import ContributionFilter, CoverFilter, IncidentFilter
from chanjiao.credit.forms import ContributionForm, IncidentForm, InsuranceClaimForm, InsuranceCoverForm
from chanjiao.credit.models import Contribution, Incident, InsuranceCover
from chanjiao.credit.policy import recordable
from chanjiao.credit.services_records import record_claim, record_contribution, record_cover, record_incident
from chanjiao.credit.tables import CONTRIBUTION_COLUMNS, COVER_COLUMNS, INCIDENT_COLUMNS
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def contribution_list(request):
    can_add = access.may_create(request.user, Contribution)
    return list_page(
        request,
        queryset=access.visible(request.user, Contribution),
        filterset_class=ContributionFilter,
        title=_("Equipment, technology and fund contributions"),
        columns=CONTRIBUTION_COLUMNS,
        link=lambda c: reverse("credit:contribution", args=[c.pk]),
        actions=[(reverse("credit:contribution_new"), _("Record a contribution"))] if can_add else [],
    )


@login_required
def contribution_detail(request, pk):
    contribution = access.get(request.user, Contribution, pk)
    return render(request, "credit/contribution.html", {"contribution": contribution})


@login_required
def contribution_new(request):
    access.require_create(request.user, Contribution)
    enterprises = recordable(request.user, Contribution)
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
    can_add = access.may_create(request.user, InsuranceCover)
    return list_page(
        request,
        queryset=access.visible(request.user, InsuranceCover),
        filterset_class=CoverFilter,
        title=_("Comprehensive insurance covers"),
        columns=COVER_COLUMNS,
        link=lambda c: reverse("credit:cover", args=[c.pk]),
        actions=[(reverse("credit:cover_new"), _("Record a cover"))] if can_add else [],
    )


@login_required
def cover_detail(request, pk):
    cover = access.get(request.user, InsuranceCover, pk)
    can_edit = access.allows(request.user, Action.CHANGE, cover)
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
    access.require_create(request.user, InsuranceCover)
    enterprises = recordable(request.user, InsuranceCover)
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
    cover = access.get(request.user, InsuranceCover, pk, Action.CHANGE)
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
        queryset=access.visible(request.user, Incident),
        filterset_class=IncidentFilter,
        title=_("Disputes and breaches"),
        columns=INCIDENT_COLUMNS,
        link=lambda i: reverse("credit:file", args=[i.enterprise_id]),
        actions=[(reverse("credit:incident_new"), _("Record a dispute or breach"))]
        if access.possible(request.user, Action.CREATE, Incident)
        else [],
    )


@login_required
def incident_new(request):
    access.require_possible(request.user, Action.CREATE, Incident)
    form = IncidentForm(request.POST or None, enterprises=recordable(request.user, Incident))
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
