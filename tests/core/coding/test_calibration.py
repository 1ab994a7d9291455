"""Calibrated confidence: the shipped maps, ECE and the reliability of high-confidence answers."""

import doctest
import pickle
from pathlib import Path

import numpy as np

from chanjiao.core.coding import calibration, groups, read_labelled_titles
from chanjiao.core.coding.calibration import STAGES, Calibration, expected_calibration_error
from chanjiao.core.coding.lexicon import load_calibration

DATA = Path(__file__).parents[2] / "data" / "coding"


def test_the_docstring_examples_hold():
    assert doctest.testmod(calibration).failed == 0
    assert doctest.testmod(groups).failed == 0


def test_the_shipped_maps_cover_every_stage_and_never_decrease():
    shipped = load_calibration()
    assert sorted(shipped.points) == sorted(STAGES)
    for raw, right in shipped.points.values():
        assert list(raw) == sorted(raw) and list(right) == sorted(right)
        assert right[0] >= 0.0 and right[-1] <= 1.0


def test_maps_survive_json():
    maps = Calibration({4: ((0.0, 0.5, 1.0), (0.1, 0.4, 0.9))})
    assert Calibration.from_json(maps.to_json()) == maps


def test_on_development_titles_confident_answers_are_right_at_their_level(coder):
    # given the development split (not the titles the maps were fitted on)
    rows = read_labelled_titles(DATA / "occupation_titles_dev.csv")
    answers = coder.code([r.title for r in rows], [r.description for r in rows])
    right = [
        bool(a.code) and a.code in coder.hierarchy_.lineage(r.code)
        for a, r in zip(answers, rows, strict=True)
    ]
    confident = [ok for a, ok in zip(answers, right, strict=True) if a.confidence >= 0.9]
    # then answers stated at 0.9 or more are right at least 90 % of the time, and the error is small
    assert len(confident) > len(rows) / 2
    assert sum(confident) / len(confident) >= 0.9
    assert expected_calibration_error([a.confidence for a in answers], right) < 0.1


def test_a_raw_coder_states_the_raw_subtree_probability():
    from chanjiao.core.coding import OccupationCoder

    coder = OccupationCoder(calibrated=False).fit()
    answer = coder.code_one("急招！电焊工 五险一金 月薪8k")
    assert coder.calibration_ is None
    assert answer.confidence == answer.alternatives[0].score


def test_the_fitted_coder_pickles_and_answers_the_same(coder):
    copy = pickle.loads(pickle.dumps(coder))
    titles = ["数控车工（包吃住）", "汽车水泵工程师", "古筝老师"]
    assert copy.code(titles) == coder.code(titles)
    assert np.allclose(copy.predict_proba(titles), coder.predict_proba(titles))
