"""Benchmark: evaluating 10,000 carriers end to end on the platform path.

Reads every carrier's annual return and registry records, computes the default framework's 16
indicators, scores them, assigns lights with reasons, stores 10,000 results and runs the
1,000-draw Monte Carlo rank intervals (in-process, as the background job does), then checks that
the stored configuration reproduces. The 30-indicator engine figure is
`benchmarks/indicators_uncertainty.py`. Target: <= 10 s for the Monte Carlo of 10,000 units x
1,000 draws on the 2-core reference machine. Run:
    .venv/bin/python benchmarks/evaluation_platform.py
It builds its own SQLite database in a temporary directory (set before Django starts).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

N_CARRIERS, N_DRAWS, TARGET_SECONDS = 10_000, 1_000, 10.0
SUZHOU = 320500


def setup() -> None:
    os.environ["CHANJIAO_VAR"] = tempfile.mkdtemp(prefix="chanjiao-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chanjiao.config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", "--no-input", "-v", "0")


def main() -> None:
    setup()
    import numpy as np

    from chanjiao.evaluation import runs, services
    from chanjiao.evaluation.demo import figures
    from chanjiao.evaluation.models import AnnualReturn, UnitKind
    from chanjiao.registry.models import Carrier, CarrierMember, Organisation, Region

    rng = np.random.default_rng(2025)
    suzhou = Region.objects.get(pk=SUZHOU)
    districts = list(suzhou.children.values_list("pk", flat=True))
    started = time.perf_counter()
    schools = Organisation.objects.bulk_create(
        [
            Organisation(kind="school", name=f"学校{i}", region_id=districts[i % len(districts)])
            for i in range(500)
        ]
    )
    enterprises = Organisation.objects.bulk_create(
        [
            Organisation(
                kind="enterprise",
                name=f"企业{i}",
                region_id=districts[i % len(districts)],
                revenue=float(rng.lognormal(9, 1)),
            )
            for i in range(3000)
        ]
    )
    carriers = Carrier.objects.bulk_create(
        [
            Carrier(
                name=f"载体{i}",
                kind="training_base",
                carrier_class="physical",
                region_id=schools[i % 500].region_id,
                lead=schools[i % 500],
            )
            for i in range(N_CARRIERS)
        ],
        batch_size=2000,
    )
    members = []
    for index, carrier in enumerate(carriers):
        school = schools[index % 500]
        members.append(CarrierMember(carrier=carrier, organisation=school, role="lead", council_seats=3))
        for offset in range(3):
            enterprise = enterprises[(index * 3 + offset) % 3000]
            seats = int(rng.integers(0, 2))
            members.append(CarrierMember(carrier=carrier, organisation=enterprise, council_seats=seats))
    CarrierMember.objects.bulk_create(members, batch_size=5000)
    troubled = set(rng.choice(N_CARRIERS, size=N_CARRIERS // 20, replace=False).tolist())
    AnnualReturn.objects.bulk_create(
        [
            AnnualReturn(
                unit_kind=UnitKind.CARRIER,
                unit_id=carrier.pk,
                year=2025,
                **figures(
                    rng,
                    kind="carrier",
                    quality=float(rng.beta(2.6, 2.0)),
                    size=float(rng.uniform(60, 320)),
                    year_index=2,
                    revenue=30_000.0,
                    troubled=index in troubled,
                ),
            )
            for index, carrier in enumerate(carriers)
        ],
        batch_size=2000,
    )
    print(f"setup ({N_CARRIERS:,} carriers with members and returns): {time.perf_counter() - started:.1f} s")

    scheme = services.create_scheme(
        actor=None, data={"name": "bench", "unit_kind": UnitKind.CARRIER, "region": suzhou}
    )
    cycle = services.create_cycle(actor=None, scheme=scheme, kind="annual", year=2025)
    started = time.perf_counter()
    evaluation = runs.run_evaluation(actor=None, cycle=cycle, background=True)
    evaluate_seconds = time.perf_counter() - started
    started = time.perf_counter()
    evaluation = runs.compute_rank_intervals(evaluation=evaluation)
    intervals_seconds = time.perf_counter() - started
    started = time.perf_counter()
    report = runs.reproduce_evaluation(evaluation)
    reproduce_seconds = time.perf_counter() - started

    counts = evaluation.colour_counts
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(
        f"evaluate {evaluation.unit_count:,} carriers x 16 indicators (read records, score, lights, store, "
        f"ledger): {evaluate_seconds:.2f} s -> {counts['red']} red, {counts['yellow']} yellow, {counts['green']} green"
    )
    print(
        f"rank intervals ({evaluation.unit_count:,} x 16 x {evaluation.sensitivity['n_runs']:,} runs, incl. "
        f"rescoring and storing): {intervals_seconds:.2f} s (target <= {TARGET_SECONDS:.0f} s)"
    )
    print(
        f"reproduce (stored configuration, today's records): {reproduce_seconds:.2f} s, reproduced={report['reproduced']}"
    )
    sys.exit(0 if report["reproduced"] else 1)


if __name__ == "__main__":
    main()
