"""Distributing and collecting through the API: invitations, reminders, tracking, responses,
import, and the respondent's two endpoints (no account: the token is the credential).

Only a token's hash is stored: a link is in the answer of the call that issues it (inviting,
inviting an audience, recording reminders, re-issuing one link) and in no list."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.surveys import policy, selectors, services
from chanjiao.surveys.answers import clean_answers
from chanjiao.surveys.api.design import form_errors
from chanjiao.surveys.filters import InvitationFilter, ResponseFilter
from chanjiao.surveys.forms import AudienceForm, InviteForm
from chanjiao.surveys.imports import commit_response_import, preview_response_import
from chanjiao.surveys.models import Invitation, Questionnaire, ResponseSource
from chanjiao.web.excel import TableError, read_upload

router = Router()


def absolute_link(request, token: str) -> str:
    return request.build_absolute_uri(reverse("surveys:respond", args=[token]))


class InvitationOut(Schema):
    id: int
    target_group: str
    respondent_name: str
    email: str
    organisation_id: int | None
    carrier_id: int | None
    sent_at: datetime
    started_at: datetime | None
    answered_at: datetime | None = None
    reminded_at: datetime | None
    reminder_count: int


class IssuedOut(InvitationOut):
    link: str = Field(..., description="The respondent's link: shown in this answer only")


def _issued(request, issued: list[services.IssuedLink]) -> list[dict[str, Any]]:
    return [
        {**InvitationOut.from_orm(invitation).model_dump(), "link": absolute_link(request, token)}
        for invitation, token in issued
    ]


class AudienceOut(Schema):
    created: int
    invitations: list[IssuedOut]


class RemindersOut(Schema):
    reminded: int
    emailed: int
    failed: int
    links: list[IssuedOut] = Field(..., description="New links of those reminded but not emailed")


class RespondentIn(Schema):
    name: str = ""
    email: str = ""


class InviteIn(Schema):
    target_group: str
    respondents: list[RespondentIn] = []
    count: int = Field(0, description="Anonymous links")
    organisation: int | None = None
    carrier: int | None = None


class AudienceIn(Schema):
    audience: str = Field(..., description="enterprises, teachers or carrier_members")
    carrier: int | None = None


class InvitationQuery(Schema):
    q: str | None = None
    status: str | None = Field(None, description="unopened, opened, answered or reminder_due")
    target_group: str | None = None
    organisation: int | None = None


def _invitations(questionnaire):
    return questionnaire.invitations.select_related("organisation", "carrier").annotate(
        answered_at=F("response__submitted_at")
    )


@router.get("/surveys/questionnaires/{questionnaire_id}/invitations", response=list[InvitationOut])
@paginate(PageNumberPagination, page_size=100)
def list_invitations(request, questionnaire_id: int, query: Query[InvitationQuery]):
    """Who was invited and how far they got; for those who distribute the questionnaire."""
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    params = {k: v for k, v in query.dict().items() if v is not None}
    filterset = InvitationFilter(params, queryset=_invitations(questionnaire), request=request)
    if not filterset.is_valid():
        raise ValidationError({f: e for f, e in filterset.errors.as_data().items()})
    return filterset.qs


@router.post("/surveys/questionnaires/{questionnaire_id}/invitations", response={201: list[IssuedOut]})
def invite(request, questionnaire_id: int, payload: InviteIn):
    """New invitations with their links (shown in this answer only: send them on)."""
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    data = payload.dict()
    data["respondents"] = "\n".join(f"{r['name']}, {r['email']}" for r in data["respondents"])
    form = InviteForm(
        data={k: ("" if v is None else v) for k, v in data.items()},
        organisations=policy.organisations_user_can_survey(request.user),
        carriers=policy.carriers_user_can_survey(request.user),
    )
    if not form.is_valid():
        raise form_errors(form)
    issued = services.invite(actor=request.user, questionnaire=questionnaire, **form.cleaned_data)
    return 201, _issued(request, issued)


@router.post("/surveys/questionnaires/{questionnaire_id}/invitations/audience", response={201: AudienceOut})
def invite_audience(request, questionnaire_id: int, payload: AudienceIn):
    """Invite people from the registry; the new links are in this answer only."""
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    form = AudienceForm(
        data={"audience": payload.audience, "carrier": payload.carrier or ""},
        carriers=policy.carriers_user_can_survey(request.user),
    )
    if not form.is_valid():
        raise form_errors(form)
    issued = services.invite_audience(
        actor=request.user,
        questionnaire=questionnaire,
        audience=form.cleaned_data["audience"],
        carrier=form.cleaned_data.get("carrier"),
        organisations=policy.organisations_user_can_survey(request.user),
    )
    return 201, {"created": len(issued), "invitations": _issued(request, issued)}


@router.post("/surveys/invitations/{invitation_id}/reissue", response={200: IssuedOut, 409: dict})
def reissue_link(request, invitation_id: int):
    """A new link for a respondent who lost theirs (the old one stops working); 409 once answered."""
    invitation = access.get(request.user, Invitation, invitation_id, Action.MANAGE)
    try:
        token = services.reissue_link(actor=request.user, invitation=invitation)
    except services.AlreadyAnswered as error:
        return 409, {"detail": str(error)}
    return 200, _issued(request, [(invitation, token)])[0]


@router.get("/surveys/questionnaires/{questionnaire_id}/reminders", response=list[InvitationOut])
def reminders_due(request, questionnaire_id: int):
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    return selectors.reminders_due(questionnaire).select_related("carrier")


@router.post("/surveys/questionnaires/{questionnaire_id}/reminders", response={200: RemindersOut, 503: dict})
def record_reminders(request, questionnaire_id: int):
    """Record a reminder for everyone due one, each with a new link (the old one stops working),
    emailed if the operator enabled email; ``links`` are the new links of the others, for you to
    send (in this answer only).

    ``failed`` counts messages the mail server refused (those stay due, with their old link);
    503 when the mail server cannot be reached (nothing recorded)."""
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    try:
        outcome = services.record_reminders(
            actor=request.user,
            questionnaire=questionnaire,
            link_for=lambda token: absolute_link(request, token),
        )
    except services.distribution.MailServerUnavailable as error:
        return 503, {"detail": str(error)}
    return 200, {**outcome.counts(), "links": _issued(request, outcome.links)}


@router.get("/surveys/questionnaires/{questionnaire_id}/tracking", response=dict[str, Any])
def tracking(request, questionnaire_id: int):
    """Sent, opened, received, valid, rates, reminders due, exclusions by reason, per group."""
    return selectors.tracking(access.get(request.user, Questionnaire, questionnaire_id))


class ResponseOut(Schema):
    id: int
    invitation_id: int | None
    source: str
    respondent: str
    target_group: str
    organisation_id: int | None
    carrier_id: int | None
    answers: dict[str, Any]
    duration_seconds: float | None
    submitted_at: datetime
    valid: bool
    exclusion_reasons: list[str]
    exclusion_detail: str


class ResponseQuery(Schema):
    q: str | None = None
    valid: bool | None = None
    reason: str | None = Field(None, description="incomplete, straight_lining, too_fast or out_of_range")
    source: str | None = None
    target_group: str | None = None


@router.get("/surveys/questionnaires/{questionnaire_id}/responses", response=list[ResponseOut])
@paginate(PageNumberPagination, page_size=200)
def list_responses(request, questionnaire_id: int, query: Query[ResponseQuery]):
    """Raw data: answers as given (reverse-keyed items not recoded) and the screening verdict."""
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id)
    params = {k: v for k, v in query.dict().items() if v is not None}
    filterset = ResponseFilter(params, queryset=questionnaire.responses.all(), request=request)
    if not filterset.is_valid():
        raise ValidationError({f: e for f, e in filterset.errors.as_data().items()})
    return filterset.qs


class ImportOut(Schema):
    rows: int
    imported: int
    ignored_columns: list[str]


@router.post("/surveys/questionnaires/{questionnaire_id}/import", response=ImportOut)
def import_responses(
    request, questionnaire_id: int, file: UploadedFile = File(...), action: str = Form("commit")
):
    """Import an Excel/CSV file of responses: every row, or nothing. ``action=preview`` only checks.
    Problems are 422 with one entry per bad cell: ``loc`` ["body", "line N", column]."""
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    run = commit_response_import if action == "commit" else preview_response_import
    try:
        result = run(
            questionnaire=questionnaire, data=read_upload(file), filename=file.name or "", user=request.user
        )
    except TableError as error:
        raise ValueError(str(error)) from None
    if not result.ok:
        raise ValidationError(
            {
                f"line {error.line}" + (f", {error.column}" if error.column else ""): [error.message]
                for error in result.errors
            }
        )
    return {
        "rows": result.rows,
        "imported": result.rows if action == "commit" else 0,
        "ignored_columns": result.ignored_columns,
    }


# -- the respondent ------------------------------------------------------------------------


class FormItemOut(Schema):
    code: str
    kind: str
    text_zh: str
    text_en: str
    required: bool
    options: list[dict[str, str]]
    min_value: float | None
    max_value: float | None


class RespondFormOut(Schema):
    title_zh: str
    title_en: str
    introduction_zh: str
    introduction_en: str
    scale_points: int
    scale_labels: list[str]
    items: list[FormItemOut]


class AnswersIn(Schema):
    answers: dict[str, Any] = Field(
        ..., description="Item code → answer: Likert 1..points, choice number, number, text"
    )


def _refused(refusal: services.LinkUnavailable):
    return refusal.status, {"detail": str(refusal)}


@router.get(
    "/surveys/respond/{token}", auth=None, response={200: RespondFormOut, 403: dict, 409: dict, 410: dict}
)
def respond_form(request, token: str):
    """The questionnaire behind a link (no account needed). Opening it starts the clock: the
    time until the answers arrive is the response's duration."""
    invitation = selectors.invitation_for_link(token)
    try:
        services.open_link(invitation)
    except services.LinkUnavailable as refusal:
        return _refused(refusal)
    questionnaire = invitation.questionnaire
    return {
        **{
            field: getattr(questionnaire, field)
            for field in ("title_zh", "title_en", "introduction_zh", "introduction_en", "scale_points")
        },
        "scale_labels": [str(label) for label in questionnaire.scale_labels()],
        "items": services.form_items(questionnaire),
    }


@router.post("/surveys/respond/{token}", auth=None, response={201: dict, 403: dict, 409: dict, 410: dict})
def respond(request, token: str, payload: AnswersIn):
    """Submit the link's one response. Bad answers are 422 naming the item; a second response
    is 409; a closed or expired questionnaire 410."""
    invitation = selectors.invitation_for_link(token)
    try:
        services.check_link(invitation)
        answers = clean_answers(
            invitation.questionnaire, services.form_items(invitation.questionnaire), payload.answers
        )
        response = services.submit_response(invitation=invitation, answers=answers, source=ResponseSource.API)
    except services.LinkUnavailable as refusal:
        return _refused(refusal)
    return 201, {"received": True, "submitted_at": response.submitted_at.isoformat()}
