"""Writes for internship compliance: a placement's three-party agreement, and the problems a
student reports confidentially to the school, with the school's answer."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.matching.models import Placement
from chanjiao.tracking.compliance import check_agreement
from chanjiao.tracking.models import ConcernStatus, InternshipAgreement, InternshipConcern

AGREEMENT_FIELDS = (
    "monthly_pay",
    "post_wage",
    "post_staff",
    "insurer",
    "insurance_policy_no",
    "insured_from",
    "insured_to",
    "school_signed_on",
    "enterprise_signed_on",
    "student_signed_on",
    "guardian_name",
)


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


@transaction.atomic
def record_agreement(
    *, actor: User | None, placement: Placement, data: dict[str, Any]
) -> InternshipAgreement:
    """Record (or correct) the placement's three-party agreement: pay, the post's wage and staff,
    the liability insurance and each party's signature. Refused when it breaks the region's
    internship rules (pay floor, the post's share of interns, dates)."""
    agreement = InternshipAgreement.objects.select_for_update().filter(placement=placement).first()
    if agreement is None:
        agreement = InternshipAgreement(placement=placement)
    for field in AGREEMENT_FIELDS:
        if field in data:
            setattr(agreement, field, data[field])
    agreement.updated_by = _user(actor)
    check_agreement(placement, agreement)
    agreement.full_clean()
    agreement.save()
    record_activity(
        actor=actor,
        verb="record_internship_agreement",
        target=placement,
        summary=f"signed {agreement.signed_on or '-'}",
    )
    return agreement


@transaction.atomic
def report_concern(
    *, actor: User | None, placement: Placement, topic: str, description: str
) -> InternshipConcern:
    """A student tells the school about a problem with the internship. Nothing is recorded in
    the activity feed, which the host could read: the report itself is the only trace."""
    description = description.strip()
    if not description:
        raise ValueError(_("Say what happened."))
    concern = InternshipConcern(
        placement=placement, topic=topic, description=description, reported_by=_user(actor)
    )
    concern.full_clean()
    concern.save()
    return concern


@transaction.atomic
def answer_concern(*, actor: User | None, concern: InternshipConcern, response: str) -> InternshipConcern:
    concern = InternshipConcern.objects.select_for_update().get(pk=concern.pk)
    response = response.strip()
    if not response:
        raise ValueError(_("Write the school's answer."))
    concern.response = response
    concern.status = ConcernStatus.ANSWERED
    concern.answered_by = _user(actor)
    concern.answered_at = timezone.now()
    concern.save(update_fields=["response", "status", "answered_by", "answered_at"])
    return concern
