"""One-window application: one form, automatic checks per department against platform records.

Incentives that are not granted automatically are applied for once; education, taxation and
industry examine the application in parallel. Each department's automatic checks compare what the
enterprise claims with what the platform recorded for the claimed year (a claim passes when it is
at most the record times ``1 + claim_tolerance``), so officers only look at what failed.

Checks by department:

* education: students hosted, a complete active cooperation agreement, no red light that year;
* taxation: tax registration, R&D spending, eligibility not revoked by exit;
* industry: technical needs solved, equipment contributed, no breach of agreement that year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from chanjiao.core.credit.criteria import money_text
from chanjiao.core.credit.policy import Policy
from chanjiao.core.credit.records import EnterpriseYear
from chanjiao.core.credit.validation import exact, require_int, require_number, require_text
from chanjiao.core.credit.wording import ENGLISH as CREDIT_ENGLISH
from chanjiao.core.credit.wording import Facts, exit_text
from chanjiao.core.credit.wording import Wording as CreditWording
from chanjiao.core.incentives.exemption import check_exit

DEPARTMENTS = ("education", "taxation", "industry")


@dataclass(frozen=True)
class Application:
    """What the enterprise claims for ``year`` when applying for ``incentive``."""

    enterprise: str
    incentive: str
    year: int
    claimed_hosted_students: int = 0
    claimed_rd_spending: float = 0
    claimed_technical_needs_solved: int = 0
    claimed_equipment_contributed: float = 0

    def __post_init__(self) -> None:
        require_text(self.enterprise, "enterprise")
        require_text(self.incentive, "incentive")
        require_int(self.year, "year", minimum=1900, maximum=2200)
        require_int(self.claimed_hosted_students, "claimed_hosted_students", minimum=0)
        require_int(self.claimed_technical_needs_solved, "claimed_technical_needs_solved", minimum=0)
        require_number(self.claimed_rd_spending, "claimed_rd_spending", minimum=0)
        require_number(self.claimed_equipment_contributed, "claimed_equipment_contributed", minimum=0)


@dataclass(frozen=True)
class PlatformFacts:
    """What the platform knows about the applicant beyond its yearly records."""

    records: tuple[EnterpriseYear, ...]
    tax_registered: bool
    active_agreements: int
    incomplete_agreements: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.tax_registered, bool):
            raise ValueError(f"tax_registered must be true or false, got {self.tax_registered!r}")
        require_int(self.active_agreements, "active_agreements", minimum=0)
        require_int(
            self.incomplete_agreements, "incomplete_agreements", minimum=0, maximum=self.active_agreements
        )


@dataclass(frozen=True)
class Check:
    """One automatic check, its reason in English, and the facts the reason words (JSON-ready),
    so that a page can word the same check in its reader's language with :func:`check_text`."""

    name: str
    passed: bool
    reason: str
    facts: Facts = field(default_factory=dict)


@dataclass(frozen=True)
class CheckWording:
    """The sentences of the checks as ``%``-format templates; English by default."""

    labels: Mapping[str, str] = field(
        default_factory=lambda: {
            "hosted_students": "students hosted (interns + apprentices)",
            "rd_spending": "R&D spending",
            "technical_needs": "technical needs solved",
            "equipment": "equipment contributed",
        }
    )
    claim: str = "claimed %(claimed)s %(label)s in %(year)s; the platform recorded %(recorded)s"
    claim_no_record: str = (
        "claimed %(claimed)s %(label)s in %(year)s; the platform recorded %(recorded)s "
        "(no record for %(year)s)"
    )
    agreements: str = "%(active)s active cooperation agreements, %(incomplete)s missing a mandatory clause"
    evaluation: str = "evaluation light in %(year)s: %(light)s"
    lights: Mapping[str, str] = field(
        default_factory=lambda: {"": "not evaluated", "green": "green", "yellow": "yellow", "red": "red"}
    )
    registered: str = "registered for tax"
    not_registered: str = "not registered for tax"
    breaches: str = "breaches of agreement in %(year)s: %(breaches)s"
    credit: CreditWording = CREDIT_ENGLISH  # the exit rule's sentences


CHECK_ENGLISH = CheckWording()


