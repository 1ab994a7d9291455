"""What an enterprise reads about a candidate in its round: the program and year, skills and
certificates, certification exams, assessments and approved training logs of earlier
placements, and which of the enterprise's own positions the candidate listed (never the rank
given, nor other enterprises' positions: an enterprise does not learn where it was ranked).

Training records live in the tracking app, which builds on placements: they are read through
the app registry so matching does not import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from chanjiao.matching.models import Offer, RoundPosition, RoundStudent

SHOWN_LOGS = 5


@dataclass
class CandidateProfile:
    participant: RoundStudent
    study_year: int
    listed: list[RoundPosition]
    offers: list[Offer]
    exams: list[dict[str, Any]] = field(default_factory=list)
    assessments: list[dict[str, Any]] = field(default_factory=list)
    logs: list[dict[str, Any]] = field(default_factory=list)
    logged_hours: float = 0.0


def candidate_profile(participant: RoundStudent, *, enterprise_id: int | None) -> CandidateProfile:
    """The profile; ``enterprise_id`` limits the positions and offers shown to that enterprise's
    (None for the coordinator, officers, the school and the student, who see the whole list)."""
    student = participant.student
    rnd = participant.round
    positions = RoundPosition.objects.filter(round=rnd, choices__participant=participant).select_related(
        "enterprise"
    )
    offers = Offer.objects.filter(participant=participant).select_related("position__enterprise")
    if enterprise_id is not None:
        positions = positions.filter(enterprise_id=enterprise_id)
        offers = offers.filter(position__enterprise_id=enterprise_id)
    profile = CandidateProfile(
        participant=participant,
        # as eligibility counts it: the year of study when the placements start
        study_year=rnd.starts_on.year - student.year + 1,
        listed=list(positions.distinct().order_by("title", "pk")),
        offers=list(offers.order_by("pk")),
    )
    if apps.is_installed("chanjiao.tracking"):
        _add_training(profile, student.pk)
    return profile


def _add_training(profile: CandidateProfile, student_id: int) -> None:
    exam = apps.get_model("tracking", "CertificationExam")
    assessment = apps.get_model("tracking", "TrainingAssessment")
    log = apps.get_model("tracking", "TrainingLog")
    profile.exams = list(
        exam.objects.filter(student_id=student_id)
        .order_by("-exam_date", "-pk")
        .values("name", "level", "issuer", "exam_date", "passed")
    )
    profile.assessments = list(
        assessment.objects.filter(training__placement__student_id=student_id)
        .order_by("-assessed_on", "criterion__code", "assessor_role")
        .values(
            "criterion__code",
            "criterion__text",
            "assessor_role",
            "score",
            "passed",
            "assessed_on",
            "training__placement__enterprise__name",
        )
    )
    approved = log.objects.filter(training__placement__student_id=student_id, status="approved")
    profile.logged_hours = float(sum(approved.values_list("hours", flat=True)))
    profile.logs = [
        {**row, "content": _excerpt(row["content"])}
        for row in approved.order_by("-starts_on", "-pk").values(
            "starts_on", "ends_on", "hours", "content", "training__placement__enterprise__name"
        )[:SHOWN_LOGS]
    ]


def _excerpt(text: str, length: int = 200) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
