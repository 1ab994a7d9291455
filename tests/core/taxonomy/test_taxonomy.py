"""CSCO 2022 and the administrative divisions as shipped with the package."""

from collections import Counter

import pytest

from chanjiao.core.taxonomy import load_divisions, load_occupations, parent_code, zone_of_province


def test_csco_has_four_levels_once_duplicated_rows_are_dropped():
    levels = Counter(o.level for o in load_occupations())

    # The file's 8 / 73 / 336 / 1,634 rows include four codes listed twice.
    assert levels == {1: 8, 2: 72, 3: 336, 4: 1631}


def test_every_occupation_but_a_major_group_has_an_existing_parent():
    codes = {o.code for o in load_occupations()}

    orphans = [o.code for o in load_occupations() if o.level > 1 and o.parent not in codes]

    assert orphans == []


def test_parent_is_the_nearest_existing_ancestor():
    levels = {"1-01-00-00": 2, "1-00-00-00": 1, "6-18-01-00": 3, "6-18-00-00": 2, "6-00-00-00": 1}

    assert parent_code("6-18-01-01", 4, levels) == "6-18-01-00"
    assert parent_code("1-01-00-01", 4, levels) == "1-01-00-00"
    assert parent_code("6-00-00-00", 1, levels) is None
    with pytest.raises(ValueError, match="not a CSCO code"):
        parent_code("6-18", 4, levels)


def test_aliases_are_split():
    lathe = next(o for o in load_occupations() if o.code == "6-18-01-01")

    assert lathe.name == "车工"
    assert lathe.parent == "6-18-01-00"


def test_divisions_and_zones():
    divisions = load_divisions()
    by_level = Counter(d.level for d in divisions)
    suzhou = next(d for d in divisions if d.id == 320500)

    assert by_level == {1: 34, 2: 419, 3: 2767}
    assert (suzhou.name, suzhou.parent_id, suzhou.level) == ("苏州市", 320000, 2)
    assert [zone_of_province(p) for p in ("北京", "河南", "辽宁", "新疆", "香港")] == [
        "east",
        "central",
        "northeast",
        "west",
        "",
    ]
