"""The monthly demand aggregate per partition on the cluster, refreshed month by month."""

import os

import numpy as np
import pandas as pd
import pytest

from chanjiao.scale.demand import DemandAggregate, monthly_cells, partition_cells

OCCUPATIONS = ["6-18-02-04", "6-18-01-01", "4-13-01-05", "2-06-03-00", ""]
PROVINCES = {320000: [320500, 320505, 320100], 440000: [440300, 440106]}


def write_month(root, year, month, province, seed, rows=200):
    rng = np.random.default_rng(seed)
    postings = pd.DataFrame(
        {
            "posting": np.arange(rows) + seed * 1000,
            "occupation": rng.choice(OCCUPATIONS, rows),
            "region": rng.choice(PROVINCES[province], rows),
            "seats": rng.integers(1, 9, rows),
        }
    )
    directory = root / f"year={year}" / f"month={month}" / f"province={province}"
    directory.mkdir(parents=True, exist_ok=True)
    postings.to_parquet(directory / "part-0.parquet", index=False)
    return postings.assign(year=year, month=month)


@pytest.fixture
def dataset(tmp_path):
    root = tmp_path / "postings"
    frames = [
        write_month(root, 2025, month, province, seed=month * 10 + index)
        for month in (1, 2, 3)
        for index, province in enumerate(PROVINCES)
    ]
    return root, frames


def test_the_cluster_aggregate_equals_one_groupby_over_every_posting(client, dataset):
    # given
    root, frames = dataset
    aggregate = DemandAggregate()
    # when
    report = aggregate.refresh(client, root)
    # then
    expected = monthly_cells(pd.concat(frames, ignore_index=True))
    pd.testing.assert_frame_equal(aggregate.cells(), expected)
    assert len(report.recomputed) == 6
    assert report.kept == 0
    assert int(expected["seats"].sum()) == int(
        sum(f.loc[f["occupation"] != "", "seats"].sum() for f in frames)
    )


def test_a_month_of_new_postings_recomputes_only_that_month(client, dataset):
    # given: an aggregate kept from the last refresh
    root, frames = dataset
    aggregate = DemandAggregate()
    aggregate.refresh(client, root)
    # when: February of one province is re-exported with more postings, and April arrives
    frames[2] = write_month(root, 2025, 2, 320000, seed=99, rows=300)
    frames.append(write_month(root, 2025, 4, 440000, seed=77))
    report = aggregate.refresh(client, root)
    # then
    assert report.recomputed == [(2025, 2, 320000), (2025, 4, 440000)]
    assert report.months_recomputed == [(2025, 2), (2025, 4)]
    assert report.kept == 5
    pd.testing.assert_frame_equal(aggregate.cells(), monthly_cells(pd.concat(frames, ignore_index=True)))


def test_a_removed_partition_leaves_the_table_and_a_saved_aggregate_resumes(client, dataset, tmp_path):
    # given
    root, frames = dataset
    aggregate = DemandAggregate()
    aggregate.refresh(None, root)
    aggregate.save(tmp_path / "state")
    os.remove(root / "year=2025" / "month=3" / "province=440000" / "part-0.parquet")
    # when
    resumed = DemandAggregate.load(tmp_path / "state")
    report = resumed.refresh(client, root)
    # then
    assert report.dropped == [(2025, 3, 440000)]
    assert report.recomputed == []
    pd.testing.assert_frame_equal(resumed.cells(), monthly_cells(pd.concat(frames[:5], ignore_index=True)))


def test_a_file_outside_the_partition_layout_is_refused(tmp_path):
    path = tmp_path / "postings" / "part-0.parquet"
    path.parent.mkdir()
    pd.DataFrame({"occupation": ["6-18-02-04"], "region": [320500], "seats": [1]}).to_parquet(path)
    with pytest.raises(ValueError, match="not a year=/month=/province= partition"):
        partition_cells(str(path))
