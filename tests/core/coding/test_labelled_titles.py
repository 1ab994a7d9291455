"""The development and evaluation title sets: split rule, coverage and gold codes."""

import hashlib
from collections import Counter
from pathlib import Path

from chanjiao.core.coding import read_labelled_titles
from chanjiao.core.taxonomy import load_occupations

DATA = Path(__file__).parents[2] / "data" / "coding"
DEV = read_labelled_titles(DATA / "occupation_titles_dev.csv")
EVAL = read_labelled_titles(DATA / "occupation_titles_eval.csv")


def _split(row):
    digest = hashlib.sha1(f"{row.title}\x1f{row.description}".encode()).hexdigest()
    return "eval" if int(digest[:8], 16) % 10 < 6 else "dev"


def test_every_row_is_in_the_split_its_hash_gives():
    assert Counter(_split(row) for row in DEV) == {"dev": 544}
    assert Counter(_split(row) for row in EVAL) == {"eval": 810}


def test_no_title_is_in_both_sets_or_twice_in_one():
    keys = [(row.title, row.description) for row in DEV + EVAL]
    assert len(keys) == len(set(keys)) == 1354


def test_gold_codes_exist_and_the_evaluation_set_covers_all_major_groups():
    codes = {occupation.code for occupation in load_occupations()}
    assert {row.code for row in DEV + EVAL} <= codes
    assert Counter(row.code[0] for row in EVAL) == {
        "1": 17, "2": 169, "3": 40, "4": 269, "5": 20, "6": 290, "7": 3, "8": 2,
    }  # fmt: skip
    assert {row.style for row in DEV + EVAL} == {"plain", "decorated", "english", "mixed", "colloquial"}