def check_text(name: str, facts: Facts, wording: CheckWording = CHECK_ENGLISH) -> str:
    """A check's reason worded from its facts.

    Examples
    --------
    >>> check_text("breaches", {"year": 2024, "breaches": 0})
    'breaches of agreement in 2024: 0'
    """
    if name in wording.labels:
        shown = {
            key: money_text(exact(facts[key], key)) if facts["money"] else facts[key]
            for key in ("claimed", "recorded")
        }
        template = wording.claim if facts["has_record"] else wording.claim_no_record
        return template % {**shown, "label": wording.labels[name], "year": facts["year"]}
    if name == "agreements":
        return wording.agreements % facts
    if name == "evaluation":
        light = facts["light"]
        return wording.evaluation % {"year": facts["year"], "light": wording.lights.get(light, light)}
    if name == "tax_registration":
        return wording.registered if facts["registered"] else wording.not_registered
    if name == "eligibility":
        return exit_text(facts, wording.credit)
    if name == "breaches":
        return wording.breaches % facts
    raise ValueError(f"unknown check {name!r}")


def _check(name: str, passed: bool, facts: dict[str, Any]) -> Check:
    return Check(name, passed, check_text(name, facts), facts)


@dataclass(frozen=True)
class DepartmentReview:
    """A department's automatic checks; it passes when every check passes."""

    department: str
    passed: bool
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class OneWindowResult:
    """All departments' reviews; the application passes the automatic stage when all pass."""

    application: Application
    passed: bool
    reviews: tuple[DepartmentReview, ...]
    policy_version: int


def check_application(application: Application, facts: PlatformFacts, policy: Policy) -> OneWindowResult:
    """Run every department's automatic checks on an application.

    Examples
    --------
    >>> record = EnterpriseYear(2024, interns_hosted=80, apprentices_hosted=20, rd_spending=500_000,
    ...                         revenue=8_000_000, technical_needs_solved=3, evaluation_light="green")
    >>> application = Application("Acme Robotics", "training_subsidy", 2024,
    ...                           claimed_hosted_students=110, claimed_rd_spending=500_000)
    >>> result = check_application(application, PlatformFacts((record,), True, 2), Policy())
    >>> result.passed, [review.passed for review in result.reviews]
    (False, [False, True, True])
    >>> result.reviews[0].checks[0].reason
    'claimed 110 students hosted (interns + apprentices) in 2024; the platform recorded 100'
    """
    by_year = {record.year: record for record in facts.records}
    if len(by_year) != len(facts.records):
        raise ValueError("records must have one entry per year")
    year = application.year
    record = by_year.get(year, EnterpriseYear(year))
    tolerance = exact(policy.one_window.claim_tolerance, "claim_tolerance")

    def claim(name: str, claimed: object, recorded: object, money: bool = False) -> Check:
        claimed_value, recorded_value = exact(claimed, name), exact(recorded, name)
        passed = claimed_value <= recorded_value * (1 + tolerance)
        facts = {
            "claimed": str(claimed) if money else claimed,
            "recorded": str(recorded) if money else recorded,
            "year": year,
            "has_record": year in by_year,
            "money": money,
        }
        return _check(name, passed, facts)

    light = record.evaluation_light
    exit_decision = check_exit(facts.records, policy, as_of_year=year)
    agreements_ok = facts.active_agreements >= 1 and facts.incomplete_agreements == 0
    reviews = {
        "education": (
            claim("hosted_students", application.claimed_hosted_students, record.hosted_students),
            _check(
                "agreements",
                agreements_ok,
                {"active": facts.active_agreements, "incomplete": facts.incomplete_agreements},
            ),
            _check("evaluation", light != "red", {"year": year, "light": light or ""}),
        ),
        "taxation": (
            _check("tax_registration", facts.tax_registered, {"registered": facts.tax_registered}),
            claim("rd_spending", application.claimed_rd_spending, record.rd_spending, money=True),
            _check("eligibility", not exit_decision.revoked, dict(exit_decision.facts)),
        ),
        "industry": (
            claim(
                "technical_needs", application.claimed_technical_needs_solved, record.technical_needs_solved
            ),
            claim(
                "equipment",
                application.claimed_equipment_contributed,
                record.equipment_contributed,
                money=True,
            ),
            _check("breaches", record.breaches == 0, {"year": year, "breaches": record.breaches}),
        ),
    }
    department_reviews = tuple(
        DepartmentReview(department, all(check.passed for check in checks), checks)
        for department, checks in reviews.items()
    )
    return OneWindowResult(
        application=application,
        passed=all(review.passed for review in department_reviews),
        reviews=department_reviews,
        policy_version=policy.version,
    )
