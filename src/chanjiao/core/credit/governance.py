"""Council governance rules: enterprise seat share, and motion voting with quorum and majority.

Councils of consortia and industrial colleges give enterprises seats and votes on major issues
(program setting, curriculum, use of funds). The policy sets the enterprise seat minimum (40 %),
the quorum (2/3 of members present) and the majority each kind of motion needs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from chanjiao.core.credit.criteria import percent_text
from chanjiao.core.credit.policy import Policy
from chanjiao.core.credit.validation import exact, require_choice, require_text, require_unique

ORGANISATION_KINDS = ("enterprise", "school", "government", "association", "research_institute", "other")
VOTES = ("yes", "no", "abstain")


@dataclass(frozen=True)
class CouncilSeat:
    """One council member and the kind of organisation they represent."""

    member: str
    organisation: str
    kind: str

    def __post_init__(self) -> None:
        require_text(self.member, "member")
        require_text(self.organisation, f"organisation of {self.member}")
        require_choice(self.kind, f"kind of organisation of {self.member}", ORGANISATION_KINDS)


@dataclass(frozen=True)
class CompositionCheck:
    """Seats by organisation kind and the enterprise-seat check.

    ``seats_to_add`` is the fewest enterprise seats to add (``None`` when adding can never reach a
    100 % minimum); ``seats_to_convert`` the fewest existing seats to hand to enterprises instead.
    """

    seats_by_kind: tuple[tuple[str, int], ...]
    total_seats: int
    enterprise_seats: int
    enterprise_share: Fraction
    minimum: Fraction  # the policy's minimum enterprise share
    compliant: bool
    warning: str
    seats_to_add: int | None
    seats_to_convert: int
    policy_version: int


def check_council_composition(seats: Iterable[CouncilSeat], policy: Policy) -> CompositionCheck:
    """Count seats by kind and warn when enterprise seats fall below the policy minimum.

    Examples
    --------
    >>> seats = [CouncilSeat(f"m{i}", f"org{i}", kind)
    ...          for i, kind in enumerate(["enterprise"] * 2 + ["school"] * 6 + ["government"] * 2)]
    >>> check = check_council_composition(seats, Policy())
    >>> check.compliant, check.seats_to_add, check.seats_to_convert
    (False, 4, 2)
    >>> check.warning
    'enterprise seats are 2 of 10 (20.00 %), below the 40.00 % minimum: add 4 enterprise seats or give 2 existing seats to enterprises'
    """
    seats = tuple(seats)
    if not seats:
        raise ValueError("a council must have at least one seat")
    require_unique((seat.member for seat in seats), "council members")
    counts = {kind: sum(seat.kind == kind for seat in seats) for kind in ORGANISATION_KINDS}
    total, enterprise = len(seats), counts["enterprise"]
    share = Fraction(enterprise, total)
    minimum = exact(policy.governance.enterprise_seat_minimum, "enterprise_seat_minimum")
    to_convert = max(0, math.ceil(minimum * total - enterprise))
    if minimum < 1:
        to_add: int | None = max(0, math.ceil((minimum * total - enterprise) / (1 - minimum)))
    else:
        to_add = 0 if enterprise == total else None
    compliant = share >= minimum
    warning = ""
    if not compliant:
        remedy = f"give {to_convert} existing seats to enterprises"
        if to_add is not None:
            remedy = f"add {to_add} enterprise seats or {remedy}"
        warning = (
            f"enterprise seats are {enterprise} of {total} ({percent_text(share)}), "
            f"below the {percent_text(minimum)} minimum: {remedy}"
        )
    return CompositionCheck(
        seats_by_kind=tuple(counts.items()),
        total_seats=total,
        enterprise_seats=enterprise,
        enterprise_share=share,
        minimum=minimum,
        compliant=compliant,
        warning=warning,
        seats_to_add=to_add,
        seats_to_convert=to_convert,
        policy_version=policy.version,
    )


@dataclass(frozen=True)
class MotionResult:
    """Outcome of a vote: ``"passed"``, ``"rejected"`` or ``"no_quorum"``, with the reason."""

    outcome: str
    rule: str
    members: int
    present: int
    yes: int
    no: int
    abstain: int
    reason: str
    policy_version: int


def tally_motion(
    *, members: Sequence[str], votes: Mapping[str, str], motion_kind: str, policy: Policy
) -> MotionResult:
    """Decide a motion from the members' votes; members who did not vote were absent.

    Quorum: members present ≥ ``quorum`` × members. Majority, over members present (or over yes +
    no votes when ``majority_base`` is ``"cast"``): ``simple`` needs more than half,
    ``two_thirds`` at least two-thirds.

    Examples
    --------
    >>> members = [f"m{i}" for i in range(12)]
    >>> votes = {f"m{i}": "yes" for i in range(5)} | {"m5": "no", "m6": "no", "m7": "abstain", "m8": "no"}
    >>> result = tally_motion(members=members, votes=votes, motion_kind="use_of_funds", policy=Policy())
    >>> result.outcome, result.reason
    ('rejected', 'rejected: 5 yes of 9 members present (55.56 %), needs at least two-thirds; quorum met: 9 of 12 members present, needs 2/3 = 8')
    """
    members = tuple(members)
    if not members:
        raise ValueError("a motion needs at least one council member")
    require_unique(members, "council members")
    require_text(motion_kind, "motion_kind")
    for voter, vote in votes.items():
        if voter not in members:
            raise ValueError(f"vote from {voter!r}, who is not a member of the council")
        require_choice(vote, f"vote of {voter}", VOTES)
    governance = policy.governance
    rule = governance.rule_for(motion_kind)
    tally = {choice: sum(vote == choice for vote in votes.values()) for choice in VOTES}
    present = len(votes)
    quorum = governance.quorum_fraction
    required = math.ceil(quorum * len(members))
    quorum_text = f"{present} of {len(members)} members present, needs {governance.quorum} = {required}"

    def result(outcome: str, reason: str) -> MotionResult:
        return MotionResult(
            outcome,
            rule,
            len(members),
            present,
            tally["yes"],
            tally["no"],
            tally["abstain"],
            reason,
            policy.version,
        )

    if present < required:
        return result("no_quorum", f"no quorum: {quorum_text}")
    base = present if governance.majority_base == "present" else tally["yes"] + tally["no"]
    base_text = "members present" if governance.majority_base == "present" else "yes and no votes cast"
    if base == 0:
        return result("rejected", f"rejected: no yes or no votes cast; quorum met: {quorum_text}")
    yes_share = Fraction(tally["yes"], base)
    passed = yes_share > Fraction(1, 2) if rule == "simple" else yes_share >= Fraction(2, 3)
    needed = "more than half" if rule == "simple" else "at least two-thirds"
    outcome = "passed" if passed else "rejected"
    figures = f"{tally['yes']} yes of {base} {base_text} ({percent_text(yes_share)})"
    return result(outcome, f"{outcome}: {figures}, needs {needed}; quorum met: {quorum_text}")
