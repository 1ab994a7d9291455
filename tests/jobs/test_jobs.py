"""Background jobs: recorded, run by the worker, progress and failure visible to their owner."""

import pytest

from chanjiao.jobs.models import Job, JobStatus
from chanjiao.jobs.registry import job_kind
from chanjiao.jobs.services import run_job, start_job, start_job_record
from factories import client_for


@job_kind("tests.count")
def count_to(*, job, progress, to: int):
    for i in range(1, to + 1):
        progress(i, to, f"counted {i}")
    return {"counted": to}


@job_kind("tests.fail")
def fail(*, job, progress):
    raise RuntimeError("the source file vanished")


def test_a_started_job_runs_in_the_worker_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(kind="tests.count", label="Count", actor=world["officer"], params={"to": 3})

    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.result, job.percent) == (
        JobStatus.SUCCEEDED,
        3,
        3,
        {"counted": 3},
        100,
    )


def test_a_failing_job_is_reported_not_lost(world):
    job = start_job_record(kind="tests.fail", label="Fail", actor=world["officer"])

    job = run_job(job.pk)

    assert job.status == JobStatus.FAILED
    assert job.error == "RuntimeError: the source file vanished"
    assert job.finished_at is not None


def test_unknown_job_kinds_are_refused_before_anything_is_stored(world):
    with pytest.raises(ValueError, match="Unknown job kind 'tests.nothing'"):
        start_job_record(kind="tests.nothing", label="x", actor=None)
    assert Job.objects.count() == 0


def test_job_page_polls_until_done_and_is_private_to_its_owner(world):
    job = start_job_record(kind="tests.count", label="Count", actor=world["officer"], params={"to": 2})

    running = client_for(world["officer"]).get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    run_job(job.pk)
    finished = client_for(world["officer"]).get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    stranger = client_for(world["school_user"]).get(f"/jobs/{job.pk}/")
    api = client_for(world["officer"]).get(f"/api/jobs/{job.pk}").json()

    assert 'hx-trigger="every 1s"' in running
    assert "every 1s" not in finished and "100%" in finished
    assert stranger.status_code == 404
    assert (api["status"], api["percent"], api["result"]) == ("succeeded", 100, {"counted": 2})


def test_admin_starts_demo_generation_as_a_job_and_others_may_not(world, django_capture_on_commit_callbacks):
    from chanjiao.demo.models import DemoDataset

    refused = client_for(world["officer"]).post("/demo/", {"scale": "city", "seed": "3"})
    bad = client_for(world["admin"]).post("/demo/", {"scale": "planet", "seed": "x"})

    assert refused.status_code == 403
    assert bad.status_code == 400 and "Choose the city or the province scale." in bad.content.decode()
    assert Job.objects.count() == 0 and DemoDataset.objects.count() == 0
