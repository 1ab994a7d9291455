import numpy as np
import pytest

from chanjiao.core.ledger import (
    ArrayHashStore,
    NodeRun,
    hash_children,
    nodes_completed_by_append,
    root_hash_at,
)


def _leaf_hashes(count: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, size=(count, 32), dtype=np.uint8)


def _all_stored_nodes(store: ArrayHashStore) -> dict[tuple[int, int], bytes]:
    nodes = {}
    level = 0
    while (store.tree_size >> level) > 0:
        ids = [(level, index) for index in range(store.tree_size >> level)]
        nodes.update(zip(ids, store.read_nodes(ids), strict=True))
        level += store.level_stride
    return nodes


@pytest.mark.parametrize("level_stride", [1, 2, 4])
def test_appending_in_random_batches_stores_what_one_bulk_append_stores(level_stride):
    # given 1,000 leaf hashes and random batch sizes
    leaves = _leaf_hashes(1_000, seed=10)
    rng = np.random.default_rng(11)
    incremental = ArrayHashStore(level_stride=level_stride)
    # when they are appended batch by batch
    while incremental.tree_size < len(leaves):
        batch = int(rng.integers(0, 40))
        incremental.append(leaves[incremental.tree_size : incremental.tree_size + batch])
    bulk = ArrayHashStore.from_leaf_hashes(leaves, level_stride=level_stride)
    # then the stored leaves and nodes are identical to a single bulk build
    assert _all_stored_nodes(incremental) == _all_stored_nodes(bulk)
    assert root_hash_at(incremental, 1_000) == root_hash_at(bulk, 1_000)


def test_an_append_reports_exactly_the_nodes_it_completes():
    # given a stride-2 store of 3 leaves
    leaves = _leaf_hashes(16, seed=12)
    store = ArrayHashStore.from_leaf_hashes(leaves[:3], level_stride=2)
    # when 13 more leaves are planned for appending
    runs = nodes_completed_by_append(store, 3, leaves[3:])
    # then level 2 gains nodes 0-3 and level 4 gains node 0, with the right hashes
    assert [(run.level, run.first_index, len(run.hashes)) for run in runs] == [(2, 0, 4), (4, 0, 1)]
    pairs = [hash_children(leaves[i].tobytes(), leaves[i + 1].tobytes()) for i in range(0, 16, 2)]
    quads = [hash_children(pairs[i], pairs[i + 1]) for i in range(0, 8, 2)]
    assert [row.tobytes() for row in runs[0].hashes] == quads
    assert runs[1].hashes[0].tobytes() == hash_children(
        hash_children(quads[0], quads[1]), hash_children(quads[2], quads[3])
    )


def test_node_run_rows_are_ready_for_a_bulk_insert():
    # given a run of two nodes at level 8 starting at index 5
    run = NodeRun(level=8, first_index=5, hashes=np.arange(64, dtype=np.uint8).reshape(2, 32))
    # when its rows are listed
    rows = list(run.rows())
    # then each row is (level, index, 32 bytes)
    assert rows == [(8, 5, bytes(range(32))), (8, 6, bytes(range(32, 64)))]


def test_appending_nothing_completes_nothing():
    # given a store of 15 leaves
    store = ArrayHashStore.from_leaf_hashes(_leaf_hashes(15, seed=13))
    # when an empty batch is appended
    runs = store.append(np.empty((0, 32), dtype=np.uint8))
    # then nothing changes
    assert runs == []
    assert store.tree_size == 15


@pytest.mark.parametrize("node_id", [(0, 20), (0, -1), (2, 0), (4, 1), (8, 0), (-4, 0)])
def test_reading_a_node_that_is_not_stored_raises_value_error(node_id):
    # given a stride-4 store of 20 leaves (one level-4 node)
    store = ArrayHashStore.from_leaf_hashes(_leaf_hashes(20, seed=14))
    # when a missing or unstored-level node is read
    # then a ValueError names it
    with pytest.raises(ValueError, match="is not stored"):
        store.read_nodes([node_id])


@pytest.mark.parametrize("level_stride", [0, -1, 1.5, True])
def test_store_rejects_a_stride_that_is_not_a_positive_int(level_stride):
    # given an invalid stride
    # when a store is created
    # then a ValueError says so
    with pytest.raises(ValueError, match="level_stride"):
        ArrayHashStore(level_stride=level_stride)


def test_leaf_hashes_view_is_read_only():
    # given a store
    store = ArrayHashStore.from_leaf_hashes(_leaf_hashes(3, seed=15))
    # when its leaf hashes are written to
    # then numpy refuses, so the store cannot be altered behind its back
    with pytest.raises(ValueError):
        store.leaf_hashes[0, 0] = 1


def test_store_that_returns_the_wrong_number_of_hashes_is_reported():
    # given a store that drops hashes
    class LossyStore(ArrayHashStore):
        def read_nodes(self, node_ids):
            return super().read_nodes(node_ids)[:-1]

    store = LossyStore.from_leaf_hashes(_leaf_hashes(20, seed=16))
    # when a node run or a root needs stored hashes
    # then a ValueError reports the short read
    with pytest.raises(ValueError, match="returned"):
        store.append(_leaf_hashes(12, seed=17))
    with pytest.raises(ValueError, match="returned"):
        root_hash_at(store, 20)


def test_store_that_returns_something_other_than_hashes_is_reported():
    # given a store that answers with hex text instead of bytes
    class HexStore(ArrayHashStore):
        def read_nodes(self, node_ids):
            return [digest.hex() for digest in super().read_nodes(node_ids)]

    store = HexStore.from_leaf_hashes(_leaf_hashes(20, seed=18))
    # when a root needs stored hashes
    # then a ValueError says the store's answer is not a hash
    with pytest.raises(ValueError, match="32-byte hash"):
        root_hash_at(store, 20)
