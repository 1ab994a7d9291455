"""Scope edges the review found: each page answers only those the policy names (issue "Roles and
trust", hole 8), and refusals speak the reader's language."""

from chanjiao.accounts.models import Role
from chanjiao.tracking.models import XapiSource
from factories import client_for, make_carrier, make_user


def test_a_learning_record_platform_is_its_leads_and_its_officers_only(world):
    # given a virtual platform led by the school
    carrier = make_carrier(world["school"], kind="virtual_simulation", name="虚拟仿真实训平台")
    source = XapiSource.objects.create(carrier=carrier, home_page="https://lrs.example.edu.cn/")
    teacher_user = make_user(Role.TEACHER, world["school"], "platform_teacher")
    url = f"/learning-records/platforms/{source.pk}/"
    # then its lead's office and the officer see it; nobody else learns that it exists
    assert client_for(world["school_user"]).get(url).status_code == 200
    assert client_for(world["officer"]).get(url).status_code == 200
    for user in (world["student_user"], teacher_user, world["enterprise_user"], world["nanjing_officer"]):
        assert client_for(user).get(url).status_code == 404, user.username
        assert (
            "lrs.example.edu.cn" not in client_for(user).get("/learning-records/platforms/").content.decode()
        )


def test_a_refusal_names_who_may_in_the_readers_language(world):
    client = client_for(world["enterprise_user"])

    english = client.patch(
        f"/api/programs/{world['program'].pk}",
        "{}",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    chinese = client.get(f"/programs/{world['program'].pk}/edit/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert english.status_code == 403
    assert "representatives of its school" in english.json()["detail"]
    assert chinese.status_code == 403
    assert "只有" in chinese.content.decode() and "平台管理员" in chinese.content.decode()
