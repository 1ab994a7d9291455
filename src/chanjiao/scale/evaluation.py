"""Evaluation Monte Carlo over a national set of units, its runs split over the workers.

`RankUncertainty.plan` draws the whole design in one process (so the random draws are the ones
of a single-process fit); each worker ranks the units in a range of runs (`RankPlan.run_ranks`)
and the ranges are put back in run order. Every run's ranks depend on its own choices only, so
the merged rank distribution, its quantiles and the Sobol indices are exactly those of
``RankUncertainty.fit``.
"""

from __future__ import annotations

import numpy as np
from distributed import Client

from chanjiao.core.indicators.uncertainty import RankPlan, RankUncertainty


def _run_ranks(plan: RankPlan, start: int, stop: int) -> np.ndarray:
    return plan.run_ranks(start, stop)


def fit_rank_uncertainty(
    client: Client | None, analysis: RankUncertainty, X: np.ndarray, *, runs_per_task: int = 100
) -> RankUncertainty:
    """``analysis.fit(X)`` with its runs ranked on ``client``'s workers (in this process without one).

    The plan (normalised matrices and weight pool, a few megabytes for ten thousand units) goes to
    every worker once; a task ranks ``runs_per_task`` runs and sends back their ranks.
    """
    if runs_per_task < 1:
        raise ValueError(f"runs_per_task must be at least 1, got {runs_per_task}")
    plan = analysis.plan(X)
    bounds = [
        (start, min(start + runs_per_task, plan.n_runs)) for start in range(0, plan.n_runs, runs_per_task)
    ]
    if client is None:
        blocks = [plan.run_ranks(start, stop) for start, stop in bounds]
    else:
        shipped = client.scatter(plan, broadcast=True)
        blocks = client.gather(
            [client.submit(_run_ranks, shipped, start, stop, pure=False) for start, stop in bounds]
        )
    return analysis.summarise(plan, np.concatenate(blocks))
