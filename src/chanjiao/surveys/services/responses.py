"""Answering: opening an invitation link, submitting the one response it allows."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.services import record_activity
from chanjiao.surveys.models import Invitation, Item, Questionnaire, QuestionnaireState, Response
from chanjiao.surveys.services.screening import screen_questionnaire


class LinkUnavailable(Exception):
    """The link cannot take a response now; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def check_link(invitation: Invitation, now=None) -> None:
    """Raise LinkUnavailable if this link has been used or its questionnaire is not open."""
    now = now or timezone.now()
    answered = Response.objects.filter(invitation=invitation).values_list("submitted_at", flat=True).first()
    if answered is not None:
        raise LinkUnavailable(
            _(
                "This link has already been used (a response was received on %(when)s). Each link takes one response."
            )
            % {"when": _when(answered)},
            409,
        )
    questionnaire = invitation.questionnaire
    state = questionnaire.state(now)
    if state == QuestionnaireState.CLOSED:
        raise LinkUnavailable(
            _("This questionnaire was closed by its owner on %(when)s and no longer takes responses.")
            % {"when": _when(questionnaire.closed_at)},
            410,
        )
    if state == QuestionnaireState.EXPIRED:
        raise LinkUnavailable(
            _("This link expired: the questionnaire closed on %(when)s.")
            % {"when": _when(questionnaire.closes_at)},
            410,
        )
    if state == QuestionnaireState.SCHEDULED:
        raise LinkUnavailable(
            _("This questionnaire opens on %(when)s; please come back then.")
            % {"when": _when(questionnaire.opens_at)},
            403,
        )


def open_link(invitation: Invitation) -> Invitation:
    """Check the link and note when it was first opened (the start of the response's duration)."""
    check_link(invitation)
    if invitation.started_at is None:
        invitation.started_at = timezone.now()
        Invitation.objects.filter(pk=invitation.pk, started_at__isnull=True).update(
            started_at=invitation.started_at
        )
    return invitation


def form_items(questionnaire: Questionnaire) -> list[Item]:
    return list(questionnaire.items.select_related("construct"))


@transaction.atomic
def submit_response(*, invitation: Invitation, answers: dict[str, Any], source: str) -> Response:
    """Store the link's one response (answers already checked by chanjiao.surveys.answers) and
    screen the questionnaire again. A second response on the same link raises LinkUnavailable."""
    invitation = Invitation.objects.select_for_update().select_related("questionnaire").get(pk=invitation.pk)
    now = timezone.now()
    check_link(invitation, now)
    started = invitation.started_at
    try:
        with transaction.atomic():
            response = Response.objects.create(
                questionnaire=invitation.questionnaire,
                invitation=invitation,
                source=source,
                respondent=invitation.respondent_name,
                target_group=invitation.target_group,
                organisation_id=invitation.organisation_id,
                carrier_id=invitation.carrier_id,
                answers=answers,
                duration_seconds=(now - started).total_seconds() if started else None,
                submitted_at=now,
            )
    except IntegrityError:  # two submissions raced past the check: the database keeps one
        raise LinkUnavailable(
            _("This link has already been used. Each link takes one response."), 409
        ) from None
    if started is None:
        Invitation.objects.filter(pk=invitation.pk).update(started_at=now)
    record_activity(
        actor=None,
        verb="submit_response",
        target=response,
        summary=f"{invitation.questionnaire} via {source}",
    )
    screen_questionnaire(invitation.questionnaire)
    response.refresh_from_db()
    return response
