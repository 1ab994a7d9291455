"""Training records kept in the tamper-evident record log.

- ``practical_training``: a placement's training as the school and the host attest it: mentor,
  supervising teacher, required hours, result and its date, whether the host hired the student
  and when, and the training hours behind it (hours in logs the mentor approved, hours of
  recorded training sessions). Logged at every change by ``chanjiao.tracking.services.training``.
- ``mentor_assessments``: the enterprise mentor's scores against the criteria, logged after each
  one is recorded (a training has this record once its mentor has assessed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chanjiao.ledger.records import RecordType, field_reader
from chanjiao.tracking.models import (
    AssessorRole,
    LogStatus,
    PracticalTraining,
    TrainingAssessment,
    TrainingLog,
    TrainingSession,
)

PRACTICAL_TRAINING = "practical_training"
MENTOR_ASSESSMENTS = "mentor_assessments"
TRAINING_FIELDS = ("mentor", "supervisor", "required_hours", "status", "completed_on", "hired", "hired_on")
ASSESSMENT_FIELDS = ("criterion", "score", "passed", "assessed_on", "comment")
_read_training_fields = field_reader(*TRAINING_FIELDS)


def _hours(rows) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(lambda: Decimal("0.0"))
    for training_id, hours in rows:
        totals[training_id] += hours
    return totals


def read_trainings(queryset: QuerySet) -> Iterator[tuple[Any, dict[str, Any]]]:
    trainings = queryset.order_by().values("pk")
    approved = _hours(
        TrainingLog.objects.filter(training__in=trainings, status=LogStatus.APPROVED).values_list(
            "training_id", "hours"
        )
    )
    sessions = _hours(
        TrainingSession.objects.filter(training__in=trainings).values_list("training_id", "hours")
    )
    for pk, content in _read_training_fields(queryset):
        yield pk, {**content, "approved_log_hours": approved[pk], "session_hours": sessions[pk]}


def read_mentor_assessments(queryset: QuerySet) -> Iterator[tuple[Any, dict[str, Any]]]:
    assessed = queryset.filter(assessments__assessor_role=AssessorRole.MENTOR).distinct()
    scores: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = (
        TrainingAssessment.objects.filter(
            training__in=assessed.order_by().values("pk"), assessor_role=AssessorRole.MENTOR
        )
        .order_by("training_id", "criterion_id")
        .values_list(
            "training_id", *[f"{name}_id" if name == "criterion" else name for name in ASSESSMENT_FIELDS]
        )
    )
    for training_id, *values in rows:
        scores[training_id].append(dict(zip(ASSESSMENT_FIELDS, values, strict=True)))
    for pk in assessed.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=2000):
        yield pk, {"mentor_assessments": scores[pk]}


RECORD_TYPES = [
    RecordType(
        name=PRACTICAL_TRAINING,
        model=PracticalTraining,
        label=_("Practical training"),
        read_contents=read_trainings,
        url_name="tracking:training",
    ),
    RecordType(
        name=MENTOR_ASSESSMENTS,
        model=PracticalTraining,
        label=_("Mentor's assessment"),
        read_contents=read_mentor_assessments,
        url_name="tracking:training",
        logs_model_changes=False,
    ),
]
