"""Agreements: drafted from the template whose mandatory clauses cannot be left empty; draft →
signed by every party → active → renewed / exited; amendments keep history; warnings before expiry
and when a clause the policy requires is missing."""

import datetime as dt

from django.utils import timezone

from chanjiao.core.credit import Policy
from chanjiao.credit.services import save_policy
from chanjiao.governance.models import Agreement, AgreementRevision, AgreementStatus
from chanjiao.registry.models import Region
from factories import client_for


def test_an_agreement_is_drafted_signed_by_every_party_and_exited(world, agreement_payload, send):
    school, enterprise = client_for(world["school_user"]), client_for(world["enterprise_user"])
    created = send(school, "post", "/api/governance/agreements", agreement_payload())
    agreement_id = created.json()["id"]

    first = send(school, "post", f"/api/governance/agreements/{agreement_id}/sign")
    second = send(enterprise, "post", f"/api/governance/agreements/{agreement_id}/sign")
    exited = send(
        enterprise,
        "post",
        f"/api/governance/agreements/{agreement_id}/exit",
        {"exited_on": "2026-06-30", "reason": "生产线搬迁，依退出条款提前三个月通知"},
    )

    assert created.status_code == 201
    assert (created.json()["status"], created.json()["party_ids"]) == (
        "draft",
        [world["school"].pk, world["enterprise"].pk],
    )
    assert first.json()["status"] == "draft"
    assert second.json()["status"] == "active"
    assert second.json()["revisions"][0]["in_force_at"] is not None
    assert (exited.json()["status"], exited.json()["exited_on"]) == ("exited", "2026-06-30")
    assert Agreement.objects.get().exited_by == world["enterprise"]


def test_a_mandatory_clause_cannot_be_left_empty(world, agreement_payload, clauses, send, error_fields):
    school = client_for(world["school_user"])
    blank_exit = send(
        school, "post", "/api/governance/agreements", agreement_payload(clauses={**clauses, "exit": "  "})
    )
    no_ip = send(
        school,
        "post",
        "/api/governance/agreements",
        agreement_payload(clauses={k: v for k, v in clauses.items() if k != "ip_ownership"}),
    )
    alone = send(
        school, "post", "/api/governance/agreements", agreement_payload(parties=[world["school"].pk])
    )
    backwards = send(school, "post", "/api/governance/agreements", agreement_payload(ends_on="2024-01-01"))
    web = school.post(
        "/governance/agreements/new/",
        {
            "title": "x",
            "kind": "order_class",
            "parties": str(world["enterprise"].pk),
            "starts_on": "2025-09-01",
        },
    )

    assert [error_fields(r) for r in (blank_exit, no_ip, alone, backwards)] == [
        ["clause_exit"],
        ["clause_ip_ownership"],
        ["parties"],
        ["ends_on"],
    ]
    assert web.status_code == 400 and "This mandatory clause cannot be left empty." in web.content.decode()
    assert Agreement.objects.count() == 0


def test_amendments_keep_history_and_a_renewal_renews(world, agreement_payload, clauses, send, error_fields):
    school, enterprise = client_for(world["school_user"]), client_for(world["enterprise_user"])
    agreement_id = send(school, "post", "/api/governance/agreements", agreement_payload()).json()["id"]
    for client in (school, enterprise):
        send(client, "post", f"/api/governance/agreements/{agreement_id}/sign")
    url = f"/api/governance/agreements/{agreement_id}"

    amended = send(
        enterprise,
        "post",
        f"{url}/revisions",
        {
            "starts_on": "2025-09-01",
            "ends_on": "2028-08-31",
            "note": "实习补贴提高到每月2500元",
            "clauses": {**clauses, "risk_sharing": "企业承担设备与补贴风险"},
        },
    )
    short_renewal = send(
        school,
        "post",
        f"{url}/revisions",
        {
            "renewal": True,
            "starts_on": "2025-09-01",
            "ends_on": "2027-01-01",
            "note": "x",
            "clauses": clauses,
        },
    )
    for client in (school, enterprise):
        send(client, "post", f"{url}/sign")
    renewal = send(
        school,
        "post",
        f"{url}/revisions",
        {
            "renewal": True,
            "starts_on": "2025-09-01",
            "ends_on": "2031-08-31",
            "note": "续签三年",
            "clauses": clauses,
        },
    )
    send(school, "post", f"{url}/sign")
    pending = client_for(world["enterprise_user"]).get(url).json()
    send(enterprise, "post", f"{url}/sign")
    renewed = client_for(world["enterprise_user"]).get(url).json()

    assert (amended.status_code, renewal.status_code) == (201, 201)
    assert error_fields(short_renewal) == ["ends_on"]
    assert pending["status"] == "active" and pending["revisions"][0]["in_force_at"] is None
    assert renewed["status"] == "renewed"
    assert [(r["number"], r["kind"], r["in_force_at"] is not None) for r in renewed["revisions"]] == [
        (3, "renewal", True),
        (2, "amendment", True),
        (1, "original", True),
    ]
    assert AgreementRevision.objects.get(number=2).clauses["risk_sharing"] == "企业承担设备与补贴风险"


