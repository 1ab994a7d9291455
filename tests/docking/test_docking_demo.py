"""The demo's docking data on a small city: postings coded by the coder with the story the
dashboard tells, needs mined and solved like the seeds' consortium, resources, calls, advice."""

import pytest

from chanjiao.demo.models import DemoDataset
from chanjiao.docking.demo import populate_docking, refresh_demo_table
from chanjiao.docking.models import Advice, CodingFeedback, Posting, SupplyDemandCell, TechnicalNeed
from chanjiao.registry.models import ProgramOccupation, ProgramYear, Region
from factories import make_org, make_program

SUZHOU = 320500


@pytest.fixture
def demo_city(docking):
    care = make_program(docking["school"], code="590302", name="智慧健康养老服务与管理", capacity=100)
    accounting = make_program(docking["other_school"], code="530302", name="大数据与会计", capacity=150)
    ProgramOccupation.objects.create(program=care, occupation_id="4-10-01-05", weight=1.0)
    ProgramOccupation.objects.create(program=accounting, occupation_id="2-06-03-00", weight=1.0)
    for year in range(2021, 2026):
        ProgramYear.objects.update_or_create(
            program=care, year=year, defaults={"enrolment": 100, "expected_graduates": 90}
        )
        ProgramYear.objects.update_or_create(
            program=accounting, year=year, defaults={"enrolment": 150, "expected_graduates": 140}
        )
    for industry, name in (
        ("Q", "苏州康养服务有限公司"),
        ("J", "苏州财务咨询有限公司"),
        ("F", "苏州商贸有限公司"),
    ):
        make_org("enterprise", name, industry=industry, employees=300)
    dataset = DemoDataset.objects.create(scale="city", seed=11, region=Region.objects.get(pk=SUZHOU))
    quiet = lambda done, total, message="": None  # noqa: E731
    counts = populate_docking(dataset=dataset, progress=quiet)
    counts |= refresh_demo_table(dataset=dataset, progress=quiet)
    return {**docking, "counts": counts, "care": care, "accounting": accounting}


def test_the_demo_writes_every_kind_of_record_and_tells_the_story(demo_city):
    counts = demo_city["counts"]

    def gap(code):
        return SupplyDemandCell.objects.get(level=4, occupation_id=code, region_id=SUZHOU, year=2025).gap

    assert counts["postings"] == Posting.objects.count() > 1000
    assert counts["coding_feedback"] == CodingFeedback.objects.count() > 0
    assert Posting.objects.filter(code_status="overridden").exists()
    assert not Posting.objects.filter(published_on__year__lt=2021).exists()
    assert counts["technical_needs"] == TechnicalNeed.objects.count() == 256
    assert TechnicalNeed.objects.filter(carrier=demo_city["consortium"]).count() == 216
    assert TechnicalNeed.objects.filter(carrier=demo_city["consortium"], status="solved").count() == 116
    assert counts["courses"] > 0 and counts["shared_resources"] > 0 and counts["cooperation_calls"] > 0
    assert counts["supply_demand_cells"] == SupplyDemandCell.objects.count()
    assert gap("4-10-01-05") > 0  # elder care: short
    assert gap("2-06-03-00") < 0  # accounting: surplus
    assert Advice.objects.get(program=demo_city["care"]).recommendation == "expand"
    assert Advice.objects.get(program=demo_city["accounting"]).recommendation == "warn"
