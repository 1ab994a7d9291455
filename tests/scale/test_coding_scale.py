"""Occupation coding on the cluster gives the table of one process, in input order."""

import argparse

import pandas as pd
import pytest

from chanjiao.cli import CommandError
from chanjiao.commands import occupations
from chanjiao.scale.cluster import SCHEDULER_VARIABLE
from chanjiao.scale.coding import code_titles, coded_frame, fitted_coder

TITLES = [
    "电焊工",
    "数控车工（包吃住）",
    "CNC operator",
    "抖音运营专员",
    "普工",
    "急招！电焊工 五险一金 月薪8k",
    "会计",
    "电焊工",
    "养老护理员",
    "forklift driver",
    "五险一金",
]
DESCRIPTIONS = ["", "", "", "", "负责注塑机上下料", "", "", "", "", "", ""]


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="chanjiao")
    occupations.register(parser.add_subparsers(dest="command", metavar="COMMAND"))
    args = parser.parse_args(list(argv))
    return args.handler(args)


def test_coding_on_two_workers_equals_one_process(client):
    # given: repeated titles, chunks that cut them apart
    titles, descriptions = TITLES * 5, DESCRIPTIONS * 5
    # when
    coded = code_titles(client, titles, descriptions, chunk_size=7)
    # then
    expected = coded_frame(fitted_coder(0.5), titles, descriptions)
    pd.testing.assert_frame_equal(coded, expected)
    assert coded["title"].tolist() == titles
    assert coded.loc[0, "code"] == "6-18-02-04"
    assert coded.loc[10, "code"] == ""


def test_the_cli_codes_a_parquet_file_on_the_cluster_as_a_csv_file_in_process(client, tmp_path, monkeypatch):
    # given
    frame = pd.DataFrame({"id": range(len(TITLES)), "title": TITLES, "description": DESCRIPTIONS})
    frame.to_parquet(tmp_path / "postings.parquet", index=False)
    frame.to_csv(tmp_path / "postings.csv", index=False)
    monkeypatch.setenv(SCHEDULER_VARIABLE, client.scheduler.address)
    # when
    parquet_status = run_cli(
        "occupations",
        "code",
        str(tmp_path / "postings.parquet"),
        "-o",
        str(tmp_path / "coded.parquet"),
        "--workers",
        "2",
    )
    csv_status = run_cli(
        "occupations", "code", str(tmp_path / "postings.csv"), "-o", str(tmp_path / "coded.csv")
    )
    # then
    assert parquet_status == csv_status == 0
    from_cluster = pd.read_parquet(tmp_path / "coded.parquet")
    in_process = pd.read_csv(tmp_path / "coded.csv", keep_default_na=False, dtype={"confidence": float})
    pd.testing.assert_frame_equal(from_cluster, in_process)


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"name": ["焊工"]}), "no 'title' column"),
        (pd.DataFrame({"title": ["焊工", " "]}), "row 2: empty title"),
        (pd.DataFrame({"title": [1, 2]}), "column 'title' holds int64"),
    ],
)
def test_a_bad_parquet_file_is_refused_with_its_row(tmp_path, frame, message):
    # given
    source = tmp_path / "bad.parquet"
    frame.to_parquet(source, index=False)
    # when / then
    with pytest.raises(CommandError, match=message):
        run_cli("occupations", "code", str(source), "-o", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()


def test_a_file_that_is_not_parquet_is_refused(tmp_path):
    source = tmp_path / "broken.parquet"
    source.write_text("title\n焊工\n", encoding="utf-8")
    with pytest.raises(CommandError, match="not a readable Parquet file"):
        run_cli("occupations", "code", str(source))


def test_negative_workers_are_refused(tmp_path):
    source = tmp_path / "titles.csv"
    source.write_text("title\n焊工\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--workers"):
        run_cli("occupations", "code", str(source), "--workers", "-1")
