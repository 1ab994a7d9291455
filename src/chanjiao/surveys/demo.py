"""Questionnaires for the demo city.

1. The education bureau sends the seed-001 questionnaire (four constructs, 20 five-point items)
   to 600 of the region's people, as in the paper: enterprises' HR staff and college teachers
   and enterprise mentors. Every invitation is answered with responses simulated from the
   template's known population model (chanjiao.core.surveys.simulate_instrument), including its
   share of invalid ones (straight-lining, speeding, skipped items); screening keeps 527 of 600
   (87.8 %) and the full analysis is stored, so the report page reproduces it.
2. The first school runs a follow-up with its own teachers that is still open: some have
   answered, the others are due a reminder.
"""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import numpy as np
import pandas as pd
from django.utils import timezone

from chanjiao.accounts.models import Role, User
from chanjiao.core.surveys import load_instrument, simulate_instrument
from chanjiao.demo.generator import CURRENT_YEAR
from chanjiao.registry.models import CarrierMember, Organisation, OrgKind, Teacher, TeacherKind
from chanjiao.surveys.models import Invitation, Questionnaire, Response, ResponseSource, TargetGroup
from chanjiao.surveys.services import (
    create_from_template,
    invite_audience,
    screen_questionnaire,
    start_analysis,
)

ENTERPRISE_SHARE = 0.55
FOLLOW_UP_ANSWERED = 24
FOLLOW_UP_SENT_DAYS_AGO = 10


def _moment(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour))


def _sample(rng: np.random.Generator, rows: list, size: int) -> list:
    chosen = rng.choice(len(rows), size=min(size, len(rows)), replace=False)
    return [rows[index] for index in sorted(chosen)]


def _carriers_of(organisation_ids: set[int]) -> dict[int, list[int]]:
    carriers: dict[int, list[int]] = {}
    for organisation_id, carrier_id in (
        CarrierMember.objects.filter(organisation_id__in=organisation_ids)
        .order_by("carrier_id")
        .values_list("organisation_id", "carrier_id")
    ):
        carriers.setdefault(organisation_id, []).append(carrier_id)
    return carriers


def _answers(row: pd.Series, codes: list[str]) -> dict[str, int]:
    return {code: int(row[code]) for code in codes if not pd.isna(row[code])}


def _respond(
    invitations: list[Invitation], responses: pd.DataFrame, codes: list[str], submitted: list[dt.datetime]
) -> list[Response]:
    """Responses for these invitations from simulated rows; each opened its link before answering."""
    rows = []
    for invitation, (_index, row), moment in zip(invitations, responses.iterrows(), submitted, strict=True):
        duration = float(row["duration_seconds"])
        invitation.started_at = moment - timedelta(seconds=duration)
        rows.append(
            Response(
                questionnaire_id=invitation.questionnaire_id,
                invitation=invitation,
                source=ResponseSource.SIMULATED,
                respondent=invitation.respondent_name,
                target_group=invitation.target_group,
                organisation_id=invitation.organisation_id,
                carrier_id=invitation.carrier_id,
                answers=_answers(row, codes),
                duration_seconds=duration,
                submitted_at=moment,
            )
        )
    Invitation.objects.bulk_update(invitations, ["started_at"], batch_size=2000)
    return Response.objects.bulk_create(rows, batch_size=2000)


