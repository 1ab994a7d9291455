"""What the home page lists first for docking: an enterprise's drafts, codes to confirm and open
technical needs; a college's program advice to answer; an officer's advice to decide. Each
counter is its list's own filter on the same records, so it opens a list of as many."""

from __future__ import annotations

from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.docking.filters import AdviceFilter, NeedFilter, PostingFilter
from chanjiao.docking.models import (
    Advice,
    AdviceStatus,
    CodeStatus,
    NeedStatus,
    Posting,
    PostingStatus,
    TechnicalNeed,
)
from chanjiao.registry.models import OrgKind
from chanjiao.web.tasks import Task, list_task


def home_tasks(request) -> list[Task]:
    user = request.user
    actor = access.actor_of(user)
    if actor is None or actor.admin:
        return []
    found = []
    if actor.governs:
        advice = access.visible(user, Advice)
        found.append(
            list_task(
                _("Program advice awaiting your decision"),
                "docking:advice_list",
                advice,
                AdviceFilter,
                {"status": AdviceStatus.RESPONDED},
            )
        )
    elif actor.represents and actor.organisation_kind == OrgKind.SCHOOL:
        found.append(
            list_task(
                _("Program advice awaiting your response"),
                "docking:advice_list",
                access.visible(user, Advice),
                AdviceFilter,
                {"school": actor.represents, "status": AdviceStatus.PROPOSED},
            )
        )
    elif actor.represents and actor.organisation_kind == OrgKind.ENTERPRISE:
        own = {"enterprise": actor.represents}
        postings = access.visible(user, Posting)
        found += [
            list_task(
                _("Your draft postings, not published yet"),
                "docking:postings",
                postings,
                PostingFilter,
                {**own, "status": PostingStatus.DRAFT},
            ),
            list_task(
                _("Your postings whose occupation code awaits your confirmation"),
                "docking:postings",
                postings,
                PostingFilter,
                {**own, "code_status": CodeStatus.SUGGESTED},
            ),
            list_task(
                _("Your published postings"),
                "docking:postings",
                postings,
                PostingFilter,
                {**own, "status": PostingStatus.PUBLISHED},
            ),
            list_task(
                _("Your open technical needs"),
                "docking:needs",
                access.visible(user, TechnicalNeed),
                NeedFilter,
                {**own, "status": NeedStatus.OPEN},
            ),
        ]
    return [task for task in found if task is not None]
