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

from dataclasses import dataclass

from chanjiao.core.credit.criteria import money_text
from chanjiao.core.credit.policy import Policy
from chanjiao.core.credit.records import EnterpriseYear
from chanjiao.core.credit.validation import exact, require_int, require_number, require_text
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
    """One automatic check and its reason."""

    name: str
    passed: bool
    reason: str


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

    def claim(name: str, label: str, claimed: object, recorded: object, show: str = "count") -> Check:
        claimed_value, recorded_value = exact(claimed, label), exact(recorded, label)
        passed = claimed_value <= recorded_value * (1 + tolerance)
        shown = (
            (money_text(claimed_value), money_text(recorded_value))
            if show == "money"
            else (claimed, recorded)
        )
        missing = "" if year in by_year else f" (no record for {year})"
        return Check(
            name, passed, f"claimed {shown[0]} {label} in {year}; the platform recorded {shown[1]}{missing}"
        )

    light = record.evaluation_light
    exit_decision = check_exit(facts.records, policy, as_of_year=year)
    agreements_ok = facts.active_agreements >= 1 and facts.incomplete_agreements == 0
    reviews = {
        "education": (
            claim(
                "hosted_students",
                "students hosted (interns + apprentices)",
                application.claimed_hosted_students,
                record.hosted_students,
            ),
            Check(
                "agreements",
                agreements_ok,
                f"{facts.active_agreements} active cooperation agreements, "
                f"{facts.incomplete_agreements} missing a mandatory clause",
            ),
            Check("evaluation", light != "red", f"evaluation light in {year}: {light or 'not evaluated'}"),
        ),
        "taxation": (
            Check(
                "tax_registration",
                facts.tax_registered,
                "registered for tax" if facts.tax_registered else "not registered for tax",
            ),
            claim(
                "rd_spending", "R&D spending", application.claimed_rd_spending, record.rd_spending, "money"
            ),
            Check("eligibility", not exit_decision.revoked, exit_decision.reason),
        ),
        "industry": (
            claim(
                "technical_needs",
                "technical needs solved",
                application.claimed_technical_needs_solved,
                record.technical_needs_solved,
            ),
            claim(
                "equipment",
                "equipment contributed",
                application.claimed_equipment_contributed,
                record.equipment_contributed,
                "money",
            ),
            Check("breaches", record.breaches == 0, f"breaches of agreement in {year}: {record.breaches}"),
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
