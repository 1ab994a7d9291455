import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chanjiao.core.ledger import (
    EMPTY_ROOT,
    hash_children,
    hash_leaf,
    verify_consistency,
    verify_inclusion,
    verify_subtree_consistency,
    verify_subtree_inclusion,
)

LEFT, RIGHT = hash_leaf(b"left"), hash_leaf(b"right")
ROOT = hash_children(LEFT, RIGHT)


def test_well_formed_two_leaf_proofs_are_accepted():
    # given a two-leaf tree
    # when its proofs are checked
    # then they hold
    assert verify_inclusion(LEFT, 0, 2, [RIGHT], ROOT)
    assert verify_inclusion(RIGHT, 1, 2, [LEFT], ROOT)
    assert verify_consistency(1, 2, [RIGHT], LEFT, ROOT)
    assert verify_consistency(2, 2, [], ROOT, ROOT)


@pytest.mark.parametrize(
    "arguments",
    [
        ("not bytes", 0, 2, [RIGHT], ROOT),
        (LEFT, 0.0, 2, [RIGHT], ROOT),
        (LEFT, 0, "2", [RIGHT], ROOT),
        (LEFT, False, 2, [RIGHT], ROOT),
        (LEFT, 0, 2, RIGHT, ROOT),
        (LEFT, 0, 2, [RIGHT.hex()], ROOT),
        (LEFT, 0, 2, None, ROOT),
        (LEFT, 0, 2, [RIGHT], None),
    ],
)
def test_inclusion_arguments_of_the_wrong_type_raise_value_error(arguments):
    # given an argument of the wrong Python type
    # when the inclusion proof is verified
    # then a ValueError names the problem
    with pytest.raises(ValueError):
        verify_inclusion(*arguments)


@pytest.mark.parametrize(
    "arguments",
    [
        (1.0, 2, [RIGHT], LEFT, ROOT),
        (1, None, [RIGHT], LEFT, ROOT),
        (1, 2, [RIGHT, 7], LEFT, ROOT),
        (1, 2, [RIGHT], "left", ROOT),
        (1, 2, [RIGHT], LEFT, 3),
    ],
)
def test_consistency_arguments_of_the_wrong_type_raise_value_error(arguments):
    # given an argument of the wrong Python type
    # when the consistency proof is verified
    # then a ValueError names the problem
    with pytest.raises(ValueError):
        verify_consistency(*arguments)


@pytest.mark.parametrize(
    "arguments",
    [
        (LEFT[:31], 0, 2, [RIGHT], ROOT),
        (LEFT + b"\x00", 0, 2, [RIGHT], ROOT),
        (LEFT, 0, 2, [RIGHT[:31]], ROOT),
        (LEFT, 0, 2, [RIGHT, RIGHT], ROOT),
        (LEFT, 0, 2, [], ROOT),
        (LEFT, -1, 2, [RIGHT], ROOT),
        (LEFT, 2, 2, [RIGHT], ROOT),
        (LEFT, 0, 2**64, [RIGHT], ROOT),
        (LEFT, 0, 2, [RIGHT], ROOT[:31]),
    ],
)
def test_inclusion_values_out_of_shape_are_rejected(arguments):
    # given a hash of the wrong length, a proof of the wrong length or an index out of range
    # when the inclusion proof is verified
    # then it is rejected without an exception
    assert verify_inclusion(*arguments) is False


@pytest.mark.parametrize(
    "arguments",
    [
        (0, 0, [], EMPTY_ROOT, EMPTY_ROOT),
        (0, 2, [], EMPTY_ROOT, ROOT),
        (2, 1, [], ROOT, LEFT),
        (-1, 2, [RIGHT], LEFT, ROOT),
        (1, 2**64, [RIGHT], LEFT, ROOT),
        (1, 2, [RIGHT + b"\x00"], LEFT, ROOT),
        (1, 2, [RIGHT, RIGHT], LEFT, ROOT),
        (2, 2, [RIGHT], ROOT, ROOT),
        (1, 2, [RIGHT], LEFT[:31], ROOT),
    ],
)
def test_consistency_values_out_of_shape_are_rejected(arguments):
    # given sizes out of order or range, or hashes and proofs of the wrong length
    # when the consistency proof is verified
    # then it is rejected without an exception
    assert verify_consistency(*arguments) is False


def test_subtree_checks_reject_misaligned_subtrees():
    # given the subtree [1, 2) is aligned but [1, 3) is not
    # when proofs over them are checked
    # then only the aligned one can hold
    assert verify_subtree_inclusion(RIGHT, 1, 1, 2, [], RIGHT)
    assert not verify_subtree_inclusion(RIGHT, 1, 1, 3, [LEFT], ROOT)
    assert not verify_subtree_consistency(1, 3, 3, [LEFT], ROOT, ROOT)


_anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.binary(max_size=40),
    st.lists(st.binary(min_size=30, max_size=34), max_size=4),
    st.lists(st.one_of(st.text(max_size=3), st.integers()), max_size=3),
)


@given(_anything, _anything, _anything, _anything, _anything)
def test_garbage_never_crashes_inclusion_verification(leaf, index, size, proof, root):
    # given arbitrary values in every argument
    # when an inclusion proof is verified
    # then the verifier answers False or raises ValueError, nothing else
    with contextlib.suppress(ValueError):
        assert verify_inclusion(leaf, index, size, proof, root) in (True, False)


@given(_anything, _anything, _anything, _anything, _anything)
def test_garbage_never_crashes_consistency_verification(size1, size2, proof, root1, root2):
    # given arbitrary values in every argument
    # when a consistency proof is verified
    # then the verifier answers False or raises ValueError, nothing else
    with contextlib.suppress(ValueError):
        assert verify_consistency(size1, size2, proof, root1, root2) in (True, False)
