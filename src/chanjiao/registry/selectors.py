"""Reads with joins and aggregates for the home pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.accounts.models import Activity, User
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
        org_filter = Q(region__path__startswith=path) if path else Q()
        counts = Organisation.objects.filter(org_filter).aggregate(
            **{kind: Count("id", filter=Q(kind=kind)) for kind in OrgKind.values}
        )
        carriers = Carrier.objects.filter(org_filter)
        summary["counts"] = [(ORGANISATIONS_OF_KIND[OrgKind(k)], v, k) for k, v in counts.items()]
        summary["programs"] = Program.objects.filter(
            **({"school__region__path__startswith": path} if path else {})
        ).count()
        summary["students"] = Student.objects.filter(
            **({"school__region__path__startswith": path} if path else {})
        ).count()
        summary["carrier_classes"] = [
            (CarrierClass(row["carrier_class"]).label, row["n"], row["carrier_class"])
            for row in carriers.values("carrier_class").annotate(n=Count("id")).order_by("carrier_class")
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
