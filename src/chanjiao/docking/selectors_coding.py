"""Reads for occupation coding: the review queue and coverage (share of postings coded at the fine
level with high confidence)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q, QuerySet

from chanjiao.docking.coding import is_uncertain
from chanjiao.docking.models import CodeStatus, Posting

CONFIRMED = (CodeStatus.CONFIRMED, CodeStatus.OVERRIDDEN)


def review_filter() -> Q:
    """Postings whose code still needs a person: the coder's answer is uncertain, or there is none."""
    pending = Q(code_status__in=[CodeStatus.UNCODED, CodeStatus.SUGGESTED])
    uncertain = (
        Q(suggested_confidence__isnull=True)
        | Q(suggested_confidence__lt=settings.CODING_REVIEW_CONFIDENCE)
        | ~Q(suggested_level="fine")
    )
    return pending & uncertain


def needs_review(posting: Posting) -> bool:
    """Whether this posting is in the review queue (the same rule as :func:`review_filter`)."""
    return posting.code_status in {CodeStatus.UNCODED, CodeStatus.SUGGESTED} and is_uncertain(
        posting.suggested_level, posting.suggested_confidence
    )


@dataclass(frozen=True)
class Coverage:
    """Postings coded at the fine level with high confidence (or confirmed by a person)."""

    postings: int
    covered: int
    to_review: int

    @property
    def share(self) -> float | None:
        return self.covered / self.postings if self.postings else None


def coding_coverage(postings: QuerySet[Posting]) -> Coverage:
    """How many of these postings are coded at the fine level with high confidence, and how many
    wait for review."""
    fine = Q(occupation__level=4)
    confident = Q(code_status__in=CONFIRMED) | Q(
        code_status=CodeStatus.SUGGESTED,
        suggested_level="fine",
        suggested_confidence__gte=settings.CODING_REVIEW_CONFIDENCE,
    )
    total = postings.count()
    covered = postings.filter(fine & confident).count()
    return Coverage(total, covered, postings.filter(review_filter()).count())


def review_queue(postings: QuerySet[Posting]) -> QuerySet[Posting]:
    """The postings among these that need a person, least certain first, then the most seats."""
    return (
        postings.filter(review_filter())
        .select_related("enterprise", "region", "suggested_occupation")
        .order_by(F("suggested_confidence").asc(nulls_first=True), "-seats", "pk")
    )
