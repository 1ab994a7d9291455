"""Every case of the transparency-dev/merkle RFC 6962 test vectors (tests/data/rfc6962, see NOTICE)."""

import base64
import json
from pathlib import Path

import pytest

from chanjiao.core.ledger import (
    verify_consistency,
    verify_inclusion,
    verify_subtree_consistency,
    verify_subtree_inclusion,
)

VECTORS = Path(__file__).parents[2] / "data" / "rfc6962"


def _cases(kind: str) -> list:
    paths = sorted((VECTORS / kind).rglob("*.json"))
    return [pytest.param(json.loads(path.read_text()), id=str(path.relative_to(VECTORS))) for path in paths]


def _hash(text: str) -> bytes:
    return base64.b64decode(text)


def _proof(items: list | None) -> list[bytes]:
    return [base64.b64decode(item) for item in items or []]


def test_every_vector_directory_is_loaded():
    # given the copied vector folders
    # when they are counted
    counts = {
        kind: len(_cases(kind))
        for kind in ("inclusion", "consistency", "subtreeinclusion", "subtreeconsistency")
    }
    # then every shipped case takes part
    assert counts == {"inclusion": 98, "consistency": 98, "subtreeinclusion": 204, "subtreeconsistency": 118}


@pytest.mark.parametrize("case", _cases("inclusion"))
def test_inclusion_vector(case):
    # given a vector case
    # when its inclusion proof is verified
    accepted = verify_inclusion(
        _hash(case["leafHash"]), case["leafIdx"], case["treeSize"], _proof(case["proof"]), _hash(case["root"])
    )
    # then happy paths pass and every mutation fails
    assert accepted is not case["wantErr"]


@pytest.mark.parametrize("case", _cases("consistency"))
def test_consistency_vector(case):
    # given a vector case
    # when its consistency proof is verified
    accepted = verify_consistency(
        case["size1"], case["size2"], _proof(case["proof"]), _hash(case["root1"]), _hash(case["root2"])
    )
    # then happy paths pass and every mutation fails
    assert accepted is not case["wantErr"]


@pytest.mark.parametrize("case", _cases("subtreeinclusion"))
def test_subtree_inclusion_vector(case):
    # given a vector case
    # when its subtree inclusion proof is verified
    accepted = verify_subtree_inclusion(
        _hash(case["leafHash"]),
        case["leafIdx"],
        case["start"],
        case["end"],
        _proof(case["proof"]),
        _hash(case["root"]),
    )
    # then happy paths pass and every mutation fails
    assert accepted is not case["wantErr"]


@pytest.mark.parametrize("case", _cases("subtreeconsistency"))
def test_subtree_consistency_vector(case):
    # given a vector case
    # when its subtree consistency proof is verified
    accepted = verify_subtree_consistency(
        case["start"],
        case["end"],
        case["size"],
        _proof(case["proof"]),
        _hash(case["root1"]),
        _hash(case["root2"]),
    )
    # then happy paths pass and every mutation fails
    assert accepted is not case["wantErr"]
