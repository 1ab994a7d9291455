"""The policy in words, section by section, for the policy page."""

from __future__ import annotations

from django.utils.translation import gettext as _

from chanjiao.core.credit import METRICS, Criterion, Policy
from chanjiao.core.credit.criteria import bound_text
from chanjiao.credit.explanations import wording


def criterion_text(criterion: Criterion) -> str:
    """``students hosted (interns + apprentices) each year ≥ 100``."""
    metric = METRICS[criterion.metric]
    label = wording().labels.get(criterion.metric, metric.label)
    each = " " + _("in each year") if metric.each_year else ""
    return f"{label}{each} {bound_text(criterion)}"


def _percent(value: float) -> str:
    return f"{value * 100:g} %"


def policy_sections(policy: Policy) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(setting, value in words)]) for every part of the policy."""
    credit, incentives = policy.credit, policy.incentives
    insurance, equity, governance = policy.insurance, policy.equity, policy.governance
    return [
        (
            _("Credit rating"),
            [
                (
                    _("Window"),
                    _("%(n)s consecutive years ending at the rated year") % {"n": credit.window_years},
                )
            ]
            + [(rule.rating, " · ".join(criterion_text(c) for c in rule.criteria)) for rule in credit.grades]
            + [
                (
                    _("At most %(rating)s") % {"rating": cap.max_rating},
                    _("when %(c)s") % {"c": criterion_text(cap.condition)},
                )
                for cap in credit.caps
            ],
        ),
        (
            _("Incentives granted without application"),
            [
                (
                    rule.title,
                    " · ".join(
                        [_("rating %(rating)s or better") % {"rating": rule.min_rating}]
                        + [criterion_text(c) for c in rule.criteria]
                    ),
                )
                for rule in incentives.rules
            ]
            + [
                (
                    _("Exit"),
                    _("red evaluation light in %(n)s of the last %(m)s years revokes every incentive")
                    % {"n": incentives.exit_red_light_years, "m": incentives.exit_window_years},
                )
            ],
        ),
        (
            _("One-window checks"),
            [(_("Claim tolerance"), _percent(policy.one_window.claim_tolerance))],
        ),
        (
            _("Comprehensive insurance"),
            [
                (_("Subsidy, tier %(tier)s") % {"tier": tier}, _percent(rate))
                for tier, rate in insurance.tier_subsidy_rates
            ]
            + [
                (_("SME bonus"), "+" + _percent(insurance.sme_bonus)),
                (_("Rebate after a claim-free year"), _percent(insurance.claim_free_rebate_rate)),
            ],
        ),
        (
            _("Technology equity"),
            [
                (_("Share cap (strictly below)"), _percent(equity.share_cap)),
                (
                    _("Yearly adjustment"),
                    f"{_percent(equity.min_adjustment)} – {_percent(equity.max_adjustment)}",
                ),
                (_("Neutral band of the score"), f"±{equity.neutral_band:g}"),
                (_("Target pass rate"), _percent(equity.target_pass_rate)),
                (_("Target transfer income (yuan)"), f"{equity.target_transfer_income:,.2f}"),
                (_("Weight of the pass rate"), _percent(equity.pass_rate_weight)),
            ],
        ),
        (
            _("Tax super-deduction and training reimbursement"),
            [
                (_("Deduction rate"), _percent(policy.tax_deduction.deduction_rate)),
                (_("Eligible cost categories"), ", ".join(policy.tax_deduction.eligible_categories)),
                (_("Corporate income-tax rate"), _percent(policy.tax_deduction.corporate_income_tax_rate)),
                (_("Training cost reimbursed"), _percent(policy.training.max_rate)),
                (
                    _("Annual reimbursement cap (yuan)"),
                    f"{policy.training.annual_cap:,.2f}"
                    if policy.training.annual_cap is not None
                    else _("none"),
                ),
            ],
        ),
        (
            _("Council governance"),
            [
                (_("Enterprise seats at least"), _percent(governance.enterprise_seat_minimum)),
                (_("Quorum"), governance.quorum),
                (_("Majority counted over"), governance.majority_base),
            ]
            + [(kind, rule) for kind, rule in governance.motion_rules]
            + [(_("Other motions"), governance.default_rule)],
        ),
        (
            _("Agreements"),
            [(title, key) for key, title in policy.agreements.mandatory_clauses]
            + [(_("Warn before expiry"), _("%(n)s days") % {"n": policy.agreements.expiry_warning_days})],
        ),
    ]