def _bureau_survey(dataset, rng: np.random.Generator, instrument) -> tuple[Questionnaire, int]:
    path = dataset.region.path
    bureau = (
        Organisation.objects.filter(kind=OrgKind.GOVERNMENT, region__path__startswith=path)
        .order_by("pk")
        .first()
    )
    officer = User.objects.filter(role=Role.GOVERNMENT, organisation=bureau).order_by("pk").first()
    opens, closes = _moment(CURRENT_YEAR, 9, 1), _moment(CURRENT_YEAR, 10, 31, 18)
    questionnaire = create_from_template(
        actor=officer, owner=bureau, template="seed001", opens_at=opens, closes_at=closes
    )
    sent = int(instrument.raw["distribution"]["sent"])
    enterprises = list(
        Organisation.objects.filter(kind=OrgKind.ENTERPRISE, region__path__startswith=path)
        .order_by("pk")
        .values_list("pk", "name")
    )
    teachers = list(
        Teacher.objects.filter(
            organisation__region__path__startswith=path, kind__in=[TeacherKind.TEACHER, TeacherKind.MENTOR]
        )
        .order_by("pk")
        .values_list("organisation_id", "name")
    )
    chosen_enterprises = _sample(rng, enterprises, round(sent * ENTERPRISE_SHARE))
    chosen_teachers = _sample(rng, teachers, sent - len(chosen_enterprises))
    people = [(pk, name, TargetGroup.ENTERPRISE_HR) for pk, name in chosen_enterprises]
    people += [(pk, name, TargetGroup.TEACHER) for pk, name in chosen_teachers]
    carriers = _carriers_of({pk for pk, _name, _group in people})
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                questionnaire=questionnaire,
                target_group=group,
                respondent_name=name,
                organisation_id=pk,
                carrier_id=(carriers[pk][int(rng.integers(len(carriers[pk])))] if carriers.get(pk) else None),
                sent_at=opens,
                created_by=officer,
            )
            for pk, name, group in people
        ],
        batch_size=2000,
    )
    survey = simulate_instrument(instrument, len(invitations), seed=dataset.seed)
    order = rng.permutation(len(invitations))  # who gave which simulated answers
    window = (closes - opens).total_seconds() - 86_400
    submitted = [
        opens + timedelta(seconds=float(offset)) for offset in rng.uniform(3_600, window, len(invitations))
    ]
    codes = [item.code for item in instrument.items]
    _respond([invitations[i] for i in order], survey.responses, codes, submitted)
    screen_questionnaire(questionnaire)
    start_analysis(actor=officer, questionnaire=questionnaire, data={"ordinal": False})
    return questionnaire, len(invitations)


def _school_follow_up(dataset, rng: np.random.Generator, instrument) -> tuple[int, int]:
    school_user = (
        User.objects.filter(role=Role.SCHOOL, organisation__region__path__startswith=dataset.region.path)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    if school_user is None:
        return 0, 0
    school = school_user.organisation
    questionnaire = create_from_template(
        actor=school_user,
        owner=school,
        template="seed001",
        title_zh=f"{instrument.title_zh}（{school.name}教师跟踪调查）",
        title_en=f"{instrument.title_en} (teacher follow-up)",
        target_groups=[TargetGroup.TEACHER],
    )
    issued = invite_audience(
        actor=school_user,
        questionnaire=questionnaire,
        audience="teachers",
        organisations=Organisation.objects.filter(pk=school.pk),
    )
    now = timezone.now()
    questionnaire.invitations.update(sent_at=now - timedelta(days=FOLLOW_UP_SENT_DAYS_AGO))
    invitations = list(questionnaire.invitations.order_by("pk"))
    answering = _sample(rng, invitations, FOLLOW_UP_ANSWERED)
    survey = simulate_instrument(instrument, len(answering), seed=dataset.seed + 1, invalid_share=0.0)
    submitted = [
        now - timedelta(days=float(days))
        for days in rng.uniform(1, FOLLOW_UP_SENT_DAYS_AGO - 1, len(answering))
    ]
    responses = _respond(answering, survey.responses, [item.code for item in instrument.items], submitted)
    screen_questionnaire(questionnaire)
    return len(issued), len(responses)


def populate_surveys(*, dataset) -> dict[str, int]:
    if dataset.scale != "city":
        return {}
    rng = np.random.default_rng(dataset.seed + 8_000)
    instrument = load_instrument("seed001")
    _questionnaire, sent = _bureau_survey(dataset, rng, instrument)
    follow_up_sent, follow_up_answered = _school_follow_up(dataset, rng, instrument)
    return {
        "questionnaires": 2 if follow_up_sent else 1,
        "survey_invitations": sent + follow_up_sent,
        "survey_responses": sent + follow_up_answered,
    }
