"""The surveys section of the home page: an owner's questionnaires with their response rates."""

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.surveys.models import Questionnaire
from chanjiao.surveys.selectors import with_counts


def home_panel(request):
    user = request.user
    if not access.possible(user, Action.MANAGE, Questionnaire):
        return None
    questionnaires = list(with_counts(access.visible(user, Questionnaire, Action.MANAGE))[:5])
    if not questionnaires:
        return None
    return "surveys/_home_panel.html", {"questionnaires": questionnaires}
