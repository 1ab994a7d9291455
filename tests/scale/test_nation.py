"""`chanjiao demo --scale nation`: Parquet files for 31 provinces that the batch steps read."""

import argparse

import pandas as pd
import pyarrow.parquet as pq
import pytest

from chanjiao.cli import CommandError
from chanjiao.commands import demo
from chanjiao.scale.demand import DemandAggregate, monthly_cells
from chanjiao.scale.matching import match_stored_markets
from chanjiao.scale.nation import plan_nation, postings_path, postings_table, write_nation

FRACTION = 0.0002  # 7,000 students and 20,000 postings: the smallest nation that has every province


@pytest.fixture(scope="module")
def nation(tmp_path_factory):
    root = tmp_path_factory.mktemp("nation")
    return root, write_nation(root, seed=3, fraction=FRACTION)


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="chanjiao")
    demo.register(parser.add_subparsers(dest="command", metavar="COMMAND"))
    args = parser.parse_args(list(argv))
    return args.handler(args)


def test_the_whole_nation_has_the_national_sizes():
    # when
    plans = {plan.name: plan for plan in plan_nation(1.0)}
    # then
    assert len(plans) == 31
    assert abs(sum(plan.students for plan in plans.values()) - 35_000_000) <= 31
    assert abs(sum(plan.postings for plan in plans.values()) - 100_000_000) <= 31
    assert max(plans.values(), key=lambda plan: plan.postings).name == "广东省"
    assert min(plans.values(), key=lambda plan: plan.students).name == "西藏自治区"
    assert plans["江苏省"].zone == "east" and plans["四川省"].zone == "west"


def test_the_files_hold_every_province_and_month(nation):
    # given
    root, summary = nation
    provinces = pq.read_table(root / "provinces.parquet").to_pandas()
    # then
    assert summary.provinces == len(provinces) == 31
    assert (
        summary.postings == int(provinces["postings"].sum())
        or abs(summary.postings - provinces["postings"].sum()) <= 31 * 12
    )
    assert len(list((root / "postings").glob("year=2025/month=*/province=*/part-0.parquet"))) == 31 * 12
    assert len(list((root / "rounds").glob("province=*/students.parquet"))) == 31
    postings = pq.read_table(root / "postings").to_pandas()
    assert len(postings) == summary.postings
    assert postings["posting"].is_unique
    assert (postings["seats"] >= 1).all()
    assert set(postings["region"] // 10_000 * 10_000) <= set(provinces["province"])


def test_a_partition_written_again_is_the_same(nation):
    # given
    root, _summary = nation
    plan = next(plan for plan in plan_nation(FRACTION) if plan.province == 320000)
    stored = pq.read_table(postings_path(root, 2025, 3, 320000))
    # when
    again = postings_table(plan, 2025, 3, seed=3, first_id=stored.column("posting")[0].as_py())
    # then
    assert again.equals(stored)


def test_the_batch_steps_read_the_nation_on_the_cluster_as_in_one_process(nation, client):
    # given
    root, summary = nation
    # when
    aggregate = DemandAggregate()
    report = aggregate.refresh(client, root / "postings")
    rounds = sorted((root / "rounds").glob("province=*"))
    on_cluster = match_stored_markets(client, rounds)
    # then
    postings = pq.read_table(root / "postings").to_pandas()
    postings["year"] = pd.to_datetime(postings["published_on"]).dt.year
    postings["month"] = pd.to_datetime(postings["published_on"]).dt.month
    pd.testing.assert_frame_equal(aggregate.cells(), monthly_cells(postings))
    assert len(report.recomputed) == 31 * 12
    in_process = match_stored_markets(None, rounds)
    assert sorted(on_cluster) == sorted(in_process) and len(on_cluster) == 31
    for region, result in in_process.items():
        assert on_cluster[region].assignment.tolist() == result.assignment.tolist()
    assert sum(result.n_matched for result in in_process.values()) > 0.8 * summary.round_students


def test_the_cli_writes_the_nation_and_refuses_a_used_folder(tmp_path, capsys):
    # when
    status = run_cli(
        "demo", "--scale", "nation", "--fraction", str(FRACTION), "--seed", "2", "-o", str(tmp_path / "n")
    )
    # then
    assert status == 0
    assert "31 provinces" in capsys.readouterr().out
    with pytest.raises(CommandError, match="not empty"):
        run_cli("demo", "--scale", "nation", "--fraction", str(FRACTION), "-o", str(tmp_path / "n"))
    with pytest.raises(CommandError, match="--fraction"):
        run_cli("demo", "--scale", "nation", "--fraction", "2", "-o", str(tmp_path / "other"))
