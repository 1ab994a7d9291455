"""The credit section of the home page: an enterprise's rating, an officer's region at a glance."""

from __future__ import annotations

from chanjiao.accounts.models import Role
from chanjiao.credit import access
from chanjiao.credit.explanations import notice_reason
from chanjiao.credit.models import ApplicationStatus, ExitNotice, NoticeStatus
from chanjiao.credit.selectors import current_assessment, rating_counts


def home_panel(request):
    user = request.user
    if user.role == Role.ENTERPRISE and user.organisation_id and user.organisation.kind == "enterprise":
        assessment = current_assessment(user.organisation)
        notices = ExitNotice.objects.filter(
            enterprise_id=user.organisation_id, status=NoticeStatus.NOTIFIED
        ).select_related("assessment__policy")
        context = {
            "assessment": assessment,
            "granted": [d["title"] for d in assessment.decisions if d["granted"]] if assessment else [],
            "notices": [notice_reason(notice) for notice in notices],
        }
        return "credit/_panel.html", context
    if access.is_officer(user):
        current = access.visible_assessments(user).filter(is_current=True)
        notices = ExitNotice.objects.filter(
            pk__in=current.values("enterprise__exit_notices"), status=NoticeStatus.APPEALED
        )
        context = {
            "ratings": rating_counts(current),
            "appeals": notices.count(),
            "reviews": access.visible_applications(user)
            .filter(status=ApplicationStatus.UNDER_REVIEW)
            .count(),
        }
        return "credit/_panel.html", context
    return None
