"""Funding reasons in the reader's language: stored in English, shown in Chinese on zh-hans pages."""

import io
import re
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from chanjiao.core.funding import InstitutionPolicy, RegionalPolicy
from chanjiao.evaluation import funding
from chanjiao.evaluation.funding_reasons import lines_with_reasons
from chanjiao.evaluation.models import FundingAllocation, FundingLine, UnitKind
from chanjiao.registry.models import ProgramYear, Region
from evaluation.evaluation_support import YEAR, file_return, run_district_evaluation
from factories import HUQIU, SUZHOU, WUZHONG, client_for, make_org

XIANGCHENG, GUSU = 320507, 320508
BUDGET = Decimal("1000000.00")
ROW = re.compile(r"<tr><td>([^<]*)</td>.*?<td><small>([^<]*)</small></td></tr>")
NOT_RATED = (
    "Not evaluated: no integration score, so neither incentive nor cut applies.",
    "未评价：没有产教融合得分，既不奖励也不扣减。",
)
# unit: (the stored English reason, the reason on the Chinese page)
INSTITUTION_REASONS = {
    "苏州示范职业技术学院": (
        "Performance 80.0 is above the benchmark-weighted mean 70.0: +30.0 % of the benchmark.",
        "绩效 80.0 高于按基准额加权的平均绩效 70.0：在基准额上浮动 +30.0%。",
    ),
    "苏州另一职业学院": (
        "Performance 60.0 is below the benchmark-weighted mean 70.0: -30.0 % of the benchmark.",
        "绩效 60.0 低于按基准额加权的平均绩效 70.0：在基准额上浮动 -30.0%。",
    ),
    "苏州第三职业学院": (
        "Performance 70.0 equals the reference: allocated at the benchmark.",
        "绩效 70.0 与参照值持平：按基准额拨付。",
    ),
    "苏州第四职业学院": (
        "No graduate retention rate: allocated at the benchmark.",
        "缺少毕业生留任率：按基准额拨付。",
    ),
}
REGION_REASONS = {
    "虎丘区": (
        "Appraisal score 100.0 is in the top 10 %: 20 % floating incentive.",
        "绩效考核得分 100.0 位列前 10%：获得 20% 的浮动奖励。",
    ),
    "吴中区": (
        "Below standard (has a red light): loses 10 % of the special subsidy.",
        "未达标（亮红灯）：扣减 10% 的专项补助。",
    ),
    "相城区": (
        "Up to standard (integration score 75.7): base subsidy.",
        "达标（产教融合得分 75.7）：拨付基础补助。",
    ),
    "姑苏区": (
        "Below standard (integration score 28.9 is below the standard 60): loses 10 % of the special subsidy.",
        "未达标（产教融合得分 28.9 低于达标线 60）：扣减 10% 的专项补助。",
    ),
    **dict.fromkeys(("吴江区", "常熟市", "张家港市", "昆山市", "太仓市"), NOT_RATED),
}


@pytest.fixture
def colleges(city):
    """Performance 80 (school), 60 (other school), 70 (third) and no retention rate (fourth)."""
    third = make_org("school", "苏州第三职业学院")
    fourth = make_org("school", "苏州第四职业学院")
    file_return(UnitKind.COLLEGE, city["school"].pk, certification_candidates=100, certification_passed=80,
                graduates_placed_with_partners=40, graduates_retained=32)  # fmt: skip
    file_return(UnitKind.COLLEGE, city["other_school"].pk, certification_candidates=50, certification_passed=30,
                graduates_placed_with_partners=20, graduates_retained=12)  # fmt: skip
    file_return(UnitKind.COLLEGE, third.pk, certification_candidates=100, certification_passed=70,
                graduates_placed_with_partners=10, graduates_retained=7)  # fmt: skip
    file_return(UnitKind.COLLEGE, fourth.pk, certification_candidates=100, certification_passed=70)
    return {**city, "third": third, "fourth": fourth}


def commit_institutions(colleges, policy=None, base="equal"):
    proposal = funding.propose_institutions(
        region=Region.objects.get(pk=SUZHOU),
        year=YEAR,
        budget=BUDGET,
        policy=policy or InstitutionPolicy(),
        base=base,
    )
    return funding.commit_allocation(actor=colleges["officer"], proposal=proposal)


@pytest.fixture
def districts(city):
    """Huqiu top, Wuzhong red, Xiangcheng up to standard (75.7), Gusu low (28.9), the rest not rated."""
    equipment = {"graduates": 100, "key_equipment_items": 10}
    evaluation = run_district_evaluation(
        city["officer"],
        {
            HUQIU: {"graduates_employed": 98, "key_equipment_failed": 0, **equipment},
            WUZHONG: {"graduates_employed": 70, "key_equipment_failed": 5, **equipment},
            XIANGCHENG: {"graduates_employed": 90, "key_equipment_failed": 1, **equipment},
            GUSU: {"graduates_employed": 75, "key_equipment_failed": 3, **equipment},
        },
        missing="exclude",
    )
    return {**city, "evaluation": evaluation}


def commit_regions(districts, policy=None, other_scores=None):
    proposal = funding.propose_regions(
        evaluation=districts["evaluation"],
        budget=BUDGET,
        policy=policy or RegionalPolicy(),
        base="equal",
        other_scores=other_scores,
    )
    return funding.commit_allocation(actor=districts["officer"], proposal=proposal)


def page(user, allocation, language, **query):
    return client_for(user).get(f"/evaluation/funding/{allocation.pk}/", query, HTTP_ACCEPT_LANGUAGE=language)


def stored_reasons(allocation):
    return dict(allocation.lines.values_list("unit_name", "reason"))


