"""Agreement with the reference implementation in the ``matching`` library (1.4.3)."""

import warnings

import numpy as np
from hypothesis import given, settings
from matching.games import HospitalResident

from chanjiao.core.matching import deferred_acceptance
from core.matching.matching_instances import Instance, instances


def library_assignment(instance: Instance, optimal: str) -> list[int]:
    """Solve with the library. It cannot take players with empty lists; such positions cannot be
    matched anyway, so they are left out of its input."""
    listed = {p for own in instance.lists for p in own}
    residents = {s: own for s, own in enumerate(instance.lists)}
    hospitals = {
        p: sorted(
            (s for s, own in enumerate(instance.lists) if p in own), key=lambda s: instance.priority[p][s]
        )
        for p in listed
    }
    capacities = {p: instance.capacity[p] for p in listed}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(residents, hospitals, capacities)
        matching = game.solve(optimal=optimal)
    assignment = [-1] * len(instance.lists)
    for hospital, residents_matched in matching.items():
        for resident in residents_matched:
            assignment[resident.name] = hospital.name
    return assignment


@settings(max_examples=150, deadline=None)
@given(instances(max_students=8, max_positions=5, min_capacity=1, min_list=1))
def test_student_proposing_equals_the_library_resident_optimal_matching(instance):
    # when both solve the same strict-preference instance
    ours = deferred_acceptance(instance.choices, instance.position_rank, instance.capacity)

    # then the matchings are identical
    assert ours.assignment.tolist() == library_assignment(instance, "resident")


@settings(max_examples=150, deadline=None)
@given(instances(max_students=8, max_positions=5, min_capacity=1, min_list=1))
def test_position_proposing_equals_the_library_hospital_optimal_matching(instance):
    ours = deferred_acceptance(
        instance.choices, instance.position_rank, instance.capacity, proposing="positions"
    )

    assert ours.assignment.tolist() == library_assignment(instance, "hospital")


def test_agreement_on_a_seeded_mid_size_instance():
    # given 60 students with 5 random choices among 12 positions of 1 to 4 seats
    rng = np.random.default_rng(20240601)
    lists = [rng.choice(12, size=5, replace=False).tolist() for _ in range(60)]
    priority = [rng.permutation(60).tolist() for _ in range(12)]
    instance = Instance(lists=lists, priority=priority, capacity=rng.integers(1, 5, size=12).tolist())

    # when both sides solve it / then both variants agree with the library
    for proposing, optimal in (("students", "resident"), ("positions", "hospital")):
        ours = deferred_acceptance(
            instance.choices, instance.position_rank, instance.capacity, proposing=proposing
        )
        assert ours.assignment.tolist() == library_assignment(instance, optimal)
