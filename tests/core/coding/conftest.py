"""The fitted coder, built once for the whole session (fitting takes about a second)."""

import pytest

from chanjiao.core.coding import load_coder


@pytest.fixture(scope="session")
def coder():
    return load_coder()


@pytest.fixture(scope="session")
def cleaner(coder):
    return coder.cleaner_
