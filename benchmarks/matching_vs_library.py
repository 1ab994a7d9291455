"""Side by side with the ``matching`` library (1.4.3): 10,000 students x 1,000 positions x 10 choices.

Target (issue 4): at least 1,000 times faster than ``HospitalResident`` and the identical
matching. The library deep-copies its players, which recurses deeply, so the recursion limit is
raised before it runs. Both solve the same seeded instance (strict preferences, 10 seats per
position, students choosing popular positions more often); the library's time counts building
the game and solving it, ours the whole ``deferred_acceptance`` call including input checks.

Run: .venv/bin/python benchmarks/matching_vs_library.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings

import numpy as np
from matching.games import HospitalResident

from chanjiao.core.matching import deferred_acceptance, stability_check


def seeded_instance(n_students, n_positions, max_list, seats, seed):
    rng = np.random.default_rng(seed)
    popularity = rng.lognormal(0.0, 1.0, n_positions)
    popularity /= popularity.sum()
    choices = np.array(
        [rng.choice(n_positions, max_list, replace=False, p=popularity) for _ in range(n_students)]
    )
    priority = np.array([rng.permutation(n_students) for _ in range(n_positions)])
    position_rank = priority[choices, np.arange(n_students)[:, None]]
    return choices, position_rank, np.full(n_positions, seats, np.int64)


def library_solution(choices, position_rank, capacity):
    n_students = choices.shape[0]
    residents = {s: choices[s].tolist() for s in range(n_students)}
    applicants: dict[int, list[tuple[int, int]]] = {p: [] for p in range(capacity.shape[0])}
    for s in range(n_students):
        for k, p in enumerate(choices[s].tolist()):
            applicants[p].append((int(position_rank[s, k]), s))
    hospitals = {p: [s for _, s in sorted(ranked)] for p, ranked in applicants.items() if ranked}
    capacities = {p: int(capacity[p]) for p in hospitals}
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(residents, hospitals, capacities)
        built = time.perf_counter()
        solved = game.solve(optimal="resident")
    finished = time.perf_counter()
    assignment = np.full(n_students, -1, np.int64)
    for hospital, matched in solved.items():
        for resident in matched:
            assignment[resident.name] = hospital.name
    return assignment, built - start, finished - built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--positions", type=int, default=1_000)
    parser.add_argument("--choices", type=int, default=10)
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of ours; the median is reported")
    args = parser.parse_args()
    sys.setrecursionlimit(1_000_000)

    choices, position_rank, capacity = seeded_instance(
        args.students, args.positions, args.choices, args.seats, args.seed
    )
    start = time.perf_counter()
    deferred_acceptance(choices, position_rank, capacity)
    first_call = time.perf_counter() - start
    ours_times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        ours = deferred_acceptance(choices, position_rank, capacity)
        ours_times.append(time.perf_counter() - start)
    ours_seconds = float(np.median(ours_times))

    theirs, build_seconds, solve_seconds = library_solution(choices, position_rank, capacity)
    library_seconds = build_seconds + solve_seconds
    identical = bool(np.array_equal(ours.assignment, theirs))
    stable = stability_check(choices, position_rank, capacity, ours.assignment).is_stable

    print(
        f"{args.students:,} students x {args.positions:,} positions x {args.choices} choices, "
        f"{args.seats} seats each; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    print(
        f"matching 1.4.3 HospitalResident: {library_seconds:.2f} s "
        f"(build {build_seconds:.2f} s + solve {solve_seconds:.2f} s)"
    )
    print(
        f"chanjiao deferred_acceptance: median {ours_seconds * 1e3:.2f} ms of {args.repeat} runs "
        f"(first call, numba cache load included: {first_call:.2f} s)"
    )
    print(
        f"speed-up: {library_seconds / ours_seconds:,.0f}x overall, {solve_seconds / ours_seconds:,.0f}x "
        f"solve only   (target >= 1,000x)"
    )
    print(f"identical matching: {identical}; matched {ours.n_matched:,}; stable: {stable}")


if __name__ == "__main__":
    main()
