"""An external respondent opens their invitation link, reads the form in Chinese, answers and is
told the link is used up; the owner then sees the response."""

import pytest

from chanjiao.surveys.models import Response
from chanjiao.surveys.services import create_from_template, invite

# The live server needs committed data; the reference tables loaded by migrations are restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CODES = [f"{c}{n}" for c in ("EP", "CG", "SS", "TQ") for n in range(1, 6)]


def test_an_external_respondent_answers_through_the_link(world, page):
    survey = create_from_template(actor=world["officer"], owner=world["suzhou_bureau"])
    _invitation, token = invite(
        actor=world["officer"], questionnaire=survey, target_group="enterprise_hr", respondents=[("张经理", "")],
        organisation=world["enterprise"],
    )[0]  # fmt: skip
    link = f"{page.base_url}/surveys/respond/{token}/"

    page.goto(link)
    page.select_option("#language-select", "zh-hans")
    page.wait_for_selector("text=企业参与了专业设置和人才培养方案的共同制定。")
    page.click("text=提交答卷")
    assert "请回答此题。" in page.inner_text("#question-EP1")

    for number, code in enumerate(CODES):
        page.check(f"input[name={code}][value='{4 if number % 3 else 5}']")
    page.click("text=提交答卷")
    page.wait_for_selector("#thanks")
    assert "您的答卷已收到" in page.inner_text("#thanks")

    page.goto(link)
    assert "此链接已被使用" in page.inner_text("#link-unavailable")
    response = Response.objects.get()
    assert response.organisation == world["enterprise"] and response.answers["EP1"] == 5
    assert response.answers["EP2"] == 4 and response.duration_seconds > 0
