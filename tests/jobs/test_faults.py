"""Jobs survive faults: a dead worker's job is re-run or failed, transient errors are retried
with a growing delay, periodic jobs start once per interval, finished jobs are pruned."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from chanjiao.jobs.models import Job, JobStatus, ProcessBeat, ProcessRole, Schedule
from chanjiao.jobs.registry import job_kind
from chanjiao.jobs.schedule import seconds_until_due, start_due_jobs
from chanjiao.jobs.services import retry_delay, run_job, start_job_record, sweep_dead_jobs

CALLS: list[str] = []


@job_kind("tests.idempotent", max_attempts=3)
def idempotent(*, job, progress):
    CALLS.append("idempotent")
    return {"attempt": Job.objects.get(pk=job.pk).attempts}


@job_kind("tests.once")
def once(*, job, progress):
    CALLS.append("once")
    return {}


@job_kind("tests.flaky", max_attempts=2)
def flaky(*, job, progress):
    CALLS.append("flaky")
    if len(CALLS) == 1:
        raise OperationalError("server closed the connection unexpectedly")
    return {"recovered": True}


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()


def _running_on_a_dead_worker(kind: str, *, silent_for: float, attempts: int = 1) -> Job:
    job = start_job_record(kind=kind, label=kind, actor=None)
    beat = timezone.now() - timedelta(seconds=silent_for)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        worker="another-machine:4242",
        heartbeat_at=beat,
        started_at=beat,
        attempts=attempts,
    )
    return job


def test_an_idempotent_job_whose_worker_died_is_run_again(db, django_capture_on_commit_callbacks):
    job = _running_on_a_dead_worker("tests.idempotent", silent_for=120)

    with django_capture_on_commit_callbacks(execute=True):
        counts = sweep_dead_jobs()

    job.refresh_from_db()
    assert counts == {"requeued": 1, "failed": 0}
    assert (job.status, job.attempts, job.result, CALLS) == (
        JobStatus.SUCCEEDED,
        2,
        {"attempt": 2},
        ["idempotent"],
    )
    assert job.error == ""


def test_a_job_that_may_not_be_repeated_fails_with_a_clear_reason(db, django_capture_on_commit_callbacks):
    job = _running_on_a_dead_worker("tests.once", silent_for=120)

    with django_capture_on_commit_callbacks(execute=True):
        counts = sweep_dead_jobs()

    job.refresh_from_db()
    assert counts == {"requeued": 0, "failed": 1}
    assert job.status == JobStatus.FAILED and job.finished_at is not None and CALLS == []
    assert job.error.startswith("The process running it (another-machine:4242) stopped: no heartbeat since")


def test_a_job_out_of_attempts_fails(db, django_capture_on_commit_callbacks):
    job = _running_on_a_dead_worker("tests.idempotent", silent_for=120, attempts=3)

    with django_capture_on_commit_callbacks(execute=True):
        counts = sweep_dead_jobs()

    assert counts == {"requeued": 0, "failed": 1}
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED and CALLS == []


def test_a_job_that_beat_recently_or_whose_process_still_runs_is_left_alone(db):
    _running_on_a_dead_worker("tests.idempotent", silent_for=5)  # beat 5 s ago: busy, not dead
    busy = _running_on_a_dead_worker("tests.idempotent", silent_for=600)
    from chanjiao.jobs.heartbeat import process_name

    # This test process runs chanjiao code under pytest, so it counts as a live platform process.
    Job.objects.filter(pk=busy.pk).update(worker=process_name())

    counts = sweep_dead_jobs()

    assert counts == {"requeued": 0, "failed": 0}
    assert set(Job.objects.values_list("status", flat=True)) == {JobStatus.RUNNING}


def test_a_transient_database_error_is_retried_then_succeeds(db, django_capture_on_commit_callbacks):
    job = start_job_record(kind="tests.flaky", label="flaky", actor=None)

    with django_capture_on_commit_callbacks(execute=True):
        run_job(job.pk)

    job.refresh_from_db()
    assert (job.status, job.attempts, job.result, CALLS) == (
        JobStatus.SUCCEEDED,
        2,
        {"recovered": True},
        ["flaky"] * 2,
    )


def test_a_second_queue_entry_for_a_running_job_does_nothing(db):
    job = _running_on_a_dead_worker("tests.idempotent", silent_for=0)

    returned = run_job(job.pk)

    assert returned.status == JobStatus.RUNNING and CALLS == []


def test_the_swept_attempt_cannot_overwrite_its_successor(db):
    job = _running_on_a_dead_worker("tests.idempotent", silent_for=0)
    # The queue gave the job to a new worker; the old attempt finishing late must not touch it.
    Job.objects.filter(pk=job.pk).update(worker="new-worker:1")

    from chanjiao.jobs.services import _end_attempt

    assert _end_attempt(job, worker="another-machine:4242", reason="late", max_attempts=3) == ""
    assert Job.objects.get(pk=job.pk).worker == "new-worker:1"


def test_retries_wait_longer_each_time(settings):
    settings.JOB_RETRY_DELAY_SECONDS = 10
    assert [retry_delay(n) for n in (1, 2, 3, 4, 20)] == [10, 20, 40, 80, 600]


def test_periodic_jobs_start_once_per_interval_and_survive_a_restart(
    db, settings, django_capture_on_commit_callbacks
):
    settings.LEDGER_SIGN_EVERY = 3600
    settings.JOB_PRUNE_EVERY = settings.NOTIFICATIONS_SCAN_EVERY = 0  # off
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        first = start_due_jobs(now=now)
        again = start_due_jobs(now=now + timedelta(seconds=60))  # a restarted scheduler, same hour
        later = start_due_jobs(now=now + timedelta(seconds=3600))

    assert (first, again, later) == (["ledger.sign_head"], [], ["ledger.sign_head"])
    jobs = Job.objects.filter(kind="ledger.sign_head")
    assert jobs.count() == 2 and set(jobs.values_list("status", flat=True)) == {JobStatus.SUCCEEDED}
    schedule = Schedule.objects.get(name="ledger.sign_head")
    assert schedule.next_run_at == now + timedelta(seconds=7200) and schedule.last_job == jobs.first()
    assert seconds_until_due(now=now + timedelta(seconds=3600), at_most=10) == 10
    assert not Schedule.objects.filter(name="jobs.prune").exists()


def test_the_signing_job_signs_only_when_the_log_grew(db, django_capture_on_commit_callbacks):
    from chanjiao.jobs.services import start_job
    from chanjiao.ledger.models import SignedHead

    with django_capture_on_commit_callbacks(execute=True):
        first = start_job(kind="ledger.sign_head", label="sign", actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        second = start_job(kind="ledger.sign_head", label="sign", actor=None)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.result["signed"] is True and first.result["tree_size"] == SignedHead.objects.get().tree_size
    assert second.result == {"signed": False} and SignedHead.objects.count() == 1


def test_pruning_deletes_only_old_finished_jobs_and_beats(db, settings, django_capture_on_commit_callbacks):
    settings.JOB_KEEP_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    stale = start_job_record(kind="tests.once", label="old", actor=None)
    Job.objects.filter(pk=stale.pk).update(status=JobStatus.SUCCEEDED, finished_at=old)
    recent = start_job_record(kind="tests.once", label="recent", actor=None)
    Job.objects.filter(pk=recent.pk).update(status=JobStatus.FAILED, finished_at=timezone.now())
    old_running = _running_on_a_dead_worker("tests.once", silent_for=31 * 86400)
    ProcessBeat.objects.create(name="gone:1", role=ProcessRole.WORKER, started_at=old, beat_at=old)

    from chanjiao.jobs.services import start_job

    with django_capture_on_commit_callbacks(execute=True):
        prune = start_job(kind="jobs.prune", label="prune", actor=None)

    prune.refresh_from_db()
    assert prune.status == JobStatus.SUCCEEDED and (prune.result["jobs"], prune.result["processes"]) == (1, 1)
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, old_running.pk, prune.pk}


class _OneTick:
    """A stop event that ends the scheduler's loop after its first tick."""

    def __init__(self):
        self.stopped = False

    def is_set(self):
        return self.stopped

    def wait(self, timeout=None):
        self.stopped = True
        return True


def test_one_scheduler_tick_sweeps_starts_due_jobs_and_records_its_beat(
    db, settings, django_capture_on_commit_callbacks
):
    from chanjiao.jobs.processes import run_scheduler

    settings.LEDGER_SIGN_EVERY, settings.JOB_PRUNE_EVERY = 3600, 86400
    settings.NOTIFICATIONS_SCAN_EVERY = 0
    dead = _running_on_a_dead_worker("tests.once", silent_for=120)

    with django_capture_on_commit_callbacks(execute=True):
        run_scheduler(_OneTick(), sweep_every=1)

    assert Job.objects.get(pk=dead.pk).status == JobStatus.FAILED
    assert sorted(Schedule.objects.values_list("name", flat=True)) == ["jobs.prune", "ledger.sign_head"]
    beat = ProcessBeat.objects.get()
    assert beat.role == ProcessRole.SCHEDULER and beat.stopped_at is not None
