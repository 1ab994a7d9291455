import numpy as np
import pytest

from chanjiao.core.matching import (
    ENTERPRISE_WEIGHTS,
    csco_similarity,
    derive_student_choices,
    enterprise_scores,
    occupation_fit_matrix,
    pack_flags,
)


def two_students_one_seat(**overrides):
    # seat 0 requires skills {0, 1, 2, 3} and prefers certificate 0; its occupation is column 1
    arguments = dict(
        student_skills=pack_flags([[True, True, False, False], [True, True, True, True]]),
        required_skills=pack_flags([[True, True, True, True]]),
        student_certificates=pack_flags([[True], [False]]),
        preferred_certificates=pack_flags([[True]]),
        student_program=np.array([0, 1]),
        seat_occupation=np.array([1]),
        program_fit=np.array([[0.0, 1.0], [0.0, 0.25]]),
        mentor_assessment=np.array([0.8, np.nan]),
    )
    arguments.update(overrides)
    return enterprise_scores(np.array([[0], [0]]), **arguments)


def test_enterprise_score_components_and_total():
    # when both applicants are scored
    scores = two_students_one_seat()

    # then each component is what the documentation says
    assert scores.components["skills"][:, 0].tolist() == [0.5, 1.0]
    assert scores.components["certificates"][:, 0].tolist() == [1.0, 0.0]
    assert scores.components["program_fit"][:, 0].tolist() == [1.0, 0.25]
    assert scores.components["mentor"][0, 0] == pytest.approx(0.8)
    assert np.isnan(scores.components["mentor"][1, 0])
    # and the total is the weighted mean; without a mentor assessment the other weights rescale
    assert scores.total[0, 0] == pytest.approx(0.35 * 0.5 + 0.15 * 1.0 + 0.30 * 1.0 + 0.20 * 0.8)
    assert scores.total[1, 0] == pytest.approx((0.35 * 1.0 + 0.15 * 0.0 + 0.30 * 0.25) / 0.80)


def test_explaining_a_score_lists_effective_weights_and_contributions():
    scores = two_students_one_seat()

    explained = scores.explain(1, 0)

    assert sorted(explained) == ["certificates", "program_fit", "skills"]
    assert explained["skills"]["weight"] == pytest.approx(0.35 / 0.80)
    assert explained["skills"]["contribution"] == pytest.approx(0.35 / 0.80)
    assert sum(part["contribution"] for part in explained.values()) == pytest.approx(
        float(scores.total[1, 0])
    )


def test_weights_can_be_overridden_but_not_misnamed_negative_or_all_zero():
    scores = two_students_one_seat(weights={"mentor": 0.0, "certificates": 0.0})
    assert scores.total[:, 0].tolist() == pytest.approx(
        [(0.35 * 0.5 + 0.30) / 0.65, (0.35 + 0.30 * 0.25) / 0.65]
    )

    with pytest.raises(ValueError, match="unknown score component 'pay'"):
        two_students_one_seat(weights={"pay": 1.0})
    with pytest.raises(ValueError, match="weight of 'skills' must be non-negative"):
        two_students_one_seat(weights={"skills": -0.1})
    with pytest.raises(ValueError, match="at least one score weight must be positive"):
        two_students_one_seat(weights=dict.fromkeys(ENTERPRISE_WEIGHTS, 0.0))


def test_padding_scores_nan_and_seats_without_requirements_score_full_skill_fit():
    scores = enterprise_scores(
        np.array([[0, -1]]),
        student_skills=np.zeros((1, 1), np.uint64),
        required_skills=np.zeros((1, 1), np.uint64),
        student_certificates=np.zeros((1, 1), np.uint64),
        preferred_certificates=np.zeros((1, 1), np.uint64),
        student_program=np.array([0]),
        seat_occupation=np.array([0]),
        program_fit=np.array([[0.5]]),
    )

    assert scores.components["skills"][0, 0] == 1.0
    assert np.isnan(scores.total[0, 1])


def test_mismatched_inputs_are_refused():
    with pytest.raises(ValueError, match="student and seat skills must be 2-d bit flags"):
        two_students_one_seat(required_skills=np.zeros((1, 2), np.uint64))
    with pytest.raises(ValueError, match=r"mentor_assessment must have shape \(2,\)"):
        two_students_one_seat(mentor_assessment=np.array([0.5]))


