"""Cooperation agreement checks: mandatory clauses filled in, and expiry warnings.

Agreements breached or left incomplete weigh on an enterprise's credit; the policy lists the
clauses every agreement must settle (IP ownership, training safety and insurance, distribution of
results, who defends rights against third parties, dispute resolution, risk sharing, exit).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from chanjiao.core.credit.policy import Policy

EXPIRY_STATES = ("open_ended", "active", "expiring", "expired")


@dataclass(frozen=True)
class AgreementCheck:
    """Missing and empty mandatory clauses (keys, in policy order) and the expiry state."""

    missing: tuple[str, ...]
    empty: tuple[str, ...]
    complete: bool
    expiry: str
    days_to_expiry: int | None
    warnings: tuple[str, ...]
    policy_version: int


def check_agreement(
    clauses: Mapping[str, str | None],
    policy: Policy,
    *,
    today: date,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> AgreementCheck:
    """Check an agreement's clauses (key → text) and its end date against ``today``.

    A clause is *missing* when its key is absent and *empty* when its text is blank. The
    agreement is *expiring* from ``expiry_warning_days`` before ``ends_on`` through that day.

    Examples
    --------
    >>> clauses = {"ip_ownership": "School owns course IP", "exit": "  "}
    >>> check = check_agreement(clauses, Policy(), today=date(2025, 1, 1), ends_on=date(2025, 3, 1))
    >>> check.empty, len(check.missing), check.expiry, check.days_to_expiry
    (('exit',), 5, 'expiring', 59)
    >>> check.warnings[-1]
    'expires on 2025-03-01, in 59 days'
    """
    for key, text in clauses.items():
        if not isinstance(key, str) or (text is not None and not isinstance(text, str)):
            raise ValueError(f"clause {key!r} must map a clause key to its text, got {text!r}")
    for name, value in (("today", today), ("starts_on", starts_on), ("ends_on", ends_on)):
        if value is not None and not isinstance(value, date):
            raise ValueError(f"{name} must be a date, got {value!r}")
    if starts_on and ends_on and ends_on < starts_on:
        raise ValueError(f"ends_on ({ends_on}) must not be before starts_on ({starts_on})")
    titles = dict(policy.agreements.mandatory_clauses)
    missing = tuple(key for key in titles if key not in clauses)
    empty = tuple(key for key in titles if key in clauses and not (clauses[key] or "").strip())
    warnings = [f"missing clause: {titles[key]} ({key})" for key in missing]
    warnings += [f"empty clause: {titles[key]} ({key})" for key in empty]
    days = (ends_on - today).days if ends_on else None
    if days is None:
        expiry = "open_ended"
    elif days < 0:
        expiry = "expired"
        warnings.append(f"expired on {ends_on}, {_days(-days)} ago")
    elif days <= policy.agreements.expiry_warning_days:
        expiry = "expiring"
        warnings.append(f"expires on {ends_on}, " + ("today" if days == 0 else f"in {_days(days)}"))
    else:
        expiry = "active"
    return AgreementCheck(
        missing=missing,
        empty=empty,
        complete=not missing and not empty,
        expiry=expiry,
        days_to_expiry=days,
        warnings=tuple(warnings),
        policy_version=policy.version,
    )


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
