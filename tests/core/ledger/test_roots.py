import numpy as np
import pytest

from chanjiao.core.ledger import EMPTY_ROOT, hash_children, hash_leaf, root_from_leaf_hashes, root_hash

# Root hashes of the standard 8-leaf tree at every size (RFC 6962 test data of CT / Trillian).
STANDARD_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


@pytest.mark.parametrize("size", range(9))
def test_root_hash_of_standard_leaves_at_every_size(size, standard_leaf_inputs):
    # given the first `size` standard leaf inputs
    leaves = standard_leaf_inputs[:size]
    # when the tree hash is computed
    root = root_hash(leaves)
    # then it is the published RFC 6962 root
    assert root.hex() == STANDARD_ROOTS[size]


def test_empty_tree_root_is_sha256_of_nothing():
    # given no leaves
    # when the root is computed
    # then it is SHA-256("")
    assert root_hash([]) == EMPTY_ROOT
    assert EMPTY_ROOT.hex() == STANDARD_ROOTS[0]


def test_root_from_leaf_hashes_accepts_array_and_list(standard_leaf_inputs):
    # given the standard leaf hashes as bytes and as an (n, 32) array
    hashes = [hash_leaf(leaf) for leaf in standard_leaf_inputs]
    array = np.frombuffer(b"".join(hashes), dtype=np.uint8).reshape(-1, 32)
    # when roots are computed from both forms
    # then both give the size-8 root
    assert root_from_leaf_hashes(hashes).hex() == STANDARD_ROOTS[8]
    assert root_from_leaf_hashes(array).hex() == STANDARD_ROOTS[8]


def test_root_hash_accepts_any_iterable_of_leaf_inputs(standard_leaf_inputs):
    # given the standard leaf inputs as a generator
    leaves = (leaf for leaf in standard_leaf_inputs)
    # when the tree hash is computed
    # then it is the size-8 root
    assert root_hash(leaves).hex() == STANDARD_ROOTS[8]


@pytest.mark.parametrize("leaves", ["abc", b"abc", 7, [b"a", "b"], [b"a", 3]])
def test_root_hash_rejects_leaves_that_are_not_a_list_of_bytes(leaves):
    # given leaves of the wrong type
    # when the root is computed
    # then a ValueError says so
    with pytest.raises(ValueError):
        root_hash(leaves)


@pytest.mark.parametrize(
    "hashes", [[bytes(31)], np.zeros((2, 31), dtype=np.uint8), np.zeros((2, 32), dtype=np.int64)]
)
def test_root_from_leaf_hashes_rejects_malformed_hashes(hashes):
    # given leaf hashes of the wrong width or dtype
    # when the root is computed
    # then a ValueError says so
    with pytest.raises(ValueError):
        root_from_leaf_hashes(hashes)


def test_hash_primitives_refuse_values_that_are_not_hashes():
    # given a str leaf input and children of the wrong size
    # when they are hashed
    # then a ValueError says so
    with pytest.raises(ValueError, match="leaf input"):
        hash_leaf("text")
    with pytest.raises(ValueError, match="32-byte"):
        hash_children(bytes(32), bytes(31))
    with pytest.raises(ValueError, match="32-byte"):
        hash_children(bytes(32), "x" * 32)
