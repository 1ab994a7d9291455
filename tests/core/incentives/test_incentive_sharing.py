import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.incentives import proportional_shares, shapley_shares, shapley_values
from chanjiao.core.incentives.money import split_total

# College, enterprise and institute: the enterprise alone earns 40; together they earn 150.
GAME = {
    ("college",): 0,
    ("enterprise",): 40,
    ("institute",): 0,
    ("college", "enterprise"): 100,
    ("college", "institute"): 20,
    ("enterprise", "institute"): 60,
    ("college", "enterprise", "institute"): 150,
}
PARTIES = ["college", "enterprise", "institute"]


def test_proportional_worked_example_gives_the_leftover_cent_to_the_largest_remainder():
    # given contributions 2 : 5 : 2 and ¥1,000 to share
    table = proportional_shares({"college": 2, "enterprise": 5, "institute": 2}, total=1000)
    # then 222.222…, 555.555…, 222.222… round down to 999.99 and the enterprise's .555 gets the cent
    assert [(row.party, row.contribution, row.share, row.amount) for row in table.rows] == [
        ("college", 2, Fraction(2, 9), Decimal("222.22")),
        ("enterprise", 5, Fraction(5, 9), Decimal("555.56")),
        ("institute", 2, Fraction(2, 9), Decimal("222.22")),
    ]
    assert (table.method, table.total) == ("proportional", Decimal("1000.00"))


def test_equal_remainders_favour_the_party_listed_first():
    table = proportional_shares({"a": 1, "b": 1, "c": 1}, total=100)
    assert [row.amount for row in table.rows] == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]


def test_shapley_worked_example():
    # when Shapley values are computed by averaging marginal contributions over the 6 join orders
    values = shapley_values(PARTIES, GAME)
    # then college (0+0+60+20+90+90)/6, enterprise (40+40+100+60+130+130)/6, institute (0+0+20+20+50+50)/6
    assert values == {
        "college": Fraction(130, 3),
        "enterprise": Fraction(250, 3),
        "institute": Fraction(70, 3),
    }


def test_shapley_table_splits_the_total_to_the_cent():
    # given ¥10,000 of transfer income shared 13/45, 25/45, 7/45
    table = shapley_shares(PARTIES, GAME, total=10_000)
    # then 2888.888…, 5555.555…, 1555.555…: two leftover cents go to the college (.889) and,
    # of the equal .556 remainders, to the enterprise listed first
    assert [row.amount for row in table.rows] == [Decimal("2888.89"), Decimal("5555.56"), Decimal("1555.55")]
    assert table.as_rows()[0] == {
        "party": "college",
        "contribution": "43.33",
        "share": "28.89 %",
        "amount": "2888.89",
    }
    assert "largest discarded fractions" in table.rounding_rule


