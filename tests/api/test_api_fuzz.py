"""Fuzzing (tests/fuzzing.py) of the registry, people, placements, jobs, matching, evaluation,
ledger and surveys operations."""

import pytest

from fuzzing import fuzz, operations


@pytest.mark.parametrize("operation", operations(first_half=True))
def test_every_operation_answers_as_declared_for_every_role(operation, headers_by_user):
    fuzz(operation, headers_by_user)
