"""The evaluation section of a home page: the user's own lights and cases, or the region's."""

from django.utils import timezone

from chanjiao.accounts import access
from chanjiao.evaluation import selectors
from chanjiao.evaluation.models import CaseStatus, RectificationCase, UnitResult
from chanjiao.evaluation.units import owned_units_condition


def home_panel(request):
    user = request.user
    cases = access.visible(user, RectificationCase).exclude(status=CaseStatus.CLOSED)
    own = access.visible(user, UnitResult).filter(owned_units_condition(user))
    latest = selectors.current_evaluations(user).first()
    if latest is None and not own.exists() and not cases.exists():
        return None
    return (
        "evaluation/_home_panel.html",
        {
            "latest": latest,
            "own": list(own.order_by("-evaluation__cycle__year", "-evaluation_id")[:6]),
            "open_cases": cases.count(),
            "overdue": cases.filter(deadline__lt=timezone.localdate()).count(),
        },
    )
