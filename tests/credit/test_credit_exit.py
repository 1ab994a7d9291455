"""Exit: a poor long-term evaluation revokes eligibility, with a notice and an appeal.

Lights are published by the evaluation capability after a full indicator run; these tests stand
in for it at the one seam the credit file reads them through (``sources.evaluation_lights``,
itself tested against the evaluation app's records in test_credit_sources.py)."""

import pytest

from chanjiao.credit import sources
from chanjiao.credit.models import CreditAssessment, ExitNotice, GrantStatus, IncentiveGrant, NoticeStatus
from factories import client_for


@pytest.fixture
def red_lights(world, monkeypatch):
    """The enterprise's evaluation was red in 2024 and 2025."""
    lights = {(world["enterprise"].pk, 2024): "red", (world["enterprise"].pk, 2025): "red"}
    monkeypatch.setattr(
        sources, "evaluation_lights", lambda ids, years: {k: v for k, v in lights.items() if k[0] in ids}
    )


@pytest.fixture
def granted(world, aaa_records, send):
    send(client_for(world["officer"]), "post", f"/api/credit/enterprises/{world['enterprise'].pk}/assess")
    return IncentiveGrant.objects.filter(enterprise=world["enterprise"], status=GrantStatus.ACTIVE)


def test_red_lights_in_two_of_three_years_revoke_eligibility_with_a_notice(world, granted, red_lights, send):
    assert granted.count() == 2

    body = send(
        client_for(world["officer"]), "post", f"/api/credit/enterprises/{world['enterprise'].pk}/assess"
    ).json()

    notice = ExitNotice.objects.get(enterprise=world["enterprise"])
    assert (body["rating"], body["exit_revoked"]) == ("C", True)
    assert notice.reason == (
        "red evaluation light in 2 of the last 3 years (2024, 2025), the exit threshold is 2: "
        "eligibility for automatic incentives, tax incentives and subsidies is revoked"
    )
    assert (notice.status, notice.red_light_years) == (NoticeStatus.NOTIFIED, [2024, 2025])
    revoked = IncentiveGrant.objects.filter(enterprise=world["enterprise"])
    assert {(g.status, g.notice_id) for g in revoked} == {(GrantStatus.REVOKED, notice.pk)}
    page = (
        client_for(world["enterprise_user"])
        .get(f"/credit/enterprises/{world['enterprise'].pk}/")
        .content.decode()
    )
    assert "Exit notices" in page and 'action="/credit/notices/' in page


def test_a_second_assessment_does_not_notify_twice(world, granted, red_lights, send):
    client = client_for(world["officer"])
    for _ in range(2):
        send(client, "post", f"/api/credit/enterprises/{world['enterprise'].pk}/assess")

    assert ExitNotice.objects.count() == 1


def test_the_enterprise_appeals_and_an_officer_overturns_which_restores_the_incentives(
    world, granted, red_lights, send
):
    send(client_for(world["officer"]), "post", f"/api/credit/enterprises/{world['enterprise'].pk}/assess")
    notice = ExitNotice.objects.get()
    enterprise = client_for(world["enterprise_user"])

    appealed = send(
        enterprise,
        "post",
        f"/api/credit/notices/{notice.pk}/appeal",
        {"grounds": "The 2024 evaluation counted another site."},
    )
    decided = send(
        client_for(world["officer"]),
        "post",
        f"/api/credit/notices/{notice.pk}/decision",
        {"decision": "overturn", "note": "Evaluation corrected."},
    )

    assert (appealed.status_code, appealed.json()["status"]) == (200, "appealed")
    assert (decided.status_code, decided.json()["status"]) == (200, "overturned")
    current = CreditAssessment.objects.get(enterprise=world["enterprise"], is_current=True)
    assert (current.rating, current.exit_revoked) == ("AAA", False)
    assert [r["evaluation_light"] for r in current.records] == [None, None, None]
    active = IncentiveGrant.objects.filter(enterprise=world["enterprise"], status=GrantStatus.ACTIVE)
    assert sorted(active.values_list("key", flat=True)) == ["land_priority", "tax_credit"]


def test_an_upheld_revocation_stands(world, granted, red_lights, send):
    send(client_for(world["officer"]), "post", f"/api/credit/enterprises/{world['enterprise'].pk}/assess")
    notice = ExitNotice.objects.get()
    send(
        client_for(world["enterprise_user"]),
        "post",
        f"/api/credit/notices/{notice.pk}/appeal",
        {"grounds": "Unfair."},
    )

    client_for(world["officer"]).post(
        f"/credit/notices/{notice.pk}/decide/", {"decision": "uphold", "note": "Both evaluations stand."}
    )

    notice.refresh_from_db()
    assert notice.status == NoticeStatus.UPHELD
    assert not IncentiveGrant.objects.filter(status=GrantStatus.ACTIVE).exists()


def test_appeals_and_decisions_are_refused_out_of_turn_or_to_others(
    world, granted, red_lights, send, error_fields
):
    send(client_for(world["officer"]), "post", f"/api/credit/enterprises/{world['enterprise'].pk}/assess")
    notice = ExitNotice.objects.get()
    url = f"/api/credit/notices/{notice.pk}"

    other = send(client_for(world["other_enterprise_user"]), "post", f"{url}/appeal", {"grounds": "x"})
    by_officer = send(client_for(world["officer"]), "post", f"{url}/appeal", {"grounds": "x"})
    too_early = send(
        client_for(world["officer"]), "post", f"{url}/decision", {"decision": "overturn", "note": "x"}
    )
    no_grounds = send(client_for(world["enterprise_user"]), "post", f"{url}/appeal", {"grounds": "  "})
    by_enterprise = send(
        client_for(world["enterprise_user"]), "post", f"{url}/decision", {"decision": "overturn", "note": "x"}
    )
    nanjing = send(
        client_for(world["nanjing_officer"]), "post", f"{url}/decision", {"decision": "overturn", "note": "x"}
    )

    assert [r.status_code for r in (other, by_officer, too_early, no_grounds, by_enterprise, nanjing)] == [
        404,
        403,
        422,
        422,
        403,
        404,
    ]
    assert error_fields(no_grounds) == ["grounds"]
    notice.refresh_from_db()
    assert (notice.status, notice.appeal_grounds) == (NoticeStatus.NOTIFIED, "")
