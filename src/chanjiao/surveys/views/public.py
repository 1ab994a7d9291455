"""The respondent's page: no account, one response per link, in Chinese or English."""

from django.shortcuts import render

from chanjiao.surveys.answers import answer_form_class
from chanjiao.surveys.models import ItemKind, ResponseSource
from chanjiao.surveys.selectors import invitation_for_link
from chanjiao.surveys.services import LinkUnavailable, form_items, open_link, submit_response


def respond(request, token):
    invitation = invitation_for_link(token)
    questionnaire = invitation.questionnaire
    try:
        open_link(invitation)
    except LinkUnavailable as refusal:
        return render(
            request,
            "surveys/unavailable.html",
            {"questionnaire": questionnaire, "message": str(refusal)},
            status=refusal.status,
        )
    items = form_items(questionnaire)
    form = answer_form_class(questionnaire, items)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answers = {code: value for code, value in form.cleaned_data.items() if value is not None}
        try:
            submit_response(invitation=invitation, answers=answers, source=ResponseSource.WEB)
        except LinkUnavailable as refusal:
            return render(
                request,
                "surveys/unavailable.html",
                {"questionnaire": questionnaire, "message": str(refusal)},
                status=refusal.status,
            )
        return render(request, "surveys/thanks.html", {"questionnaire": questionnaire})
    return render(
        request,
        "surveys/respond.html",
        {"questionnaire": questionnaire, "form": form, "preview": False, "likert_kind": ItemKind.LIKERT},
        status=400 if request.method == "POST" else 200,
    )
