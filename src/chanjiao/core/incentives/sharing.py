"""Benefit sharing for joint R&D results: proportional to contribution, or by Shapley value.

Proportional sharing suits contributions that simply add up (hours, money, equipment value).
When contributions interact (a school's students are worth more with the enterprise's equipment
than alone), the parties give the value each coalition would have produced on its own (a
characteristic function ``v``) and each party's share is its Shapley value: its marginal
contribution ``v(S ∪ {i}) − v(S)`` averaged over every order in which the parties could join.
Shapley values are computed exactly (rational arithmetic) for up to :data:`MAX_SHAPLEY_PARTIES`.

Both methods return a :class:`ShareTable` whose amounts are split from the total with the
largest-remainder rule (see :func:`~chanjiao.core.incentives.money.split_total`), so they add up
to the total to the cent.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from chanjiao.core.credit.criteria import percent_text
from chanjiao.core.credit.validation import exact, require_text, require_unique
from chanjiao.core.incentives.money import amount, split_total, to_cents

MAX_SHAPLEY_PARTIES = 12
"""Exact Shapley values need all 2**n coalition values: 4,095 for 12 parties."""

ROUNDING_RULE = (
    "Each party first gets its exact share of the total rounded down to the cent; the cents left "
    "over go one each to the parties with the largest discarded fractions, ties to the party "
    "listed first. Amounts add up to the total exactly."
)


@dataclass(frozen=True)
class ShareRow:
    """One party's line: recorded contribution (or Shapley value), exact share, amount to the cent."""

    party: str
    contribution: Fraction
    share: Fraction
    amount: Decimal


@dataclass(frozen=True)
class ShareTable:
    """The table each party signs."""

    method: str
    total: Decimal
    rows: tuple[ShareRow, ...]
    rounding_rule: str = ROUNDING_RULE

    def as_rows(self) -> list[dict[str, str]]:
        """Rows as text for display, export and signing.

        Examples
        --------
        >>> proportional_shares({"school": 1, "enterprise": 3}, total=1000).as_rows()[1]
        {'party': 'enterprise', 'contribution': '3.00', 'share': '75.00 %', 'amount': '750.00'}
        """
        return [
            {
                "party": row.party,
                "contribution": str(to_cents(row.contribution)),
                "share": percent_text(row.share),
                "amount": str(row.amount),
            }
            for row in self.rows
        ]


def proportional_shares(contributions: Mapping[str, object], *, total: object) -> ShareTable:
    """Share ``total`` in proportion to each party's recorded contribution.

    Examples
    --------
    >>> table = proportional_shares({"college": 2, "enterprise": 5, "institute": 2}, total=1000)
    >>> [(row.party, row.share, row.amount) for row in table.rows]
    [('college', Fraction(2, 9), Decimal('222.22')), ('enterprise', Fraction(5, 9), Decimal('555.56')), ('institute', Fraction(2, 9), Decimal('222.22'))]
    """
    parties = _parties(contributions)
    values = [exact(contributions[party], f"contribution of {party}", minimum=0) for party in parties]
    if sum(values) <= 0:
        raise ValueError("contributions must not all be zero")
    return _table("proportional", parties, values, amount(total, "total"))


def shapley_values(
    parties: Sequence[str], coalition_values: Mapping[Iterable[str], object]
) -> dict[str, Fraction]:
    """Exact Shapley value of each party for the characteristic function ``coalition_values``.

    ``coalition_values`` maps every non-empty coalition (any iterable of party names, such as a
    tuple or frozenset) to the value it produces; the empty coalition is worth 0.

    Examples
    --------
    >>> values = {("school",): 0, ("enterprise",): 40, ("school", "enterprise"): 100}
    >>> shapley_values(["school", "enterprise"], values)
    {'school': Fraction(30, 1), 'enterprise': Fraction(70, 1)}
    """
    parties = _parties(parties)
    count = len(parties)
    if count > MAX_SHAPLEY_PARTIES:
        raise ValueError(f"exact Shapley values are limited to {MAX_SHAPLEY_PARTIES} parties, got {count}")
    value_of = _coalition_table(parties, coalition_values)
    # Weight of a coalition of size s that party i joins: s! (n - s - 1)! / n!
    weights = [
        Fraction(math.factorial(size) * math.factorial(count - size - 1), math.factorial(count))
        for size in range(count)
    ]
    result = {}
    for index, party in enumerate(parties):
        bit = 1 << index
        result[party] = sum(
            (
                weights[mask.bit_count()] * (value_of[mask | bit] - value_of[mask])
                for mask in range(1 << count)
                if not mask & bit
            ),
            Fraction(0),
        )
    return result


def shapley_shares(
    parties: Sequence[str], coalition_values: Mapping[Iterable[str], object], *, total: object
) -> ShareTable:
    """Share ``total`` in proportion to Shapley values (each share is ``φ_i / v(all parties)``).

    Refused when the grand coalition is worth nothing or a party's Shapley value is negative
    (its participation destroys value, so there is nothing for it to share).

    Examples
    --------
    >>> values = {("school",): 0, ("enterprise",): 40, ("school", "enterprise"): 100}
    >>> [str(row.amount) for row in shapley_shares(["school", "enterprise"], values, total=500).rows]
    ['150.00', '350.00']
    """
    values = shapley_values(parties, coalition_values)
    grand = sum(values.values(), Fraction(0))
    if grand <= 0:
        raise ValueError(f"the coalition of all parties must be worth more than 0, got {float(grand):g}")
    for party, value in values.items():
        if value < 0:
            raise ValueError(
                f"Shapley value of {party} is negative ({float(value):g}); it cannot share a benefit"
            )
    return _table("shapley", list(values), list(values.values()), amount(total, "total"))


def _parties(names: Iterable[str]) -> list[str]:
    parties = list(names)
    if not parties:
        raise ValueError("there must be at least one party")
    for party in parties:
        require_text(party, "party")
    require_unique(parties, "parties")
    return parties


def _coalition_table(parties: list[str], coalition_values: Mapping[Iterable[str], object]) -> list[Fraction]:
    index_of = {party: index for index, party in enumerate(parties)}
    table: list[Fraction | None] = [None] * (1 << len(parties))
    for coalition, value in coalition_values.items():
        members = frozenset([coalition] if isinstance(coalition, str) else coalition)
        unknown = sorted(members - set(index_of))
        if unknown:
            raise ValueError(f"coalition {sorted(members)} names {unknown[0]!r}, who is not a party")
        mask = sum(1 << index_of[member] for member in members)
        worth = exact(value, f"value of coalition {sorted(members)}")
        if mask == 0 and worth != 0:
            raise ValueError(f"the empty coalition must be worth 0, got {value!r}")
        if table[mask] is not None:
            raise ValueError(f"coalition {sorted(members)} is given twice")
        table[mask] = worth
    if table[0] is None:
        table[0] = Fraction(0)
    for mask, given in enumerate(table):
        if given is None:
            missing = [party for index, party in enumerate(parties) if mask >> index & 1]
            raise ValueError(f"coalition_values must give the value of every coalition; missing {missing}")
    return [given for given in table if given is not None]


def _table(method: str, parties: list[str], contributions: list[Fraction], total: Fraction) -> ShareTable:
    weight_sum = sum(contributions, Fraction(0))
    amounts = split_total(total, contributions)
    rows = tuple(
        ShareRow(party, contribution, contribution / weight_sum, part)
        for party, contribution, part in zip(parties, contributions, amounts, strict=True)
    )
    return ShareTable(method, to_cents(total), rows)
