from django_tasks import task

from chanjiao.jobs.services import run_job


@task()
def run_job_task(job_id: int) -> str:
    return run_job(job_id).status
