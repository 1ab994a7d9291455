"""Helpers shared by the docking tests."""

import datetime as dt
import json

from chanjiao.docking.models import Posting, PostingStatus

YEAR = 2025


def send(client, method, url, payload=None):
    return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json")


def make_posting(
    enterprise, title="数控车工", *, seats=3, occupation="6-18-01-01", published=dt.date(YEAR, 3, 2), **fields
):
    """A published posting coded as given (no coder involved)."""
    return Posting.objects.create(
        enterprise=enterprise,
        title=title,
        seats=seats,
        region_id=fields.pop("region_id", enterprise.region_id),
        status=fields.pop("status", PostingStatus.PUBLISHED if published else PostingStatus.DRAFT),
        published_on=published,
        occupation_id=occupation,
        suggested_occupation_id=occupation,
        code_status=fields.pop("code_status", "suggested"),
        **fields,
    )
