"""Writes about teachers: certificates, enterprise practice, teaching hours, dual-qualified reviews."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q, Sum

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.registry.models import OrgKind, Teacher
from chanjiao.registry.services import update_record
from chanjiao.tracking.models import DualQualifiedReview, EnterprisePractice, TeacherCertificate
from chanjiao.tracking.rules import DualQualifiedEvidence, practice_window_start


def evidence_of(teacher: Teacher, on: dt.date) -> DualQualifiedEvidence:
    """Valid certificates on a day and enterprise practice days in the five years up to it."""
    certificates = TeacherCertificate.objects.filter(teacher=teacher, issued_on__lte=on).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=on)
    )
    practice = EnterprisePractice.objects.filter(
        teacher=teacher, start_date__lte=on, end_date__gt=practice_window_start(on)
    ).aggregate(days=Sum("days"))
    return DualQualifiedEvidence(valid_certificates=certificates.count(), practice_days=practice["days"] or 0)


@transaction.atomic
def review_dual_qualified(*, actor: User | None, teacher: Teacher, on: dt.date) -> DualQualifiedReview:
    """Check a college teacher's evidence on a day; the result becomes their dual-qualified flag."""
    if teacher.organisation.kind != OrgKind.SCHOOL:
        raise ValueError("Dual-qualified status is reviewed for college teachers.")
    evidence = evidence_of(teacher, on)
    review = DualQualifiedReview.objects.create(
        teacher=teacher,
        reviewed_on=on,
        qualified=evidence.qualified,
        valid_certificates=evidence.valid_certificates,
        practice_days=evidence.practice_days,
        reviewed_by=actor if actor is not None and actor.pk else None,
    )
    latest = DualQualifiedReview.objects.filter(teacher=teacher).order_by("-reviewed_on", "-id").first()
    if latest is not None and latest.pk == review.pk:
        update_record(actor=actor, instance=teacher, data={"dual_qualified": evidence.qualified})
    record_activity(
        actor=actor,
        verb="review_dual_qualified",
        target=teacher,
        summary=f"{on}: {'qualified' if evidence.qualified else 'not qualified'} "
        f"({evidence.valid_certificates} certificates, {evidence.practice_days} practice days)",
    )
    return review
