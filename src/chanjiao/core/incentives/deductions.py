"""Tax super-deduction and training-cost reimbursement, as configurable examples.

The seeds cite Japan (enterprises deduct 150 % of the cost of building laboratories with
vocational colleges from taxable income) and Singapore (the Skills Development Fund reimburses up
to 70 % of staff training cost). Both numbers live in the policy; amounts are rounded half up to
the cent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from chanjiao.core.credit.policy import Policy
from chanjiao.core.credit.validation import exact, require_text
from chanjiao.core.incentives.money import amount, to_cents


@dataclass(frozen=True)
class DeductionLine:
    """One cost category: cost, deduction rate applied, deduction and the extra over cost."""

    category: str
    cost: Decimal
    rate: Fraction
    deduction: Decimal
    extra_deduction: Decimal


@dataclass(frozen=True)
class SuperDeduction:
    """Deductions by category; ``tax_saving`` is the extra deduction times the income-tax rate."""

    lines: tuple[DeductionLine, ...]
    total_cost: Decimal
    total_deduction: Decimal
    extra_deduction: Decimal
    tax_saving: Decimal
    policy_version: int


def super_deduction(costs: Mapping[str, object], policy: Policy) -> SuperDeduction:
    """Deduct eligible categories at the policy rate and the rest at 100 %.

    Examples
    --------
    >>> result = super_deduction({"laboratory": 400_000, "consumables": 10_000}, Policy())
    >>> result.total_deduction, result.extra_deduction, result.tax_saving
    (Decimal('610000.00'), Decimal('200000.00'), Decimal('50000.00'))
    """
    if not costs:
        raise ValueError("costs must list at least one cost category")
    tax = policy.tax_deduction
    super_rate = exact(tax.deduction_rate, "deduction_rate")
    lines = []
    for category, value in costs.items():
        require_text(category, "cost category")
        cost = amount(value, f"cost of {category}")
        rate = super_rate if category in tax.eligible_categories else Fraction(1)
        deduction = to_cents(cost * rate)
        lines.append(DeductionLine(category, to_cents(cost), rate, deduction, deduction - to_cents(cost)))
    extra = sum((line.extra_deduction for line in lines), Decimal("0.00"))
    return SuperDeduction(
        lines=tuple(lines),
        total_cost=sum((line.cost for line in lines), Decimal("0.00")),
        total_deduction=sum((line.deduction for line in lines), Decimal("0.00")),
        extra_deduction=extra,
        tax_saving=to_cents(
            Fraction(extra) * exact(tax.corporate_income_tax_rate, "corporate_income_tax_rate")
        ),
        policy_version=policy.version,
    )


@dataclass(frozen=True)
class TrainingReimbursement:
    """How much of a training cost is reimbursed, and whether the annual cap limited it."""

    training_cost: Decimal
    rate: Fraction
    reimbursed: Decimal
    enterprise_pays: Decimal
    capped: bool
    policy_version: int


def training_reimbursement(
    training_cost: object, policy: Policy, *, reimbursed_this_year: object = 0
) -> TrainingReimbursement:
    """Reimburse ``max_rate`` of the cost, within what the annual cap leaves this year.

    Examples
    --------
    >>> training_reimbursement(80_000, Policy()).reimbursed
    Decimal('56000.00')
    >>> from chanjiao.core.credit.policy_money import TrainingReimbursementPolicy
    >>> capped = Policy(training=TrainingReimbursementPolicy(annual_cap=100_000))
    >>> training_reimbursement(80_000, capped, reimbursed_this_year=60_000).reimbursed
    Decimal('40000.00')
    """
    cost = amount(training_cost, "training_cost")
    already = amount(reimbursed_this_year, "reimbursed_this_year")
    training = policy.training
    rate = exact(training.max_rate, "max_rate")
    reimbursed = to_cents(cost * rate)
    capped = False
    if training.annual_cap is not None:
        room = max(Fraction(0), exact(training.annual_cap, "annual_cap") - already)
        if Fraction(reimbursed) > room:
            # Rounded down so the year's reimbursements never exceed the cap.
            reimbursed, capped = to_cents(room, ROUND_DOWN), True
    return TrainingReimbursement(
        training_cost=to_cents(cost),
        rate=rate,
        reimbursed=reimbursed,
        enterprise_pays=to_cents(cost) - reimbursed,
        capped=capped,
        policy_version=policy.version,
    )
