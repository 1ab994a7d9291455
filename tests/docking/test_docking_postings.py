"""Talent demand through the web and the API: drafts, publishing, coding by the coder and by
people, access refusals that change nothing, and the coding feedback feed."""

import csv
import io

from openpyxl import load_workbook

from chanjiao.docking.models import CodeStatus, CodingFeedback, Posting
from docking.docking_factories import make_posting, send
from factories import client_for


def posting_payload(world, **changes):
    return {
        "enterprise": world["enterprise"].pk,
        "kind": "job",
        "title": "急招电焊工（包吃住）五险一金",
        "description": "二保焊、氩弧焊，能看懂图纸。",
        "skills": ["氩弧焊", "识图"],
        "certificates": ["焊工（四级）"],
        "seats": 4,
        "region": 320505,
        "salary_min": 7000,
        "salary_max": 9000,
        **changes,
    }


def test_enterprise_posts_a_draft_through_the_api_and_the_coder_suggests_a_code(world):
    client = client_for(world["enterprise_user"])

    response = send(client, "post", "/api/docking/postings", posting_payload(world))

    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["published_on"], body["seats"]) == ("draft", None, 4)
    assert (body["occupation_id"], body["suggested_occupation_id"], body["code_status"]) == (
        "6-18-02-04",
        "6-18-02-04",
        "suggested",
    )
    assert body["suggested_level"] == "fine" and 0.5 <= body["suggested_confidence"] <= 1
    assert body["suggested_alternatives"][0]["code"] == "6-18-02-04"
    assert body["skills"] == ["氩弧焊", "识图"]


def test_drafts_are_private_to_the_enterprise(world):
    draft = make_posting(world["enterprise"], published=None)

    for user in ("other_enterprise_user", "officer", "school_user"):
        client = client_for(world[user])
        assert client.get(f"/docking/postings/{draft.pk}/").status_code == 404
        assert client.get(f"/api/docking/postings/{draft.pk}").status_code == 404
        assert draft.title not in client.get("/docking/postings/").content.decode()
    assert client_for(world["enterprise_user"]).get(f"/docking/postings/{draft.pk}/").status_code == 200


def test_publishing_on_the_web_sets_the_month_demand_counts_in(world):
    client = client_for(world["enterprise_user"])
    page = client.post(
        "/docking/postings/new/",
        {**posting_payload(world), "skills": "氩弧焊, 识图", "certificates": ""},
    )
    posting = Posting.objects.get()

    published = client.post(f"/docking/postings/{posting.pk}/status/", {"status": "published"})

    assert page.status_code == 302 and page["Location"] == f"/docking/postings/{posting.pk}/"
    assert published.status_code == 302
    posting.refresh_from_db()
    assert posting.status == "published" and posting.published_on is not None
    first = posting.published_on
    client.post(f"/docking/postings/{posting.pk}/status/", {"status": "closed"})
    client.post(f"/docking/postings/{posting.pk}/status/", {"status": "published"})
    posting.refresh_from_db()
    assert (posting.status, posting.published_on) == ("published", first)


def test_a_draft_cannot_be_marked_filled(world):
    draft = make_posting(world["enterprise"], published=None)

    response = send(
        client_for(world["enterprise_user"]),
        "post",
        f"/api/docking/postings/{draft.pk}/status",
        {"status": "filled"},
    )

    assert response.status_code == 422
    assert "cannot become filled" in response.json()["detail"][0]["msg"]
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_bad_input_names_the_field_and_saves_nothing(world):
    client = client_for(world["enterprise_user"])

    reversed_salary = send(
        client, "post", "/api/docking/postings", posting_payload(world, salary_min=9000, salary_max=7000)
    )
    no_title = send(client, "post", "/api/docking/postings", posting_payload(world, title="   "))
    bad_region = send(client, "post", "/api/docking/postings", posting_payload(world, region=999999))
    zero_seats = send(client, "post", "/api/docking/postings", posting_payload(world, seats=0))
    web = client.post("/docking/postings/new/", {**posting_payload(world), "seats": "many"})

    assert reversed_salary.status_code == 422 and reversed_salary.json()["detail"][0]["loc"] == [
        "body",
        "salary_max",
    ]
    assert no_title.json()["detail"][0]["loc"] == ["body", "title"]
    assert bad_region.json()["detail"][0]["loc"] == ["body", "region"]
    assert zero_seats.json()["detail"][0]["loc"] == ["body", "seats"]
    assert web.status_code == 400 and "Enter a whole number" in web.content.decode()
    assert Posting.objects.count() == 0


