"""Importing graduates' career records from Excel or CSV (the school's own survey results).

Each row names a graduate by student number (and school, for officers and administrators), the
graduation year, the years after graduation, and the record's fields. Every row is validated
with the follow-up form; the preview lists every bad row; nothing is saved unless the whole file
is valid. A student not yet registered as a graduate is registered with the row's graduation year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts import access
from chanjiao.accounts.models import User
from chanjiao.core.outcomes import band_of
from chanjiao.registry.imports import RowError
from chanjiao.registry.models import Student
from chanjiao.tracking.forms.careers import CareerRecordForm
from chanjiao.tracking.models import (
    TRACKED_YEARS,
    Destination,
    FollowUpWave,
    Graduate,
    RecordSource,
    SalaryBandChoices,
)
from chanjiao.tracking.services.careers import cooperating_enterprises, record_career
from chanjiao.web.excel import read_table

COLUMNS = {  # field: headings accepted besides the field name
    "school": ["学校"],
    "student_no": ["学号"],
    "graduation_year": ["毕业年份"],
    "years_after": ["毕业后年数"],
    "destination": ["去向"],
    "employer_name": ["employer", "单位", "工作单位"],
    "job_title": ["岗位", "职位"],
    "occupation": ["职业代码"],
    "region": ["工作地区", "地区代码"],
    "salary_band": ["salary", "月薪"],
    "promoted": ["晋升"],
    "with_cooperating_enterprise": ["留在合作企业"],
    "patents": ["专利"],
    "awards": ["获奖", "创新成果"],
}
DESTINATIONS = {str(label): value for value, label in Destination.choices} | {
    "就业": "employed",
    "自主创业": "self_employed",
    "灵活就业": "flexible",
    "升学": "further_study",
    "参军": "military",
    "待就业": "seeking",
    "暂不就业": "not_seeking",
}
YES = {"1", "true", "yes", "y", "是", "on"}
NO = {"0", "false", "no", "n", "否", "off"}


@dataclass
class CareerImport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    valid: list[tuple[Student, int, int, dict[str, Any]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.rows > 0


def _normalise(values: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for heading, value in values.items():
        key = heading.strip().lower().replace(" ", "_")
        for name, aliases in COLUMNS.items():
            if key == name or heading.strip() in aliases or key in aliases:
                out[name] = value.strip()
    return out


def _salary(text: str) -> str:
    """A band code, or a monthly amount turned into its band."""
    if not text or text in SalaryBandChoices.values:
        return text
    try:
        return band_of(float(text.replace(",", "")))
    except ValueError:
        return text  # the form names it as not a valid choice


def _flag(text: str) -> str:
    lowered = text.strip().lower()
    return "true" if lowered in YES else "false" if lowered in NO else ""


def preview_careers(*, data: bytes, filename: str, user: User) -> CareerImport:
    result = CareerImport()
    _, rows = read_table(data, filename)
    result.rows = len(rows)
    if not rows:
        result.errors.append(RowError(1, "", "The file has a header but no rows."))
        return result
    schools = {s.pk: s for s in access.options(user, FollowUpWave, "school")}
    by_name = {s.name: s for s in schools.values()}
    this_year = timezone.localdate().year
    seen: dict[tuple[int, int], int] = {}
    wanted = {(_normalise(r.values).get("student_no", "")) for r in rows}
    students = {
        (s.school_id, s.student_no): s
        for s in Student.objects.filter(school__in=schools.values(), student_no__in=wanted).select_related(
            "graduate"
        )
    }
    for row in rows:
        values = _normalise(row.values)
        school_text = values.get("school", "")
        school = by_name.get(school_text) or (
            schools.get(int(school_text)) if school_text.isdigit() else None
        )
        if school is None and not school_text and len(schools) == 1:
            school = next(iter(schools.values()))
        if school is None:
            result.errors.append(
                RowError(row.line, "school", f"Unknown school {school_text!r}, or not yours to track.")
            )
            continue
        student = students.get((school.pk, values.get("student_no", "")))
        if student is None:
            result.errors.append(
                RowError(row.line, "student_no", f"No student {values.get('student_no', '')!r} at {school}.")
            )
            continue
        try:
            years_after = int(values.get("years_after", ""))
            year = int(values.get("graduation_year", ""))
        except ValueError:
            result.errors.append(
                RowError(row.line, "years_after", "Give graduation_year and years_after as whole numbers.")
            )
            continue
        registered = getattr(student, "graduate", None)
        if registered is not None and registered.graduation_year != year:
            result.errors.append(
                RowError(
                    row.line, "graduation_year", f"Registered as graduating in {registered.graduation_year}."
                )
            )
            continue
        if not 0 <= years_after <= TRACKED_YEARS or year + years_after > this_year:
            result.errors.append(
                RowError(row.line, "years_after", f"From 0 to {TRACKED_YEARS}, and not beyond this year.")
            )
            continue
        key = (student.pk, years_after)
        if key in seen:
            result.errors.append(
                RowError(row.line, "student_no", f"Same graduate and year as line {seen[key]}.")
            )
            continue
        seen[key] = row.line
        values["destination"] = DESTINATIONS.get(values.get("destination", ""), values.get("destination", ""))
        values["salary_band"] = _salary(values.get("salary_band", ""))
        values["with_cooperating_enterprise"] = _flag(values.get("with_cooperating_enterprise", ""))
        values["promoted"] = "on" if _flag(values.get("promoted", "")) == "true" else ""
        values.setdefault("patents", "0")
        form = CareerRecordForm(data=values, years_after=years_after)
        if form.is_valid():
            result.valid.append((student, year, years_after, form.cleaned_data))
        else:
            for column, messages in form.errors.items():
                for message in messages:
                    result.errors.append(
                        RowError(row.line, "" if column == "__all__" else column, str(message))
                    )
    result.errors.sort(key=lambda e: e.line)
    return result


@transaction.atomic
def commit_careers(*, data: bytes, filename: str, user: User) -> CareerImport:
    """Validate the whole file again and save every row, or nothing."""
    result = preview_careers(data=data, filename=filename, user=user)
    if not result.ok:
        return result
    new = {
        student.pk: (student, year)
        for student, year, _, _ in result.valid
        if not hasattr(student, "graduate")
    }
    hosts = cooperating_enterprises(new)
    Graduate.objects.bulk_create(
        [
            Graduate(student=s, graduation_year=y, cooperating_enterprise_id=hosts.get(pk))
            for pk, (s, y) in new.items()
        ]
    )
    graduates = Graduate.objects.in_bulk([student.pk for student, _, _, _ in result.valid])
    for student, _year, years_after, cleaned in result.valid:
        record_career(
            actor=user,
            graduate=graduates[student.pk],
            years_after=years_after,
            data=cleaned,
            source=RecordSource.IMPORT,
        )
    return result
