"""Reading xAPI 1.0.3 statements: the checks the Learning Record Store makes before storing.

A statement is refused (with the property at fault) when its actor is not one Agent named by
exactly one inverse functional identifier, when a verb or activity id is not an IRI, when the
object is not an Activity (only learning activities are counted), when a score, duration or
timestamp is malformed, or when it carries properties xAPI does not define.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any

STATEMENT_PROPERTIES = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
IDENTIFIERS = ("mbox", "mbox_sha1sum", "openid", "account")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
DURATION = re.compile(
    r"^P(?:(?P<years>\d+(?:\.\d+)?)Y)?(?:(?P<months>\d+(?:\.\d+)?)M)?(?:(?P<weeks>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<days>\d+(?:\.\d+)?)D)?(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
SECONDS = {
    "years": 365 * 86400,
    "months": 30 * 86400,
    "weeks": 7 * 86400,
    "days": 86400,
    "hours": 3600,
    "minutes": 60,
    "seconds": 1,
}
COMPLETING_VERBS = {
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/passed",
    "http://adlnet.gov/expapi/verbs/mastered",
}


class StatementError(ValueError):
    """A statement property that cannot be accepted; ``location`` names it, e.g. ``actor.mbox``."""

    def __init__(self, location: str, message: str):
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


@dataclass(frozen=True)
class ParsedStatement:
    statement_id: uuid.UUID | None
    mbox: str
    account_home_page: str
    account_name: str
    verb: str
    verb_display: str
    activity: str
    activity_name: str
    success: bool | None
    completion: bool | None
    score_scaled: float | None
    duration_seconds: float | None
    timestamp: dt.datetime | None
    raw: dict[str, Any]


def _object(value: Any, location: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise StatementError(location, "must be a JSON object.")
    return value


def _iri(value: Any, location: str) -> str:
    if not isinstance(value, str) or not IRI.match(value) or len(value) > 500:
        raise StatementError(location, "must be an IRI such as http://adlnet.gov/expapi/verbs/completed.")
    return value


def _language_map(value: Any, location: str) -> str:
    """The Chinese, else English, else first entry of a language map ("" when absent)."""
    if value is None:
        return ""
    entries = _object(value, location)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in entries.items()):
        raise StatementError(location, 'must map language tags to text, e.g. {"zh-CN": "完成"}.')
    for tag in ("zh-CN", "zh", "en-US", "en"):
        if tag in entries:
            return entries[tag]
    return next(iter(entries.values()), "")


def _optional_bool(value: Any, location: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise StatementError(location, "must be true or false.")
    return value


def parse_duration(text: str) -> float:
    """Seconds in an ISO 8601 duration such as ``PT1H30M`` (a year is 365 days, a month 30).

    >>> parse_duration("PT1H30M"), parse_duration("P1DT0.5S")
    (5400.0, 86400.5)
    """
    match = DURATION.match(text) if isinstance(text, str) and text != "P" and not text.endswith("T") else None
    if match is None:
        raise StatementError("result.duration", "must be an ISO 8601 duration such as PT45M.")
    return float(sum(float(v) * SECONDS[k] for k, v in match.groupdict().items() if v))


def _actor(value: Any) -> tuple[str, str, str]:
    actor = _object(value, "actor")
    if actor.get("objectType", "Agent") != "Agent":
        raise StatementError("actor.objectType", "must be an Agent: statements are stored per learner.")
    given = [key for key in IDENTIFIERS if key in actor]
    if len(given) != 1:
        raise StatementError("actor", "must have exactly one of mbox, mbox_sha1sum, openid or account.")
    if given[0] == "mbox":
        mbox = actor["mbox"]
        if not isinstance(mbox, str) or not re.match(r"^mailto:[^@\s]+@[^@\s]+$", mbox):
            raise StatementError("actor.mbox", "must look like mailto:name@example.org.")
        return mbox[len("mailto:") :].lower(), "", ""
    if given[0] == "account":
        account = _object(actor["account"], "actor.account")
        home_page = _iri(account.get("homePage"), "actor.account.homePage")
        name = account.get("name")
        if not isinstance(name, str) or not name.strip():
            raise StatementError("actor.account.name", "must be the learner's account name (student number).")
        return "", home_page, name.strip()
    raise StatementError(f"actor.{given[0]}", "cannot be mapped to a student; use mbox or account.")


def parse_statement(value: Any) -> ParsedStatement:
    """Check one statement and pick out what the platform stores and counts.

    >>> s = parse_statement({
    ...     "actor": {"account": {"homePage": "https://sim.example.cn", "name": "2023460103001"}},
    ...     "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
    ...     "object": {"id": "https://sim.example.cn/labs/cnc-01", "definition": {"name": {"zh-CN": "数控车削仿真"}}},
    ...     "result": {"completion": True, "score": {"scaled": 0.85}, "duration": "PT40M"},
    ... })
    >>> s.account_name, s.verb_display, s.activity_name, s.score_scaled, s.duration_seconds
    ('2023460103001', 'completed', '数控车削仿真', 0.85, 2400.0)
    """
    statement = _object(value, "statement")
    unknown = sorted(set(statement) - STATEMENT_PROPERTIES)
    if unknown:
        raise StatementError(unknown[0], "is not a statement property in xAPI 1.0.3.")
    statement_id = None
    if "id" in statement:
        try:
            statement_id = uuid.UUID(str(statement["id"]))
        except ValueError:
            raise StatementError("id", "must be a UUID.") from None
    mbox, home_page, account_name = _actor(statement.get("actor"))
    verb = _object(statement.get("verb"), "verb")
    target = _object(statement.get("object"), "object")
    if target.get("objectType", "Activity") != "Activity":
        raise StatementError(
            "object.objectType", "must be an Activity: only learning activities are counted."
        )
    definition = _object(target.get("definition", {}), "object.definition")
    result = _object(statement.get("result", {}), "result")
    score = _object(result.get("score", {}), "result.score")
    scaled = score.get("scaled")
    if scaled is not None and (
        isinstance(scaled, bool) or not isinstance(scaled, int | float) or not -1 <= scaled <= 1
    ):
        raise StatementError("result.score.scaled", "must be a number from -1 to 1.")
    duration = parse_duration(result["duration"]) if "duration" in result else None
    timestamp = None
    if "timestamp" in statement:
        try:
            timestamp = dt.datetime.fromisoformat(str(statement["timestamp"]))
        except ValueError:
            raise StatementError("timestamp", "must be an ISO 8601 date and time.") from None
        if timestamp.tzinfo is None:  # xAPI asks for a time zone; without one the time is read as UTC
            timestamp = timestamp.replace(tzinfo=dt.UTC)
    return ParsedStatement(
        statement_id=statement_id,
        mbox=mbox,
        account_home_page=home_page,
        account_name=account_name,
        verb=_iri(verb.get("id"), "verb.id"),
        verb_display=_language_map(verb.get("display"), "verb.display")[:100],
        activity=_iri(target.get("id"), "object.id"),
        activity_name=_language_map(definition.get("name"), "object.definition.name")[:200],
        success=_optional_bool(result.get("success"), "result.success"),
        completion=_optional_bool(result.get("completion"), "result.completion"),
        score_scaled=None if scaled is None else float(scaled),
        duration_seconds=duration,
        timestamp=timestamp,
        raw=statement,
    )
