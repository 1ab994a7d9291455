"""Importing organisations, programs and students from Excel or CSV.

Every row is validated with the same form the web page uses. A preview lists every bad row with
its line number, column and reason; nothing is saved unless the whole file is valid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import transaction

from chanjiao.accounts import access
from chanjiao.accounts.models import User
from chanjiao.registry.forms import OrganisationForm, ProgramForm, StudentForm
from chanjiao.registry.models import Occupation, Organisation, Program, Student
from chanjiao.registry.services import create_record, set_crosswalk
from chanjiao.web.excel import Row, TableError, read_table


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ImportPreview:
    kind: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    valid: list[tuple[int, dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.rows > 0


# Column headings accepted for each field: the field name, and the Chinese heading people use.
ALIASES = {
    "kind": ["类型"],
    "name": ["名称", "姓名"],
    "credit_code": ["统一社会信用代码"],
    "region": ["地区", "区划代码"],
    "address": ["地址"],
    "website": ["网站"],
    "description": ["简介", "描述"],
    "size": ["规模"],
    "ownership": ["所有制"],
    "industry": ["行业"],
    "employees": ["员工数"],
    "revenue": ["营业收入"],
    "rd_spending": ["研发投入"],
    "certified_integration_enterprise": ["产教融合型企业"],
    "school_level": ["办学层次"],
    "school": ["学校"],
    "code": ["专业代码", "代码"],
    "capacity": ["招生计划", "容量"],
    "duration_years": ["学制"],
    "occupations": ["职业"],
    "student_no": ["学号"],
    "gender": ["性别"],
    "program": ["专业"],
    "year": ["入学年份"],
    "home_region": ["生源地"],
    "skills": ["技能"],
    "certificates": ["证书"],
}


def _normalise(values: dict[str, str], fields: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for heading, value in values.items():
        key = heading.strip().lower().replace(" ", "_")
        for name in fields:
            if key == name or heading.strip() in ALIASES.get(name, []):
                out[name] = value
    return out


def _bool(value: str) -> str:
    return "on" if value.strip().lower() in {"1", "true", "yes", "y", "是", "on"} else ""


def _school_lookup(user: User, model) -> Callable[[str], Organisation | None]:
    """Find a school by name or id among those whose ``model`` records the user may add."""
    schools = {s.name: s for s in access.options(user, model, "school")}
    by_id = {str(s.pk): s for s in schools.values()}
    return lambda text: by_id.get(text) or schools.get(text)


def _parse_crosswalk(text: str) -> list[tuple[str, float]]:
    entries = []
    for part in [p.strip() for p in text.replace("；", ";").split(";") if p.strip()]:
        code, _, weight = part.partition(":")
        entries.append((code.strip(), float(weight) if weight.strip() else 1.0))
    return entries


def _organisation_rows(rows: list[Row], user: User, preview: ImportPreview) -> None:
    if not access.may_create(user, Organisation):
        preview.errors.append(RowError(0, "", access.refusal(access.Action.CREATE, Organisation)))
        return
    fields = list(OrganisationForm.Meta.fields)
    seen: dict[str, int] = {}
    for row in rows:
        data = _normalise(row.values, fields)
        data["certified_integration_enterprise"] = _bool(data.get("certified_integration_enterprise", ""))
        form = OrganisationForm(data=data, user=user)
        _collect(form, row.line, preview, {})
        code = (data.get("credit_code") or "").strip().upper()
        if code and code in seen:
            preview.errors.append(
                RowError(row.line, "credit_code", f"Same credit code as line {seen[code]}.")
            )
        elif code:
            seen[code] = row.line


def _program_rows(rows: list[Row], user: User, preview: ImportPreview) -> None:
    find_school = _school_lookup(user, Program)
    fields = [*ProgramForm.Meta.fields, "occupations"]
    known_codes = set(Occupation.objects.values_list("code", flat=True))
    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        data = _normalise(row.values, fields)
        school = find_school(data.get("school", ""))
        if school is None:
            preview.errors.append(
                RowError(
                    row.line, "school", f"Unknown school {data.get('school', '')!r}, or not yours to change."
                )
            )
            continue
        data["school"] = str(school.pk)
        extra: dict[str, Any] = {}
        try:
            extra["crosswalk"] = _parse_crosswalk(data.pop("occupations", ""))
        except ValueError:
            preview.errors.append(
                RowError(row.line, "occupations", "Write occupations as CODE:WEIGHT; CODE:WEIGHT.")
            )
            continue
        bad = [f"{c}:{w}" for c, w in extra["crosswalk"] if c not in known_codes or not 0 <= w <= 1]
        if bad:
            preview.errors.append(
                RowError(
                    row.line, "occupations", f"Unknown CSCO code or weight outside 0–1: {', '.join(bad)}."
                )
            )
            continue
        form = ProgramForm(data=data, user=user)
        _collect(form, row.line, preview, extra)
        key = (school.pk, data.get("code", ""))
        if key in seen:
            preview.errors.append(RowError(row.line, "code", f"Same program code as line {seen[key]}."))
        seen[key] = row.line


def _student_rows(rows: list[Row], user: User, preview: ImportPreview) -> None:
    find_school = _school_lookup(user, Student)
    schools = access.options(user, Student, "school")
    programs = {(p.school_id, p.code): p.pk for p in Program.objects.filter(school__in=schools)}
    fields = list(StudentForm.Meta.fields)
    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        data = _normalise(row.values, fields)
        school = find_school(data.get("school", ""))
        if school is None:
            preview.errors.append(
                RowError(
                    row.line, "school", f"Unknown school {data.get('school', '')!r}, or not yours to change."
                )
            )
            continue
        data["school"] = str(school.pk)
        program_id = programs.get((school.pk, data.get("program", "")))
        if program_id is None:
            preview.errors.append(
                RowError(
                    row.line, "program", f"No program with code {data.get('program', '')!r} at {school}."
                )
            )
            continue
        data["program"] = str(program_id)
        data["gender"] = {"男": "M", "女": "F"}.get(data.get("gender", ""), data.get("gender", "")).upper()
        form = StudentForm(data=data, user=user)
        _collect(form, row.line, preview, {})
        key = (school.pk, data.get("student_no", ""))
        if key in seen:
            preview.errors.append(
                RowError(row.line, "student_no", f"Same student number as line {seen[key]}.")
            )
        seen[key] = row.line


def _collect(form: forms.ModelForm, line: int, preview: ImportPreview, extra: dict[str, Any]) -> None:
    if form.is_valid():
        preview.valid.append((line, form.cleaned_data, extra))
        return
    for column, messages in form.errors.items():
        for message in messages:
            preview.errors.append(RowError(line, "" if column == "__all__" else column, str(message)))


IMPORTERS: dict[str, tuple[type, Callable[[list[Row], User, ImportPreview], None]]] = {
    "organisations": (Organisation, _organisation_rows),
    "programs": (Program, _program_rows),
    "students": (Student, _student_rows),
}


def preview_import(*, kind: str, data: bytes, filename: str, user: User) -> ImportPreview:
    if kind not in IMPORTERS:
        raise TableError(f"Unknown import {kind!r}; choose one of {', '.join(IMPORTERS)}.")
    preview = ImportPreview(kind=kind)
    _, rows = read_table(data, filename)
    preview.rows = len(rows)
    if not rows:
        preview.errors.append(RowError(1, "", "The file has a header but no rows."))
        return preview
    IMPORTERS[kind][1](rows, user, preview)
    preview.errors.sort(key=lambda e: e.line)
    return preview


@transaction.atomic
def commit_import(*, kind: str, data: bytes, filename: str, user: User) -> ImportPreview:
    """Validate the whole file again and save every row, or nothing."""
    preview = preview_import(kind=kind, data=data, filename=filename, user=user)
    if not preview.ok:
        return preview
    model = IMPORTERS[kind][0]
    for _line, cleaned, extra in preview.valid:
        instance = create_record(actor=user, model=model, data=cleaned)
        if extra.get("crosswalk"):
            set_crosswalk(actor=user, program=instance, entries=extra["crosswalk"])
    return preview
