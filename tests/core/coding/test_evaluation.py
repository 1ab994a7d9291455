"""Accuracy at the four CSCO levels and the labelled-title files."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.coding import LabelledTitle, level_accuracy_score, read_labelled_titles
from chanjiao.core.coding.hierarchy import CodeHierarchy
from chanjiao.core.taxonomy import load_occupations

TREE = CodeHierarchy.from_occupations(load_occupations())


def test_a_wrong_sibling_is_right_down_to_the_minor_group():
    assert level_accuracy_score(["6-18-02-04"], ["6-18-02-05"], TREE) == {
        "major": 1.0,
        "medium": 1.0,
        "minor": 1.0,
        "fine": 0.0,
    }


def test_a_coarse_answer_is_right_only_down_to_its_own_level():
    assert level_accuracy_score(["6-18-02-04"], ["6-18-00-00"], TREE) == {
        "major": 1.0,
        "medium": 1.0,
        "minor": 0.0,
        "fine": 0.0,
    }


def test_codes_without_a_minor_group_compare_by_their_medium_group_at_the_minor_level():
    assert level_accuracy_score(["1-02-01-00"], ["1-02-02-00"], TREE) == {
        "major": 1.0,
        "medium": 1.0,
        "minor": 1.0,
        "fine": 0.0,
    }


def test_mismatched_or_empty_inputs_are_refused():
    with pytest.raises(ValueError, match="got 1 gold codes but 0 predictions"):
        level_accuracy_score(["6-18-02-04"], [], TREE)
    with pytest.raises(ValueError, match="no titles to score"):
        level_accuracy_score([], [], TREE)


@settings(max_examples=200, derandomize=True)
@given(
    pairs=st.lists(
        st.tuples(st.sampled_from(TREE.codes), st.sampled_from(TREE.codes)), min_size=1, max_size=20
    )
)
def test_accuracy_never_grows_at_a_finer_level(pairs):
    gold, predicted = zip(*pairs, strict=True)
    scores = level_accuracy_score(gold, predicted, TREE)
    assert scores["major"] >= scores["medium"] >= scores["minor"] >= scores["fine"]


def test_labelled_titles_are_read_with_an_empty_description_when_missing(tmp_path):
    path = tmp_path / "titles.csv"
    path.write_text("title,code\n焊工,6-18-02-04\n", encoding="utf-8")
    assert read_labelled_titles(path) == [LabelledTitle("焊工", "", "6-18-02-04", "")]