@pytest.mark.parametrize(
    ("first", "second", "similarity"),
    [
        ("6-18-01-01", "6-18-01-01", 1.0),
        ("6-18-01-01", "6-18-01-02", 0.75),
        ("6-18-01-01", "6-18-02-01", 0.5),
        ("6-18-01-01", "6-20-01-01", 0.25),
        ("6-18-01-01", "2-02-09-04", 0.0),
        ("6-18-01-01", "6-18-00-00", 1.0),
        ("1-01-00-01", "1-01-00-02", 2 / 3),
    ],
)
def test_csco_similarity_counts_shared_levels(first, second, similarity):
    assert csco_similarity(first, second) == pytest.approx(similarity)
    assert csco_similarity(second, first) == pytest.approx(similarity)


def test_not_a_csco_code_is_refused():
    with pytest.raises(ValueError, match="not a CSCO code: '6-18-01'"):
        csco_similarity("6-18-01", "6-18-01-01")


def test_occupation_fit_takes_the_best_target_of_each_program():
    fit = occupation_fit_matrix([["2-02-09-04", "6-18-01-01"], []], ["6-18-01-02", "2-02-09-04"])

    assert fit.tolist() == [[0.75, 1.0], [0.0, 0.0]]


def test_student_side_ranking_orders_by_fit_distance_and_pay():
    # given a student in central Guangzhou and three seats: near and fitting, far and fitting,
    # near and not fitting but well paid
    derived = derive_student_choices(
        np.array([[2, 1, 0, -1]]),
        student_program=np.array([0]),
        seat_occupation=np.array([0, 0, 1]),
        program_fit=np.array([[1.0, 0.0]]),
        student_location=np.array([[23.13, 113.26]]),
        seat_location=np.array([[23.13, 113.26], [22.54, 114.06], [23.13, 113.26]]),
        seat_pay=np.array([4000.0, 4000.0, 12000.0]),
        reference_pay=4000.0,
    )

    # then fit dominates, distance breaks the rest, and padding stays at the end
    assert derived.choices.tolist() == [[0, 1, 2, -1]]
    distance = derived.scores.components["distance"][0]
    assert distance[0] == pytest.approx(1.0)
    assert distance[1] == pytest.approx(20 / (20 + 104.9), abs=0.01)  # Guangzhou to Shenzhen, about 105 km
    assert derived.scores.components["pay"][0, :3].tolist() == [0.5, 0.5, 1.0]
    assert derived.scores.total[0, 0] == pytest.approx(0.5 + 0.3 + 0.2 * 0.5)
    assert np.isnan(derived.scores.total[0, 3])


def test_student_side_ranking_keeps_candidate_order_on_equal_scores():
    derived = derive_student_choices(
        np.array([[3, 1, 2]]),
        student_program=np.array([0]),
        seat_occupation=np.zeros(4, np.int64),
        program_fit=np.array([[1.0]]),
        student_location=np.array([[30.0, 120.0]]),
        seat_location=np.tile([30.0, 120.0], (4, 1)),
        seat_pay=np.full(4, 3000.0),
    )

    assert derived.choices.tolist() == [[3, 1, 2]]


def test_student_side_ranking_refuses_bad_parameters():
    arguments = dict(
        student_program=np.array([0]),
        seat_occupation=np.zeros(1, np.int64),
        program_fit=np.array([[1.0]]),
        student_location=np.array([[30.0, 120.0]]),
        seat_location=np.array([[30.0, 120.0]]),
        seat_pay=np.array([3000.0]),
    )
    with pytest.raises(ValueError, match="reference pay must be positive"):
        derive_student_choices(np.array([[0]]), **arguments, reference_pay=0.0)
    with pytest.raises(ValueError, match="half_distance_km must be positive"):
        derive_student_choices(np.array([[0]]), **arguments, half_distance_km=-1.0)
    with pytest.raises(ValueError, match="locations must be"):
        derive_student_choices(np.array([[0]]), **{**arguments, "seat_location": np.array([30.0, 120.0])})
