"""Evaluations and committed allocations go into the tamper-evident record log."""

from decimal import Decimal

from chanjiao.core.funding import InstitutionPolicy
from chanjiao.evaluation import funding
from chanjiao.evaluation.models import UnitResult
from chanjiao.ledger.records import get_record_type
from chanjiao.ledger.selectors import entry_for, record_status
from chanjiao.registry.models import ProgramYear, Region
from evaluation.evaluation_support import YEAR
from factories import SUZHOU, client_for


def test_an_evaluation_is_logged_and_a_score_changed_behind_the_services_shows(evaluation, city):
    kind = get_record_type("evaluation")
    entry = entry_for("evaluation", evaluation.pk)
    content = kind.content_of(evaluation.pk)
    assert entry is not None and entry.leaf.actor == "user:officer"
    assert content["config"] == evaluation.config
    assert [(r["unit_id"], r["colour"]) for r in content["results"]] == [
        (c.pk, colour)
        for c, colour in zip(city["carriers"], ["red", "green", "yellow", "green"], strict=True)
    ]
    assert record_status(kind, evaluation.pk).state == "pending"  # logged, awaiting the next signed head
    page = client_for(city["officer"]).get(f"/evaluation/evaluations/{evaluation.pk}/").content.decode()
    assert f"Evaluation logged · leaf {entry.leaf_id}" in page
    UnitResult.objects.filter(evaluation=evaluation, position=0).update(colour="green")
    assert record_status(kind, evaluation.pk).state == "altered"
    page = client_for(city["officer"]).get(f"/evaluation/evaluations/{evaluation.pk}/").content.decode()
    assert f"Evaluation changed outside the log (leaf {entry.leaf_id})" in page


def test_rank_intervals_added_later_do_not_alter_the_logged_record(evaluation):
    assert evaluation.uncertainty_status == "done"
    assert record_status(get_record_type("evaluation"), evaluation.pk).state == "pending"


def test_a_committed_allocation_is_logged_with_its_lines(city):
    ProgramYear.objects.create(program=city["program"], year=YEAR, enrolment=100)
    proposal = funding.propose_institutions(
        region=Region.objects.get(pk=SUZHOU),
        year=YEAR,
        budget=Decimal("1000.00"),
        policy=InstitutionPolicy(),
        base="equal",
    )
    allocation = funding.commit_allocation(actor=city["officer"], proposal=proposal)
    content = get_record_type("funding_allocation").content_of(allocation.pk)
    assert entry_for("funding_allocation", allocation.pk) is not None
    assert content["budget"] == Decimal("1000.00")
    page = client_for(city["officer"]).get(f"/evaluation/funding/{allocation.pk}/").content.decode()
    assert "Funding allocation logged · leaf" in page
    assert sorted(line["amount"] for line in content["lines"]) == [Decimal("500.00"), Decimal("500.00")]
