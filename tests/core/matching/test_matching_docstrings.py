"""The examples in the public docstrings run and give the output they show."""

import doctest
import importlib
import pkgutil

import pytest

import chanjiao.core.matching as matching_package

MODULES = sorted(
    info.name for info in pkgutil.iter_modules(matching_package.__path__, "chanjiao.core.matching.")
)


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples_hold(module_name):
    results = doctest.testmod(importlib.import_module(module_name), optionflags=doctest.ELLIPSIS)

    assert results.attempted > 0
    assert results.failed == 0
