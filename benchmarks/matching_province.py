"""Province-scale placement round: 1,000,000 students, 100,000 positions of 10 seats, 20 choices.

Targets (issue 4): deferred acceptance alone <= 1 s; build preferences (eligibility, derived
enterprise scores, lottery, ranks) + deferred acceptance + stability check <= 5 s end to end; peak
memory <= 4 GB. Ordering each student's candidates by the derived student-side score is timed
too and reported on its own line, since the target counts entered student lists. numba compiles into a fresh cache
directory first, so compile time is measured (and reported) but kept out of the timed figures.

The synthetic province is seeded: 21 cities of unequal size, students choosing 70 % of their 20
candidate seats in their own city with popular seats drawn more often, seats with program, year,
certificate and region requirements, and skills, certificates and mentor assessments to score.

Run: .venv/bin/python benchmarks/matching_province.py [--students 1000000] [--positions 100000]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time

os.environ.setdefault("NUMBA_CACHE_DIR", tempfile.mkdtemp(prefix="chanjiao-numba-"))

import numpy as np  # noqa: E402

from chanjiao.core.matching import (  # noqa: E402
    SeatRequirements,
    StudentProfiles,
    deferred_acceptance,
    derive_student_choices,
    draw_lottery,
    eligibility_failures,
    enterprise_scores,
    occupation_fit_matrix,
    pack_flags,
    position_rank_from_scores,
    remove_ineligible,
    round_report,
    stability_check,
)
from chanjiao.core.taxonomy import load_occupations  # noqa: E402

N_CITIES = 21
N_PROGRAMS = 300
N_OCCUPATIONS = 400
N_SKILLS = 64
N_CERTIFICATES = 32
PROVINCE = 44


def _draw_distinct_rows(n_rows, width, draw):
    """Rows of ``width`` distinct values, ``draw(row_of_each_value)``, redrawing duplicates."""
    rows = draw(np.repeat(np.arange(n_rows), width)).reshape(n_rows, width)
    while True:
        order = np.argsort(rows, axis=1, kind="stable")
        ordered = np.take_along_axis(rows, order, axis=1)
        repeated_sorted = np.zeros_like(rows, dtype=bool)
        repeated_sorted[:, 1:] = ordered[:, 1:] == ordered[:, :-1]
        if not repeated_sorted.any():
            return rows
        repeated = np.zeros_like(repeated_sorted)
        np.put_along_axis(repeated, order, repeated_sorted, axis=1)
        rows[repeated] = draw(np.nonzero(repeated)[0])


def synthetic_province(n_students, n_positions, max_list, seats, seed):
    rng = np.random.default_rng(seed)
    city_weight = 1.0 / np.arange(1, N_CITIES + 1) ** 0.8
    city_weight /= city_weight.sum()
    city_centre = np.column_stack([rng.uniform(21.5, 25.5, N_CITIES), rng.uniform(110.0, 117.0, N_CITIES)])
    city_code = PROVINCE * 10_000 + np.arange(1, N_CITIES + 1) * 100

    fine = [o.code for o in load_occupations() if o.level == 4 and o.code[0] in "46"]
    occupation_codes = [fine[i] for i in sorted(rng.choice(len(fine), N_OCCUPATIONS, replace=False))]
    targets = [
        [occupation_codes[first], occupation_codes[min(first + 1, N_OCCUPATIONS - 1)]]
        for first in rng.integers(0, N_OCCUPATIONS, N_PROGRAMS)
    ]
    program_fit = occupation_fit_matrix(targets, occupation_codes)

    position_city = np.sort(rng.choice(N_CITIES, n_positions, p=city_weight))
    city_start = np.searchsorted(position_city, np.arange(N_CITIES))
    city_size = np.bincount(position_city, minlength=N_CITIES)
    seat_occupation = rng.integers(0, N_OCCUPATIONS, n_positions)
    restricted_programs = rng.random(n_positions) < 0.05
    accepted = (program_fit[:, seat_occupation].T >= 0.5) | ~restricted_programs[:, None]
    required_certificate = np.zeros((n_positions, N_CERTIFICATES), bool)
    needs_certificate = np.flatnonzero(rng.random(n_positions) < 0.05)
    required_certificate[needs_certificate, rng.integers(0, 8, needs_certificate.size)] = True
    seat_requirements = SeatRequirements(
        accepted_programs=accepted,
        min_year=np.where(rng.random(n_positions) < 0.1, 2, 0),
        certificates=pack_flags(required_certificate),
        region=np.where(rng.random(n_positions) < 0.1, city_code[position_city], PROVINCE * 10_000),
    )
    required_skills = pack_flags(rng.random((n_positions, N_SKILLS)) < 5 / N_SKILLS)
    preferred_certificates = pack_flags(rng.random((n_positions, N_CERTIFICATES)) < 2 / N_CERTIFICATES)
    seat_location = city_centre[position_city] + rng.normal(0.0, 0.15, (n_positions, 2))
    seat_pay = rng.lognormal(np.log(4500.0), 0.3, n_positions)

    student_city = rng.choice(N_CITIES, n_students, p=city_weight)
    certificates = rng.random((n_students, N_CERTIFICATES)) < 0.15
    certificates[:, :8] |= rng.random((n_students, 8)) < 0.3
    students = StudentProfiles(
        program=rng.integers(0, N_PROGRAMS, n_students),
        year=rng.integers(1, 4, n_students),
        certificates=pack_flags(certificates),
        region=city_code[student_city] + rng.integers(1, 11, n_students),
    )
    mentor = np.where(rng.random(n_students) < 0.3, rng.beta(5.0, 2.0, n_students), np.nan)
    student_skills = pack_flags(rng.random((n_students, N_SKILLS)) < 0.3)
    student_location = city_centre[student_city] + rng.normal(0.0, 0.15, (n_students, 2))

    def draw_candidates(student):
        # 70 % in the student's own city, popular seats (low index in the city) drawn more often
        count = student.size
        city = np.where(
            rng.random(count) < 0.7, student_city[student], rng.choice(N_CITIES, count, p=city_weight)
        )
        return (city_start[city] + (city_size[city] * rng.random(count) ** 1.5).astype(np.int64)).astype(
            np.int32
        )

    candidates = _draw_distinct_rows(n_students, max_list, draw_candidates)
    return dict(
        candidates=candidates,
        capacity=np.full(n_positions, seats, np.int64),
        students=students,
        seat_requirements=seat_requirements,
        student_skills=student_skills,
        required_skills=required_skills,
        student_certificates=students.certificates,
        preferred_certificates=preferred_certificates,
        student_program=students.program,
        seat_occupation=seat_occupation,
        program_fit=program_fit,
        mentor=mentor,
        student_location=student_location,
        seat_location=seat_location,
        seat_pay=seat_pay,
        school=student_city,
        enterprise=np.arange(n_positions) // 5,
    )


def run_round(province, lottery_seed, timings):
    """Build preferences, match and check; record each stage's (wall, CPU) seconds in ``timings``."""

    def timed(stage, call):
        wall, cpu = time.perf_counter(), time.process_time()
        value = call()
        timings[stage] = (time.perf_counter() - wall, time.process_time() - cpu)
        return value

    derived = timed(
        "student rankings (fit, distance, pay)",
        lambda: derive_student_choices(
            province["candidates"],
            student_program=province["student_program"],
            seat_occupation=province["seat_occupation"],
            program_fit=province["program_fit"],
            student_location=province["student_location"],
            seat_location=province["seat_location"],
            seat_pay=province["seat_pay"],
        ),
    )
    failures = timed(
        "eligibility flags",
        lambda: eligibility_failures(derived.choices, province["students"], province["seat_requirements"]),
    )
    kept = timed("remove ineligible", lambda: remove_ineligible(derived.choices, failures))
    scores = timed(
        "enterprise scores",
        lambda: enterprise_scores(
            kept.choices,
            student_skills=province["student_skills"],
            required_skills=province["required_skills"],
            student_certificates=province["student_certificates"],
            preferred_certificates=province["preferred_certificates"],
            student_program=province["student_program"],
            seat_occupation=province["seat_occupation"],
            program_fit=province["program_fit"],
            mentor_assessment=province["mentor"],
        ),
    )
    lottery = timed("lottery", lambda: draw_lottery(kept.choices.shape[0], lottery_seed))
    position_rank = timed(
        "position ranks (scores + lottery)",
        lambda: position_rank_from_scores(kept.choices, scores.total, lottery),
    )
    result = timed(
        "deferred acceptance", lambda: deferred_acceptance(kept.choices, position_rank, province["capacity"])
    )
    stability = timed(
        "stability check",
        lambda: stability_check(kept.choices, position_rank, province["capacity"], result.assignment),
    )
    return derived, kept, position_rank, result, stability, lottery


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1_000_000)
    parser.add_argument("--positions", type=int, default=100_000)
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument("--choices", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()

    start = time.perf_counter()
    run_round(synthetic_province(2_000, 200, args.choices, args.seats, seed=1), 1, {})
    compile_seconds = time.perf_counter() - start

    start = time.perf_counter()
    province = synthetic_province(args.students, args.positions, args.choices, args.seats, args.seed)
    generate_seconds = time.perf_counter() - start

    best: dict[str, tuple[float, float]] = {}
    for attempt in range(args.repeat):
        timings: dict[str, tuple[float, float]] = {}
        derived, kept, position_rank, result, stability, lottery = run_round(
            province, args.seed + attempt, timings
        )
        if not best or sum(wall for wall, _ in timings.values()) < sum(wall for wall, _ in best.values()):
            best = timings
            outcome = (kept, position_rank, result, stability, lottery)
    kept, position_rank, result, stability, lottery = outcome

    # Deferred acceptance alone on the full 20-choice lists (everyone treated as eligible).
    full_scores = enterprise_scores(
        derived.choices,
        student_skills=province["student_skills"],
        required_skills=province["required_skills"],
        student_certificates=province["student_certificates"],
        preferred_certificates=province["preferred_certificates"],
        student_program=province["student_program"],
        seat_occupation=province["seat_occupation"],
        program_fit=province["program_fit"],
        mentor_assessment=province["mentor"],
    )
    full_rank = position_rank_from_scores(derived.choices, full_scores.total, lottery)
    full_times, full_cpu = [], []
    for _ in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        full_result = deferred_acceptance(derived.choices, full_rank, province["capacity"])
        full_times.append(time.perf_counter() - start)
        full_cpu.append(time.process_time() - cpu)

    start = time.perf_counter()
    report = round_report(
        kept.choices,
        province["capacity"],
        result,
        eligibility=kept,
        student_groups=province["school"],
        position_groups=province["enterprise"],
    )
    report_seconds = time.perf_counter() - start
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2

    student_side = np.array(best["student rankings (fit, distance, pay)"])
    end_to_end = np.sum(list(best.values()), axis=0) - student_side
    listed = np.count_nonzero(kept.choices >= 0) / kept.choices.shape[0]
    print(
        f"province round: {args.students:,} students, {args.positions:,} positions x {args.seats} seats, "
        f"{args.choices} choices each; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    print(
        f"numba compile (cold cache, excluded): {compile_seconds:.2f} s; instance generation: {generate_seconds:.2f} s"
    )
    # On a shared machine the CPU time a stage used tells more than its wall time.
    print(f"best of {args.repeat} end-to-end runs, by stage:{'wall':>15} {'CPU':>9}")
    for stage, (wall, cpu) in best.items():
        print(f"  {stage:<40} {wall:7.3f} s {cpu:7.3f} s")
    for label, (wall, cpu) in (
        ("build preferences + DA + stability", end_to_end),
        ("the same with derived student rankings", end_to_end + student_side),
    ):
        print(
            f"  {label:<40} {wall:7.3f} s {cpu:7.3f} s" + ("   (target <= 5 s)" if "build" in label else "")
        )
    fastest = int(np.argmin(full_times))
    print(
        f"deferred acceptance alone, full {args.choices}-choice lists: best {full_times[fastest]:.3f} s wall "
        f"({full_cpu[fastest]:.3f} s CPU), median {np.median(full_times):.3f} s wall   (target <= 1 s); "
        f"{full_result.n_proposals:,} proposals, {full_result.n_matched:,} matched"
    )
    print(
        f"eligible choices per student: {listed:.2f}; matched {result.n_matched:,} "
        f"({report.match_rate:.1%}), seats filled {report.seat_fill_rate:.1%}, "
        f"1st choice {report.first_choice_share:.1%}, top-3 {report.top3_share:.1%}; "
        f"blocking pairs {len(stability.blocking_pairs)}; stable: {stability.is_stable}"
    )
    print(f"unmatched by reason: {report.unmatched_by_reason}; round report: {report_seconds:.2f} s")
    print(f"lottery seed {lottery.seed}, digest {lottery.digest[:16]}...")
    print(f"peak RSS: {peak_gb:.2f} GB   (target <= 4 GB)")


if __name__ == "__main__":
    main()