def test_warnings_before_expiry_and_when_the_policy_requires_a_new_clause(world, agreement_payload, send):
    school, enterprise = client_for(world["school_user"]), client_for(world["enterprise_user"])
    ends = timezone.localdate() + dt.timedelta(days=30)
    agreement_id = send(
        school,
        "post",
        "/api/governance/agreements",
        agreement_payload(starts_on="2024-01-01", ends_on=ends.isoformat()),
    ).json()["id"]
    for client in (school, enterprise):
        send(client, "post", f"/api/governance/agreements/{agreement_id}/sign")
    stricter = {
        "agreements": {
            "mandatory_clauses": {**clauses_of_defaults(), "student_data": "Student personal data protection"}
        }
    }
    save_policy(
        region=Region.objects.get(pk=320500),
        policy_settings=stricter,
        finance_tier="strong",
        note="data clause",
        actor=world["officer"],
    )

    body = school.get(f"/api/governance/agreements/{agreement_id}").json()
    page = school.get(f"/governance/agreements/{agreement_id}/").content.decode()
    home = school.get("/").content.decode()

    assert body["expiry"] == "expiring"
    assert body["warnings"] == [
        "missing clause: Student personal data protection (student_data)",
        f"expires on {ends.isoformat()}, in 30 days",
    ]
    assert "missing clause: Student personal data protection" in page
    assert "Expiring soon" in home


def clauses_of_defaults() -> dict[str, str]:
    return dict(Policy().agreements.mandatory_clauses)


def test_only_parties_see_and_change_an_agreement(world, agreement_payload, send):
    agreement_id = send(
        client_for(world["school_user"]), "post", "/api/governance/agreements", agreement_payload()
    ).json()["id"]
    url = f"/api/governance/agreements/{agreement_id}"

    outsider = client_for(world["other_enterprise_user"])
    officer = client_for(world["officer"])
    refused = [
        outsider.get(url).status_code,
        send(outsider, "post", f"{url}/sign").status_code,
        outsider.get(f"/governance/agreements/{agreement_id}/").status_code,
        send(officer, "post", f"{url}/sign").status_code,
        client_for(world["nanjing_officer"]).get(url).status_code,
        client_for(world["student_user"]).get(url).status_code,
        send(
            client_for(world["enterprise_user"]),
            "post",
            f"{url}/exit",
            {"exited_on": "2026-01-01", "reason": "x"},
        ).status_code,
    ]

    assert refused == [404, 404, 404, 403, 404, 404, 422]
    assert officer.get(url).status_code == 200
    assert Agreement.objects.get().status == AgreementStatus.DRAFT


def test_the_agreement_pages(world, agreement_payload, clauses):
    school = client_for(world["school_user"])
    form = {
        "title": "共建实训基地协议",
        "kind": "carrier",
        "parties": str(world["enterprise"].pk),
        "starts_on": "2025-01-01",
        "ends_on": "2027-12-31",
        **{f"clause_{key}": text for key, text in clauses.items()},
    }
    created = school.post("/governance/agreements/new/", form)
    agreement = Agreement.objects.get()
    signed = school.post(f"/governance/agreements/{agreement.pk}/sign/")
    amend_page = school.get(f"/governance/agreements/{agreement.pk}/amend/")
    listed = school.get("/governance/agreements/").content.decode()

    assert created.status_code == 302 and signed.status_code == 302
    assert amend_page.status_code == 200 and "双方约定的" in amend_page.content.decode()
    assert "共建实训基地协议" in listed
    assert agreement.revisions.get().signatures.count() == 1
