"""Internship compliance pages: the organisations whose panel one may see, and an enterprise's or
a school's panel listing the breaches of the internship rules (and, for a school, the problems
its students reported)."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry.filters import OrganisationFilter
from chanjiao.registry.models import Organisation, OrgKind
from chanjiao.tracking import compliance
from chanjiao.tracking.models import InternshipConcern
from chanjiao.web.lists import Column, choice, list_page

ORGANISATION_COLUMNS: list[Column] = [
    (_("Organisation"), lambda o: o.name),
    (_("Kind"), choice("kind")),
    (_("Region"), lambda o: o.region.name),
]


@login_required
def compliance_index(request):
    """A representative goes straight to its own organisation's panel; an officer picks one."""
    organisations = access.visible(request.user, Organisation, Action.VIEW_COMPLIANCE).filter(
        kind__in=[OrgKind.SCHOOL, OrgKind.ENTERPRISE]
    )
    actor = access.actor_of(request.user)
    if actor is not None and actor.represents and organisations.filter(pk=actor.represents).exists():
        return redirect("tracking:compliance_panel", pk=actor.represents)
    return list_page(
        request,
        queryset=organisations.select_related("region").order_by("name", "pk"),
        filterset_class=OrganisationFilter,
        title=_("Internship compliance"),
        columns=ORGANISATION_COLUMNS,
        link=lambda o: reverse("tracking:compliance_panel", args=[o.pk]),
    )


def panel_context(user, organisation: Organisation) -> dict:
    placements = compliance.school_or_enterprise_placements(organisation)
    breaches = compliance.placement_breaches(placements)
    concerns = access.visible(user, InternshipConcern).filter(placement__student__school=organisation)
    policy = compliance.internship_policy(organisation.region)
    return {
        "organisation": organisation,
        "policy": policy,
        "shares": {
            "staff": f"{policy.max_staff_share:.0%}",
            "post": f"{policy.max_post_share:.0%}",
            "pay": f"{policy.min_pay_share:.0%}",
        },
        "breaches": breaches,
        "by_kind": [
            (compliance.BREACH_LABELS[compliance.BreachKind(kind)], n)
            for kind, n in Counter(breach.kind for breach in breaches).most_common()
        ],
        "placements_in_breach": len({breach.placement.pk for breach in breaches}),
        "concerns": concerns.select_related("placement__student", "placement__enterprise")[:200],
    }


@login_required
def compliance_panel(request, pk):
    organisation = access.get(request.user, Organisation, pk, Action.VIEW_COMPLIANCE)
    return render(request, "tracking/compliance_panel.html", panel_context(request.user, organisation))
