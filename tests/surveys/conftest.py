"""Surveys fixtures: the seed-001 questionnaire owned by the Suzhou bureau, and simulated answers."""

import pytest

from chanjiao.core.surveys import load_instrument, simulate_instrument
from chanjiao.surveys.models import Invitation, Response, ResponseSource, TargetGroup
from chanjiao.surveys.services import create_from_template, screen_questionnaire


@pytest.fixture
def survey(world):
    """The seed-001 template, owned by the Suzhou education bureau, open, no responses yet."""
    return create_from_template(actor=world["officer"], owner=world["suzhou_bureau"], template="seed001")


@pytest.fixture
def answer(world):
    """``answer(questionnaire, n, seed=1, invalid_share=None)``: n simulated responses to the
    seed-001 items, each through its own invitation (enterprise HR of the world's enterprise)."""

    def fill(questionnaire, n, *, seed=1, invalid_share=None, organisation=None, carrier=None):
        simulated = simulate_instrument(load_instrument("seed001"), n, seed=seed, invalid_share=invalid_share)
        codes = [item.code for item in load_instrument("seed001").items]
        invitations = Invitation.objects.bulk_create(
            [
                Invitation(
                    questionnaire=questionnaire,
                    target_group=TargetGroup.ENTERPRISE_HR,
                    respondent_name=row.respondent,
                    organisation=organisation or world["enterprise"],
                    carrier=carrier,
                )
                for row in simulated.responses.itertuples()
            ]
        )
        Response.objects.bulk_create(
            [
                Response(
                    questionnaire=questionnaire,
                    invitation=invitation,
                    source=ResponseSource.SIMULATED,
                    respondent=invitation.respondent_name,
                    target_group=invitation.target_group,
                    organisation=invitation.organisation,
                    carrier=carrier,
                    duration_seconds=float(row["duration_seconds"]),
                    answers={code: int(row[code]) for code in codes if str(row[code]) != "<NA>"},
                )
                for invitation, (_index, row) in zip(invitations, simulated.responses.iterrows(), strict=True)
            ]
        )
        screen_questionnaire(questionnaire)
        return simulated

    return fill
