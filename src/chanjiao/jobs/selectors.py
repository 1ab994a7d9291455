from django.db.models import QuerySet

from chanjiao.accounts import access
from chanjiao.accounts.models import User
from chanjiao.jobs.models import Job


def visible_jobs(user: User) -> QuerySet[Job]:
    return access.visible(user, Job)
