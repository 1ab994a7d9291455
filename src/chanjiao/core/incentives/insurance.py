"""Industry–education comprehensive insurance: premium subsidy, claim-free rebate, yearly statement.

For one policy year:

* subsidy rate = the local finance tier's rate, plus ``sme_bonus`` for a small or medium
  enterprise (defaults: 30 %, 45 % or 60 %, +10 %);
* subsidy = premium × rate, rounded half up to the cent; enterprise share = premium − subsidy;
* rebate = enterprise share × ``claim_free_rebate_rate`` (half up) when the year had no claim;
* net = enterprise share − rebate: what the enterprise finally pays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from chanjiao.core.credit.policy import Policy
from chanjiao.core.credit.validation import exact, require_int
from chanjiao.core.incentives.money import amount, to_cents


@dataclass(frozen=True)
class InsuranceYear:
    """A policy year's premium (yuan, whole cents) and number of claims paid."""

    year: int
    premium: float
    claims: int = 0

    def __post_init__(self) -> None:
        require_int(self.year, "year", minimum=1900, maximum=2200)
        amount(self.premium, f"premium in {self.year}")
        require_int(self.claims, f"claims in {self.year}", minimum=0)


@dataclass(frozen=True)
class InsuranceLine:
    """One year of the statement; ``subsidy + enterprise_share == premium`` and
    ``rebate + net == enterprise_share`` exactly."""

    year: int
    premium: Decimal
    subsidy_rate: Fraction
    subsidy: Decimal
    enterprise_share: Decimal
    claims: int
    rebate: Decimal
    net: Decimal


@dataclass(frozen=True)
class InsuranceStatement:
    """Yearly lines and their totals for one enterprise."""

    finance_tier: str
    is_sme: bool
    lines: tuple[InsuranceLine, ...]
    premium: Decimal
    subsidy: Decimal
    enterprise_share: Decimal
    rebate: Decimal
    net: Decimal
    policy_version: int


def subsidy_rate(*, finance_tier: str, is_sme: bool, policy: Policy) -> Fraction:
    """Share of the premium the government pays.

    Examples
    --------
    >>> subsidy_rate(finance_tier="medium", is_sme=True, policy=Policy())
    Fraction(11, 20)
    """
    if not isinstance(is_sme, bool):
        raise ValueError(f"is_sme must be true or false, got {is_sme!r}")
    insurance = policy.insurance
    rate = exact(insurance.tier_rate(finance_tier), "tier rate")
    return rate + exact(insurance.sme_bonus, "sme_bonus") if is_sme else rate


def insurance_line(year: InsuranceYear, *, finance_tier: str, is_sme: bool, policy: Policy) -> InsuranceLine:
    """The calculator: subsidy, enterprise share, rebate and net for one policy year.

    Examples
    --------
    >>> line = insurance_line(InsuranceYear(2024, premium=12_345.67), finance_tier="weak",
    ...                       is_sme=True, policy=Policy())
    >>> line.subsidy, line.enterprise_share, line.rebate, line.net
    (Decimal('4938.27'), Decimal('7407.40'), Decimal('740.74'), Decimal('6666.66'))
    """
    rate = subsidy_rate(finance_tier=finance_tier, is_sme=is_sme, policy=policy)
    premium = amount(year.premium, f"premium in {year.year}")
    subsidy = to_cents(premium * rate)
    share = to_cents(premium) - subsidy
    rebate_rate = exact(policy.insurance.claim_free_rebate_rate, "claim_free_rebate_rate")
    rebate = to_cents(Fraction(share) * rebate_rate) if year.claims == 0 else Decimal("0.00")
    return InsuranceLine(
        year.year, to_cents(premium), rate, subsidy, share, year.claims, rebate, share - rebate
    )


def insurance_statement(
    years: Iterable[InsuranceYear], *, finance_tier: str, is_sme: bool, policy: Policy
) -> InsuranceStatement:
    """The yearly statement: one line per policy year, oldest first, with totals.

    Examples
    --------
    >>> statement = insurance_statement(
    ...     [InsuranceYear(2023, premium=10_000, claims=1), InsuranceYear(2024, premium=10_000)],
    ...     finance_tier="strong", is_sme=False, policy=Policy())
    >>> statement.subsidy, statement.rebate, statement.net
    (Decimal('12000.00'), Decimal('400.00'), Decimal('7600.00'))
    """
    years = sorted(years, key=lambda item: item.year)
    if not years:
        raise ValueError("an insurance statement needs at least one policy year")
    for earlier, later in zip(years, years[1:], strict=False):
        if earlier.year == later.year:
            raise ValueError(f"policy years must not repeat; {later.year} appears twice")
    lines = tuple(
        insurance_line(year, finance_tier=finance_tier, is_sme=is_sme, policy=policy) for year in years
    )
    return InsuranceStatement(
        finance_tier=finance_tier,
        is_sme=is_sme,
        lines=lines,
        premium=sum((line.premium for line in lines), Decimal("0.00")),
        subsidy=sum((line.subsidy for line in lines), Decimal("0.00")),
        enterprise_share=sum((line.enterprise_share for line in lines), Decimal("0.00")),
        rebate=sum((line.rebate for line in lines), Decimal("0.00")),
        net=sum((line.net for line in lines), Decimal("0.00")),
        policy_version=policy.version,
    )
