"""Fuzzing (tests/fuzzing.py) of every operation tests/api/test_api_fuzz.py leaves out: credit,
governance, docking, supply and demand, tracking and learning records."""

import pytest

from fuzzing import fuzz, operations


@pytest.mark.parametrize("operation", operations(first_half=False))
def test_every_other_operation_answers_as_declared_for_every_role(operation, headers_by_user):
    fuzz(operation, headers_by_user)
