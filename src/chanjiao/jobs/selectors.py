from django.db.models import QuerySet

from chanjiao.accounts.models import User
from chanjiao.jobs.models import Job


def visible_jobs(user: User) -> QuerySet[Job]:
    jobs = Job.objects.select_related("created_by")
    if user.is_platform_admin:
        return jobs
    return jobs.filter(created_by=user)
