import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.matching import (
    Lottery,
    deferred_acceptance,
    draw_lottery,
    position_rank_from_scores,
    strict_position_rank,
    tiers_from_scores,
)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2_000), st.integers(0, 2**63 - 1))
def test_the_lottery_is_reproducible_from_its_seed(n_students, seed):
    # when the same seed is drawn twice
    first, second = draw_lottery(n_students, seed), draw_lottery(n_students, seed)

    # then the numbers and their digest are identical, and form a permutation of the students
    assert np.array_equal(first.numbers, second.numbers)
    assert first.digest == second.digest
    assert np.array_equal(np.sort(first.numbers), np.arange(n_students))


def test_the_recorded_draw_of_seed_2024_is_fixed():
    # given a round that recorded seed 2024 for 8 students
    lottery = draw_lottery(8, seed=2024)

    # then anyone redrawing it gets the published numbers and digest
    assert lottery.numbers.tolist() == [3, 2, 7, 5, 4, 1, 6, 0]
    assert lottery.digest == "c51647ad8c744ad23f9243ea292e3e76ecb632e65f6def74ec4c8150a583e084"


def test_different_seeds_draw_different_orders():
    assert not np.array_equal(draw_lottery(1_000, seed=1).numbers, draw_lottery(1_000, seed=2).numbers)


def test_ties_are_broken_by_the_lower_lottery_number_and_tiers_keep_their_order():
    # given position 0 ranking students 0 and 1 in tier 0 and student 2 in tier 1
    lottery = Lottery(seed=0, numbers=np.array([2, 0, 1]))
    choices = [[0, 1], [0, -1], [0, 1]]

    # when ties are broken
    rank = strict_position_rank(choices, [[0, 3], [0, 0], [1, 3]], lottery)

    # then student 1 (number 0) beats student 0 (number 2), tier 1 stays last, padding is -1
    assert rank.tolist() == [[2, 11], [0, -1], [4, 10]]
    assert rank.dtype == np.int32


def test_a_seeded_lottery_decides_a_fully_tied_round_the_same_way_every_time():
    # given 50 students tied for 10 seats of one position
    choices = np.zeros((50, 1), np.int64)

    def winners(seed):
        rank = strict_position_rank(choices, np.zeros_like(choices), draw_lottery(50, seed))
        return np.flatnonzero(deferred_acceptance(choices, rank, [10]).assignment == 0).tolist()

    # then the winners are the ten lowest numbers, and the same for the same seed
    assert winners(11) == winners(11)
    assert winners(11) == sorted(np.argsort(draw_lottery(50, 11).numbers)[:10].tolist())


def test_ranks_widen_to_int64_when_int32_would_overflow():
    rank = strict_position_rank([[0], [0]], [[2**40], [0]], Lottery(seed=0, numbers=np.array([1, 0])))

    assert rank.dtype == np.int64
    assert rank.tolist() == [[2**41 + 1], [0]]


def test_scores_closer_than_the_resolution_are_a_tie():
    # given scores 0.9004 and 0.9 (same tier at 1e-3) and 0.5
    choices = [[0], [0], [0]]
    scores = [[0.9004], [0.9], [0.5]]

    # then the first two share tier 0, and the lottery orders them
    assert tiers_from_scores(choices, scores).tolist() == [[0], [0], [400]]
    rank = position_rank_from_scores(choices, scores, Lottery(seed=0, numbers=np.array([2, 1, 0])))
    assert rank.tolist() == [[2], [1], [1200]]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: draw_lottery(3, seed=-1), "lottery seed must be non-negative"),
        (lambda: draw_lottery(-1, seed=1), "n_students must be non-negative"),
        (lambda: strict_position_rank([[0]], [[-1]], draw_lottery(1, 0)), "tier must be non-negative"),
        (lambda: strict_position_rank([[0]], [[0.5]], draw_lottery(1, 0)), "tier must hold integers"),
        (
            lambda: strict_position_rank([[0]], [[0]], draw_lottery(2, 0)),
            "the lottery has 2 numbers for 1 students",
        ),
        (
            lambda: strict_position_rank([[0], [0]], [[2**62], [0]], draw_lottery(2, 0)),
            "too large to combine",
        ),
        (lambda: tiers_from_scores([[0]], [[np.nan]]), "score must be finite"),
        (lambda: tiers_from_scores([[0]], [[0.5]], resolution=0), "resolution must be positive"),
        (
            lambda: tiers_from_scores([[0, 1]], [[0.5]]),
            r"score has shape \(1, 1\) but choices has shape \(1, 2\)",
        ),
    ],
)
def test_bad_lottery_input_is_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_ranks_from_scores_in_one_pass_equal_tiers_then_lottery():
    # given 500 students' scores on a coarse grid (many ties), with shorter lists padded
    rng = np.random.default_rng(5)
    choices = rng.integers(0, 40, size=(500, 6))
    choices[rng.random(500) < 0.3, 4:] = -1
    scores = np.round(rng.random((500, 6)), 2).astype(np.float32)
    lottery = draw_lottery(500, seed=9)

    # when ranked in one pass and in two steps
    one_pass = position_rank_from_scores(choices, scores, lottery)
    two_steps = strict_position_rank(choices, tiers_from_scores(choices, scores), lottery)

    # then the ranks are the same
    assert one_pass.dtype == two_steps.dtype
    assert np.array_equal(one_pass, two_steps)
