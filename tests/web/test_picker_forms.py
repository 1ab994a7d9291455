"""Forms and list filters pick records by name: a picker, never a field asking for an id."""

import re

import pytest

from chanjiao.docking.models import TechnicalNeed
from chanjiao.registry.models import Organisation, Teacher
from factories import client_for, make_org

# (user, page, fields that must be pickers)
PAGES = [
    ("officer", "/organisations/new/", ["region"]),
    ("officer", "/carriers/new/", ["region", "lead"]),
    ("school_user", "/people/students/new/", ["school", "program", "home_region"]),
    ("school_user", "/people/teachers/new/", ["organisation"]),
    ("enterprise_user", "/docking/postings/new/", ["enterprise", "region"]),
    ("enterprise_user", "/docking/needs/new/", ["enterprise", "region"]),
    ("school_user", "/docking/courses/new/", ["co_developer"]),
    ("school_user", "/docking/resources/new/", ["region"]),
    ("school_user", "/docking/calls/new/", ["region"]),
    ("enterprise_user", "/credit/contributions/new/", ["enterprise", "recipient", "carrier"]),
    ("officer", "/credit/incidents/new/", ["enterprise", "counterparty", "agreement"]),
    ("enterprise_user", "/governance/agreements/new/", ["parties", "carrier"]),
    ("officer", "/governance/councils/new/", ["carrier"]),
    ("enterprise_user", "/curriculum/requests/new/", ["program", "course", "enterprise"]),
    ("officer", "/accounts/people/", ["organisation"]),
    ("school_user", "/placements/new/", ["student", "enterprise", "occupation"]),
    ("officer", "/placements/", ["region", "enterprise", "school", "student", "round"]),
    ("officer", "/docking/postings/", ["region", "enterprise", "carrier"]),
    ("officer", "/credit/", ["region", "enterprise"]),
    ("officer", "/people/teachers/", ["region", "organisation"]),
]
ID_LABEL = re.compile(r"\((?:[a-z ]*\s)?ids?\)|\bids?\b[^<]*comma|division id|编号", re.IGNORECASE)


@pytest.mark.parametrize(("who", "url", "fields"), PAGES)
def test_a_page_picks_records_by_name(world, who, url, fields):
    response = client_for(world[who]).get(url)

    html = response.content.decode()
    assert response.status_code == 200
    for field in fields:
        picker = re.search(rf'<div class="picker">.*?name="{field}"', html, re.DOTALL)
        assert picker is not None, f"{field} is not a picker on {url}"
        assert not re.search(rf'<input type="(?:number|text)" name="{field}"', html), field
    assert ID_LABEL.search(html) is None, ID_LABEL.search(html)


def test_a_small_set_is_a_plain_select_without_a_search_box(world):
    # an enterprise posts only for itself: one choice, nothing to search
    html = client_for(world["enterprise_user"]).get("/docking/postings/new/").content.decode()

    enterprise = re.search(r'<div class="picker">\s*<select name="enterprise".*?</select>', html, re.DOTALL)
    assert enterprise is not None
    assert re.findall(r'<option value="(\d+)"', enterprise.group(0)) == [str(world["enterprise"].pk)]


def test_a_large_set_gets_a_search_box_and_only_the_first_matches(world):
    for number in range(40):
        make_org("enterprise", f"测试企业{number:02d}")

    html = client_for(world["officer"]).get("/docking/postings/").content.decode()

    box = re.search(r'<input type="search" name="enterprise__search"[^>]*hx-get="([^"]+)"', html, re.DOTALL)
    select = re.search(r'<select name="enterprise".*?</select>', html, re.DOTALL).group(0)
    assert box is not None and box.group(1).startswith("/pick/enterprises/?field=enterprise")
    assert len(re.findall(r'<option value="\d+"', select)) == 20


def test_the_organisation_form_still_takes_the_region_the_picker_submits(world):
    officer = client_for(world["officer"])

    response = officer.post(
        "/organisations/new/",
        {
            "name": "苏州新建机械有限公司",
            "kind": "enterprise",
            "region": "320506",
            "size": "sme",
            "industry": "C",
        },
    )

    created = Organisation.objects.get(name="苏州新建机械有限公司")
    assert response.status_code == 302 and created.region_id == 320506


def test_experts_ticked_in_the_picker_are_matched_with_a_need(world):
    need = TechnicalNeed.objects.create(
        enterprise=world["enterprise"],
        title="精度提升",
        description="数控精度",
        region_id=world["enterprise"].region_id,
    )
    other = Teacher.objects.create(
        name="孙老师", kind="teacher", organisation=world["school"], expertise="数控"
    )

    page = client_for(world["enterprise_user"]).get(f"/docking/needs/{need.pk}/").content.decode()
    response = client_for(world["enterprise_user"]).post(
        f"/docking/needs/{need.pk}/match/", {"experts": [world["teacher"].pk, other.pk]}
    )

    assert 'type="checkbox" name="experts"' in page and "teacher ids" not in page
    assert response.status_code == 302
    assert sorted(need.expert_links.values_list("expert__name", flat=True)) == ["孙老师", "钱老师"]


def test_a_list_filters_by_the_organisation_picked_by_name(world):
    response = client_for(world["officer"]).get("/people/teachers/", {"organisation": world["school"].pk})

    results = response.content.decode().split('id="results"')[1]
    assert response.status_code == 200
    assert "钱老师" in results and "赵师傅" not in results


def test_a_school_picks_mentors_only_of_enterprises_it_works_with(world):
    stranger = make_org("enterprise", "无锡陌生企业")
    Teacher.objects.create(name="陌师傅", kind="mentor", organisation=stranger)
    school = client_for(world["school_user"])

    cooperating = school.get("/pick/cooperating-mentors/", {"field": "mentors", "mentors__search": "师傅"})
    narrowed = school.get(
        "/pick/cooperating-mentors/", {"field": "mentors", "organisation": stranger.pk, "mentors__search": ""}
    )

    assert "赵师傅" in cooperating.content.decode() and "陌师傅" not in cooperating.content.decode()
    assert "陌师傅" not in narrowed.content.decode()
