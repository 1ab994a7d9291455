"""A background job is the business of the user who started it (read by ``chanjiao.accounts.access``)."""

from chanjiao.accounts.access import Self, declare
from chanjiao.jobs.models import Job

declare(Job, related=("created_by",), view=[Self("created_by")])
