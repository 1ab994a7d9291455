"""The examples in the public docstrings of the matching core run and give the output they show."""

import doctest
import importlib

import pytest

MODULES = [
    "applicants",
    "deferred_acceptance",
    "eligibility",
    "explain",
    "lottery",
    "occupation_fit",
    "report",
    "result",
    "scores",
    "stability",
    "student_rankings",
    "validation",
    "welfare",
]


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples_hold(module_name):
    module = importlib.import_module(f"chanjiao.core.matching.{module_name}")

    results = doctest.testmod(module, optionflags=doctest.ELLIPSIS)

    assert results.attempted > 0
    assert results.failed == 0
