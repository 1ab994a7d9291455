"""The demo round: opened by the city's education bureau over the published seat postings,
students' lists of eligible positions filled in, ready for the officer to run."""

import pytest

from chanjiao.demo.models import DemoDataset
from chanjiao.docking.models import TechnicalNeed
from chanjiao.matching.demo_round import populate_round
from chanjiao.matching.models import ExpertInvitation, MatchingRound, StudentChoice
from chanjiao.matching.selectors import positions_for_student
from chanjiao.matching.services import allow_run, run_round
from chanjiao.registry.models import Organisation, Region, Teacher


@pytest.fixture
def dataset(market):
    dataset = DemoDataset.objects.create(scale="city", seed=3, region=Region.objects.get(pk=320500))
    dataset.organisations.set(Organisation.objects.exclude(pk=market["nanjing_bureau"].pk))
    TechnicalNeed.objects.create(
        enterprise=market["enterprise"],
        title="车削加工效率提升",
        field="数控车削",
        description="提高车削效率",
        region_id=320505,
    )
    Teacher.objects.create(name="孙老师", organisation=market["school"], expertise="数控车削、数控编程")
    return dataset


def test_the_demo_round_is_ready_for_the_officer_to_run(dataset, market):
    counts = populate_round(dataset=dataset)

    rnd = MatchingRound.objects.get()
    assert (rnd.organiser, rnd.status, rnd.lottery_seed) == (market["suzhou_bureau"], "ranking", 3)
    assert (counts["matching_rounds"], counts["round_positions"], counts["round_students"]) == (1, 4, 4)
    assert counts["ranked_lists"] == StudentChoice.objects.values("participant").distinct().count() > 0
    for participant in rnd.participants.all():
        listed = [o for o in positions_for_student(participant, "main") if o.rank is not None]
        assert all(option.eligible for option in listed)
    assert counts["expert_invitations"] == ExpertInvitation.objects.count() == 1
    allow_run(actor=market["officer"], rnd=rnd, reason="演示：提前运行")  # ranking is still open
    assert run_round(rnd=rnd, actor=market["officer"]).report["stability"]["stable"]


def test_the_province_demo_has_no_round(dataset):
    dataset.scale = "province"

    assert populate_round(dataset=dataset) == {}
    assert not MatchingRound.objects.exists()