def reasons_shown(user, allocation, language):
    """Each unit's reason as the allocation page shows it."""
    return dict(ROW.findall(page(user, allocation, language).content.decode()))


@pytest.mark.django_db  # its fixtures come by name at run time: marked, it runs before transactional tests
@pytest.mark.parametrize(
    "units, commit, reasons",
    [("colleges", commit_institutions, INSTITUTION_REASONS), ("districts", commit_regions, REGION_REASONS)],
)
def test_the_chinese_page_words_each_reason_in_chinese(request, units, commit, reasons):
    given = request.getfixturevalue(units)
    allocation = commit(given)
    english = {unit: english for unit, (english, _chinese) in reasons.items()}
    assert stored_reasons(allocation) == english
    assert reasons_shown(given["officer"], allocation, "en") == english
    assert reasons_shown(given["officer"], allocation, "zh-hans") == {
        unit: chinese for unit, (_english, chinese) in reasons.items()
    }


def test_the_excel_export_follows_the_language(colleges):
    allocation = commit_institutions(colleges)
    exports = {
        language: page(colleges["officer"], allocation, language, format="xlsx")
        for language in ("zh-hans", "en")
    }
    reasons = {
        language: {row[0]: row[-1] for row in load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True)}
        for language, export in exports.items()
    }  # fmt: skip
    assert reasons["zh-hans"]["苏州第四职业学院"] == "缺少毕业生留任率：按基准额拨付。"
    assert reasons["en"]["苏州第四职业学院"] == "No graduate retention rate: allocated at the benchmark."


def test_the_preview_before_committing_is_in_the_readers_language(colleges):
    form = {"kind": "institutions", "year": YEAR, "budget": "1000000", "base": "equal", "float_band": "0.3",
            "certification_weight": "0.5", "retention_weight": "0.5", "action": "simulate"}  # fmt: skip
    client = client_for(colleges["officer"])
    chinese = client.post("/evaluation/funding/new/", form, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = client.post("/evaluation/funding/new/", form, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "绩效 80.0 高于按基准额加权的平均绩效 70.0：在基准额上浮动 +30.0%。" in chinese
    assert "技能证书通过率（%）" in chinese and "certification pass rate" not in chinese
    assert "Performance 80.0 is above the benchmark-weighted mean 70.0: +30.0 % of the benchmark." in english
    assert FundingAllocation.objects.count() == 0


def test_the_english_wording_is_the_stored_reason_for_every_line(colleges, districts):
    # given allocations with other rules, enrolment bases (two colleges weigh 0) and other appraisal items
    ProgramYear.objects.create(program=colleges["program"], year=YEAR, enrolment=300)
    ProgramYear.objects.create(program=colleges["other_program"], year=YEAR, enrolment=170)
    allocations = [
        commit_institutions(colleges),
        commit_institutions(colleges, base="enrolment"),
        commit_institutions(
            colleges, InstitutionPolicy(float_band=0.2, certification_weight=0.7, retention_weight=0.3)
        ),
        commit_regions(districts),
        commit_regions(
            districts,
            RegionalPolicy(
                top_fraction=0.5,
                incentive=0.15,
                shortfall_cut=0.25,
                standard_score=72.5,
                integration_weight=0.3,
            ),
            other_scores={XIANGCHENG: 91.0, GUSU: 40.0},
        ),  # fmt: skip
    ]
    # when the reasons are rebuilt in English
    with translation.override("en"):
        rebuilt = [line.reason_text for a in allocations for line in lines_with_reasons(a)]
    # then they are the sentences the rules wrote, line for line
    stored = [line.reason for a in allocations for line in a.lines.all()]
    assert rebuilt == stored
    assert len(set(stored)) > 12


def test_a_line_without_its_facts_keeps_the_stored_sentence(colleges, districts):
    institutions, regions = commit_institutions(colleges), commit_regions(districts)
    FundingLine.objects.filter(allocation=institutions, unit_id=colleges["third"].pk).update(inputs={})
    FundingLine.objects.filter(allocation=regions, unit_id=HUQIU).update(inputs={"integration_score": 100.0})
    institution_page = page(colleges["officer"], institutions, "zh-hans").content.decode()
    region_page = page(districts["officer"], regions, "zh-hans").content.decode()
    assert all(reason in institution_page for reason in stored_reasons(institutions).values())
    assert "Appraisal score 100.0 is in the top 10 %: 20 % floating incentive." in region_page
    assert "未达标（亮红灯）：扣减 10% 的专项补助。" in region_page


def test_rules_stored_in_another_shape_keep_the_stored_sentences(districts):
    allocation = commit_regions(districts)
    FundingAllocation.objects.filter(pk=allocation.pk).update(policy={"top_fraction": 0.1})
    chinese = page(districts["officer"], allocation, "zh-hans").content.decode()
    assert all(reason in chinese for reason in stored_reasons(allocation).values())


def test_the_api_returns_the_stored_english_reason(colleges):
    allocation = commit_institutions(colleges)
    response = client_for(colleges["officer"]).get(
        f"/api/evaluation/funding/{allocation.pk}", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert {line["unit_name"]: line["reason"] for line in response.json()["lines"]} == {
        unit: english for unit, (english, _chinese) in INSTITUTION_REASONS.items()
    }


def test_a_chinese_page_names_each_regions_standing_and_the_rules(districts):
    allocation = commit_regions(districts)

    shown = page(districts["officer"], allocation, "zh-hans").content.decode()

    assert "未达标" in shown and "排名前列" in shown
    assert "below_standard" not in shown and "top_fraction" not in shown
    assert "奖励地区比例 = 0.1" in shown
