"""The credit section of the home page: an enterprise's rating, an officer's region at a glance."""

from __future__ import annotations

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.credit.explanations import explain_assessment, notice_reason
from chanjiao.credit.models import Application, ApplicationStatus, CreditAssessment, ExitNotice, NoticeStatus
from chanjiao.credit.policy import applicant, governs_credit
from chanjiao.credit.selectors import current_assessment, rating_counts


def home_panel(request):
    user = request.user
    enterprise = applicant(user)
    if enterprise is not None:
        assessment = current_assessment(enterprise)
        notices = ExitNotice.objects.filter(
            enterprise=enterprise, status=NoticeStatus.NOTIFIED
        ).select_related("assessment__policy")
        context = {
            "assessment": assessment,
            "granted": [d["title"] for d in assessment.decisions if d["granted"]] if assessment else [],
            "notices": [notice_reason(notice) for notice in notices],
            # The next rating up and what it needs (the credit file lists every way up).
            "next_up": explain_assessment(assessment)["paths_up"][:1] if assessment else [],
        }
        return "credit/_panel.html", context
    if governs_credit(user):
        current = access.visible(user, CreditAssessment).filter(is_current=True)
        context = {
            "ratings": rating_counts(current),
            "appeals": access.visible(user, ExitNotice, Action.DECIDE)
            .filter(status=NoticeStatus.APPEALED)
            .count(),
            "reviews": access.visible(user, Application, Action.REVIEW)
            .filter(status=ApplicationStatus.UNDER_REVIEW)
            .count(),
        }
        return "credit/_panel.html", context
    return None
