import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.credit import (
    CouncilSeat,
    GovernancePolicy,
    Policy,
    check_council_composition,
    tally_motion,
)


def _council(**kinds):
    seats, number = [], 0
    for kind, count in kinds.items():
        for _ in range(count):
            seats.append(CouncilSeat(f"member {number}", f"organisation {number}", kind))
            number += 1
    return seats


def test_council_with_forty_percent_enterprise_seats_complies():
    # given 4 enterprise seats of 10
    seats = _council(enterprise=4, school=4, government=1, association=1)
    # when checked
    check = check_council_composition(seats, Policy())
    # then it complies and there is no warning
    assert check.compliant
    assert check.warning == ""
    assert dict(check.seats_by_kind) == {
        "enterprise": 4,
        "school": 4,
        "government": 1,
        "association": 1,
        "research_institute": 0,
        "other": 0,
    }
    assert (check.seats_to_add, check.seats_to_convert, check.policy_version) == (0, 0, 1)


def test_council_with_today_typical_twenty_percent_gets_a_warning():
    # given 3 enterprise seats of 15 (20 %)
    seats = _council(enterprise=3, school=9, government=3)
    # when checked
    check = check_council_composition(seats, Policy())
    # then it warns with the smallest remedies: (3 + 5) / (15 + 5) = 40 %, or (3 + 3) / 15 = 40 %
    assert not check.compliant
    assert check.warning == (
        "enterprise seats are 3 of 15 (20.00 %), below the 40.00 % minimum: "
        "add 5 enterprise seats or give 3 existing seats to enterprises"
    )


def test_a_full_enterprise_minimum_cannot_be_reached_by_adding_seats():
    policy = Policy(governance=GovernancePolicy(enterprise_seat_minimum=1))
    check = check_council_composition(_council(enterprise=2, school=1), policy)
    assert (check.seats_to_add, check.seats_to_convert) == (None, 1)
    assert check.warning.endswith("below the 100.00 % minimum: give 1 existing seats to enterprises")


@settings(derandomize=True)
@given(
    enterprise=st.integers(0, 30),
    others=st.integers(1, 30),
    minimum=st.sampled_from([0.25, 0.4, 0.5, 0.6, 0.75]),
)
def test_the_remedies_are_the_smallest_that_comply(enterprise, others, minimum):
    # given a council and a minimum enterprise share
    policy = Policy(governance=GovernancePolicy(enterprise_seat_minimum=minimum))
    check = check_council_composition(_council(enterprise=enterprise, school=others), policy)

    # when the suggested seats are added (or converted), and when one fewer is
    def complies(enterprise_seats, total):
        return check_council_composition(
            _council(enterprise=enterprise_seats, school=total - enterprise_seats), policy
        ).compliant

    total = enterprise + others
    # then the suggestion complies and one fewer would not
    assert complies(enterprise + check.seats_to_add, total + check.seats_to_add)
    assert complies(enterprise + check.seats_to_convert, total)
    if check.seats_to_add:
        assert not complies(enterprise + check.seats_to_add - 1, total + check.seats_to_add - 1)
    if check.seats_to_convert:
        assert not complies(enterprise + check.seats_to_convert - 1, total)
    assert check.compliant == (check.seats_to_add == 0)


MEMBERS = [f"m{number}" for number in range(12)]


def _votes(yes, no=0, abstain=0):
    choices = ["yes"] * yes + ["no"] * no + ["abstain"] * abstain
    return dict(zip(MEMBERS, choices, strict=False))


def test_exactly_two_thirds_present_is_a_quorum():
    # given 8 of 12 members voting, 5 yes
    result = tally_motion(members=MEMBERS, votes=_votes(5, 3), motion_kind="curriculum", policy=Policy())
    # then quorum is met and a simple majority passes
    assert (result.outcome, result.rule, result.present, result.yes) == ("passed", "simple", 8, 5)
    assert result.reason == (
        "passed: 5 yes of 8 members present (62.50 %), needs more than half; "
        "quorum met: 8 of 12 members present, needs 2/3 = 8"
    )


def test_one_member_short_of_quorum_decides_nothing():
    result = tally_motion(members=MEMBERS, votes=_votes(7), motion_kind="curriculum", policy=Policy())
    assert result.outcome == "no_quorum"
    assert result.reason == "no quorum: 7 of 12 members present, needs 2/3 = 8"


def test_a_tie_fails_a_simple_majority():
    result = tally_motion(members=MEMBERS, votes=_votes(5, 5), motion_kind="curriculum", policy=Policy())
    assert result.outcome == "rejected"


def test_exactly_two_thirds_passes_program_setting_and_one_less_does_not():
    # given program setting needs two-thirds of members present
    passed = tally_motion(
        members=MEMBERS, votes=_votes(6, 2, 1), motion_kind="program_setting", policy=Policy()
    )
    rejected = tally_motion(
        members=MEMBERS, votes=_votes(6, 3, 1), motion_kind="program_setting", policy=Policy()
    )
    # then 6 of 9 passes and 6 of 10 does not
    assert (passed.outcome, passed.rule) == ("passed", "two_thirds")
    assert rejected.reason == (
        "rejected: 6 yes of 10 members present (60.00 %), needs at least two-thirds; "
        "quorum met: 10 of 12 members present, needs 2/3 = 8"
    )


def test_abstentions_do_not_count_when_the_base_is_votes_cast():
    # given 4 yes, 3 no, 3 abstentions
    votes = _votes(4, 3, 3)
    present_base = tally_motion(members=MEMBERS, votes=votes, motion_kind="curriculum", policy=Policy())
    cast_policy = Policy(governance=GovernancePolicy(majority_base="cast"))
    cast_base = tally_motion(members=MEMBERS, votes=votes, motion_kind="curriculum", policy=cast_policy)
    # then 4 of 10 present fails and 4 of 7 cast passes
    assert present_base.outcome == "rejected"
    assert cast_base.outcome == "passed"
    assert cast_base.reason.startswith("passed: 4 yes of 7 yes and no votes cast (57.14 %)")


def test_all_abstaining_rejects_when_the_base_is_votes_cast():
    policy = Policy(governance=GovernancePolicy(majority_base="cast"))
    result = tally_motion(members=MEMBERS, votes=_votes(0, 0, 9), motion_kind="curriculum", policy=policy)
    assert result.outcome == "rejected"
    assert result.reason.startswith("rejected: no yes or no votes cast")


@pytest.mark.parametrize(
    ("members", "votes", "message"),
    [
        (MEMBERS, {"outsider": "yes"}, "vote from 'outsider', who is not a member of the council"),
        (MEMBERS, {"m1": "maybe"}, "vote of m1 must be one of 'yes', 'no', 'abstain', got 'maybe'"),
        (["m1", "m1"], {}, "council members must not repeat 'm1'"),
        ([], {}, "a motion needs at least one council member"),
    ],
)
def test_bad_votes_are_refused(members, votes, message):
    with pytest.raises(ValueError) as error:
        tally_motion(members=members, votes=votes, motion_kind="curriculum", policy=Policy())
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: [], "a council must have at least one seat"),
        (
            lambda: [CouncilSeat("a", "x", "enterprise"), CouncilSeat("a", "y", "school")],
            "council members must not repeat 'a'",
        ),
        (
            lambda: [CouncilSeat("a", "x", "company")],
            "kind of organisation of a must be one of 'enterprise', 'school', 'government', 'association', 'research_institute', 'other', got 'company'",
        ),
    ],
)
def test_bad_councils_are_refused(build, message):
    with pytest.raises(ValueError) as error:
        check_council_composition(build(), Policy())
    assert str(error.value) == message
