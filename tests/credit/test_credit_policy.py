"""The region's policy: versioned on every change; results recomputed under the new version while
earlier results stay tied to the version they used."""

from chanjiao.credit.models import CreditAssessment, GrantStatus, IncentiveGrant, PolicyVersion
from factories import client_for

STRICTER = {
    "credit": {
        "grades": [
            {
                "rating": "AAA",
                "criteria": [
                    {"metric": "hosted_students_each_year", "operator": ">=", "threshold": 150},
                    {"metric": "rd_share", "operator": ">", "threshold": 0.05},
                ],
            },
            {
                "rating": "B",
                "criteria": [{"metric": "hosted_students_total", "operator": ">=", "threshold": 1}],
            },
        ]
    }
}


def test_an_officer_changes_the_policy_and_sees_ratings_recomputed_old_ones_kept(
    world, aaa_records, send, django_capture_on_commit_callbacks
):
    enterprise = world["enterprise"]
    officer = client_for(world["officer"])
    send(officer, "post", f"/api/credit/enterprises/{enterprise.pk}/assess")
    first = CreditAssessment.objects.get(enterprise=enterprise, is_current=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            officer,
            "post",
            "/api/credit/policies/320500",
            {
                "settings": STRICTER,
                "finance_tier": "strong",
                "note": "AAA needs 150 students",
                "recompute": True,
            },
        )

    assert response.status_code == 201
    body = response.json()
    assert (body["policy"]["version"], body["job_id"] is not None) == (2, True)
    job = officer.get(f"/api/jobs/{body['job_id']}").json()
    assert (job["status"], job["result"]["assessed"]) == ("succeeded", 2)
    history = officer.get(f"/api/credit/enterprises/{enterprise.pk}/assessments").json()
    assert [(a["rating"], a["policy_version"], a["is_current"]) for a in history] == [
        ("B", 2, True),
        ("AAA", 1, False),
    ]
    first.refresh_from_db()
    assert (first.rating, first.policy.version, first.is_current) == ("AAA", 1, False)
    grants = IncentiveGrant.objects.filter(enterprise=enterprise).order_by("key")
    assert [(g.key, g.status, g.granted_by.policy.version, g.ended_by.policy.version) for g in grants] == [
        ("land_priority", GrantStatus.LAPSED, 1, 2),
        ("tax_credit", GrantStatus.LAPSED, 1, 2),
    ]
    assert grants[0].ended_reason == "rating B is below the required AAA"
    versions = officer.get("/api/credit/policies/320500/versions").json()
    assert [(v["version"], v["note"]) for v in versions] == [(2, "AAA needs 150 students"), (1, "defaults")]
    assert officer.get("/api/credit/policies/320505").json()["version"] == 2  # a district follows its city


def test_bad_policies_are_refused_naming_the_field_and_nothing_is_saved(
    world, suzhou_policy, send, error_fields
):
    officer = client_for(world["officer"])

    cap = send(
        officer,
        "post",
        "/api/credit/policies/320500",
        {"settings": {"equity": {"share_cap": 1.5}}, "finance_tier": "strong", "note": "x"},
    )
    unknown = send(
        officer,
        "post",
        "/api/credit/policies/320500",
        {"settings": {"bonus": 1}, "finance_tier": "strong", "note": "x"},
    )
    tier = send(
        officer, "post", "/api/credit/policies/320500", {"settings": {}, "finance_tier": "rich", "note": "x"}
    )
    no_note = send(officer, "post", "/api/credit/policies/320500", {"settings": {}, "finance_tier": "strong"})

    assert [r.status_code for r in (cap, unknown, tier, no_note)] == [422] * 4
    assert [error_fields(r) for r in (cap, unknown, tier, no_note)] == [
        ["settings"],
        ["settings"],
        ["finance_tier"],
        ["note"],
    ]
    assert (
        cap.json()["detail"][0]["msg"]
        == "policy.equity: share_cap must be a number from 0.0001 to 1, got 1.5"
    )
    assert PolicyVersion.objects.count() == 1


def test_only_officers_of_the_region_change_its_policy(world, suzhou_policy, send):
    payload = {"settings": {}, "finance_tier": "weak", "note": "x"}

    refused = [
        send(
            client_for(world["enterprise_user"]), "post", "/api/credit/policies/320500", payload
        ).status_code,
        send(
            client_for(world["nanjing_officer"]), "post", "/api/credit/policies/320500", payload
        ).status_code,
        client_for(world["enterprise_user"]).post("/credit/policy/320500/edit/", payload).status_code,
    ]

    assert refused == [403, 403, 403]
    assert PolicyVersion.objects.count() == 1
    assert (
        client_for(world["enterprise_user"]).get("/api/credit/policies/320500").json()["finance_tier"]
        == "strong"
    )


def test_the_policy_page_edits_through_the_web_and_starts_the_recomputation(
    world, aaa_records, django_capture_on_commit_callbacks
):
    officer = client_for(world["officer"])
    page = officer.get("/credit/policy/320500/edit/")

    with django_capture_on_commit_callbacks(execute=True):
        saved = officer.post(
            "/credit/policy/320500/edit/",
            {
                "settings": '{"insurance": {"sme_bonus": 0.05}}',
                "finance_tier": "medium",
                "note": "SME bonus 5 %",
                "recompute": "on",
            },
        )
    bad = officer.post(
        "/credit/policy/320500/edit/", {"settings": "{not json", "finance_tier": "medium", "note": "x"}
    )
    shown = officer.get("/credit/policy/320500/")

    assert page.status_code == 200 and "hosted_students_each_year" in page.content.decode()
    assert saved.status_code == 302 and saved["Location"].startswith("/jobs/")
    assert bad.status_code == 400
    assert PolicyVersion.objects.get(version=2).settings["insurance"]["sme_bonus"] == 0.05
    assert CreditAssessment.objects.filter(is_current=True, policy__version=2).count() == 2
    assert "SME bonus 5 %" in shown.content.decode() and "v2" in shown.content.decode()
    assert officer.get("/credit/policy/320500/v1/").status_code == 200


def test_an_officer_recomputes_the_region_for_a_chosen_year(
    world, aaa_records, django_capture_on_commit_callbacks
):
    officer = client_for(world["officer"])

    form = officer.get("/credit/recompute/")
    with django_capture_on_commit_callbacks(execute=True):
        started = officer.post("/credit/recompute/", {"as_of_year": 2024})
    refused = client_for(world["enterprise_user"]).post("/credit/recompute/", {"as_of_year": 2024})

    assert form.status_code == 200 and 'value="2025"' in form.content.decode()
    assert started.status_code == 302 and started["Location"].startswith("/jobs/")
    assert sorted(CreditAssessment.objects.values_list("as_of_year", "first_year", "rating")) == [
        (2024, 2022, "B"),
        (2024, 2022, "B"),
    ]
    assert refused.status_code == 403
