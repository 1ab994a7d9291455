"""xAPI statements from a virtual carrier: token auth, actor mapping, validation, storing, counting."""

import re
import uuid

import pytest
from django.test import Client

from chanjiao.accounts.services import create_api_token
from chanjiao.registry.models import Carrier, CarrierMember
from chanjiao.tracking.models import XapiSource, XapiStatement
from chanjiao.tracking.selectors import xapi_counts
from factories import client_for

HOME = "https://sim.example.cn"
VERSION = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}


@pytest.fixture
def platform(world):
    carrier = Carrier.objects.create(
        name="数控虚拟仿真实训平台", kind="virtual_simulation", region_id=320505, lead=world["school"]
    )
    CarrierMember.objects.create(carrier=carrier, organisation=world["school"], role="lead")
    source = XapiSource.objects.create(carrier=carrier, home_page=HOME)
    _, token = create_api_token(user=world["school_user"], name="simulation platform")
    return {"source": source, "auth": {"HTTP_AUTHORIZATION": f"Bearer {token}", **VERSION}}


def statement(student_no, **changes):
    return {
        "actor": {"account": {"homePage": HOME, "name": student_no}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"zh-CN": "完成"}},
        "object": {"id": f"{HOME}/labs/cnc-01", "definition": {"name": {"zh-CN": "数控车削仿真"}}},
        "result": {"completion": True, "success": True, "score": {"scaled": 0.9}, "duration": "PT45M"},
        "timestamp": "2025-10-09T10:00:00+08:00",
        **changes,
    }


def test_a_platform_posts_statements_mapped_to_students_and_they_are_counted(world, platform, send):
    world["student_user"].email = "xiaoming@example.cn"
    world["student_user"].save()
    world["student"].user = world["student_user"]
    world["student"].save()
    by_mail = statement("", actor={"mbox": "mailto:XiaoMing@example.cn"})

    response = send(
        Client(),
        "post",
        "/api/xapi/statements",
        [statement(world["student"].student_no), by_mail],
        **platform["auth"],
    )
    page = client_for(world["school_user"]).get(f"/learning-records/platforms/{platform['source'].pk}/")

    assert response.status_code == 200 and len(response.json()) == 2
    assert list(XapiStatement.objects.values_list("student_id", flat=True)) == [world["student"].pk] * 2
    stored = XapiStatement.objects.first()
    assert (stored.verb_display, stored.activity_name, stored.score_scaled, stored.duration_seconds) == (
        "完成",
        "数控车削仿真",
        0.9,
        2700.0,
    )
    assert xapi_counts(XapiStatement.objects.all()) | {"verbs": None} == {
        "statements": 2,
        "students": 1,
        "completed": 2,
        "passed": 2,
        "seconds": 5400.0,
        "mean_score": 0.9,
        "hours": 1.5,
        "verbs": None,
    }
    assert page.status_code == 200 and "数控虚拟仿真实训平台" in page.content.decode()
    listing = client_for(world["school_user"]).get("/learning-records/platforms/").content.decode()
    assert re.search(r"<td>2</td><td>1</td>", listing)  # statements, students
    listed = client_for(world["student_user"]).get("/api/xapi/statements").json()
    assert listed["count"] == 2


def test_a_bad_statement_refuses_the_whole_batch_naming_it(world, platform, send):
    good = statement(world["student"].student_no)
    cases = [
        statement(world["student"].student_no, verb={"id": "completed"}),
        statement(world["student"].student_no, result={"score": {"scaled": 3}}),
        statement("no-such-student"),
        statement(world["other_student"].student_no),
        {**good, "extra": 1},
        statement(world["student"].student_no, object={"objectType": "Agent", "mbox": "mailto:a@b.cn"}),
    ]

    responses = [
        send(Client(), "post", "/api/xapi/statements", [good, case], **platform["auth"]) for case in cases
    ]

    assert [r.status_code for r in responses] == [400] * 6
    assert [r.json()["detail"][0]["loc"][1:] for r in responses] == [
        [1, "verb", "id"],
        [1, "result", "score", "scaled"],
        [1, "actor"],
        [1, "actor"],
        [1, "extra"],
        [1, "object", "objectType"],
    ]
    assert XapiStatement.objects.count() == 0


def test_repeating_a_statement_id_is_idempotent_and_other_content_conflicts(world, platform, send):
    statement_id = str(uuid.uuid4())
    first = statement(world["student"].student_no, id=statement_id)

    once = send(Client(), "post", "/api/xapi/statements", first, **platform["auth"])
    again = send(Client(), "post", "/api/xapi/statements", first, **platform["auth"])
    changed = send(
        Client(),
        "post",
        "/api/xapi/statements",
        {**first, "timestamp": "2025-10-10T10:00:00+08:00"},
        **platform["auth"],
    )

    assert once.json() == again.json() == [statement_id]
    assert changed.status_code == 409
    assert XapiStatement.objects.count() == 1


def test_only_the_platforms_lead_posts_and_the_version_header_is_required(world, platform, send):
    _, enterprise_token = create_api_token(user=world["enterprise_user"], name="x")
    payload = statement(world["student"].student_no)

    anonymous = send(Client(), "post", "/api/xapi/statements", payload, **VERSION)
    enterprise = send(
        Client(),
        "post",
        "/api/xapi/statements",
        payload,
        HTTP_AUTHORIZATION=f"Bearer {enterprise_token}",
        **VERSION,
    )
    no_version = send(
        Client(),
        "post",
        "/api/xapi/statements",
        payload,
        HTTP_AUTHORIZATION=platform["auth"]["HTTP_AUTHORIZATION"],
    )
    wrong_home = send(
        Client(),
        "post",
        "/api/xapi/statements",
        statement(
            world["student"].student_no, actor={"account": {"homePage": "https://other.example", "name": "x"}}
        ),
        **platform["auth"],
    )

    assert (anonymous.status_code, enterprise.status_code, no_version.status_code) == (401, 403, 400)
    assert wrong_home.status_code == 400 and wrong_home.json()["detail"][0]["loc"][-1] == "homePage"
    assert XapiStatement.objects.count() == 0


def test_a_platform_is_registered_only_for_a_virtual_carrier_its_organisation_leads(world):
    virtual = Carrier.objects.create(
        name="在线课程共建平台", kind="online_course", region_id=320505, lead=world["school"]
    )
    school = client_for(world["school_user"])

    physical = school.post(
        "/learning-records/platforms/new/", {"carrier": world["carrier"].pk, "home_page": "https://a.example"}
    )
    other = client_for(world["other_school_user"]).get("/learning-records/platforms/new/")
    registered = school.post(
        "/learning-records/platforms/new/", {"carrier": virtual.pk, "home_page": "https://mooc.example.cn/"}
    )

    assert physical.status_code == 400
    assert other.status_code == 403
    assert registered.status_code == 302
    assert XapiSource.objects.get().home_page == "https://mooc.example.cn"
