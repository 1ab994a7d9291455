"""Lavaan-style model syntax: what parses, and the message for each thing that does not."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.surveys.model_syntax import ModelSpec, parse_model


def test_parses_measurement_paths_covariances_comments_and_semicolons():
    # given a model written the way researchers write lavaan
    text = """
        # measurement model
        EP =~ EP1 + EP2 + EP3   # enterprise participation
        CG =~ CG1 + CG2; SS =~ SS1 + SS2 + SS3
        SS ~ EP + CG
        EP ~~ CG
    """
    # when
    spec = parse_model(text)
    # then
    assert spec.constructs == {"EP": ("EP1", "EP2", "EP3"), "CG": ("CG1", "CG2"), "SS": ("SS1", "SS2", "SS3")}
    assert spec.paths == (("SS", "EP"), ("SS", "CG"))
    assert spec.covariances == (("EP", "CG"),)
    assert spec.items == ("EP1", "EP2", "EP3", "CG1", "CG2", "SS1", "SS2", "SS3")


def test_repeated_construct_lines_extend_the_construct():
    spec = parse_model("F =~ a + b\nF =~ c + a")
    assert spec.constructs == {"F": ("a", "b", "c")}


def test_observed_variables_include_covariates_in_paths():
    spec = parse_model("F =~ a + b; F ~ years + size")
    assert spec.observed == ("a", "b", "years", "size")


def test_multiple_outcomes_on_the_left_of_a_regression():
    spec = parse_model("A =~ a1 + a2; B =~ b1 + b2; C =~ c1 + c2; B + C ~ A")
    assert spec.paths == (("B", "A"), ("C", "A"))


def test_unicode_names_are_allowed():
    spec = parse_model("满意度 =~ 题1 + 题2 + 题3")
    assert spec.constructs == {"满意度": ("题1", "题2", "题3")}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("F =~ x1 + 0.5*x2", "line 1: modifiers such as '0.5\\*x2' are not supported"),
        ("F =~ x1 + x2\nF ~ 1", "line 2: intercepts and constants \\('1'\\) are not supported"),
        ("F =~ x1 + x2\nG <~ x3 + x4", "line 2: operator '<~' is not supported"),
        ("F =~ x1 + x2\nind := a*b", "line 2: operator ':=' is not supported"),
        ("F x1 x2", "line 1: 'F x1 x2' has no operator"),
        ("F =~ x1 +", "line 1: empty term"),
        ("F =~ ", "line 1: nothing after '=~'"),
        ("=~ x1 + x2", "line 1: nothing before '=~'"),
        ("F =~ x1 + x-2", "line 1: 'x-2' is not a valid variable name"),
        ("F + G =~ x1 + x2", "line 1: define one construct per '=~' statement"),
        ("F =~ F + x1", "line 1: construct 'F' cannot measure itself"),
        ("F =~ x1 + x2\nF ~~ F", "line 2: 'F ~~ F' \\(a variance\\) is not supported"),
        ("F =~ x1 ~ x2", "line 1: more than one operator"),
        ("F =~ x1", "construct 'F' has 1 item; at least 2 are needed"),
        ("F =~ x1 + x2\nG =~ F + x3", "construct 'G' is measured by construct 'F'"),
        ("# nothing here\n", "the model defines no construct"),
        ("y ~ x", "the model defines no construct"),
    ],
)
def test_bad_syntax_is_refused_with_a_clear_message(text, message):
    with pytest.raises(ValueError, match=message):
        parse_model(text)


def test_unknown_item_names_the_item_and_lists_the_columns():
    with pytest.raises(
        ValueError, match=r"model item 'x4' is not a column of the data \(columns: x1, x2, x3\)"
    ):
        parse_model("F =~ x1 + x2 + x4", columns=["x1", "x2", "x3"])


def test_unknown_path_variable_is_refused():
    with pytest.raises(ValueError, match="'G' in a path or covariance is neither a construct nor a column"):
        parse_model("F =~ x1 + x2\nF ~ G", columns=["x1", "x2"])


def test_construct_named_like_a_column_is_refused():
    with pytest.raises(ValueError, match="construct 'x3' has the same name as a data column"):
        parse_model("x3 =~ x1 + x2", columns=["x1", "x2", "x3"])


def test_construct_of_finds_the_first_construct():
    assert parse_model("F =~ a + b; G =~ c + d").construct_of("d") == "G"
    with pytest.raises(KeyError):
        parse_model("F =~ a + b").construct_of("z")


names = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=6, max_size=14, unique=True), st.integers(min_value=2, max_value=3))
def test_syntax_round_trips(names_drawn, constructs_count):
    # given constructs C0.. with disjoint item sets and a chain of paths between them
    items = names_drawn[: constructs_count * 2]
    constructs = {f"C{index}": tuple(items[2 * index : 2 * index + 2]) for index in range(constructs_count)}
    paths = tuple((f"C{index + 1}", f"C{index}") for index in range(constructs_count - 1))
    spec = ModelSpec(constructs=constructs, paths=paths, covariances=())
    # when the canonical syntax is parsed again
    # then the same model comes back
    assert parse_model(spec.syntax()) == spec
