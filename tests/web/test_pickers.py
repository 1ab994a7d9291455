"""Pickers: the autocomplete endpoint answers only what its user may choose, by name."""

import re

from django.test import Client

from chanjiao.registry.models import Organisation, Teacher
from chanjiao.web.pickers import LIMIT
from factories import client_for, make_org


def options(response) -> list[str]:
    """The labels of the options (or checkboxes) of a picker's answer, in order."""
    html = response.content.decode()
    found = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", html)
    return found or [label.strip() for label in re.findall(r"type=\"checkbox\"[^>]*> ([^<]+)</label>", html)]


def test_a_search_finds_enterprises_by_part_of_their_name(world):
    response = client_for(world["school_user"]).get(
        "/pick/enterprises/", {"field": "enterprise", "enterprise__search": "精密"}
    )

    assert response.status_code == 200
    assert [label.split(" · ")[0] for label in options(response)] == ["苏州精密机械有限公司"]


def test_an_enterprise_cannot_list_another_enterprises_mentors(world):
    Teacher.objects.create(name="孙师傅", kind="mentor", organisation=world["other_enterprise"])

    own = client_for(world["enterprise_user"]).get(
        "/pick/mentors/", {"field": "mentors", "mentors__search": "师傅"}
    )
    other = client_for(world["other_enterprise_user"]).get(
        "/pick/mentors/", {"field": "mentors", "mentors__search": "赵"}
    )
    named = client_for(world["other_enterprise_user"]).get(
        "/pick/mentors/", {"field": "mentors", "mentors": world["mentor"].pk}
    )
    officer = client_for(world["officer"]).get(
        "/pick/mentors/", {"field": "mentors", "mentors__search": "师傅"}
    )

    assert options(own) == ["赵师傅 · 苏州精密机械有限公司"]
    assert (other.status_code, options(other)) == (200, [])
    assert "赵师傅" not in named.content.decode()
    assert sorted(label.split(" · ")[0] for label in options(officer)) == ["孙师傅", "赵师傅"]


def test_a_student_sees_only_itself_in_the_student_picker(world):
    world["student"].user = world["student_user"]
    world["student"].save()

    response = client_for(world["student_user"]).get(
        "/pick/students/", {"field": "student", "student__search": ""}
    )

    assert [label.split(" · ")[0] for label in options(response)] == [world["student"].name]


def test_a_search_answers_at_most_the_limit_and_says_there_is_more(world):
    for number in range(LIMIT + 5):
        make_org("enterprise", f"测试企业{number:02d}")

    response = client_for(world["officer"]).get(
        "/pick/enterprises/", {"field": "enterprise", "enterprise__search": "测试企业"}
    )

    assert len(options(response)) == LIMIT
    assert "More match" in response.content.decode()


def test_the_chosen_ones_come_first_and_stay_chosen(world):
    response = client_for(world["officer"]).get(
        "/pick/enterprises/",
        {
            "field": "parties",
            "multiple": "1",
            "parties": [world["other_enterprise"].pk],
            "parties__search": "苏州",
        },
    )

    html = response.content.decode()
    assert options(response)[0].startswith("苏州华信电子科技有限公司")
    assert f'value="{world["other_enterprise"].pk}" checked' in html
    assert html.count("checked") == 1


def test_a_forwarded_organisation_narrows_the_people(world):
    Teacher.objects.create(name="孙师傅", kind="mentor", organisation=world["other_enterprise"])

    response = client_for(world["officer"]).get(
        "/pick/mentors/",
        {"field": "mentors", "mentors__search": "", "organisation": world["other_enterprise"].pk},
    )

    assert options(response) == ["孙师傅 · 苏州华信电子科技有限公司"]


def test_regions_are_found_by_name_or_pinyin(world):
    officer = client_for(world["officer"])

    by_name = officer.get("/pick/regions/", {"field": "region", "region__search": "吴中"})
    by_pinyin = officer.get("/pick/regions/", {"field": "region", "region__search": "wuzhong"})

    assert any("吴中区" in label for label in options(by_name))
    assert options(by_name) == ["江苏省 苏州市 吴中区"]
    assert options(by_pinyin) == ["江苏省 苏州市 吴中区", "宁夏回族自治区 吴忠市"]  # wu zhong, both


def test_bad_requests_are_answered_4xx_and_anonymous_users_sent_to_sign_in(world):
    officer = client_for(world["officer"])

    unknown = officer.get("/pick/no-such-picker/", {"field": "x"})
    no_field = officer.get("/pick/enterprises/")
    too_long = officer.get("/pick/enterprises/", {"field": "e", "e__search": "长" * 200})
    not_an_id = officer.get("/pick/enterprises/", {"field": "e", "e": "abc"})
    bad_forward = officer.get("/pick/mentors/", {"field": "m", "organisation": "x"})
    posted = officer.post("/pick/enterprises/", {"field": "e"})
    anonymous = Client().get("/pick/enterprises/", {"field": "e"})

    assert [r.status_code for r in (unknown, no_field, too_long, not_an_id, bad_forward, posted)] == [
        404,
        400,
        400,
        400,
        400,
        405,
    ]
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert Organisation.objects.count() == 6


def test_the_api_filters_by_id_and_refuses_an_unknown_one_naming_it(world):
    officer = client_for(world["officer"])

    found = officer.get("/api/teachers", {"organisation": world["school"].pk})
    unknown = officer.get("/api/teachers", {"organisation": 999999})

    assert [t["name"] for t in found.json()["items"]] == ["钱老师"]
    assert unknown.status_code == 422 and "organisation" in unknown.content.decode()
