import pytest

from chanjiao.core.ledger import ArrayHashStore, hash_leaf_inputs

# The leaf inputs of the RFC 6962 test tree used by Certificate Transparency and Trillian.
STANDARD_LEAF_INPUTS = [
    bytes.fromhex(text)
    for text in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]


@pytest.fixture
def standard_leaf_inputs() -> list[bytes]:
    return list(STANDARD_LEAF_INPUTS)


@pytest.fixture
def standard_store() -> ArrayHashStore:
    return ArrayHashStore.from_leaf_hashes(hash_leaf_inputs(STANDARD_LEAF_INPUTS))