def test_coalitions_may_be_given_in_any_order_or_as_sets():
    game = {frozenset(coalition): value for coalition, value in GAME.items()}
    game[frozenset({"institute", "enterprise"})] = game.pop(frozenset({"enterprise", "institute"}))
    assert shapley_values(PARTIES, game) == shapley_values(PARTIES, GAME)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: shapley_values(PARTIES, {k: v for k, v in GAME.items() if k != ("college", "institute")}),
            "coalition_values must give the value of every coalition; missing ['college', 'institute']",
        ),
        (
            lambda: shapley_values(PARTIES, GAME | {("college", "guild"): 5}),
            "coalition ['college', 'guild'] names 'guild', who is not a party",
        ),
        (
            lambda: shapley_values(PARTIES, GAME | {("enterprise", "college"): 100}),
            "coalition ['college', 'enterprise'] is given twice",
        ),
        (lambda: shapley_values(PARTIES, GAME | {(): 5}), "the empty coalition must be worth 0, got 5"),
        (lambda: shapley_values(["a", "a"], {}), "parties must not repeat 'a'"),
        (
            lambda: shapley_values([f"p{i}" for i in range(13)], {}),
            "exact Shapley values are limited to 12 parties, got 13",
        ),
        (
            lambda: shapley_shares(["a", "b"], {("a",): 5, ("b",): 0, ("a", "b"): 0}, total=100),
            "the coalition of all parties must be worth more than 0, got 0",
        ),
        (
            lambda: shapley_shares(["a", "b"], {("a",): 10, ("b",): 0, ("a", "b"): 2}, total=100),
            "Shapley value of b is negative (-4); it cannot share a benefit",
        ),
        (lambda: proportional_shares({"a": 0, "b": 0}, total=100), "contributions must not all be zero"),
        (
            lambda: proportional_shares({"a": -1, "b": 2}, total=100),
            "contribution of a must be a number of at least 0, got -1",
        ),
        (lambda: proportional_shares({}, total=100), "there must be at least one party"),
        (lambda: proportional_shares({"a": 1}, total="ten"), "total must be a number, got 'ten'"),
        (lambda: proportional_shares({"a": 1}, total=0.001), "total must be in whole cents, got 0.001"),
    ],
)
def test_bad_sharing_input_is_refused(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert str(error.value) == message


total_cents = st.integers(0, 10**9)


@settings(derandomize=True)
@given(total=total_cents, contributions=st.lists(st.integers(0, 10**6), min_size=1, max_size=8))
def test_proportional_amounts_sum_to_the_total_within_a_cent_each(total, contributions):
    if not any(contributions):
        contributions[0] = 1
    named = {f"party {index}": value for index, value in enumerate(contributions)}
    table = proportional_shares(named, total=str(Decimal(total).scaleb(-2)))
    assert sum(row.amount for row in table.rows) == Decimal(total).scaleb(-2)
    for row in table.rows:
        assert abs(Fraction(row.amount) - Fraction(total, 100) * row.share) < Fraction(1, 100)


def _games(min_parties=1, max_parties=5):
    return st.integers(min_parties, max_parties).flatmap(
        lambda count: st.lists(st.integers(-50, 200), min_size=2**count - 1, max_size=2**count - 1).map(
            lambda values: (count, values)
        )
    )


def _game(count, values):
    parties = [f"p{index}" for index in range(count)]
    coalitions = [
        combination for size in range(1, count + 1) for combination in itertools.combinations(parties, size)
    ]
    return parties, dict(zip(coalitions, values, strict=True))


@settings(derandomize=True)
@given(_games())
def test_shapley_efficiency(game):
    parties, values = _game(*game)
    assert sum(shapley_values(parties, values).values()) == values[tuple(parties)]


@settings(derandomize=True)
@given(_games(min_parties=2))
def test_shapley_symmetry(game):
    # given a game where p0 and p1 are interchangeable (swap them and every coalition is worth the same)
    parties, values = _game(*game)

    def swapped(coalition):
        names = {"p0": "p1", "p1": "p0"}
        return tuple(sorted((names.get(name, name) for name in coalition), key=parties.index))

    symmetric = {coalition: min(value, values[swapped(coalition)]) for coalition, value in values.items()}
    # then they get the same value
    result = shapley_values(parties, symmetric)
    assert result["p0"] == result["p1"]


@settings(derandomize=True)
@given(_games(max_parties=4))
def test_shapley_null_player_gets_nothing(game):
    # given a party whose joining never changes a coalition's value
    parties, values = _game(*game)
    with_null = dict(values)
    with_null[("null",)] = 0
    for coalition, value in values.items():
        with_null[(*coalition, "null")] = value
    # then its Shapley value is 0 and the others keep theirs
    result = shapley_values([*parties, "null"], with_null)
    assert result.pop("null") == 0
    assert result == shapley_values(parties, values)


@settings(derandomize=True)
@given(_games(min_parties=2), total_cents)
def test_shapley_amounts_sum_to_the_total(game, total):
    parties, values = _game(*game)
    phi = shapley_values(parties, values)
    if sum(phi.values()) <= 0 or min(phi.values()) < 0:
        return
    table = shapley_shares(parties, values, total=str(Decimal(total).scaleb(-2)))
    assert sum(row.amount for row in table.rows) == Decimal(total).scaleb(-2)
    assert sum(row.share for row in table.rows) == 1


@settings(derandomize=True)
@given(total=total_cents, weights=st.lists(st.fractions(min_value=0, max_value=100), min_size=1, max_size=10))
def test_split_total_never_loses_a_cent(total, weights):
    if not any(weights):
        weights[0] = Fraction(1)
    parts = split_total(Fraction(total, 100), weights)
    assert sum(parts) == Decimal(total).scaleb(-2)
    assert all(part >= 0 for part in parts)
