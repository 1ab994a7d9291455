"""Benchmark: rank uncertainty and Sobol sensitivity for 10,000 units x 30 indicators x 1,000 runs.

Target: <= 10 s on the 2-core reference machine. Run:
    .venv/bin/python benchmarks/indicators_uncertainty.py
The data are synthetic (seeded): percentages, skewed money amounts and counts, some cost-type, so
outlier treatment and every normalisation have something to do.
"""

from __future__ import annotations

import os
import time

import numpy as np

from chanjiao.core.indicators import CompositeIndicator, Dimension, Framework, Indicator, RankUncertainty

N_UNITS, N_INDICATORS, N_DRAWS, TARGET_SECONDS = 10_000, 30, 1_000, 10.0


def synthetic_framework() -> Framework:
    dimensions = []
    for block, (code, name) in enumerate(
        [("participation", "Participation"), ("process", "Process"), ("results", "Results")]
    ):
        leaves = tuple(
            Indicator(
                f"{code}_{index}",
                f"{name} indicator {index}",
                f"{name}指标{index}",
                "cost" if index % 5 == 4 else "benefit",
                "%",
                f"Synthetic indicator {index} of {name}.",
                target=80.0 if index % 3 == 0 else None,
            )
            for index in range(N_INDICATORS // 3)
        )
        dimensions.append(Dimension(code, name, f"维度{block}", leaves))
    return Framework(Dimension("index", "Index", "综合指数", tuple(dimensions)))


def synthetic_data(rng: np.random.Generator) -> np.ndarray:
    shares = rng.beta(2.0, 3.0, size=(N_UNITS, N_INDICATORS)) * 100.0
    skewed = rng.lognormal(mean=2.0, sigma=1.0, size=(N_UNITS, N_INDICATORS))
    skewed_columns = np.arange(N_INDICATORS) % 4 == 3
    return np.where(skewed_columns, skewed, shares)


def main() -> None:
    rng = np.random.default_rng(2024)
    framework = synthetic_framework()
    raw = synthetic_data(rng)
    raw[rng.random(raw.shape) < 0.02] = np.nan

    started = time.perf_counter()
    composite = CompositeIndicator(framework).fit(raw)
    pipeline_seconds = time.perf_counter() - started

    started = time.perf_counter()
    analysis = RankUncertainty(framework, n_draws=N_DRAWS, random_state=7).fit(composite.treated_)
    uncertainty_seconds = time.perf_counter() - started

    widths = analysis.rank_interval_[:, 1] - analysis.rank_interval_[:, 0]
    driver = analysis.factor_names_[int(np.argmax(analysis.total_order_))]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(f"composite pipeline ({N_UNITS:,} units x {N_INDICATORS} indicators): {pipeline_seconds:.2f} s")
    print(
        f"rank uncertainty ({N_UNITS:,} x {N_INDICATORS} x {analysis.n_runs_:,} runs): "
        f"{uncertainty_seconds:.2f} s (target <= {TARGET_SECONDS:.0f} s)"
    )
    print(f"median 90 % rank-interval width: {np.median(widths):.0f} ranks; main driver: {driver}")
    indices = ", ".join(
        f"{name} {value:.3f}"
        for name, value in zip(analysis.factor_names_, analysis.total_order_, strict=True)
    )
    print(f"total-order Sobol indices of the mean absolute rank shift: {indices}")


if __name__ == "__main__":
    main()
