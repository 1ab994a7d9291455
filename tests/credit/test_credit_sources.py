"""The credit file reads other capabilities' records once those apps are installed: technical
needs solved (docking) and evaluation lights (evaluation)."""

import datetime as dt

import pytest
from django.apps import apps

from chanjiao.credit import sources


@pytest.mark.skipif(not apps.is_installed("chanjiao.docking"), reason="the docking app is not installed")
def test_solved_technical_needs_count_in_the_year_they_were_closed(world):
    need = apps.get_model("docking", "TechnicalNeed")
    common = {"enterprise": world["enterprise"], "description": "x", "region_id": 320505}
    need.objects.create(
        title="刀具磨损检测", status="solved", closed_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC), **common
    )
    need.objects.create(
        title="夹具优化", status="solved", closed_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC), **common
    )
    need.objects.create(
        title="放弃的需求", status="abandoned", closed_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC), **common
    )
    need.objects.create(title="进行中", status="in_progress", **common)

    solved = sources.technical_needs_solved([world["enterprise"].pk], range(2023, 2026))

    assert solved == {(world["enterprise"].pk, 2024): 1, (world["enterprise"].pk, 2025): 1}


@pytest.mark.skipif(
    not apps.is_installed("chanjiao.evaluation"), reason="the evaluation app is not installed"
)
def test_evaluation_lights_take_the_latest_run_and_the_worst_light_of_a_year(world):
    scheme_model, cycle_model = apps.get_model("evaluation", "Scheme"), apps.get_model("evaluation", "Cycle")
    evaluation_model, result_model = (
        apps.get_model("evaluation", "Evaluation"),
        apps.get_model("evaluation", "UnitResult"),
    )
    enterprise = world["enterprise"]

    def scheme(name):
        return scheme_model.objects.create(
            name=name,
            unit_kind="enterprise",
            region_id=320500,
            framework={},
            regional_weight_sets={},
            light_policy={},
        )

    def run(cycle, colour):
        evaluation = evaluation_model.objects.create(cycle=cycle, config={})
        result_model.objects.create(
            evaluation=evaluation,
            position=1,
            unit_kind="enterprise",
            unit_id=enterprise.pk,
            unit_name=enterprise.name,
            colour=colour,
            sentence="",
        )

    annual, partner = scheme("年度监测"), scheme("合作企业评价")
    cycle_2024 = cycle_model.objects.create(scheme=annual, year=2024, name="2024")
    run(cycle_2024, "red")
    run(cycle_2024, "green")  # a later run of the same cycle replaces the earlier one
    run(cycle_model.objects.create(scheme=annual, year=2025, name="2025"), "yellow")
    run(cycle_model.objects.create(scheme=partner, year=2025, name="2025"), "red")  # the worst of the year
    run(cycle_model.objects.create(scheme=partner, year=2023, name="2023"), "grey")  # not rated: no light

    lights = sources.evaluation_lights([enterprise.pk, world["other_enterprise"].pk], range(2023, 2026))

    assert lights == {(enterprise.pk, 2024): "green", (enterprise.pk, 2025): "red"}


@pytest.mark.skipif(not apps.is_installed("chanjiao.docking"), reason="the docking app is not installed")
def test_courses_codeveloped_count_once_in_the_year_they_started(world):
    course = apps.get_model("docking", "Course")
    enterprise = world["enterprise"]
    course.objects.create(program=world["program"], name="数控编程", co_developer=enterprise)
    other = course.objects.create(
        program=world["program"], name="机床维护", co_developer=world["other_enterprise"]
    )
    dated = course.objects.create(program=world["program"], name="精密测量")
    if apps.is_installed("chanjiao.tracking"):
        co_developer = apps.get_model("tracking", "CourseCoDeveloper")
        co_developer.objects.create(course=dated, organisation=enterprise, since=dt.date(2024, 3, 1))
        co_developer.objects.create(course=other, organisation=enterprise, since=dt.date(2019, 9, 1))

    courses = sources.courses_codeveloped([enterprise.pk], range(2023, 2026))

    expected = {(enterprise.pk, 2025): 1}
    if apps.is_installed("chanjiao.tracking"):
        expected[(enterprise.pk, 2024)] = 1  # the 2019 co-development started before the window
    assert courses == expected
