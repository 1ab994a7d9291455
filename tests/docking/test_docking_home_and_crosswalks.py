"""What each role's home page says is new for them, and crosswalks suggested by the coder."""

import pytest

from chanjiao.docking.models import CooperationCall, SharedResource
from chanjiao.registry.models import ProgramOccupation
from docking.docking_factories import make_posting
from factories import client_for


def test_a_school_hears_of_postings_its_programs_lead_to(docking):
    make_posting(docking["enterprise"], "急招数控车工", occupation="6-18-01-01")
    make_posting(docking["enterprise"], "养老护理员", occupation="4-10-01-05")

    page = client_for(docking["school_user"]).get("/").content.decode()

    news = page.split('id="docking-news"')[1]
    assert "急招数控车工" in news and "养老护理员" not in news


def test_an_enterprise_hears_of_resources_and_calls_in_its_city_and_codes_to_confirm(docking):
    SharedResource.objects.create(
        owner=docking["school"], kind="facility", name="智能制造实训中心", region_id=320505
    )
    CooperationCall.objects.create(
        school=docking["school"],
        title="订单班合作企业征集",
        kind="order_class",
        description="x",
        region_id=320505,
    )
    SharedResource.objects.create(
        owner=docking["school"], kind="facility", name="南京的实训室", region_id=320102
    )
    make_posting(docking["enterprise"], "车工", occupation="6-18-01-01")

    page = client_for(docking["enterprise_user"]).get("/").content.decode()
    news = page.split('id="docking-news"')[1]
    tasks = page.split('id="my-tasks"')[1].split("</section>")[0]

    assert "智能制造实训中心" in news and "订单班合作企业征集" in news and "南京的实训室" not in news
    assert "occupation code awaits your confirmation</a>: <strong>1</strong>" in tasks


def test_an_officer_hears_how_fresh_the_table_is_and_has_no_advice_to_decide(docking):
    page = client_for(docking["officer"]).get("/").content.decode()
    news = page.split('id="docking-news"')[1]

    assert "The supply–demand table has not been computed yet." in news
    assert "advice awaiting your decision" not in page.split('id="my-tasks"')[1].split("</section>")[0]


@pytest.mark.parametrize("user", ["admin", "nanjing_officer", "student_user"])
def test_every_role_still_has_a_home_page(docking, user):
    assert client_for(docking[user]).get("/").status_code == 200


def test_the_coder_suggests_a_crosswalk_from_the_program_name_and_courses(docking):
    ProgramOccupation.objects.filter(program=docking["program"]).delete()
    client = client_for(docking["school_user"])

    page = client.get("/supply-demand/crosswalks/").content.decode()
    suggestion = client.get(f"/api/docking/programs/{docking['program'].pk}/crosswalk-suggestion").json()
    applied = client.post("/supply-demand/crosswalks/", {"program": docking["program"].pk})
    other = client.post("/supply-demand/crosswalks/", {"program": docking["other_program"].pk})
    enterprise = client_for(docking["enterprise_user"]).get("/supply-demand/crosswalks/")

    assert "数控技术" in page and "计算机应用技术" not in page  # only programs without a crosswalk
    assert suggestion[0]["occupation"].startswith("6-18-01") and sum(
        e["weight"] for e in suggestion
    ) == pytest.approx(1.0)
    assert applied.status_code == 302
    assert sorted(
        ProgramOccupation.objects.filter(program=docking["program"]).values_list("occupation_id", flat=True)
    ) == sorted(e["occupation"] for e in suggestion)
    assert other.status_code == 404 and enterprise.status_code == 403
    foreign = client_for(docking["other_school_user"]).get(
        f"/api/docking/programs/{docking['program'].pk}/crosswalk-suggestion"
    )
    assert foreign.status_code == 404
