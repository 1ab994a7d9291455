"""Governance facts in the reader's language: seat kinds and the enterprise-seat warning of a
council, an agreement's clause and expiry warnings, a motion's outcome and its reason.

The core (:mod:`chanjiao.core.credit.governance`, :mod:`chanjiao.core.credit.agreements`) returns
the facts with an English sentence; pages word the same facts here through gettext.
"""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from chanjiao.core.credit.agreements import AgreementCheck
from chanjiao.core.credit.governance import CompositionCheck
from chanjiao.web import formats

SEAT_KINDS = {
    "enterprise": gettext_lazy("Enterprises"),
    "school": gettext_lazy("Schools"),
    "government": gettext_lazy("Government"),
    "association": gettext_lazy("Associations"),
    "research_institute": gettext_lazy("Research institutes"),
    "other": gettext_lazy("Other organisations"),
}
OUTCOMES = {
    "passed": gettext_lazy("Passed"),
    "rejected": gettext_lazy("Rejected"),
    "no_quorum": gettext_lazy("No quorum"),
}
RULES = {"simple": gettext_lazy("simple majority"), "two_thirds": gettext_lazy("two-thirds majority")}


def seat_rows(check: CompositionCheck) -> list[tuple[str, int]]:
    """The council's seats by organisation kind, named, kinds without a seat left out."""
    return [(str(SEAT_KINDS.get(kind, kind)), seats) for kind, seats in check.seats_by_kind if seats]


def seat_warning(check: CompositionCheck) -> str:
    """Why the enterprise seats fall short and how to reach the minimum ("" when they do not)."""
    if check.compliant:
        return ""
    values = {
        "enterprise": check.enterprise_seats,
        "total": check.total_seats,
        "share": formats.percent(check.enterprise_share, 2),
        "minimum": formats.percent(check.minimum, 2),
        "add": check.seats_to_add,
        "convert": check.seats_to_convert,
    }
    if check.seats_to_add is None:
        remedy = _("give %(convert)s existing seats to enterprises") % values
    else:
        remedy = _("add %(add)s enterprise seats or give %(convert)s existing seats to enterprises") % values
    return _(
        "enterprise seats are %(enterprise)s of %(total)s (%(share)s), below the %(minimum)s minimum: %(remedy)s"
    ) % {
        **values,
        "remedy": remedy,
    }


def _days(count: int) -> str:
    return ngettext("%(n)s day", "%(n)s days", count) % {"n": count}


def expiry_warning(check: AgreementCheck, ends_on: date | None) -> str:
    """ "expires on 2026-03-01, in 59 days" / "expired on …, 3 days ago" ("" otherwise)."""
    days, day = check.days_to_expiry, formats.local_date(ends_on)
    if check.expiry == "expired" and days is not None:
        return _("expired on %(date)s, %(days)s ago") % {"date": day, "days": _days(-days)}
    if check.expiry == "expiring" and days is not None:
        if days == 0:
            return _("expires today, %(date)s") % {"date": day}
        return _("expires on %(date)s, in %(days)s") % {"date": day, "days": _days(days)}
    return ""


def agreement_warnings(check: AgreementCheck, titles: dict[str, str], ends_on: date | None) -> list[str]:
    """The clauses the policy requires that the agreement lacks or left empty, and its expiry."""
    warnings = [_("missing clause: %(title)s") % {"title": titles.get(key, key)} for key in check.missing]
    warnings += [_("empty clause: %(title)s") % {"title": titles.get(key, key)} for key in check.empty]
    expiry = expiry_warning(check, ends_on)
    return warnings + [expiry] if expiry else warnings


def motion_reason(motion) -> str:
    """A closed motion's result in words, from its stored tally and the policy it was decided under
    (its stored English reason when it has no policy version)."""
    if motion.policy is None or not motion.outcome:
        return motion.reason
    governance = motion.policy.policy.governance
    required = math.ceil(governance.quorum_fraction * motion.seats)
    quorum = _("%(present)s of %(members)s members present, needs %(quorum)s = %(required)s") % {
        "present": motion.present,
        "members": motion.seats,
        "quorum": governance.quorum,
        "required": required,
    }
    if motion.outcome == "no_quorum":
        return _("no quorum: %(quorum)s") % {"quorum": quorum}
    base = motion.present if governance.majority_base == "present" else motion.yes + motion.no
    if base == 0:
        return _("no yes or no votes cast; quorum met: %(quorum)s") % {"quorum": quorum}
    values = {
        "yes": motion.yes,
        "base": base,
        "share": formats.percent(Fraction(motion.yes, base), 2),
        "quorum": quorum,
    }
    if governance.majority_base == "present":
        figures = _("%(yes)s yes of %(base)s members present (%(share)s)") % values
    else:
        figures = _("%(yes)s yes of %(base)s yes and no votes cast (%(share)s)") % values
    needed = _("more than half") if motion.rule == "simple" else _("at least two-thirds")
    return _("%(figures)s, needs %(needed)s; quorum met: %(quorum)s") % {
        **values,
        "figures": figures,
        "needed": needed,
    }
