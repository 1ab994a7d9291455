"""Exemption from application, and exit.

An enterprise qualifies for an incentive without applying when its credit rating is at least the
incentive's ``min_rating`` and its records meet the incentive's extra criteria. Exit overrides
everything: red evaluation lights in ``exit_red_light_years`` of the last ``exit_window_years``
years revoke every incentive (the seeds: eligibility for tax incentives and subsidies is cancelled
for enterprises with a poor long-term evaluation). Each decision states its basis.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chanjiao.core.credit.criteria import evaluate
from chanjiao.core.credit.policy import Policy
from chanjiao.core.credit.policy_rules import IncentiveRule, rating_rank
from chanjiao.core.credit.rating import CreditRating, rate_enterprise
from chanjiao.core.credit.records import EnterpriseYear, RecordWindow, record_window
from chanjiao.core.credit.wording import Facts, basis_text, exit_text


@dataclass(frozen=True)
class ExitDecision:
    """Whether a poor long-term evaluation revokes eligibility, and why (``reason`` words ``facts``)."""

    revoked: bool
    red_light_years: tuple[int, ...]
    window_years: int
    threshold: int

    @property
    def facts(self) -> Facts:
        return {
            "revoked": self.revoked,
            "red_light_years": list(self.red_light_years),
            "window_years": self.window_years,
            "threshold": self.threshold,
        }

    @property
    def reason(self) -> str:
        return exit_text(self.facts)


@dataclass(frozen=True)
class IncentiveDecision:
    """One incentive: granted or not, and the basis either way (``basis`` words ``basis_facts``)."""

    key: str
    title: str
    granted: bool
    basis_facts: tuple[Facts, ...]

    @property
    def basis(self) -> tuple[str, ...]:
        return tuple(basis_text(item) for item in self.basis_facts)


@dataclass(frozen=True)
class IncentiveEligibility:
    """The rating, the exit decision and a decision per incentive in the policy."""

    rating: CreditRating
    exit: ExitDecision
    decisions: tuple[IncentiveDecision, ...]
    policy_version: int

    @property
    def granted(self) -> tuple[IncentiveDecision, ...]:
        return tuple(decision for decision in self.decisions if decision.granted)


def check_exit(
    records: Iterable[EnterpriseYear], policy: Policy, *, as_of_year: int | None = None
) -> ExitDecision:
    """Revoke eligibility after red lights in N of the last M years (defaults: 2 of 3).

    Examples
    --------
    >>> records = [EnterpriseYear(2023, evaluation_light="red"), EnterpriseYear(2024, evaluation_light="red")]
    >>> check_exit(records, Policy()).reason
    'red evaluation light in 2 of the last 3 years (2023, 2024), the exit threshold is 2: eligibility for automatic incentives, tax incentives and subsidies is revoked'
    """
    incentives = policy.incentives
    window = record_window(records, incentives.exit_window_years, as_of_year)
    return _exit(window, policy)


def automatic_incentives(
    records: Iterable[EnterpriseYear], policy: Policy, *, as_of_year: int | None = None
) -> IncentiveEligibility:
    """Every incentive in the policy, granted automatically or not, with its basis.

    Examples
    --------
    >>> records = [EnterpriseYear(year, interns_hosted=150, rd_spending=70, revenue=1000,
    ...                           courses_codeveloped=1, mentors_provided=3, technical_needs_solved=1)
    ...            for year in (2022, 2023, 2024)]
    >>> eligibility = automatic_incentives(records, Policy())
    >>> [decision.key for decision in eligibility.granted]
    ['tax_credit', 'land_priority', 'procurement_priority']
    >>> eligibility.decisions[-1].basis
    ('rating AAA meets the required AA', 'equipment contributed in 2022–2024: ¥0.00 (needs ≥ ¥200,000.00): not met')
    """
    records = tuple(records)
    rating = rate_enterprise(records, policy, as_of_year=as_of_year)
    exit_decision = check_exit(records, policy, as_of_year=rating.last_year)
    window = record_window(records, policy.credit.window_years, rating.last_year)
    decisions = tuple(_decide(rule, rating, window, exit_decision) for rule in policy.incentives.rules)
    return IncentiveEligibility(rating, exit_decision, decisions, policy.version)


def _exit(window: RecordWindow, policy: Policy) -> ExitDecision:
    threshold = policy.incentives.exit_red_light_years
    red_years = tuple(record.year for record in window.years if record.evaluation_light == "red")
    return ExitDecision(len(red_years) >= threshold, red_years, len(window.years), threshold)


def _decide(
    rule: IncentiveRule, rating: CreditRating, window: RecordWindow, exit_decision: ExitDecision
) -> IncentiveDecision:
    rating_met = rating_rank(rating.rating) >= rating_rank(rule.min_rating)
    basis: list[Facts] = [
        {"kind": "rating", "rating": rating.rating, "required": rule.min_rating, "met": rating_met}
    ]
    results = [evaluate(criterion, window) for criterion in rule.criteria]
    basis.extend({"kind": "criterion", "criterion": result.facts} for result in results)
    qualified = rating_met and all(result.holds for result in results)
    if qualified and exit_decision.revoked:
        basis.append({"kind": "revoked", "exit": exit_decision.facts})
    return IncentiveDecision(rule.key, rule.title, qualified and not exit_decision.revoked, tuple(basis))
