"""Policy sections for money rules: insurance subsidy, technology equity, tax and training.

Defaults come from the seeds: insurance premium subsidy 30–60 % by local finance tier plus 10 %
for SMEs and a rebate after a claim-free year; technology equity strictly below 30 % with a
dynamic adjustment of 3–10 %; a 150 % super-deduction of laboratory costs (Japan) and up to 70 %
of training cost reimbursed (Singapore's Skills Development Fund).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chanjiao.core.credit.validation import require_number, require_text, require_unique

MAPPING = {"mapping": True}
"""Field metadata: a tuple of ``(name, value)`` pairs that is a JSON object in policy dicts."""


@dataclass(frozen=True)
class InsurancePolicy:
    """Industry–education comprehensive insurance.

    ``tier_subsidy_rates`` maps a local finance tier to the government's share of the premium;
    SMEs get ``sme_bonus`` on top; a claim-free year earns back ``claim_free_rebate_rate`` of the
    enterprise's own share.
    """

    tier_subsidy_rates: tuple[tuple[str, float], ...] = field(
        default=(("strong", 0.60), ("medium", 0.45), ("weak", 0.30)), metadata=MAPPING
    )
    sme_bonus: float = 0.10
    claim_free_rebate_rate: float = 0.10

    def __post_init__(self) -> None:
        if not self.tier_subsidy_rates:
            raise ValueError("tier_subsidy_rates must name at least one finance tier")
        require_unique((tier for tier, _rate in self.tier_subsidy_rates), "finance tiers")
        for tier, rate in self.tier_subsidy_rates:
            require_text(tier, "finance tier")
            require_number(rate, f"subsidy rate of tier {tier!r}", minimum=0, maximum=1)
        require_number(self.sme_bonus, "sme_bonus", minimum=0, maximum=1)
        require_number(self.claim_free_rebate_rate, "claim_free_rebate_rate", minimum=0, maximum=1)
        highest = max(rate for _tier, rate in self.tier_subsidy_rates)
        if highest + self.sme_bonus > 1:
            raise ValueError(
                f"the highest tier rate ({highest}) plus sme_bonus ({self.sme_bonus}) must not exceed 1"
            )

    def tier_rate(self, tier: str) -> float:
        """Subsidy rate of a finance tier; ``ValueError`` listing the tiers when unknown.

        Examples
        --------
        >>> InsurancePolicy().tier_rate("weak")
        0.3
        """
        rates = dict(self.tier_subsidy_rates)
        if tier not in rates:
            known = ", ".join(repr(name) for name in rates)
            raise ValueError(f"finance_tier must be one of {known}, got {tier!r}")
        return rates[tier]


@dataclass(frozen=True)
class EquityPolicy:
    """Technology equity: cap, and the yearly adjustment driven by performance.

    Performance is scored in [-1, 1] from the skill-certification pass rate against
    ``target_pass_rate`` and technology-transfer income against ``target_transfer_income``
    (weights ``pass_rate_weight`` and ``1 - pass_rate_weight``). A score within ``neutral_band``
    leaves the share unchanged; otherwise the share moves by ``min_adjustment`` to
    ``max_adjustment`` of itself, growing with the score, and always stays below ``share_cap``.
    """

    share_cap: float = 0.30
    min_adjustment: float = 0.03
    max_adjustment: float = 0.10
    neutral_band: float = 0.05
    target_pass_rate: float = 0.80
    target_transfer_income: float = 1_000_000
    pass_rate_weight: float = 0.5

    def __post_init__(self) -> None:
        require_number(self.share_cap, "share_cap", minimum=0.0001, maximum=1)
        require_number(self.min_adjustment, "min_adjustment", minimum=0, maximum=1)
        require_number(self.max_adjustment, "max_adjustment", minimum=self.min_adjustment, maximum=1)
        require_number(self.neutral_band, "neutral_band", minimum=0, maximum=0.99)
        require_number(self.target_pass_rate, "target_pass_rate", minimum=0.01, maximum=1)
        require_number(self.target_transfer_income, "target_transfer_income", minimum=0.01)
        require_number(self.pass_rate_weight, "pass_rate_weight", minimum=0, maximum=1)


@dataclass(frozen=True)
class TaxDeductionPolicy:
    """Super-deduction: eligible cost categories are deducted at ``deduction_rate`` times cost."""

    deduction_rate: float = 1.5
    eligible_categories: tuple[str, ...] = ("laboratory",)
    corporate_income_tax_rate: float = 0.25

    def __post_init__(self) -> None:
        require_number(self.deduction_rate, "deduction_rate", minimum=1, maximum=5)
        require_unique(self.eligible_categories, "eligible_categories")
        for category in self.eligible_categories:
            require_text(category, "eligible category")
        require_number(self.corporate_income_tax_rate, "corporate_income_tax_rate", minimum=0, maximum=1)


@dataclass(frozen=True)
class TrainingReimbursementPolicy:
    """Training-cost reimbursement: ``max_rate`` of the cost, at most ``annual_cap`` yuan a year."""

    max_rate: float = 0.70
    annual_cap: float | None = None

    def __post_init__(self) -> None:
        require_number(self.max_rate, "max_rate", minimum=0, maximum=1)
        if self.annual_cap is not None:
            require_number(self.annual_cap, "annual_cap", minimum=0)
