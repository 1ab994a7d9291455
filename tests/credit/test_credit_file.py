"""The credit file: built from platform records, rated with reasons and ways up, private to the
enterprise and the officers of its region."""

from chanjiao.credit.models import CreditAssessment, GrantStatus, IncentiveGrant
from factories import client_for


def test_the_seeds_aaa_example_is_rated_aaa_with_incentives_granted_automatically(world, aaa_records, send):
    enterprise = world["enterprise"]

    response = send(
        client_for(world["enterprise_user"]), "post", f"/api/credit/enterprises/{enterprise.pk}/assess"
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["rating"], body["as_of_year"], body["first_year"], body["policy_version"]) == (
        "AAA",
        2025,
        2023,
        1,
    )
    assert body["result"]["reasons"][0] == (
        "AAA earned: students hosted (interns + apprentices) in each year of 2023–2025: 2023: 100, 2024: 104, "
        "2025: 110 (needs ≥ 100): met; R&D spending share of revenue in 2023–2025: 6.67 % (needs > 5.00 %): met"
    )
    assert [d["key"] for d in body["decisions"] if d["granted"]] == ["tax_credit", "land_priority"]
    granted = IncentiveGrant.objects.filter(enterprise=enterprise, status=GrantStatus.ACTIVE)
    assert sorted(granted.values_list("key", flat=True)) == ["land_priority", "tax_credit"]
    assert granted.get(key="tax_credit").basis == ["rating AAA meets the required AAA"]


def test_the_page_shows_why_and_what_would_raise_the_rating(world, host, suzhou_policy):
    enterprise = world["other_enterprise"]  # R&D 100 of 9,000: 1.11 %
    host(enterprise, {2023: 30, 2024: 25, 2025: 22})
    world["mentor"].organisation = enterprise
    world["mentor"].save()
    host(enterprise, {2025: 1}, kind="apprenticeship")
    client = client_for(world["other_enterprise_user"])
    client.post(f"/credit/enterprises/{enterprise.pk}/reassess/")

    page = client.get(f"/credit/enterprises/{enterprise.pk}/")

    assessment = CreditAssessment.objects.get(enterprise=enterprise, is_current=True)
    assert assessment.rating == "B"
    assert [path["rating"] for path in assessment.result["paths_up"]] == ["A", "AA", "AAA"]
    assert assessment.result["paths_up"][0]["changes"] == [
        "mentors provided in 2023–2025: 1 more (now 1, needs ≥ 2)"
    ]
    content = page.content.decode()
    assert page.status_code == 200
    assert 'id="rating-badge">B<' in content
    assert "mentors provided in 2023–2025: 1 more (now 1, needs ≥ 2)" in content
    assert "R&amp;D spending in 2023–2025: raise by more than" in content


def test_an_enterprise_sees_only_its_own_credit_file(world, aaa_records, send):
    enterprise = world["enterprise"]
    own = client_for(world["enterprise_user"])
    own.post(f"/credit/enterprises/{enterprise.pk}/reassess/")
    before = CreditAssessment.objects.count()

    other = client_for(world["other_enterprise_user"])
    refused = [
        other.get(f"/credit/enterprises/{enterprise.pk}/").status_code,
        other.get(f"/api/credit/enterprises/{enterprise.pk}").status_code,
        other.get(f"/api/credit/enterprises/{enterprise.pk}/assessments").status_code,
        send(other, "post", f"/api/credit/enterprises/{enterprise.pk}/assess").status_code,
        other.post(f"/credit/enterprises/{enterprise.pk}/reassess/").status_code,
        client_for(world["school_user"]).get(f"/api/credit/enterprises/{enterprise.pk}").status_code,
        client_for(world["nanjing_officer"]).get(f"/credit/enterprises/{enterprise.pk}/").status_code,
    ]
    listed = other.get("/api/credit/ratings").json()["items"]

    assert refused == [404] * 7
    assert [row["enterprise_id"] for row in listed] == []
    assert CreditAssessment.objects.count() == before
    assert own.get(f"/api/credit/enterprises/{enterprise.pk}").json()["assessment"]["rating"] == "AAA"
    assert client_for(world["officer"]).get(f"/credit/enterprises/{enterprise.pk}/").status_code == 200


def test_officers_list_their_regions_ratings_and_export_them(world, aaa_records):
    officer = client_for(world["officer"])
    send_all = [
        officer.post(f"/credit/enterprises/{e.pk}/reassess/")
        for e in (world["enterprise"], world["other_enterprise"])
    ]

    ratings = officer.get("/api/credit/ratings", {"rating": "AAA"}).json()
    page = officer.get("/credit/", {"rating": "B"})
    export = officer.get("/credit/", {"format": "xlsx"})

    assert [r.status_code for r in send_all] == [302, 302]
    assert [(r["enterprise"], r["granted"]) for r in ratings["items"]] == [
        ("苏州精密机械有限公司", ["tax_credit", "land_priority"])
    ]
    results = page.content.decode().split('id="results"')[1]  # the table, not the filter's picker
    assert "苏州华信电子科技有限公司" in results and "苏州精密机械" not in results
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client_for(world["nanjing_officer"]).get("/api/credit/ratings").json()["count"] == 0


def test_a_students_placement_offered_or_declined_is_not_hosting(world, host, suzhou_policy, send):
    host(world["enterprise"], {2025: 4}, status="declined")
    host(world["enterprise"], {2025: 2}, status="offered")
    host(world["enterprise"], {2025: 3}, status="active")

    body = send(
        client_for(world["officer"]), "post", f"/api/credit/enterprises/{world['enterprise'].pk}/assess"
    ).json()

    assert [(r["year"], r["interns_hosted"]) for r in body["records"]] == [(2023, 0), (2024, 0), (2025, 3)]


def test_other_roles_get_the_pages_they_take_part_in(world):
    page = client_for(world["school_user"]).get("/credit/")

    content = page.content.decode()
    assert page.status_code == 200
    assert all(url in content for url in ("/credit/policy/", "/credit/sharing/", "/credit/contributions/"))
