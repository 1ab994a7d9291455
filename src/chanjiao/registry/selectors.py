"""Reads with joins and aggregates for the home pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.accounts.models import Activity, User
from chanjiao.registry import filters
from chanjiao.registry.models import Carrier, CarrierClass, Organisation, OrgKind, Program, Student

ORGANISATIONS_OF_KIND = {
    OrgKind.SCHOOL: _("Schools"),
    OrgKind.ENTERPRISE: _("Enterprises"),
    OrgKind.ASSOCIATION: _("Associations"),
    OrgKind.GOVERNMENT: _("Government bodies"),
    OrgKind.RESEARCH: _("Research institutes"),
    OrgKind.EVALUATOR: _("Evaluation agencies"),
}


def home_summary(user: User) -> dict[str, Any]:
    """What a user sees first, by role."""
    summary: dict[str, Any] = {"organisation": user.organisation}
    actor = access.actor_of(user)
    path = actor.governs if actor else None
    if (actor and actor.admin) or path:
        # Each figure is its list's own filter on the records the user may see, and its card links
        # to that list with the same parameters: the card's number is the list's.
        region = {"region": str(user.organisation.region_id)} if path and user.organisation else {}
        summary["region_query"] = urlencode(region)

        def listed(model, filterset, **params):
            return filterset({**region, **params}, queryset=access.visible(user, model)).qs

        counts = listed(Organisation, filters.OrganisationFilter).aggregate(
            **{kind: Count("id", filter=Q(kind=kind)) for kind in OrgKind.values}
        )
        carriers = listed(Carrier, filters.CarrierFilter)
        summary["counts"] = [(ORGANISATIONS_OF_KIND[OrgKind(k)], v, k) for k, v in counts.items()]
        summary["programs"] = listed(Program, filters.ProgramFilter).count()
        summary["students"] = listed(Student, filters.StudentFilter).count()
        summary["carrier_classes"] = [
            (CarrierClass(row["carrier_class"]).label, row["n"], row["carrier_class"])
            for row in carriers.order_by()
            .values("carrier_class")
            .annotate(n=Count("id"))
            .order_by("carrier_class")
        ]
        summary["carriers_without_legal_personality"] = carriers.filter(legal_personality=False).count()
        summary["carriers_total"] = carriers.count()
    if actor and actor.represents:
        org = user.organisation
        summary["memberships"] = org.carrier_memberships.select_related("carrier")[:20]
        if org.kind == OrgKind.SCHOOL:
            summary["my_programs"] = org.programs.annotate(n=Count("students"))[:50]
            summary["my_students"] = org.students.count()
        summary["my_teachers"] = org.teachers.count()
    # Recent actions on what the user may see: an officer's region, a school's own records.
    summary["activity"] = access.visible(user, Activity)[:10]
    summary["student"] = Student.objects.select_related("school", "program").filter(user=user).first()
    summary["teacher"] = getattr(user, "teacher_profile", None)
    return summary
