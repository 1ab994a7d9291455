"""Placement rounds of many regions at once: each region is its own market, matched by the
core's numba kernels on one worker.

A market is the round of one region: students' choice lists, each choice's enterprise score,
seats per position and the round's lottery seed. `match_market` is what one process does for one
region (ties within a score step broken by the lottery, then student-proposing deferred
acceptance); `match_markets` runs it for every region on the cluster, or one after another in
this process without a client, with identical results. Markets stored as Parquet (as
`chanjiao demo --scale nation` writes them) are read by the worker that matches them, so no
student list travels through the process holding the client.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
from distributed import Client

from chanjiao.core.matching import (
    MatchingResult,
    deferred_acceptance,
    draw_lottery,
    position_rank_from_scores,
)

MARKET_FILES = ("students.parquet", "positions.parquet")


@dataclass(frozen=True)
class Market:
    """One region's round.

    Attributes
    ----------
    region : int
        Region code.
    choices : (n_students, max_list) int array
        Position ids, ``-1`` padding.
    scores : (n_students, max_list) float array
        Each position's score of the student (higher is better); ignored under padding.
    capacity : (n_positions,) int array
    lottery_seed : int
    """

    region: int
    choices: np.ndarray
    scores: np.ndarray
    capacity: np.ndarray
    lottery_seed: int


def match_market(market: Market) -> MatchingResult:
    """The region's student-optimal stable matching (what one worker runs for one region)."""
    lottery = draw_lottery(market.choices.shape[0], market.lottery_seed)
    rank = position_rank_from_scores(market.choices, market.scores, lottery)
    return deferred_acceptance(market.choices, rank, market.capacity)


def read_market(directory: Path | str) -> Market:
    """A market stored as ``students.parquet`` (``choices``, ``scores`` lists) and
    ``positions.parquet`` (``seats``) in ``directory``, with ``lottery_seed`` and ``region`` in the
    students file's metadata."""
    directory = Path(directory)
    students = pq.read_table(directory / "students.parquet", columns=["choices", "scores"])
    metadata = students.schema.metadata or {}
    width = int(metadata[b"max_list"])
    choices = np.full((students.num_rows, width), -1, dtype=np.int32)
    scores = np.zeros((students.num_rows, width), dtype=np.float64)
    listed = students.column("choices").combine_chunks()
    lengths = np.diff(listed.offsets.to_numpy())
    columns = np.arange(width)[None, :] < lengths[:, None]
    choices[columns] = listed.values.to_numpy()
    scores[columns] = students.column("scores").combine_chunks().values.to_numpy()
    capacity = pq.read_table(directory / "positions.parquet", columns=["seats"]).column("seats").to_numpy()
    return Market(
        region=int(metadata[b"region"]),
        choices=choices,
        scores=scores,
        capacity=capacity.astype(np.int64),
        lottery_seed=int(metadata[b"lottery_seed"]),
    )


def match_stored_market(directory: str) -> tuple[int, MatchingResult]:
    market = read_market(directory)
    return market.region, match_market(market)


def match_markets(client: Client | None, markets: Sequence[Market]) -> dict[int, MatchingResult]:
    """Match every market: on ``client``'s workers, or one after another without one."""
    if client is None:
        return {market.region: match_market(market) for market in markets}
    results = client.gather(client.map(match_market, list(markets), pure=False))
    return {market.region: result for market, result in zip(markets, results, strict=True)}


def match_stored_markets(client: Client | None, directories: Sequence[Path]) -> dict[int, MatchingResult]:
    """Match the markets stored in ``directories``; each worker reads the markets it matches."""
    paths = [str(directory) for directory in directories]
    if client is None:
        pairs = [match_stored_market(path) for path in paths]
    else:
        pairs = client.gather(client.map(match_stored_market, paths, pure=False))
    return dict(pairs)
