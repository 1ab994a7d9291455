"""Ledger fixtures: a fixed signing key, and the shared world with every record logged and signed."""

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chanjiao.ledger.services import record_existing, sign_tree_head

# A fixed key, so heads are reproducible; never the development key file in var/.
TEST_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
TEST_KEY_TEXT = base64.b64encode(bytes(range(32))).decode()


@pytest.fixture(autouse=True)
def ledger_signing_key(settings):
    settings.LEDGER_SIGNING_KEY = TEST_KEY_TEXT
    return TEST_KEY


@pytest.fixture
def logged_world(world):
    """The world of tests/conftest.py, every record logged (as the demo does) and a head signed."""
    record_existing(actor=None)
    sign_tree_head(actor=None)
    return world
