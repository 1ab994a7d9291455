"""The supply–demand aggregate over a Parquet export of postings, per month and province.

The postings are stored as one Parquet dataset partitioned by month and province
(``year=2025/month=3/province=320000/part-0.parquet``, as `chanjiao demo --scale nation` writes
them). Each partition's seats and postings per occupation and region (`monthly_cells`) is one
task; partitions never share a (region, year, month), so the national table is the partial
tables put side by side, sorted: exactly what one `monthly_cells` over every posting gives.

A refresh is incremental: `DemandAggregate` keeps each partition's partial table with the size
and modification time of its file, and recomputes only the partitions that are new or whose file
changed (a month of new postings touches that month's partitions only); partitions whose file is
gone leave the table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from distributed import Client

CELL_COLUMNS = ["occupation", "region", "year", "month", "seats", "postings"]
KEY_COLUMNS = ["occupation", "region", "year", "month"]
PARTITION_PATTERN = re.compile(r"year=(\d+)/month=(\d+)/province=(\d+)$")
PartitionKey = tuple[int, int, int]  # year, month, province
Fingerprint = tuple[int, int]  # file size, modification time in nanoseconds


def monthly_cells(postings: pd.DataFrame) -> pd.DataFrame:
    """Seats and postings per occupation, region, year and month, sorted by those keys.

    Parameters
    ----------
    postings : DataFrame
        Columns ``occupation`` (CSCO code; empty or missing for a posting not coded, which is left
        out), ``region``, ``year``, ``month`` and ``seats``.

    Examples
    --------
    >>> postings = pd.DataFrame({"occupation": ["6-18-02-04", "6-18-02-04", ""], "region": [320505] * 3,
    ...                          "year": [2025] * 3, "month": [3] * 3, "seats": [2, 5, 1]})
    >>> monthly_cells(postings).to_dict("records")
    [{'occupation': '6-18-02-04', 'region': 320505, 'year': 2025, 'month': 3, 'seats': 7, 'postings': 2}]
    """
    occupation = postings["occupation"].astype("string")
    coded = postings[occupation.notna() & (occupation != "")]
    cells = (
        coded.assign(occupation=coded["occupation"].astype(str))
        .groupby(KEY_COLUMNS, sort=True, observed=True)["seats"]
        .agg(["sum", "size"])
        .reset_index()
        .rename(columns={"sum": "seats", "size": "postings"})
    )
    return cells.astype(
        {"region": "int64", "year": "int64", "month": "int64", "seats": "int64", "postings": "int64"}
    )[CELL_COLUMNS]


def partition_cells(path: str) -> pd.DataFrame:
    """`monthly_cells` of one partition file (what a worker runs)."""
    year, month, _province = partition_key(Path(path).parent)
    postings = pq.read_table(path, columns=["occupation", "region", "seats"]).to_pandas()
    return monthly_cells(postings.assign(year=year, month=month))


def partition_key(directory: Path) -> PartitionKey:
    match = PARTITION_PATTERN.search(directory.as_posix())
    if match is None:
        raise ValueError(f"{directory} is not a year=/month=/province= partition of the postings")
    year, month, province = (int(part) for part in match.groups())
    return year, month, province


def partitions(root: Path) -> dict[PartitionKey, tuple[Path, Fingerprint]]:
    """Every partition file under ``root`` with its fingerprint (one file per partition)."""
    found: dict[PartitionKey, tuple[Path, Fingerprint]] = {}
    for path in sorted(Path(root).glob("year=*/month=*/province=*/*.parquet")):
        key = partition_key(path.parent)
        if key in found:
            raise ValueError(f"partition {path.parent} holds more than one file")
        stat = path.stat()
        found[key] = (path, (stat.st_size, stat.st_mtime_ns))
    return found


def combine(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Partial tables of disjoint partitions side by side, in key order."""
    frames = [part for part in parts if len(part)]
    if not frames:
        return pd.DataFrame({column: pd.Series(dtype="int64") for column in CELL_COLUMNS}).astype(
            {"occupation": object}
        )
    return pd.concat(frames, ignore_index=True).sort_values(KEY_COLUMNS, ignore_index=True)


@dataclass
class RefreshReport:
    """What a refresh did: partitions recomputed, kept from the last refresh and dropped."""

    recomputed: list[PartitionKey] = field(default_factory=list)
    kept: int = 0
    dropped: list[PartitionKey] = field(default_factory=list)

    @property
    def months_recomputed(self) -> list[tuple[int, int]]:
        return sorted({(year, month) for year, month, _ in self.recomputed})


@dataclass
class DemandAggregate:
    """The national monthly demand table kept partition by partition, refreshed incrementally.

    Examples
    --------
    >>> aggregate = DemandAggregate()
    >>> with dask_client(workers=2) as client:  # doctest: +SKIP
    ...     report = aggregate.refresh(client, Path("var/nation/postings"))
    >>> aggregate.cells()  # doctest: +SKIP
    """

    parts: dict[PartitionKey, pd.DataFrame] = field(default_factory=dict)
    fingerprints: dict[PartitionKey, Fingerprint] = field(default_factory=dict)

    def refresh(self, client: Client | None, root: Path) -> RefreshReport:
        """Recompute the partitions under ``root`` that are new or changed (on ``client``, or
        in this process when it is None) and drop those whose file is gone."""
        current = partitions(root)
        report = RefreshReport()
        report.dropped = sorted(set(self.parts) - set(current))
        for key in report.dropped:
            del self.parts[key], self.fingerprints[key]
        report.recomputed = sorted(
            key for key, (_path, fingerprint) in current.items() if self.fingerprints.get(key) != fingerprint
        )
        report.kept = len(current) - len(report.recomputed)
        paths = [str(current[key][0]) for key in report.recomputed]
        if client is None:
            results = [partition_cells(path) for path in paths]
        else:
            results = client.gather(client.map(partition_cells, paths, pure=False))
        for key, cells in zip(report.recomputed, results, strict=True):
            self.parts[key] = cells
            self.fingerprints[key] = current[key][1]
        return report

    def cells(self) -> pd.DataFrame:
        """The whole table: seats and postings per occupation, region, year and month."""
        return combine(self.parts[key] for key in sorted(self.parts))

    def save(self, directory: Path) -> None:
        """Keep the table and fingerprints between runs (``cells.parquet``, ``partitions.json``)."""
        directory.mkdir(parents=True, exist_ok=True)
        frames = [cells.assign(province=key[2]) for key, cells in sorted(self.parts.items())]
        stored = pd.concat(frames, ignore_index=True) if frames else self.cells().assign(province=0)
        stored.to_parquet(directory / "cells.parquet", index=False)
        fingerprints = [[*key, *fingerprint] for key, fingerprint in sorted(self.fingerprints.items())]
        (directory / "partitions.json").write_text(json.dumps(fingerprints))

    @classmethod
    def load(cls, directory: Path) -> DemandAggregate:
        """The aggregate `save` kept in ``directory``; empty when there is none yet."""
        if not (directory / "partitions.json").is_file():
            return cls()
        fingerprints = {
            (year, month, province): (size, modified)
            for year, month, province, size, modified in json.loads(
                (directory / "partitions.json").read_text()
            )
        }
        stored = pd.read_parquet(directory / "cells.parquet")
        parts = {key: stored.iloc[0:0][CELL_COLUMNS] for key in fingerprints}
        for (year, month, province), cells in stored.groupby(["year", "month", "province"], sort=False):
            parts[(int(year), int(month), int(province))] = cells[CELL_COLUMNS].reset_index(drop=True)
        return cls(parts=parts, fingerprints=fingerprints)