def test_an_enterprise_cannot_post_for_another_or_change_its_postings(world):
    theirs = make_posting(world["other_enterprise"], title="SMT操作员")
    client = client_for(world["enterprise_user"])

    as_other = send(
        client,
        "post",
        "/api/docking/postings",
        posting_payload(world, enterprise=world["other_enterprise"].pk),
    )
    patch = send(client, "patch", f"/api/docking/postings/{theirs.pk}", {"seats": 99})
    web = client.post(f"/docking/postings/{theirs.pk}/edit/", posting_payload(world, seats=99))
    code = send(client, "post", f"/api/docking/postings/{theirs.pk}/code", {"occupation": "6-25-04-07"})
    school = send(client_for(world["school_user"]), "post", "/api/docking/postings", posting_payload(world))

    assert as_other.status_code == 422 and as_other.json()["detail"][0]["loc"] == ["body", "enterprise"]
    assert (patch.status_code, web.status_code, code.status_code, school.status_code) == (403, 403, 403, 403)
    theirs.refresh_from_db()
    assert (theirs.seats, theirs.occupation_id, Posting.objects.count()) == (3, "6-18-01-01", 1)


def test_enterprise_confirms_then_an_officer_corrects_and_both_feed_the_coder(world):
    posting = make_posting(world["enterprise"], title="CNC技术员（长白班）", occupation="6-18-01-07")
    enterprise = client_for(world["enterprise_user"])
    officer = client_for(world["officer"])

    confirmed = enterprise.post(f"/docking/postings/{posting.pk}/code/", {"occupation": "6-18-01-07"})
    corrected = send(
        officer, "post", f"/api/docking/postings/{posting.pk}/code", {"occupation": "6-18-01-02"}
    )

    assert confirmed.status_code == 302
    assert corrected.status_code == 200 and corrected.json()["code_status"] == "overridden"
    posting.refresh_from_db()
    assert (posting.occupation_id, posting.suggested_occupation_id, posting.coded_by) == (
        "6-18-01-02",
        "6-18-01-07",
        world["officer"],
    )
    feedback = list(
        CodingFeedback.objects.order_by("at", "id").values_list(
            "occupation_id", "overridden", "cleaned_title"
        )
    )
    assert feedback == [("6-18-01-07", False, "cnc技术员"), ("6-18-01-02", True, "cnc技术员")]


def test_an_officer_outside_the_region_cannot_code_and_a_bad_code_is_refused(world):
    posting = make_posting(world["enterprise"])

    nanjing = send(
        client_for(world["nanjing_officer"]),
        "post",
        f"/api/docking/postings/{posting.pk}/code",
        {"occupation": "6-18-01-02"},
    )
    unknown = send(
        client_for(world["enterprise_user"]),
        "post",
        f"/api/docking/postings/{posting.pk}/code",
        {"occupation": "9-99"},
    )
    web = client_for(world["enterprise_user"]).post(
        f"/docking/postings/{posting.pk}/code/", {"occupation": "9-99"}
    )

    assert nanjing.status_code == 403
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "occupation"]
    assert web.status_code == 400 and "Unknown CSCO code" in web.content.decode()
    posting.refresh_from_db()
    assert (posting.occupation_id, posting.code_status, CodingFeedback.objects.count()) == (
        "6-18-01-01",
        "suggested",
        0,
    )


def test_a_later_title_that_cleans_the_same_gets_the_corrected_code(world):
    first = make_posting(world["enterprise"], title="急招CNC技术员")
    client = client_for(world["enterprise_user"])
    send(client, "post", f"/api/docking/postings/{first.pk}/code", {"occupation": "6-18-01-02"})

    second = send(
        client, "post", "/api/docking/postings", posting_payload(world, title="【苏州】CNC技术员 双休")
    )

    body = second.json()
    assert (body["occupation_id"], body["suggested_confidence"]) == ("6-18-01-02", 1.0)


