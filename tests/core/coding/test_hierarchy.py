"""The CSCO tree as the coder sees it: levels, lineage, ancestors at a level, leaves."""

from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.coding.hierarchy import CodeHierarchy
from chanjiao.core.taxonomy import Occupation, load_occupations

TREE = CodeHierarchy.from_occupations(load_occupations())


def test_a_regular_fine_code_has_an_ancestor_at_every_level():
    assert [TREE.ancestor_at("6-18-02-04", level) for level in (4, 3, 2, 1)] == [
        "6-18-02-04",
        "6-18-02-00",
        "6-18-00-00",
        "6-00-00-00",
    ]


def test_a_fine_code_without_a_minor_group_is_its_medium_group_at_the_minor_level():
    assert TREE.lineage("1-02-01-00") == ["1-02-01-00", "1-02-00-00", "1-00-00-00"]
    assert TREE.ancestor_at("1-02-01-00", 3) == "1-02-00-00"


def test_the_shipped_tree_has_2047_codes_and_1696_leaves():
    assert len(TREE.codes) == 2047
    assert len(TREE.leaves) == 1696
    assert "7-00-00-00" in TREE.leaves and "6-18-02-00" not in TREE.leaves


def test_names_lose_the_green_and_digital_markers():
    assert TREE.names["2-02-02-07"] == "地理信息系统工程技术人员"


def test_a_tree_from_a_few_entries():
    tree = CodeHierarchy.from_occupations(
        [
            Occupation("9-00-00-00", 1, "大类"),
            Occupation("9-01-00-00", 2, "中类", parent="9-00-00-00"),
            Occupation("9-01-00-01", 4, "职业L", parent="9-01-00-00"),
        ]
    )
    assert tree.leaves == frozenset({"9-01-00-01"})
    assert tree.ancestor_at("9-01-00-01", 3) == "9-01-00-00"
    assert tree.names["9-01-00-01"] == "职业"


@settings(max_examples=300, derandomize=True)
@given(code=st.sampled_from(TREE.codes), level=st.integers(min_value=1, max_value=4))
def test_the_ancestor_at_a_level_is_no_deeper_than_it_and_is_stable(code, level):
    ancestor = TREE.ancestor_at(code, level)
    assert TREE.levels[ancestor] <= level
    assert ancestor in TREE.lineage(code)
    assert TREE.ancestor_at(ancestor, level) == ancestor
    assert TREE.levels[TREE.lineage(code)[-1]] == 1
