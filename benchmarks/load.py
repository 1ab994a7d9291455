"""Load test: many signed-in users of every role replay their main pages and API calls against
the platform as `chanjiao run` serves it (gunicorn, worker, scheduler), then every acknowledged
write is looked for in the database.

Target (issue 15), on the 2-core machine with the database on the same cores: at least 150
requests/s sustained for 5 minutes, p95 at most 300 ms, no error, no lost write.

    .venv/bin/python benchmarks/load.py                                   # PostgreSQL, 5 minutes
    .venv/bin/python benchmarks/load.py --duration 60 --users 60          # a shorter run
    .venv/bin/python benchmarks/load.py --database sqlite --read-only     # the read part on SQLite

The first run generates the demo city into a database of its own (PostgreSQL: ``chanjiao_load``
on 127.0.0.1, created when missing; SQLite: a file in ``--var``) and adds load-test accounts to it
(``load-<role>-<n>``, one password); later runs reuse both (``--fresh`` starts again). Only
loopback addresses are used. The workload is in ``benchmarks/load_users.py`` (a locustfile):
each simulated user signs in through the sign-in page, then loops over its role's pages and API
lists with a pause of ``--wait`` seconds (uniform 0.5x to 1.5x) between requests; students save
their rank lists, enterprises create postings, mentors approve training logs. Locust's own
statistics are printed per request name, then the totals and the lost-write count.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PASSWORD = "load-test-password-1"
ROLES_PER_ACCOUNT = {
    "officer": 4,
    "school": 6,
    "enterprise": 10,
    "student": 20,
    "teacher": 4,
    "mentor": 6,
    "evaluator": 3,
    "association": 3,
}


def _environment(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env["CHANJIAO_VAR"] = args.var
    env["DATABASE_URL"] = (
        f"sqlite:///{args.var}/chanjiao.sqlite3" if args.database == "sqlite" else args.database
    )
    env.setdefault("DEBUG", "0")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env["OPENBLAS_NUM_THREADS"] = "1"
    return env


def _django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chanjiao.config.settings")
    import django

    django.setup()


def prepare(env: dict[str, str]) -> dict:
    """Load-test accounts of every role on the demo city, and the records their workload uses."""
    _django(env)
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from chanjiao.accounts.models import Role, User
    from chanjiao.matching.models import MatchingRound, RoundStatus, RoundStudent
    from chanjiao.registry.models import Organisation, OrgKind, Teacher, TeacherKind
    from chanjiao.tracking.models import TrainingLog

    password = make_password(PASSWORD)
    rnd = MatchingRound.objects.filter(status=RoundStatus.RANKING).order_by("pk").first()
    accounts: list[dict] = []

    def account(role_name: str, n: int, role: str, organisation, **extra) -> User:
        user, _ = User.objects.update_or_create(
            username=f"load-{role_name}-{n}",
            defaults={"role": role, "organisation": organisation, "password": password, "is_active": True},
        )
        accounts.append({"username": user.username, "role": role_name, **extra})
        return user

    with transaction.atomic():
        kinds = {
            "officer": (Role.GOVERNMENT, OrgKind.GOVERNMENT),
            "school": (Role.SCHOOL, OrgKind.SCHOOL),
            "evaluator": (Role.EVALUATOR, OrgKind.EVALUATOR),
            "association": (Role.ASSOCIATION, OrgKind.ASSOCIATION),
        }
        for name, (role, kind) in kinds.items():
            organisations = list(Organisation.objects.filter(kind=kind).order_by("pk")[:3])
            for n in range(ROLES_PER_ACCOUNT[name]):
                account(name, n, role, organisations[n % len(organisations)])
        enterprises = (
            Organisation.objects.filter(pk__in=rnd.positions.values("enterprise")).order_by("pk")
            if rnd
            else Organisation.objects.filter(kind=OrgKind.ENTERPRISE).order_by("pk")
        )
        for n, enterprise in enumerate(enterprises[: ROLES_PER_ACCOUNT["enterprise"]]):
            account(
                "enterprise",
                n,
                Role.ENTERPRISE,
                enterprise,
                enterprise=enterprise.pk,
                region=enterprise.region_id,
            )
        participants = (
            RoundStudent.objects.filter(round=rnd).select_related("student").order_by("pk") if rnd else []
        )
        for n, participant in enumerate(participants[: ROLES_PER_ACCOUNT["student"]]):
            user = account("student", n, Role.STUDENT, participant.student.school, participant=participant.pk)
            type(participant.student).objects.filter(pk=participant.student_id).update(user=user)
        for name, kind, with_logs in (
            ("teacher", TeacherKind.TEACHER, False),
            ("mentor", TeacherKind.MENTOR, True),
        ):
            teachers = Teacher.objects.filter(kind=kind).order_by("pk")
            if with_logs:
                mentors = TrainingLog.objects.filter(status="submitted").values("training__mentor")
                teachers = teachers.filter(pk__in=mentors)
            for n, teacher in enumerate(teachers[: ROLES_PER_ACCOUNT[name]]):
                logs = TrainingLog.objects.filter(training__mentor=teacher, status="submitted")
                user = account(
                    name,
                    n,
                    Role.TEACHER,
                    teacher.organisation,
                    logs=list(logs.values_list("pk", flat=True)) if with_logs else [],
                )
                Teacher.objects.filter(pk=teacher.pk).update(user=user)
    return {"password": PASSWORD, "round": rnd.pk if rnd else None, "accounts": accounts}


def verify(env: dict[str, str], writes: dict) -> dict[str, int]:
    """How many acknowledged writes of each kind are not (or not as acknowledged) in the database."""
    _django(env)
    from chanjiao.docking.models import Posting
    from chanjiao.matching.models import StudentChoice
    from chanjiao.tracking.models import TrainingLog

    postings = set(writes.get("postings", []))
    found = set(Posting.objects.filter(pk__in=postings).values_list("pk", flat=True))
    approvals = set(writes.get("approvals", []))
    approved = set(
        TrainingLog.objects.filter(pk__in=approvals, status="approved").values_list("pk", flat=True)
    )
    lists_lost = 0
    for participant, positions in writes.get("rank_lists", {}).items():
        saved = list(
            StudentChoice.objects.filter(participant_id=int(participant), stage="main")
            .order_by("rank")
            .values_list("position_id", flat=True)
        )
        lists_lost += saved != positions
    return {
        "postings": len(postings),
        "postings lost": len(postings - found),
        "log approvals": len(approvals),
        "approvals lost": len(approvals - approved),
        "rank lists": len(writes.get("rank_lists", {})),
        "rank lists not as saved": lists_lost,
    }


def _set_up(args: argparse.Namespace, env: dict[str, str]) -> Path:
    accounts = Path(args.var) / "load-accounts.json"
    if args.fresh and Path(args.var).exists():
        shutil.rmtree(args.var)
    if accounts.exists():
        return accounts
    Path(args.var).mkdir(parents=True, exist_ok=True)
    if args.database != "sqlite":
        name = args.database.rsplit("/", 1)[1]
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    print("generating the demo city (a few minutes) ...", flush=True)
    subprocess.run([str(BIN / "chanjiao"), "setup", "--demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, __file__, "--prepare", *sys.argv[1:]], env=env, check=True)
    return accounts


def _serve(args: argparse.Namespace, env: dict[str, str]) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(BIN / "chanjiao"), "run", "--no-demo", "--bind", args.bind, "--workers", str(args.workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(args.var) / "server.log", "w"),  # noqa: SIM115 (closed with the process)
    )
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://{args.bind}/health/", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"the platform did not answer /health/ within 5 minutes; see {args.var}/server.log")


def _report(prefix: Path, lost: dict[str, int], args: argparse.Namespace) -> None:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))  # noqa: SIM115
    print(f"\n{'request':58} {'count':>7} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}")
    for row in sorted(rows, key=lambda r: -float(r["95%"] or 0)):
        if row["Name"] != "Aggregated":
            print(
                f"{row['Type'] + ' ' + row['Name']:58.58} {row['Request Count']:>7} {row['Failure Count']:>5} "
                f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
            )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    print(
        f"\n{args.database.split(':')[0]}, {args.users} users, {args.workers} web workers, {args.duration} s:"
        f" {float(total['Requests/s']):.1f} requests/s, p50 {total['50%']} ms, p95 {total['95%']} ms,"
        f" p99 {total['99%']} ms, {total['Failure Count']} errors of {total['Request Count']} requests"
    )
    print("writes: " + ", ".join(f"{k} {v}" for k, v in lost.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database",
        default="postgres://postgres@127.0.0.1:5432/chanjiao_load",
        help="a PostgreSQL URL (the database is dropped and created) or 'sqlite'",
    )
    parser.add_argument(
        "--var", default=None, help="the platform's var folder (default /tmp/chanjiao-load-<db>)"
    )
    parser.add_argument("--users", type=int, default=120)
    parser.add_argument("--spawn-rate", type=float, default=2, help="users signed in per second")
    parser.add_argument("--duration", type=int, default=300, help="seconds")
    parser.add_argument("--wait", type=float, default=1.0, help="mean pause between a user's requests, s")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--bind", default="127.0.0.1:8150")
    parser.add_argument("--read-only", action="store_true", help="leave the writes out of the workload")
    parser.add_argument("--fresh", action="store_true", help="generate the demo city again")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--verify", metavar="WRITES", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.var = args.var or f"/tmp/chanjiao-load-{'sqlite' if args.database == 'sqlite' else 'pg'}"
    env = _environment(args)
    if args.prepare:
        (Path(args.var) / "load-accounts.json").write_text(json.dumps(prepare(env)))
        return 0
    if args.verify:
        print(json.dumps(verify(env, json.loads(Path(args.verify).read_text()))))
        return 0
    accounts = _set_up(args, env)
    server = _serve(args, env)
    out = Path(tempfile.mkdtemp(prefix="chanjiao-load-"))
    try:
        load_env = {
            **env,
            "LOAD_ACCOUNTS": str(accounts),
            "LOAD_WRITES": str(out / "writes.json"),
            "LOAD_WAIT": str(args.wait),
            "LOAD_READ_ONLY": "1" if args.read_only else "",
        }
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(HERE / "load_users.py"),
                "--headless",
                "--only-summary",
                "--host",
                f"http://{args.bind}",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{args.duration}s",
                "--csv",
                str(out / "load"),
                "--loglevel",
                "WARNING",
            ],
            env=load_env,
            check=False,
            stdout=subprocess.DEVNULL,
        )
    finally:
        server.terminate()
        server.wait(timeout=60)
    verified = subprocess.run(
        [sys.executable, __file__, "--verify", str(out / "writes.json"), *sys.argv[1:]],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    lost = json.loads(verified.stdout.strip().splitlines()[-1])
    _report(out / "load", lost, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
