"""Internship rules of the region's policy: the checks every write runs (placement, agreement,
log) and the breaches a compliance panel lists and the credit file counts.

The rules are the ``internships`` section of the region's versioned policy
(:class:`chanjiao.core.credit.policy_internships.InternshipPolicy`), read for the host
enterprise's region; a region without a policy of its own follows the regulation's defaults.
Only post internships (岗位实习: a placement of kind internship whose stage is not *cognitive*)
are bound by the shares, the agreement and the insurance; the pay floor binds the post stage,
where the student works relatively independently.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chanjiao.core.credit import Policy
from chanjiao.core.credit.policy_internships import (
    HoursProblem,
    InternshipPolicy,
    day_problem,
    log_hours_problem,
    week_problem,
)
from chanjiao.credit.selectors import governing_version
from chanjiao.matching.models import InternshipStage, Placement, PlacementKind, PlacementStatus
from chanjiao.registry.models import Region
from chanjiao.tracking.models import InternshipAgreement, LogPeriod, TrainingLog

NOT_HOSTING = (PlacementStatus.OFFERED, PlacementStatus.DECLINED)
"""An offer not (yet) taken up puts no intern in the enterprise."""


def is_post_internship(kind: str, stage: str) -> bool:
    return kind == PlacementKind.INTERNSHIP and stage != InternshipStage.COGNITIVE


def post_internships() -> QuerySet[Placement]:
    return Placement.objects.filter(kind=PlacementKind.INTERNSHIP).exclude(stage=InternshipStage.COGNITIVE)


class PolicyMemo:
    """The internship rules of each region, read once per region."""

    def __init__(self) -> None:
        self._by_region: dict[int, InternshipPolicy] = {}

    def __call__(self, region: Region) -> InternshipPolicy:
        if region.pk not in self._by_region:
            version = governing_version(region)
            self._by_region[region.pk] = (version.policy if version else Policy()).internships
        return self._by_region[region.pk]


def internship_policy(region: Region) -> InternshipPolicy:
    """The internship rules governing ``region`` (the regulation's defaults without a policy)."""
    return PolicyMemo()(region)


def _hours(value: Decimal | float) -> str:
    return f"{Decimal(str(value)).normalize():f}"


# -- checks run by the services: a ValueError refuses the write ------------------------------------


def interns_on(
    enterprise_id: int, day: dt.date, *, occupation_id: int | None = None, exclude: int | None = None
) -> int:
    """Post interns the enterprise hosts on ``day`` (on one occupation's post when given)."""
    rows = post_internships().filter(enterprise_id=enterprise_id, start_date__lte=day, end_date__gte=day)
    if occupation_id is not None:
        rows = rows.filter(occupation_id=occupation_id)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return rows.exclude(status__in=NOT_HOSTING).count()


def check_placement(placement: Placement) -> None:
    """Refuse a post internship that takes the host's interns above its share of the staff on
    the day it starts (an enterprise that has not stated its employees is not checked)."""
    if not is_post_internship(placement.kind, placement.stage) or placement.status in NOT_HOSTING:
        return
    enterprise = placement.enterprise
    if enterprise.employees is None:
        return
    policy = internship_policy(enterprise.region)
    interns = interns_on(enterprise.pk, placement.start_date, exclude=placement.pk) + 1
    if policy.share_exceeded(interns, enterprise.employees):
        raise ValueError(
            _(
                "%(enterprise)s would host %(interns)s post interns on %(day)s among %(staff)s "
                "employees: interns may be at most %(share)s of the staff."
            )
            % {
                "enterprise": enterprise,
                "interns": interns,
                "day": placement.start_date,
                "staff": enterprise.employees,
                "share": f"{policy.max_staff_share:.0%}",
            }
        )


def check_agreement(placement: Placement, agreement: InternshipAgreement) -> None:
    """Refuse an agreement that pays a post intern below the floor, puts more interns on the
    post than its share of the post's staff, or is dated in the future."""
    policy = internship_policy(placement.enterprise.region)
    today = timezone.localdate()
    for field in ("school_signed_on", "enterprise_signed_on", "student_signed_on"):
        day = getattr(agreement, field)
        if day is not None and day > today:
            raise ValueError(_("A signature is dated in the future (%(day)s).") % {"day": day})
    if (
        agreement.insured_from is not None
        and agreement.insured_to is not None
        and agreement.insured_to < agreement.insured_from
    ):
        raise ValueError(_("The insurance ends before it starts."))
    problem = pay_problem(policy, placement, agreement)
    if problem:
        raise ValueError(problem)
    problem = post_share_problem(policy, placement, agreement)
    if problem:
        raise ValueError(problem)


def pay_problem(policy: InternshipPolicy, placement: Placement, agreement: InternshipAgreement) -> str:
    if placement.stage != InternshipStage.POST or placement.kind != PlacementKind.INTERNSHIP:
        return ""
    if agreement.monthly_pay is None or agreement.post_wage is None:
        return ""
    floor = policy.pay_floor(agreement.post_wage)
    if agreement.monthly_pay >= floor:
        return ""
    return _(
        "The monthly pay of %(pay)s yuan is below %(share)s of the post's wage of %(wage)s yuan "
        "(at least %(floor)s yuan)."
    ) % {
        "pay": agreement.monthly_pay,
        "share": f"{policy.min_pay_share:.0%}",
        "wage": agreement.post_wage,
        "floor": floor,
    }


def post_share_problem(
    policy: InternshipPolicy, placement: Placement, agreement: InternshipAgreement, interns: int | None = None
) -> str:
    if agreement.post_staff is None or placement.occupation_id is None:
        return ""
    if not is_post_internship(placement.kind, placement.stage):
        return ""
    if interns is None:
        interns = (
            interns_on(
                placement.enterprise_id,
                placement.start_date,
                occupation_id=placement.occupation_id,
                exclude=placement.pk,
            )
            + 1
        )
    if not policy.share_exceeded(interns, agreement.post_staff, post=True):
        return ""
    return _(
        "%(interns)s post interns on this post among %(staff)s staff on it: interns may be at "
        "most %(share)s of a post's staff."
    ) % {"interns": interns, "staff": agreement.post_staff, "share": f"{policy.max_post_share:.0%}"}


def week_totals(logs: Iterable[tuple[dt.date, dt.date, Decimal]]) -> dict[tuple[int, int], Decimal]:
    """Hours per ISO week; a log's hours are spread evenly over its days (a weekly log is
    within one Monday-to-Sunday week or straddles two)."""
    totals: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for starts_on, ends_on, hours in logs:
        days = (ends_on - starts_on).days + 1
        for offset in range(days):
            year, week, _day = (starts_on + dt.timedelta(days=offset)).isocalendar()
            totals[(year, week)] += hours / days
    # a third of a day's hours three times is the day's hours, not a hair above them
    return {key: total.quantize(Decimal("0.01")) for key, total in totals.items()}


def hours_message(problem: HoursProblem) -> str:
    if problem.per == "day":
        return _("At most %(limit)s hours a day: %(hours)s hours over %(days)s days.") % {
            "limit": _hours(problem.limit),
            "hours": _hours(problem.hours),
            "days": problem.days,
        }
    return _("At most %(limit)s hours a week: %(hours)s hours logged in week %(week)s of %(year)s.") % {
        "limit": _hours(problem.limit),
        "hours": _hours(problem.hours.quantize(Decimal("0.1"))),
        "week": problem.week,
        "year": problem.year,
    }


def check_log(
    placement: Placement,
    *,
    period: str,
    starts_on: dt.date,
    ends_on: dt.date,
    hours: Decimal,
    night_work: bool,
    holiday_work: bool,
    replacing: int | None = None,
) -> None:
    """Refuse (a ValidationError naming the field) a log outside the placement's dates, above the hours limits (per day, and per week
    with the placement's other logs), or reporting night or holiday work the rules forbid."""
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    if period == LogPeriod.DAILY and ends_on != starts_on:
        raise ValidationError({"ends_on": _("A daily log covers one day.")})
    if period == LogPeriod.WEEKLY and (ends_on - starts_on).days > 6:
        raise ValidationError({"ends_on": _("A weekly log covers at most seven days.")})
    if starts_on < placement.start_date or ends_on > placement.end_date:
        raise ValidationError(
            {
                "starts_on": _("The log must fall within the placement (%(start)s to %(end)s).")
                % {"start": placement.start_date, "end": placement.end_date}
            }
        )
    if starts_on > timezone.localdate():
        raise ValidationError({"starts_on": _("A log is written for days that have begun.")})
    policy = internship_policy(placement.enterprise.region)
    if night_work and not policy.night_work_allowed:
        raise ValidationError(
            {"night_work": _("Interns may not work night shifts; tell your school (report a problem).")}
        )
    if holiday_work and not policy.holiday_work_allowed:
        raise ValidationError(
            {
                "holiday_work": _(
                    "Interns may not work on statutory holidays; tell your school (report a problem)."
                )
            }
        )
    others = TrainingLog.objects.filter(
        training__placement=placement, starts_on__lte=ends_on + dt.timedelta(days=7)
    )
    others = others.filter(ends_on__gte=starts_on - dt.timedelta(days=7))
    if replacing is not None:
        others = others.exclude(pk=replacing)
    rows = [*others.values_list("starts_on", "ends_on", "hours"), (starts_on, ends_on, hours)]
    touched = {(d.isocalendar()[0], d.isocalendar()[1]) for d in _days(starts_on, ends_on)}
    weeks = {key: total for key, total in week_totals(rows).items() if key in touched}
    problem = log_hours_problem(policy, days=(ends_on - starts_on).days + 1, hours=hours, week_hours=weeks)
    if problem is not None:
        raise ValidationError({"hours": hours_message(problem)})


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


# -- breaches: what a panel lists and the credit file counts --------------------------------------


class BreachKind(StrEnum):
    NO_AGREEMENT = "no_agreement"
    LATE_AGREEMENT = "late_agreement"
    NO_INSURANCE = "no_insurance"
    PAY = "pay_below_floor"
    STAFF_SHARE = "staff_share"
    POST_SHARE = "post_share"
    HOURS = "hours"
    NIGHT = "night_work"
    HOLIDAY = "holiday_work"
    OUTSIDE = "log_outside_dates"


BREACH_LABELS = {
    BreachKind.NO_AGREEMENT: gettext_lazy("No three-party agreement"),
    BreachKind.LATE_AGREEMENT: gettext_lazy("Agreement signed after the start"),
    BreachKind.NO_INSURANCE: gettext_lazy("No liability insurance"),
    BreachKind.PAY: gettext_lazy("Pay below the floor"),
    BreachKind.STAFF_SHARE: gettext_lazy("Too many interns for the staff"),
    BreachKind.POST_SHARE: gettext_lazy("Too many interns on one post"),
    BreachKind.HOURS: gettext_lazy("Hours above the limit"),
    BreachKind.NIGHT: gettext_lazy("Night work"),
    BreachKind.HOLIDAY: gettext_lazy("Work on statutory holidays"),
    BreachKind.OUTSIDE: gettext_lazy("Logs outside the placement"),
}


@dataclass(frozen=True)
class Breach:
    placement: Placement
    kind: str
    message: str


def placement_breaches(placements: QuerySet[Placement], *, today: dt.date | None = None) -> list[Breach]:
    """Every breach of the internship rules among ``placements`` that have started: one row per
    placement and rule broken, in placement order."""
    today = today or timezone.localdate()
    started = (
        post_internships()
        .filter(pk__in=placements.values("pk"), start_date__lte=today)
        .exclude(status__in=NOT_HOSTING)
    )
    rows = list(
        started.select_related(
            "student", "student__school", "enterprise", "enterprise__region", "internship_agreement"
        ).order_by("enterprise_id", "start_date", "pk")
    )
    if not rows:
        return []
    policies = PolicyMemo()
    # subqueries rather than lists of ids: a region's credit run reads thousands of placements
    hosted = _hosted_intervals(started.values("enterprise_id"))
    logs = defaultdict(list)
    for log in TrainingLog.objects.filter(training__placement__in=started.values("pk")).order_by("starts_on"):
        logs[log.training_id].append(log)
    breaches: list[Breach] = []
    for placement in rows:
        policy = policies(placement.enterprise.region)
        breaches.extend(_breaches_of(placement, policy, hosted, logs.get(placement.pk, [])))
    return breaches


def _hosted_intervals(enterprise_ids: QuerySet) -> dict[int, list[tuple[dt.date, dt.date, int | None]]]:
    intervals: dict[int, list[tuple[dt.date, dt.date, int | None]]] = defaultdict(list)
    rows = (
        post_internships()
        .filter(enterprise_id__in=enterprise_ids)
        .exclude(status__in=NOT_HOSTING)
        .values_list("enterprise_id", "start_date", "end_date", "occupation_id")
    )
    for enterprise_id, start, end, occupation in rows:
        intervals[enterprise_id].append((start, end, occupation))
    return intervals


def _agreement(placement: Placement) -> InternshipAgreement | None:
    try:
        return placement.internship_agreement
    except InternshipAgreement.DoesNotExist:
        return None


def _breaches_of(
    placement: Placement,
    policy: InternshipPolicy,
    hosted: dict[int, list[tuple[dt.date, dt.date, int | None]]],
    logs: Sequence[TrainingLog],
) -> list[Breach]:
    found: list[Breach] = []

    def add(kind: str, message: str) -> None:
        found.append(Breach(placement, kind, message))

    agreement = _agreement(placement)
    start = placement.start_date
    if policy.agreement_before_start:
        if agreement is None or agreement.signed_on is None:
            add(
                BreachKind.NO_AGREEMENT, _("Started without the three-party agreement signed by every party.")
            )
        elif agreement.signed_on > start:
            add(
                BreachKind.LATE_AGREEMENT,
                _("The three-party agreement was signed on %(signed)s, after the start on %(start)s.")
                % {"signed": agreement.signed_on, "start": start},
            )
    if policy.insurance_required and (
        agreement is None
        or not agreement.insurer
        or agreement.insured_from is None
        or agreement.insured_from > start
    ):
        add(BreachKind.NO_INSURANCE, _("No internship liability insurance from the start of the internship."))
    if agreement is not None:
        problem = pay_problem(policy, placement, agreement)
        if problem:
            add(BreachKind.PAY, problem)
    intervals = hosted.get(placement.enterprise_id, [])
    on_start = [(s, e, o) for s, e, o in intervals if s <= start <= e]
    employees = placement.enterprise.employees
    if employees is not None and policy.share_exceeded(len(on_start), employees):
        add(
            BreachKind.STAFF_SHARE,
            _("%(interns)s post interns among %(staff)s employees on %(day)s (at most %(share)s).")
            % {
                "interns": len(on_start),
                "staff": employees,
                "day": start,
                "share": f"{policy.max_staff_share:.0%}",
            },
        )
    if agreement is not None:
        same_post = sum(1 for _s, _e, occupation in on_start if occupation == placement.occupation_id)
        problem = post_share_problem(policy, placement, agreement, interns=same_post)
        if problem:
            add(BreachKind.POST_SHARE, problem)
    found.extend(_log_breaches(placement, policy, logs))
    return found


def _log_breaches(
    placement: Placement, policy: InternshipPolicy, logs: Sequence[TrainingLog]
) -> list[Breach]:
    found: list[Breach] = []
    outside = [
        log for log in logs if log.starts_on < placement.start_date or log.ends_on > placement.end_date
    ]
    if outside:
        found.append(
            Breach(
                placement,
                BreachKind.OUTSIDE,
                _("%(n)s logs fall outside the placement's dates (%(start)s to %(end)s).")
                % {"n": len(outside), "start": placement.start_date, "end": placement.end_date},
            )
        )
    if not policy.night_work_allowed and any(log.night_work for log in logs):
        found.append(Breach(placement, BreachKind.NIGHT, _("Logs report night work.")))
    if not policy.holiday_work_allowed and any(log.holiday_work for log in logs):
        found.append(Breach(placement, BreachKind.HOLIDAY, _("Logs report work on statutory holidays.")))
    problems = [
        day_problem(policy, days=(log.ends_on - log.starts_on).days + 1, hours=log.hours) for log in logs
    ]
    problem = next((p for p in problems if p is not None), None) or week_problem(
        policy, week_totals((log.starts_on, log.ends_on, log.hours) for log in logs)
    )
    if problem is not None:
        found.append(Breach(placement, BreachKind.HOURS, hours_message(problem)))
    return found


def breach_counts(enterprise_ids: Sequence[int], years: range) -> dict[tuple[int, int], dict[str, int]]:
    """Post internships with at least one breach, per host enterprise and placement year: the
    credit file's *internship_breaches*."""
    placements = Placement.objects.filter(
        enterprise_id__in=list(enterprise_ids), year__gte=years.start, year__lt=years.stop
    )
    broken = {breach.placement for breach in placement_breaches(placements)}
    counts: dict[tuple[int, int], dict[str, int]] = {}
    for placement in broken:
        key = (placement.enterprise_id, placement.year)
        counts.setdefault(key, {"internship_breaches": 0})["internship_breaches"] += 1
    return counts


def school_or_enterprise_placements(organisation) -> QuerySet[Placement]:
    return Placement.objects.filter(Q(enterprise=organisation) | Q(student__school=organisation))
