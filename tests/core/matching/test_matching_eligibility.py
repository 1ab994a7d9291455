import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.matching import (
    CERTIFICATES,
    OTHER,
    PROGRAM,
    REGION,
    YEAR,
    MatchingResult,
    SeatRequirements,
    StudentProfiles,
    deferred_acceptance,
    eligibility_failures,
    eligible_for_open_seats,
    failed_requirement_names,
    pack_flags,
    remove_ineligible,
)
from core.matching.matching_instances import instances


def seats_for_tests():
    # seat 0: program 0 only, year 2+, certificate 0, Guangdong province
    # seat 1: any program, no year, certificates 0 and 1, Shenzhen city
    # seat 2: program 1 only, no requirements otherwise, district 440305 only
    # seat 3: open to all
    return SeatRequirements(
        accepted_programs=np.array([[True, False], [True, True], [False, True], [True, True]]),
        min_year=np.array([2, 0, 0, 0]),
        certificates=pack_flags([[True, False], [True, True], [False, False], [False, False]]),
        region=np.array([440000, 440300, 440305, 0]),
    )


def test_each_requirement_sets_its_own_flag():
    # given a 1st-year program-0 student in Guangzhou holding certificate 0 only
    student = StudentProfiles(
        program=np.array([0]),
        year=np.array([1]),
        certificates=pack_flags([[True, False]]),
        region=np.array([440106]),
    )

    # when their choices of all four seats are checked
    failures = eligibility_failures(np.array([[0, 1, 2, 3, -1]]), student, seats_for_tests())

    # then seat 0 fails the year, seat 1 certificates and region, seat 2 program and region
    assert failures.tolist() == [[YEAR, CERTIFICATES | REGION, PROGRAM | REGION, 0, 0]]
    assert failed_requirement_names(int(failures[0, 1])) == ("certificates", "region")


def test_region_codes_scope_to_province_city_or_district():
    # given students in a Shenzhen district, another Shenzhen district and Guangzhou, all eligible otherwise
    students = StudentProfiles(
        program=np.array([1, 1, 1]),
        year=np.array([3, 3, 3]),
        certificates=pack_flags([[True, True]] * 3),
        region=np.array([440305, 440304, 440106]),
    )
    choices = np.array([[1, 2], [1, 2], [1, 2]])

    failures = eligibility_failures(choices, students, seats_for_tests())

    # then the city seat takes both Shenzhen districts, the district seat only its own district
    assert failures.tolist() == [[0, 0], [0, REGION], [REGION, REGION]]


def test_certificates_beyond_64_use_more_words():
    # given 70 certificates; the seat requires number 69
    required = np.zeros((1, 70), bool)
    required[0, 69] = True
    holder = required.copy()
    seat = SeatRequirements(
        accepted_programs=np.array([[True]]),
        min_year=np.array([0]),
        certificates=pack_flags(required),
        region=np.array([0]),
    )
    students = StudentProfiles(
        program=np.array([0, 0]),
        year=np.array([1, 1]),
        certificates=pack_flags(np.vstack([holder, ~holder])),
        region=np.array([110101, 110101]),
    )

    assert pack_flags(required).shape == (1, 2)
    assert eligibility_failures(np.array([[0], [0]]), students, seat).tolist() == [[0], [CERTIFICATES]]


def test_mismatched_certificate_words_are_refused():
    students = StudentProfiles(
        program=np.array([0]),
        year=np.array([1]),
        certificates=np.zeros((1, 2), np.uint64),
        region=np.array([0]),
    )
    with pytest.raises(ValueError, match="pack both with the same certificate list"):
        eligibility_failures(np.array([[0]]), students, seats_for_tests())


def test_removing_ineligible_choices_keeps_order_and_the_way_back():
    # given two lists with ineligible entries in the middle
    choices = np.array([[4, 7, 9, 2], [5, -1, -1, -1]])
    failures = np.array([[0, CERTIFICATES, 0, OTHER], [YEAR, 0, 0, 0]])

    # when compacted
    kept = remove_ineligible(choices, failures)

    # then eligible choices keep their order, and indices and aligned values map back
    assert kept.choices.tolist() == [[4, 9, -1, -1], [-1, -1, -1, -1]]
    assert kept.original_index.tolist() == [[0, 2, -1, -1], [-1, -1, -1, -1]]
    assert kept.take(np.array([[10, 11, 12, 13], [20, 21, 22, 23]])).tolist() == [
        [10, 12, -1, -1],
        [-1, -1, -1, -1],
    ]
    assert kept.original_choice_index(np.array([1, -1])).tolist() == [2, -1]


@settings(max_examples=200, deadline=None)
@given(instances(), st.data())
def test_nobody_is_matched_to_a_seat_they_are_not_eligible_for(instance, data):
    # given random eligibility failures on the lists
    choices = instance.choices
    failures = np.where(
        choices >= 0,
        np.array(
            data.draw(
                st.lists(
                    st.sampled_from([0, 0, PROGRAM, REGION]), min_size=choices.size, max_size=choices.size
                )
            )
        ).reshape(choices.shape),
        0,
    )

    # when the eligible lists are matched
    kept = remove_ineligible(choices, failures)
    result = deferred_acceptance(kept.choices, kept.take(instance.position_rank), instance.capacity)

    # then every placement is a choice the student was eligible for, found at its original index
    own_index = kept.original_choice_index(result.choice_index)
    for student in np.flatnonzero(result.assignment >= 0):
        assert choices[student, own_index[student]] == result.assignment[student]
        assert failures[student, own_index[student]] == 0


def test_open_seat_eligibility_looks_only_at_unmatched_students_and_open_seats():
    # given seat 0 full and seat 3 (open to all) with room; student 0 matched, students 1 and 2 not
    students = StudentProfiles(
        program=np.array([0, 0, 0]),
        year=np.array([3, 3, 3]),
        certificates=pack_flags([[True, True]] * 3),
        region=np.array([440305, 440305, 440305]),
    )
    result = MatchingResult(
        assignment=np.array([0, -1, -1]),
        choice_index=np.array([0, -1, -1]),
        seats_filled=np.array([1, 0, 0, 0]),
        proposing="students",
        n_proposals=1,
    )

    # when only seat 3 is open / when seats 2 and 3 have no room either
    open_to_all = eligible_for_open_seats(result, [1, 0, 0, 1], students, seats_for_tests())
    program_1_only = eligible_for_open_seats(result, [1, 0, 1, 0], students, seats_for_tests())

    # then unmatched students qualify for seat 3 but not for seat 2 (program 1 only)
    assert open_to_all.tolist() == [False, True, True]
    assert program_1_only.tolist() == [False, False, False]
