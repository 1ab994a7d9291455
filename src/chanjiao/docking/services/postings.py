"""Postings: create, edit, publish / fill / close, and coding to CSCO occupations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.credit import Policy
from chanjiao.credit.selectors import governing_version
from chanjiao.docking.coding import Suggestion, apply_suggestion, cleaned_title, suggest_codes
from chanjiao.docking.models import CodeStatus, CodingFeedback, Posting, PostingKind, PostingStatus
from chanjiao.docking.services.coder import retrain_if_due
from chanjiao.registry.models import Occupation

POSTING_TRANSITIONS = {
    PostingStatus.DRAFT: (PostingStatus.PUBLISHED, PostingStatus.CLOSED),
    PostingStatus.PUBLISHED: (PostingStatus.FILLED, PostingStatus.CLOSED),
    PostingStatus.FILLED: (PostingStatus.PUBLISHED, PostingStatus.CLOSED),
    PostingStatus.CLOSED: (PostingStatus.PUBLISHED,),
}


def _publish(posting: Posting) -> None:
    posting.status = PostingStatus.PUBLISHED
    if posting.published_on is None:  # demand counts once, in the month first published
        posting.published_on = timezone.localdate()


def check_internship_pay(posting: Posting) -> None:
    """Refuse internship seats paid below the region's floor (80 % by default, after the 2021
    internship regulation, art. 18) of the lowest pay the enterprise itself publishes for a job
    on the same occupation: its own figure for the same post's wage (docs/internships.md). Seats
    without pay, or without such a job posting, are not checked."""
    offered = posting.salary_min if posting.salary_min is not None else posting.salary_max
    if posting.kind != PostingKind.INTERNSHIP or offered is None or posting.occupation_id is None:
        return
    post_wage = (
        Posting.objects.filter(
            enterprise_id=posting.enterprise_id,
            kind=PostingKind.JOB,
            occupation_id=posting.occupation_id,
            status__in=[PostingStatus.PUBLISHED, PostingStatus.FILLED],
            salary_min__isnull=False,
        )
        .exclude(pk=posting.pk)
        .aggregate(lowest=Min("salary_min"))["lowest"]
    )
    if post_wage is None:
        return
    version = governing_version(posting.region)
    rules = (version.policy if version else Policy()).internships
    floor = rules.pay_floor(Decimal(post_wage))
    if offered < floor:
        raise ValueError(
            _(
                "Internship seats paid %(pay)s yuan a month are below %(share)s of the %(wage)s yuan "
                "your job postings offer for the same occupation (at least %(floor)s yuan)."
            )
            % {"pay": offered, "share": f"{rules.min_pay_share:.0%}", "wage": post_wage, "floor": floor}
        )


@transaction.atomic
def create_posting(
    *, actor: User | None, data: dict[str, Any], publish: bool = False, suggestion: Suggestion | None = None
) -> Posting:
    """Save a posting (a draft unless ``publish``), coded by the coder on the way in.

    An import passes ``suggestion`` computed for all its rows in one batch.
    """
    posting = Posting(**data, created_by=actor if actor is not None and actor.pk else None)
    if publish:
        _publish(posting)
    if suggestion is None:
        suggestion = suggest_codes([posting.title], [posting.description])[0]
    apply_suggestion(posting, suggestion)
    posting.full_clean()
    check_internship_pay(posting)
    posting.save()
    record_activity(actor=actor, verb="create_posting", target=posting, summary=posting.title)
    return posting


@transaction.atomic
def update_posting(*, actor: User | None, posting: Posting, data: dict[str, Any]) -> Posting:
    """Apply validated changes; a new title or description is coded again."""
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    changed = {k: v for k, v in data.items() if getattr(posting, k) != v}
    for field, value in changed.items():
        setattr(posting, field, value)
    if not changed:
        return posting
    if {"title", "description"} & set(changed):
        apply_suggestion(posting, suggest_codes([posting.title], [posting.description])[0])
    posting.full_clean()
    check_internship_pay(posting)
    posting.save()
    record_activity(actor=actor, verb="update_posting", target=posting, summary=", ".join(sorted(changed)))
    return posting


@transaction.atomic
def set_posting_status(*, actor: User | None, posting: Posting, status: str) -> Posting:
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    if status == posting.status:
        return posting
    if status not in POSTING_TRANSITIONS[PostingStatus(posting.status)]:
        target = PostingStatus(status).label.lower() if status in PostingStatus.values else repr(status)
        raise ValueError(f"A {PostingStatus(posting.status).label.lower()} posting cannot become {target}.")
    if status == PostingStatus.PUBLISHED:
        _publish(posting)
    else:
        posting.status = status
    posting.save(update_fields=["status", "published_on", "updated_at"])
    record_activity(actor=actor, verb=f"posting_{status}", target=posting, summary=posting.title)
    return posting


@transaction.atomic
def code_posting(*, actor: User | None, posting: Posting, occupation: Occupation) -> Posting:
    """Confirm the suggested code or override it; either way the choice feeds the coder back."""
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    overridden = occupation.code != posting.suggested_occupation_id
    posting.occupation = occupation
    posting.code_status = CodeStatus.OVERRIDDEN if overridden else CodeStatus.CONFIRMED
    posting.coded_by = actor if actor is not None and actor.pk else None
    posting.coded_at = timezone.now()
    posting.save(update_fields=["occupation", "code_status", "coded_by", "coded_at", "updated_at"])
    CodingFeedback.objects.create(
        posting=posting,
        title=posting.title,
        cleaned_title=cleaned_title(posting.title),
        description=posting.description,
        suggested_code=posting.suggested_occupation_id or "",
        occupation=occupation,
        overridden=overridden,
        actor=posting.coded_by,
    )
    verb = "override_posting_code" if overridden else "confirm_posting_code"
    record_activity(actor=actor, verb=verb, target=posting, summary=f"{posting.title} → {occupation.code}")
    retrain_if_due(actor=actor)
    return posting
