"""Active learning for occupation codes: the review queue (web and API), asking the poster to
choose, coverage on the dashboard, and retraining the coder on confirmed codes in the background."""

import pytest

from chanjiao.docking.coding import current_coder, forget_retrained_coder
from chanjiao.docking.models import CoderModel, CodeStatus, CodingFeedback, Posting
from chanjiao.docking.services import retrain_coder
from chanjiao.docking.services.coder import retrain_if_due
from chanjiao.jobs.models import Job
from docking.docking_factories import make_posting, send
from factories import client_for

UNSURE = {"suggested_level": "minor", "suggested_confidence": 0.62}
SURE = {"suggested_level": "fine", "suggested_confidence": 0.97}
ALTERNATIVES = [
    {"code": "6-18-01-01", "name": "车工", "score": 0.41},
    {"code": "6-18-01-07", "name": "多工序数控机床操作调整工", "score": 0.38},
]


@pytest.fixture(autouse=True)
def coder_dir(settings, tmp_path):
    """Retrained coders go to a folder of the test's own; every test starts with the shipped coder."""
    settings.CODER_DIR = tmp_path / "coder"
    settings.CODER_RETRAIN_EVERY = 0
    forget_retrained_coder()
    yield
    forget_retrained_coder()


@pytest.fixture
def queue(world):
    unsure = make_posting(world["enterprise"], "机加工师傅", suggested_alternatives=ALTERNATIVES, **UNSURE)
    sure = make_posting(world["enterprise"], "数控车工", **SURE)
    other = make_posting(
        world["other_enterprise"], "操作员", suggested_confidence=0.3, suggested_level="fine"
    )
    draft = make_posting(world["other_enterprise"], "技术员", published=None, **UNSURE)
    confirmed = make_posting(world["enterprise"], "钳工", code_status=CodeStatus.CONFIRMED, **UNSURE)
    return {"unsure": unsure, "sure": sure, "other": other, "draft": draft, "confirmed": confirmed}


def test_an_officer_sees_the_uncertain_public_postings_of_its_region_least_certain_first(world, queue):
    client = client_for(world["officer"])
    response = client.get("/docking/coding/review/")
    assert response.status_code == 200
    rows = response.context["page"].object_list
    assert [p.title for p in rows] == ["操作员", "机加工师傅"]  # 0.30 before 0.62; no draft, no sure one
    assert "6-18-01-07 多工序数控机床操作调整工" in response.content.decode()
    coverage = response.context["coverage"]
    assert (coverage.postings, coverage.covered, coverage.to_review) == (4, 2, 2)


def test_an_enterprise_sees_only_its_own_postings_and_an_outsider_sees_none(world, queue):
    assert [
        p.title for p in client_for(world["enterprise_user"]).get("/docking/coding/review/").context["page"]
    ] == ["机加工师傅"]
    assert [
        p.title
        for p in client_for(world["other_enterprise_user"]).get("/docking/coding/review/").context["page"]
    ] == [
        "操作员",
        "技术员",
    ]  # its own draft too
    assert list(client_for(world["nanjing_officer"]).get("/docking/coding/review/").context["page"]) == []
    assert list(client_for(world["student_user"]).get("/docking/coding/review/").context["page"]) == []


def test_choosing_an_alternative_in_the_queue_confirms_it_and_returns_to_the_queue(world, queue):
    client = client_for(world["officer"])
    response = client.post(
        f"/docking/postings/{queue['unsure'].pk}/code/", {"occupation": "6-18-01-07", "next": "review"}
    )
    assert response.status_code == 302 and response.url == "/docking/coding/review/"
    posting = Posting.objects.get(pk=queue["unsure"].pk)
    assert (posting.occupation_id, posting.code_status) == ("6-18-01-07", CodeStatus.OVERRIDDEN)
    assert CodingFeedback.objects.get(posting=posting).occupation_id == "6-18-01-07"
    assert [p.title for p in client.get("/docking/coding/review/").context["page"]] == ["操作员"]


def test_the_review_queue_and_coverage_through_the_api(world, queue, django_assert_max_num_queries):
    client = client_for(world["officer"])
    with django_assert_max_num_queries(8):
        response = client.get("/api/docking/coding/review")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["title"], i["suggested_confidence"]) for i in items] == [("操作员", 0.3), ("机加工师傅", 0.62)]
    coverage = client.get("/api/docking/coding/coverage").json()
    assert {k: coverage[k] for k in ("postings", "covered", "share", "to_review", "threshold")} == {
        "postings": 4, "covered": 2, "share": 0.5, "to_review": 2, "threshold": 0.9,
    }  # fmt: skip


