"""Importing responses collected elsewhere (Excel or CSV, one row per respondent).

Columns: one per item, headed by the item's code (every Likert item must have its column; a
blank cell is an unanswered item), and optionally ``respondent``, ``group`` (target group code
or name), ``organisation`` and ``carrier`` (id or exact name, among those the importer may
survey), ``duration_seconds`` and ``submitted_at``. Other columns are ignored and listed. Every
row is checked; a preview lists every problem with its line and column, and nothing is saved
unless the whole file is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.registry.imports import RowError
from chanjiao.surveys.answers import check_answer
from chanjiao.surveys.models import ItemKind, Questionnaire, Response, ResponseSource, TargetGroup
from chanjiao.surveys.policy import carriers_user_can_survey, organisations_user_can_survey
from chanjiao.surveys.selectors import DURATION_COLUMN
from chanjiao.surveys.services.responses import form_items
from chanjiao.surveys.services.screening import screen_questionnaire
from chanjiao.web.excel import Row, read_table

DESCRIPTION_ALIASES = {
    "respondent": ["受访者", "编号", "respondent_id"],
    "group": ["对象", "调查对象", "target_group"],
    "organisation": ["单位", "组织", "organization"],
    "carrier": ["载体"],
    DURATION_COLUMN: ["用时", "用时（秒）", "duration"],
    "submitted_at": ["提交时间", "submitted"],
}


@dataclass
class ResponseImport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    valid: list[dict[str, Any]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.rows > 0


def _column_names(header: list[str], item_codes: set[str]) -> tuple[dict[str, str], list[str]]:
    """Heading → item code or description field, and the headings that are neither."""
    names: dict[str, str] = {}
    ignored = []
    for heading in header:
        if not heading:
            continue
        if heading in item_codes:
            names[heading] = heading
            continue
        key = heading.strip().lower().replace(" ", "_")
        matched = next(
            (
                name
                for name, aliases in DESCRIPTION_ALIASES.items()
                if key == name or heading.strip() in aliases
            ),
            None,
        )
        if matched is None:
            ignored.append(heading)
        else:
            names[heading] = matched
    return names, ignored


class _Lookup:
    """Find an organisation, carrier or group named in a cell by id, code or exact name."""

    def __init__(self, user: User):
        self.organisations = organisations_user_can_survey(user)
        self.carriers = carriers_user_can_survey(user)
        self.groups = {}
        for code, label in TargetGroup.choices:
            self.groups[code] = code
            self.groups[str(label)] = code
        self.cache: dict[tuple[str, str], int | None] = {}

    def _find(self, queryset, kind: str, text: str) -> int | None:
        if (kind, text) not in self.cache:
            found = queryset.filter(pk=int(text)) if text.isdigit() else queryset.filter(name=text)
            ids = list(found.values_list("pk", flat=True)[:2])
            self.cache[(kind, text)] = ids[0] if len(ids) == 1 else None
        return self.cache[(kind, text)]

    def organisation(self, text: str) -> int | None:
        return self._find(self.organisations, "organisation", text)

    def carrier(self, text: str) -> int | None:
        return self._find(self.carriers, "carrier", text)


def _moment(text: str) -> datetime | None:
    moment = parse_datetime(text.replace("/", "-"))
    if moment is None:
        day = parse_date(text.replace("/", "-"))
        if day is None:
            return None
        moment = datetime.combine(day, time(12, 0))
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _description(
    values: dict[str, str], line: int, lookup: _Lookup, result: ResponseImport
) -> dict[str, Any]:
    described: dict[str, Any] = {"respondent": values.get("respondent", "")[:120]}
    group = values.get("group", "")
    if group:
        if group not in lookup.groups:
            codes = ", ".join(TargetGroup.values)
            result.errors.append(
                RowError(
                    line,
                    "group",
                    _("Unknown target group “%(group)s”; use %(codes)s.") % {"group": group, "codes": codes},
                )
            )
        described["target_group"] = lookup.groups.get(group, "")
    unknown = {
        "organisation": _("Unknown organisation “%(text)s”, or not one you may survey."),
        "carrier": _("Unknown carrier “%(text)s”, or not one you may survey."),
    }
    for name, message in unknown.items():
        text = values.get(name, "")
        if text:
            found = getattr(lookup, name)(text)
            if found is None:
                result.errors.append(RowError(line, name, message % {"text": text}))
            described[f"{name}_id"] = found
    duration = values.get(DURATION_COLUMN, "")
    if duration:
        try:
            described[DURATION_COLUMN] = float(duration)
            if described[DURATION_COLUMN] < 0:
                raise ValueError
        except ValueError:
            result.errors.append(
                RowError(
                    line, DURATION_COLUMN, _("“%(value)s” is not a number of seconds.") % {"value": duration}
                )
            )
    submitted = values.get("submitted_at", "")
    if submitted:
        moment = _moment(submitted)
        if moment is None:
            result.errors.append(
                RowError(
                    line,
                    "submitted_at",
                    _("“%(value)s” is not a date such as 2025-09-30 or 2025-09-30 14:05.")
                    % {"value": submitted},
                )
            )
        described["submitted_at"] = moment
    return described


def preview_response_import(
    *, questionnaire: Questionnaire, data: bytes, filename: str, user: User
) -> ResponseImport:
    """Check every row; raises chanjiao.web.excel.TableError if the file cannot be read at all."""
    result = ResponseImport()
    header, rows = read_table(data, filename)
    items = form_items(questionnaire)
    names, result.ignored_columns = _column_names(header, {item.code for item in items})
    present = set(names.values())
    missing = [item.code for item in items if item.kind == ItemKind.LIKERT and item.code not in present]
    if missing:
        result.errors.append(
            RowError(
                1,
                missing[0],
                _("Missing columns for Likert items: %(codes)s.") % {"codes": ", ".join(missing)},
            )
        )
    if questionnaire.screen_too_fast and DURATION_COLUMN not in present:
        result.errors.append(
            RowError(
                1,
                DURATION_COLUMN,
                _(
                    "The questionnaire excludes responses that are too fast, which needs a duration_seconds column; add it or turn the rule off in the settings."
                ),
            )
        )
    result.rows = len(rows)
    if not rows:
        result.errors.append(RowError(1, "", _("The file has a header but no rows.")))
    if result.errors:
        return result
    lookup = _Lookup(user)
    for row in rows:
        _check_row(row, names, items, questionnaire, lookup, result)
    result.errors.sort(key=lambda error: error.line)
    return result


def _check_row(
    row: Row,
    names: dict[str, str],
    items,
    questionnaire: Questionnaire,
    lookup: _Lookup,
    result: ResponseImport,
) -> None:
    values = {names[heading]: value for heading, value in row.values.items() if heading in names}
    answers = {}
    errors_before = len(result.errors)
    for item in items:
        try:
            answer = check_answer(item, values.get(item.code), questionnaire.scale_points)
        except ValueError as error:
            result.errors.append(RowError(row.line, item.code, str(error)))
            continue
        if answer is not None:
            answers[item.code] = answer
    described = _description(values, row.line, lookup, result)
    if not answers and len(result.errors) == errors_before:
        result.errors.append(RowError(row.line, "", _("The row answers no item.")))
    if len(result.errors) == errors_before:
        result.valid.append({**described, "answers": answers})


@transaction.atomic
def commit_response_import(
    *, questionnaire: Questionnaire, data: bytes, filename: str, user: User
) -> ResponseImport:
    """Check the whole file again and save every row, or nothing; then screen the questionnaire."""
    result = preview_response_import(questionnaire=questionnaire, data=data, filename=filename, user=user)
    if not result.ok:
        return result
    now = timezone.now()
    Response.objects.bulk_create(
        [
            Response(
                questionnaire=questionnaire,
                source=ResponseSource.IMPORT,
                **{**row, "submitted_at": row.get("submitted_at") or now},
            )
            for row in result.valid
        ],
        batch_size=2000,
    )
    record_activity(
        actor=user,
        verb="import_responses",
        target=questionnaire,
        summary=f"{len(result.valid)} rows from {filename}",
    )
    screen_questionnaire(questionnaire)
    return result
