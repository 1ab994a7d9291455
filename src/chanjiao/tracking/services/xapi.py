"""Registering xAPI platforms and storing the statements they post."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.registry.models import Carrier, CarrierClass, OrgKind, Student
from chanjiao.tracking.models import XapiSource, XapiStatement
from chanjiao.tracking.xapi import ParsedStatement, StatementError, parse_statement

MAX_STATEMENTS_PER_REQUEST = 5000


@dataclass
class XapiRefusal(Exception):
    """Why a batch was refused: 400 for bad statements, 409 for an id already used differently."""

    status: int
    errors: list[dict[str, Any]] = field(default_factory=list)


@transaction.atomic
def register_xapi_source(*, actor: User | None, carrier: Carrier, home_page: str) -> XapiSource:
    if carrier.carrier_class != CarrierClass.VIRTUAL:
        raise ValueError(
            "Learning records come from virtual carriers (simulation or online course platforms)."
        )
    if XapiSource.objects.filter(carrier=carrier).exists():
        raise ValueError(f"{carrier} already has a registered platform.")
    source = XapiSource(
        carrier=carrier, home_page=home_page.rstrip("/"), registered_by=actor if actor and actor.pk else None
    )
    source.full_clean()
    source.save()
    record_activity(actor=actor, verb="register_xapi_source", target=source, summary=home_page)
    return source


def _school_ids(source: XapiSource) -> set[int]:
    """The carrier's member schools (the lead too, when it is a school): where its learners study."""
    members = set(
        source.carrier.memberships.filter(organisation__kind=OrgKind.SCHOOL).values_list(
            "organisation_id", flat=True
        )
    )
    if source.carrier.lead.kind == OrgKind.SCHOOL:
        members.add(source.carrier.lead_id)
    return members


def _students_for(
    source: XapiSource, parsed: list[ParsedStatement]
) -> dict[tuple[str, str], int | list[int]]:
    """(kind, key) → student id, or the ids when a key is ambiguous, for the learners named."""
    schools = _school_ids(source)
    numbers = {p.account_name for p in parsed if p.account_name}
    mails = {p.mbox for p in parsed if p.mbox}
    found: dict[tuple[str, str], list[int]] = {}
    rows = (
        Student.objects.filter(school_id__in=schools)
        .filter(Q(student_no__in=numbers) | Q(user__email__in=mails))
        .values_list("pk", "student_no", "user__email")
    )
    for pk, number, email in rows:
        if number in numbers:
            found.setdefault(("account", number), []).append(pk)
        if email and email.lower() in mails:
            found.setdefault(("mbox", email.lower()), []).append(pk)
    return {key: ids[0] if len(ids) == 1 else ids for key, ids in found.items()}


def _comparable(statement: dict[str, Any]) -> str:
    """A statement without the properties the store sets, for comparing a repeated id."""
    return json.dumps(
        {k: v for k, v in statement.items() if k not in {"stored", "authority", "id", "version"}},
        sort_keys=True,
    )


@transaction.atomic
def store_statements(*, actor: User, sources, body: Any) -> list[str]:
    """Validate a statement or a list of them and store them all, or none.

    ``sources`` are the platforms the poster may post for (`sources_user_posts_for`). A learner
    named by ``account`` belongs to the platform with that home page; one named by ``mbox`` to
    the poster's only platform. Repeating a stored statement id with the same content changes
    nothing (the id is answered again); with other content the batch is refused with 409.
    """
    items = body if isinstance(body, list) else [body]
    if not items:
        raise XapiRefusal(400, [{"loc": ["body"], "msg": "Send a statement or a list of statements."}])
    if len(items) > MAX_STATEMENTS_PER_REQUEST:
        raise XapiRefusal(
            400,
            [{"loc": ["body"], "msg": f"Send at most {MAX_STATEMENTS_PER_REQUEST} statements at a time."}],
        )
    errors: list[dict[str, Any]] = []
    parsed: list[tuple[int, ParsedStatement]] = []
    for index, item in enumerate(items):
        try:
            parsed.append((index, parse_statement(item)))
        except StatementError as error:
            errors.append({"loc": ["body", index, *error.location.split(".")], "msg": error.message})
    by_home = {s.home_page: s for s in sources}
    assigned: list[tuple[int, ParsedStatement, XapiSource]] = []
    for index, statement in parsed:
        if statement.account_home_page:
            source = by_home.get(statement.account_home_page.rstrip("/"))
            if source is None:
                errors.append(
                    {
                        "loc": ["body", index, "actor", "account", "homePage"],
                        "msg": "Not the home page of a platform you post for.",
                    }
                )
                continue
        elif len(by_home) == 1:
            source = next(iter(by_home.values()))
        else:
            errors.append(
                {
                    "loc": ["body", index, "actor"],
                    "msg": "Name the platform: identify the learner by account with the platform's homePage.",
                }
            )
            continue
        assigned.append((index, statement, source))
    students: dict[int, dict[tuple[str, str], int | list[int]]] = {}
    for source in {s for _, _, s in assigned}:
        students[source.pk] = _students_for(source, [p for _, p, s in assigned if s.pk == source.pk])
    rows: list[XapiStatement] = []
    for index, statement, source in assigned:
        key = ("account", statement.account_name) if statement.account_name else ("mbox", statement.mbox)
        student = students[source.pk].get(key)
        if not isinstance(student, int):
            errors.append(
                {
                    "loc": ["body", index, "actor"],
                    "msg": f"{key[1]} is not one student of the platform's member schools"
                    + (" (several match)." if student else "."),
                }
            )
            continue
        rows.append(_row(statement, source, student))
    if errors:
        raise XapiRefusal(400, errors)
    ids = [row.statement_id for row in rows]
    if len(set(ids)) != len(ids):
        raise XapiRefusal(400, [{"loc": ["body"], "msg": "The batch uses a statement id twice."}])
    existing = dict(XapiStatement.objects.filter(statement_id__in=ids).values_list("statement_id", "raw"))
    conflicts = [
        str(row.statement_id)
        for row in rows
        if row.statement_id in existing and _comparable(existing[row.statement_id]) != _comparable(row.raw)
    ]
    if conflicts:
        raise XapiRefusal(
            409, [{"loc": ["body"], "msg": f"Statement {conflicts[0]} is already stored with other content."}]
        )
    new = [row for row in rows if row.statement_id not in existing]
    XapiStatement.objects.bulk_create(new, batch_size=2000)
    if new:
        record_activity(
            actor=actor, verb="store_xapi_statements", target=new[0].source, summary=f"{len(new)} statements"
        )
    return [str(i) for i in ids]


def _row(statement: ParsedStatement, source: XapiSource, student_id: int) -> XapiStatement:
    statement_id = statement.statement_id or uuid.uuid4()
    raw = {**statement.raw, "id": str(statement_id)}
    return XapiStatement(
        statement_id=statement_id,
        source=source,
        student_id=student_id,
        verb=statement.verb,
        verb_display=statement.verb_display,
        activity=statement.activity,
        activity_name=statement.activity_name,
        success=statement.success,
        completion=statement.completion,
        score_scaled=statement.score_scaled,
        duration_seconds=statement.duration_seconds,
        timestamp=statement.timestamp or timezone.now(),
        raw=raw,
    )