def test_the_review_page_keeps_its_query_count_with_many_postings(world, django_assert_max_num_queries):
    for index in range(30):
        make_posting(world["enterprise"], f"机加工师傅{index}", suggested_alternatives=ALTERNATIVES, **UNSURE)
    client = client_for(world["officer"])
    with django_assert_max_num_queries(12):
        assert client.get("/docking/coding/review/").status_code == 200


def test_a_poster_whose_title_the_coder_is_unsure_of_is_asked_to_choose(world):
    client = client_for(world["enterprise_user"])
    data = {
        "enterprise": world["enterprise"].pk,
        "kind": "job",
        "title": "普工",
        "seats": 2,
        "region": 320505,
    }
    response = client.post("/docking/postings/new/", data)
    posting = Posting.objects.get(title="普工")
    assert response.status_code == 302 and response.url == f"/docking/postings/{posting.pk}/#coding"
    page = client.get(response.url).content.decode()
    assert 'id="choose-code"' in page and posting.suggested_level != "fine"


def test_a_poster_with_a_confident_code_is_not_asked(world):
    client = client_for(world["enterprise_user"])
    data = {
        "enterprise": world["enterprise"].pk,
        "kind": "job",
        "title": "数控车工",
        "seats": 2,
        "region": 320505,
    }
    response = client.post("/docking/postings/new/", data)
    posting = Posting.objects.get(title="数控车工")
    assert response.url == f"/docking/postings/{posting.pk}/"
    assert 'id="choose-code"' not in client.get(response.url).content.decode()


def test_the_dashboard_shows_coverage(world, queue):
    page = client_for(world["officer"]).get("/supply-demand/").content.decode()
    assert 'id="coding-coverage"' in page and "50 %" in page


def test_retraining_learns_the_confirmed_codes_and_codes_pending_postings_again(world):
    # given a person decided that 产线技术员 is an electronic equipment fitter, and an unconfirmed
    # posting with the same title that the shipped coder codes otherwise
    confirmed = make_posting(world["enterprise"], "产线技术员")
    CodingFeedback.objects.create(
        posting=confirmed, title="产线技术员", cleaned_title="产线技术员", occupation_id="6-25-04-07"
    )
    pending = make_posting(world["other_enterprise"], "产线技术员 急招", occupation="6-31-01-10")
    assert current_coder().code_one("产线技术员").code != "6-25-04-07"
    # when the coder is retrained
    model = retrain_coder(actor=world["officer"])
    # then it is saved, used, and the pending posting is coded again with the learned code
    assert (model.examples, CoderModel.objects.count()) == (1, 1)
    assert current_coder().code_one("产线技术员 包吃住").code == "6-25-04-07"
    pending.refresh_from_db()
    assert (pending.occupation_id, pending.code_status) == ("6-25-04-07", CodeStatus.SUGGESTED)
    # and another process (which has not used it yet) loads the same coder from the file
    forget_retrained_coder()
    assert current_coder().code_one("产线技术员").code == "6-25-04-07"


def test_a_damaged_coder_file_is_not_loaded(world, settings):
    retrain_coder(actor=None)
    model = CoderModel.objects.get()
    (settings.CODER_DIR / model.path).write_bytes(b"not the pickle the digest names")
    forget_retrained_coder()
    coder = current_coder()
    assert coder.overrides_ == {}  # the shipped coder, not the damaged file


def test_retraining_is_started_by_an_officer_or_after_enough_confirmations(world, settings):
    officer = client_for(world["officer"])
    response = send(officer, "post", "/api/docking/coding/retrain")
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["job_id"])
    assert job.kind == "docking.retrain_coder"
    # a second request while it waits returns the same job
    assert send(officer, "post", "/api/docking/coding/retrain").json()["job_id"] == job.pk
    # an enterprise may not; nothing is queued
    assert (
        send(client_for(world["enterprise_user"]), "post", "/api/docking/coding/retrain").status_code == 403
    )
    assert client_for(world["enterprise_user"]).post("/docking/coding/retrain/").status_code == 403
    assert Job.objects.count() == 1
    # the web button
    assert officer.post("/docking/coding/retrain/").status_code == 302
    # automatic: after CODER_RETRAIN_EVERY confirmations
    Job.objects.all().delete()
    settings.CODER_RETRAIN_EVERY = 2
    assert retrain_if_due(actor=None) is None
    for title in ("钳工", "车工"):
        posting = make_posting(world["enterprise"], title)
        CodingFeedback.objects.create(posting=posting, title=title, occupation_id="6-18-01-01")
    assert retrain_if_due(actor=None).kind == "docking.retrain_coder"