def test_editing_the_title_codes_again_unless_a_person_chose_the_code(world):
    client = client_for(world["enterprise_user"])
    created = send(client, "post", "/api/docking/postings", posting_payload(world)).json()

    retitled = send(
        client,
        "patch",
        f"/api/docking/postings/{created['id']}",
        {"title": "养老护理员", "description": "照护失能老人"},
    ).json()
    send(client, "post", f"/api/docking/postings/{created['id']}/code", {"occupation": "6-18-01-01"})
    again = send(
        client,
        "patch",
        f"/api/docking/postings/{created['id']}",
        {"title": "急招电焊工", "description": "氩弧焊"},
    ).json()

    assert retitled["occupation_id"] == "4-10-01-05"
    assert (again["occupation_id"], again["suggested_occupation_id"], again["code_status"]) == (
        "6-18-01-01",
        "6-18-02-04",
        "overridden",
    )


def test_posting_list_filters_by_occupation_subtree_year_and_exports(world):
    make_posting(world["enterprise"], title="数控车工", occupation="6-18-01-01")
    make_posting(world["enterprise"], title="电焊工", occupation="6-18-02-04")
    make_posting(world["other_enterprise"], title="养老护理员", occupation="4-10-01-05")
    client = client_for(world["officer"])

    machining = client.get("/api/docking/postings", {"occupation": "6-18-00-00"}).json()
    care = client.get("/api/docking/postings", {"occupation": "4-10-01-05", "year": 2025}).json()
    none = client.get("/api/docking/postings", {"year": 2019}).json()
    export = client.get("/docking/postings/", {"occupation": "6-18-01-00", "format": "xlsx"})

    assert sorted(p["title"] for p in machining["items"]) == ["数控车工", "电焊工"]
    assert [p["title"] for p in care["items"]] == ["养老护理员"]
    assert none["count"] == 0
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["数控车工"]


def test_coding_feedback_feed_as_csv_and_json_respects_scope(world):
    mine = make_posting(world["enterprise"], title="普车师傅")
    theirs = make_posting(world["other_enterprise"], title="插件工")
    send(
        client_for(world["enterprise_user"]),
        "post",
        f"/api/docking/postings/{mine.pk}/code",
        {"occupation": "6-18-01-01"},
    )
    send(
        client_for(world["other_enterprise_user"]),
        "post",
        f"/api/docking/postings/{theirs.pk}/code",
        {"occupation": "6-25-04-07"},
    )

    officer_csv = client_for(world["officer"]).get("/docking/coding-feedback/", {"format": "csv"})
    enterprise_json = client_for(world["enterprise_user"]).get("/api/docking/coding-feedback").json()
    nanjing = client_for(world["nanjing_officer"]).get("/api/docking/coding-feedback").json()

    rows = list(csv.DictReader(io.StringIO(officer_csv.content.decode())))
    assert sorted((r["title"], r["code"]) for r in rows) == [
        ("插件工", "6-25-04-07"),
        ("普车师傅", "6-18-01-01"),
    ]
    assert [f["title"] for f in enterprise_json["items"]] == ["普车师傅"]
    assert nanjing["count"] == 0
    assert Posting.objects.get(pk=theirs.pk).code_status in {CodeStatus.CONFIRMED, CodeStatus.OVERRIDDEN}


def test_internship_seats_are_paid_at_least_eighty_percent_of_the_enterprise_own_job_pay(world):
    client = client_for(world["enterprise_user"])
    job = send(client, "post", "/api/docking/postings", {**posting_payload(world), "salary_min": 5000})
    Posting.objects.filter(pk=job.json()["id"]).update(status="published")
    seats = {**posting_payload(world), "kind": "internship", "salary_max": None}

    below = send(client, "post", "/api/docking/postings", {**seats, "salary_min": 3990})
    at_floor = send(client, "post", "/api/docking/postings", {**seats, "salary_min": 4000})

    assert below.status_code == 422
    assert "at least 4000.00 yuan" in below.json()["detail"][0]["msg"]
    assert at_floor.status_code == 201
    assert Posting.objects.filter(kind="internship").count() == 1
