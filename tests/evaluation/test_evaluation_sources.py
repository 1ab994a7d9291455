"""Indicators computed from platform records first, annual returns second, with their sources."""

import numpy as np
import pytest

from chanjiao.evaluation.indicators import FUNCTIONS, indicator_data, percent
from chanjiao.evaluation.models import AnnualReturn, UnitKind
from chanjiao.evaluation.sources import collect
from chanjiao.evaluation.units import Unit, units_of
from chanjiao.registry.models import Region, Teacher
from evaluation.evaluation_support import YEAR, file_return, place
from evaluation.technical_needs_records import evaluation_sources as technical_needs_records
from factories import SUZHOU, make_student


def carriers(city):
    return units_of(UnitKind.CARRIER, Region.objects.get(pk=SUZHOU), YEAR)


def test_rates_are_percentages_and_missing_denominators_give_nan():
    rates = percent(np.array([1.0, 5.0, 1.0]), np.array([4.0, 0.0, np.nan]))
    tallies = {
        f"satisfaction_{level}": np.array([n, 0.0])
        for level, n in zip(range(1, 6), [1.0, 0.0, 2.0, 3.0, 4.0], strict=True)
    }
    salary = FUNCTIONS["starting_salary_difference"].compute(
        {"median_starting_salary": np.array([5500.0]), "reference_starting_salary": np.array([5000.0])}
    )
    assert rates[0] == 25.0 and np.isnan(rates[1:]).all()
    assert FUNCTIONS["cooperation_satisfaction"].compute(tallies)[0] == 3.9  # (1 + 6 + 12 + 20) / 10
    assert np.isnan(FUNCTIONS["cooperation_satisfaction"].compute(tallies)[1])
    assert salary.tolist() == [10.0]


def test_participation_comes_from_placements_when_the_schools_record_them(city):
    # given carrier A (the school and two member enterprises); one of them hosted the school's student
    place(city["student"], city["enterprise"])
    AnnualReturn.objects.filter(unit_id=city["carriers"][0].pk).update(
        partner_enterprises=10, active_partner_enterprises=9
    )
    units = carriers(city)
    # when participation is computed
    data = indicator_data(["enterprise_participation_rate"], UnitKind.CARRIER, units, YEAR)
    # then A's rate is 1 of 2 from the platform, not the 9 of 10 its return claims
    cell = data.cells[[u.id for u in units].index(city["carriers"][0].pk)]["enterprise_participation_rate"]
    assert (cell["value"], cell["figures"]) == (
        50.0,
        {"partner_enterprises": 2.0, "active_partner_enterprises": 1.0},
    )
    assert cell["sources"] == [
        {"group": "participation", "kind": "platform", "label": "platform: carrier members and placements"}
    ]


def test_a_return_fills_in_where_the_platform_holds_nothing(city):
    # given carrier B, whose school records no placements, and its return reporting 1 of 4 partners active
    AnnualReturn.objects.filter(unit_id=city["carriers"][1].pk).update(
        partner_enterprises=4, active_partner_enterprises=1
    )
    units = carriers(city)
    data = indicator_data(["enterprise_participation_rate"], UnitKind.CARRIER, units, YEAR)
    position = [u.id for u in units].index(city["carriers"][1].pk)
    cell = data.cells[position]["enterprise_participation_rate"]
    assert (cell["value"], cell["sources"][0]["kind"], data.raw[position, 0]) == (25.0, "return", 25.0)


def test_a_unit_with_neither_records_nor_a_return_is_missing(city):
    units = carriers(city)
    collected = collect(["participation"], UnitKind.CARRIER, units, YEAR)
    assert np.isnan(collected.values["partner_enterprises"]).all()
    assert collected.sources["participation"] == [None, None, None, None]


def test_college_faculty_and_council_seats_come_from_the_registry(city):
    Teacher.objects.create(name="孙老师", kind="teacher", organisation=city["school"], dual_qualified=False)
    colleges = units_of(UnitKind.COLLEGE, Region.objects.get(pk=SUZHOU), YEAR)
    data = indicator_data(
        ["dual_qualified_teacher_share", "enterprise_council_seat_share"], UnitKind.COLLEGE, colleges, YEAR
    )
    position = [u.id for u in colleges].index(city["school"].pk)
    # the school has 2 teachers, 1 dual-qualified; it leads carriers A and C with 2 + 2 enterprise seats of 4
    assert data.raw[position].tolist() == [50.0, 100.0]


def test_enterprise_revenue_stays_private_on_the_cell(city):
    file_return(UnitKind.ENTERPRISE, city["enterprise"].pk, enterprise_education_spending=120)
    units = [Unit(UnitKind.ENTERPRISE, city["enterprise"].pk, "", None)]
    data = indicator_data(["enterprise_investment_intensity"], UnitKind.ENTERPRISE, units, YEAR)
    cell = data.cells[0]["enterprise_investment_intensity"]
    assert cell["value"] == 1.0  # 120 / 12,000 (10k yuan) x 100
    assert cell["figures"] == {"enterprise_education_spending": 120.0}
    assert [s["group"] for s in cell["sources"]] == ["investment", "partner_revenue"]


def test_enterprises_count_placements_hosted(city):
    other = make_student(city["program"], name="李四")
    place(city["student"], city["enterprise"])
    place(other, city["enterprise"])
    place(other, city["enterprise"], status="declined")
    units = units_of(UnitKind.ENTERPRISE, Region.objects.get(pk=SUZHOU), YEAR)
    data = indicator_data(["interns_hosted"], UnitKind.ENTERPRISE, units, YEAR)
    hosted = dict(zip([u.id for u in units], data.raw[:, 0].tolist(), strict=True))
    assert hosted[city["enterprise"].pk] == 2.0
    assert np.isnan(hosted[city["third_enterprise"].pk])


@pytest.fixture
def technical_needs_capability(settings):
    settings.DOMAIN_APPS = [*settings.DOMAIN_APPS, "evaluation.technical_needs_records"]
    yield technical_needs_records.RECORDS
    technical_needs_records.RECORDS.clear()


def test_another_capability_replaces_the_return_without_touching_the_engine(city, technical_needs_capability):
    # given a return reporting 10 of 10 needs solved, and the docking records showing 3 of 12
    AnnualReturn.objects.filter(unit_id=city["carriers"][0].pk).update(
        technical_needs=10, technical_needs_solved=10
    )
    technical_needs_capability[city["carriers"][0].pk] = (12, 3)
    units = carriers(city)
    # when the rate is computed, then the records win
    data = indicator_data(["technical_needs_solved_rate"], UnitKind.CARRIER, units, YEAR)
    cell = data.cells[[u.id for u in units].index(city["carriers"][0].pk)]["technical_needs_solved_rate"]
    assert cell["value"] == 25.0
    assert cell["sources"] == [
        {"group": "technical_needs", "kind": "platform", "label": "docking: technical needs"}
    ]
