"""Policy sections for council governance and cooperation agreements.

Defaults: enterprise seats ≥ 40 % of a council (seed 004); a meeting needs two-thirds of members
present; program setting and use of funds need a two-thirds majority, other motions a simple
majority; the seven clauses the brief makes mandatory; a warning 90 days before expiry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from chanjiao.core.credit.policy_money import MAPPING
from chanjiao.core.credit.validation import (
    require_choice,
    require_int,
    require_number,
    require_text,
    require_unique,
)

MAJORITY_RULES = ("simple", "two_thirds")
"""``simple``: yes votes are more than half of the base; ``two_thirds``: at least two-thirds."""

MAJORITY_BASES = ("present", "cast")
"""``present``: every member who attended counts, abstentions included; ``cast``: yes + no only."""


@dataclass(frozen=True)
class GovernancePolicy:
    """Council composition and voting rules.

    ``quorum`` is a fraction written as text (``"2/3"``) so that it stays exact in JSON.
    """

    enterprise_seat_minimum: float = 0.40
    quorum: str = "2/3"
    majority_base: str = "present"
    motion_rules: tuple[tuple[str, str], ...] = field(
        default=(("program_setting", "two_thirds"), ("curriculum", "simple"), ("use_of_funds", "two_thirds")),
        metadata=MAPPING,
    )
    default_rule: str = "simple"

    def __post_init__(self) -> None:
        require_number(self.enterprise_seat_minimum, "enterprise_seat_minimum", minimum=0, maximum=1)
        require_choice(self.majority_base, "majority_base", MAJORITY_BASES)
        require_choice(self.default_rule, "default_rule", MAJORITY_RULES)
        require_unique((kind for kind, _rule in self.motion_rules), "motion kinds")
        for kind, rule in self.motion_rules:
            require_text(kind, "motion kind")
            require_choice(rule, f"rule of motion kind {kind!r}", MAJORITY_RULES)
        quorum = _parse_fraction(self.quorum, "quorum")
        if not 0 < quorum <= 1:
            raise ValueError(f"quorum must be a fraction above 0 and at most 1, got {self.quorum!r}")

    @property
    def quorum_fraction(self) -> Fraction:
        """The quorum as an exact fraction.

        Examples
        --------
        >>> GovernancePolicy().quorum_fraction
        Fraction(2, 3)
        """
        return _parse_fraction(self.quorum, "quorum")

    def rule_for(self, motion_kind: str) -> str:
        """Majority rule for a kind of motion (the default rule for unlisted kinds).

        Examples
        --------
        >>> GovernancePolicy().rule_for("use_of_funds"), GovernancePolicy().rule_for("meeting_dates")
        ('two_thirds', 'simple')
        """
        return dict(self.motion_rules).get(motion_kind, self.default_rule)


def _parse_fraction(text: object, name: str) -> Fraction:
    if not isinstance(text, str):
        raise ValueError(f"{name} must be a fraction written as text such as '2/3', got {text!r}")
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{name} must be a fraction written as text such as '2/3', got {text!r}") from None


DEFAULT_CLAUSES = (
    ("ip_ownership", "Intellectual property ownership"),
    ("training_safety_and_insurance", "Training safety and insurance"),
    ("distribution_of_results", "Distribution of results"),
    ("rights_defence", "Who defends rights against third parties"),
    ("dispute_resolution", "Dispute resolution"),
    ("risk_sharing", "Risk sharing"),
    ("exit", "Exit"),
)


@dataclass(frozen=True)
class AgreementPolicy:
    """Clauses every cooperation agreement must fill in (key → title), and the expiry warning."""

    mandatory_clauses: tuple[tuple[str, str], ...] = field(default=DEFAULT_CLAUSES, metadata=MAPPING)
    expiry_warning_days: int = 90

    def __post_init__(self) -> None:
        require_unique((key for key, _title in self.mandatory_clauses), "mandatory clause keys")
        for key, title in self.mandatory_clauses:
            require_text(key, "clause key")
            require_text(title, f"title of clause {key!r}")
        require_int(self.expiry_warning_days, "expiry_warning_days", minimum=0, maximum=3660)
