"""Integrity of the shipped coder data: curated titles, bridge, noise and places."""

import csv
from importlib import resources

from chanjiao.core.coding.hierarchy import CodeHierarchy
from chanjiao.core.coding.lexicon import (
    load_english_bridge,
    load_job_titles,
    load_place_names,
    load_title_noise,
    strip_marker,
)
from chanjiao.core.taxonomy import load_occupations

TREE = CodeHierarchy.from_occupations(load_occupations())


def _rows(name):
    with resources.files("chanjiao.data.coding").joinpath(name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_curated_row_names_its_code_as_csco_does():
    mismatched = [
        (row["code"], row["name"])
        for row in _rows("job_titles.csv")
        if row["code"] not in TREE.names or TREE.names[row["code"]] != row["name"]
    ]
    assert mismatched == []


def test_no_curated_title_is_given_to_two_codes():
    owners = {}
    for code, titles in load_job_titles().items():
        for title in titles:
            owners.setdefault(title, set()).add(code)
    assert {title: codes for title, codes in owners.items() if len(codes) > 1} == {}


def test_the_bridge_file_has_one_row_per_phrase():
    assert len(_rows("english_chinese.csv")) == len(load_english_bridge())


def test_no_noise_word_is_a_whole_occupation_title():
    noise = load_title_noise()
    titles = {title for titles in load_job_titles().values() for title in titles}
    titles |= {strip_marker(occupation.name) for occupation in load_occupations()}
    assert (noise.phrases | noise.tokens) & titles == set()


def test_markers_and_places():
    assert strip_marker("农业经理人L") == "农业经理人"
    assert strip_marker("PLC") == "PLC"
    assert {"江苏省", "苏州", "吴中区", "suzhou"} <= load_place_names()
