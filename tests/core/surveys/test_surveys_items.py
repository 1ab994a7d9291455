"""Likert scales, reverse-keyed recoding and screening of invalid responses."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from chanjiao.core.surveys.items import (
    LikertScale,
    ScreeningRules,
    longest_identical_runs,
    numeric_items,
    reverse_code,
    screen_responses,
)

ITEMS = ["q1", "q2", "q3", "q4"]


def responses() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "q1": [4, 3, 5, 2, 4, 1],
            "q2": [5, 3, None, 2, 4, 2],
            "q3": [4, 3, 4, 9, 3, 5],
            "q4": [2, 3, 4, 2, 4, 4],
            "seconds": [300, 320, 280, 310, 60, 290],
        },
        index=["r1", "r2", "r3", "r4", "r5", "r6"],
    )


def test_reverse_code_mirrors_five_and_seven_point_scales():
    frame = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [1, 4, 7, 2, 6]})
    assert reverse_code(frame, ["a"], LikertScale(5))["a"].tolist() == [5, 4, 3, 2, 1]
    assert reverse_code(frame, ["b"], LikertScale(7))["b"].tolist() == [7, 4, 1, 6, 2]
    assert frame["a"].tolist() == [1, 2, 3, 4, 5]


def test_reverse_code_keeps_missing_answers_missing():
    frame = pd.DataFrame({"a": [1.0, np.nan]})
    assert reverse_code(frame, ["a"], LikertScale(5))["a"].isna().tolist() == [False, True]


def test_reverse_code_refuses_an_unknown_item():
    with pytest.raises(ValueError, match="reverse-keyed item 'zz' is not a column"):
        reverse_code(pd.DataFrame({"a": [1]}), ["zz"], LikertScale(5))


@given(st.integers(min_value=2, max_value=11), st.integers(min_value=0, max_value=1))
def test_reverse_coding_twice_is_the_identity(points, low):
    scale = LikertScale(points, low=low)
    frame = pd.DataFrame({"a": list(scale.values)})
    assert reverse_code(reverse_code(frame, ["a"], scale), ["a"], scale).equals(frame)


def test_scale_outside_two_to_eleven_points_is_refused():
    with pytest.raises(ValueError, match="a Likert scale has 2 to 11 points, not 12"):
        LikertScale(12)


def test_default_screening_lists_each_excluded_response_with_its_reason():
    # given six responses: r2 straight-lines, r3 skips q2, r4 answers 9 on a 5-point scale
    result = screen_responses(responses(), ITEMS, scale=LikertScale(5))
    # then
    assert result.valid.index.tolist() == ["r1", "r5", "r6"]
    assert [(e.row, e.reasons, e.detail) for e in result.exclusions] == [
        ("r2", ("straight_lining",), "same answer (3) to all 4 answered items"),
        ("r3", ("incomplete",), "1 of 4 items unanswered"),
        ("r4", ("out_of_range",), "'q3' = 9 is not a point of the 5-point scale"),
    ]
    assert result.counts() == {"straight_lining": 1, "incomplete": 1, "out_of_range": 1}


def test_too_fast_rule_uses_a_third_of_the_median_duration_by_default():
    # given durations with median 295 s: the minimum is 98.33 s and r5 took 60 s
    result = screen_responses(responses(), ITEMS, ScreeningRules(duration_column="seconds"), LikertScale(5))
    too_fast = [e for e in result.exclusions if "too_fast" in e.reasons]
    assert [(e.row, e.detail) for e in too_fast] == [("r5", "completed in 60 s, below the 98.3333 s minimum")]


def test_too_fast_rule_with_an_explicit_minimum():
    rules = ScreeningRules(duration_column="seconds", min_duration_seconds=295)
    result = screen_responses(responses(), ITEMS, rules)
    assert {e.row for e in result.exclusions if "too_fast" in e.reasons} == {"r3", "r5", "r6"}


def test_a_response_can_break_several_rules():
    rules = ScreeningRules(duration_column="seconds", min_duration_seconds=315)
    result = screen_responses(responses(), ITEMS, rules)
    r3 = next(e for e in result.exclusions if e.row == "r3")
    assert r3.reasons == ("incomplete", "too_fast")
    assert r3.detail == "1 of 4 items unanswered; completed in 280 s, below the 315 s minimum"


def test_missing_answers_can_be_tolerated():
    result = screen_responses(responses(), ITEMS, ScreeningRules(max_missing=1))
    assert "r3" in result.valid.index


def test_straight_lining_run_shorter_than_all_items():
    # r5 answers 4, 4, 3, 4: a run of two; r1 has none longer than one
    result = screen_responses(responses(), ITEMS, ScreeningRules(straight_lining_run=2))
    flagged = {e.row: e.detail for e in result.exclusions if "straight_lining" in e.reasons}
    assert flagged["r5"] == "2 identical answers in a row"
    assert "r1" not in flagged


def test_straight_lining_rule_can_be_disabled():
    result = screen_responses(responses(), ITEMS, ScreeningRules(straight_lining_run=0))
    assert all("straight_lining" not in e.reasons for e in result.exclusions)


def test_screening_refuses_an_unknown_duration_column():
    with pytest.raises(ValueError, match="duration column 'time' is not a column"):
        screen_responses(responses(), ITEMS, ScreeningRules(duration_column="time"))


def test_non_numeric_answer_names_column_and_row():
    frame = pd.DataFrame({"q1": [4, "agree"]}, index=["r1", "r2"])
    with pytest.raises(ValueError, match="column 'q1' has a non-numeric answer 'agree' in row r2"):
        numeric_items(frame, ["q1"])


def test_blank_strings_count_as_missing_not_as_errors():
    frame = pd.DataFrame({"q1": ["4", " "]})
    assert numeric_items(frame, ["q1"])["q1"].isna().tolist() == [False, True]


def naive_longest_run(values: list[float]) -> int:
    answered = [value for value in values if not np.isnan(value)]
    best = 0
    for start in range(len(answered)):
        length = 1
        while start + length < len(answered) and answered[start + length] == answered[start]:
            length += 1
        best = max(best, length)
    return best


@settings(max_examples=200)
@given(
    arrays(
        float,
        array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=12),
        elements=st.sampled_from([1.0, 2.0, 3.0, float("nan")]),
    )
)
def test_longest_identical_runs_match_a_naive_count_row_by_row(matrix):
    assert longest_identical_runs(matrix).tolist() == [naive_longest_run(list(row)) for row in matrix]
