"""The surveys section of the home page: an owner's questionnaires with their response rates."""

from chanjiao.surveys.access import OWNER_ROLES, visible_questionnaires
from chanjiao.surveys.selectors import with_counts


def home_panel(request):
    user = request.user
    if not (user.is_platform_admin or user.role in OWNER_ROLES):
        return None
    questionnaires = list(with_counts(visible_questionnaires(user))[:5])
    if not questionnaires:
        return None
    return "surveys/_home_panel.html", {"questionnaires": questionnaires}
