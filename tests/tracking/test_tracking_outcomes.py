"""Outcome figures from the records: employment, counterpart employment, retention, salary
difference, certification, curriculum and the outcomes page and API."""

import datetime as dt

import pytest

from chanjiao.docking.models import Course
from chanjiao.registry.models import ProgramOccupation
from chanjiao.registry.services import set_crosswalk
from chanjiao.tracking import outcomes
from chanjiao.tracking.models import CareerRecord, CertificationExam, CourseRevision, Graduate
from factories import client_for, make_program, make_student


def record(graduate, years_after=0, **fields):
    data = {"destination": "employed", "source": "entry", **fields}
    return CareerRecord.objects.create(graduate=graduate, years_after=years_after, **data)


@pytest.fixture
def careers(world):
    """Ten 2024 graduates of the school's program (crosswalk 6-18-01-01) with known destinations."""
    set_crosswalk(actor=None, program=world["program"], entries=[("6-18-01-01", 0.6), ("6-18-01-02", 0.4)])
    graduates = [
        Graduate.objects.create(
            student=make_student(world["program"], year=2021),
            graduation_year=2024,
            cooperating_enterprise=world["enterprise"],
        )
        for _ in range(10)
    ]
    # 6 employed (4 counterpart at the fine level, 1 same minor group, 1 elsewhere), 1 self-employed
    # uncoded, 1 further study, 2 seeking
    codes = ["6-18-01-01", "6-18-01-01", "6-18-01-02", "6-18-01-02", "6-18-01-07", "2-02-07-03"]
    for graduate, code in zip(graduates, codes, strict=False):
        record(
            graduate,
            occupation_id=code,
            salary_band="5000_5999",
            with_cooperating_enterprise=code.startswith("6-18"),
        )
    record(graduates[6], destination="self_employed")
    record(graduates[7], destination="further_study")
    record(graduates[8], destination="seeking", with_cooperating_enterprise=False)
    record(graduates[9], destination="seeking", with_cooperating_enterprise=False)
    # a year on, of the 5 who joined the cooperating enterprise 3 answered: 2 still there
    for graduate, still in zip(graduates[:3], (True, True, False), strict=True):
        record(graduate, years_after=1, occupation_id="6-18-01-01", with_cooperating_enterprise=still)
    return graduates


def test_employment_leaves_further_study_out_of_the_labour_market(world, careers):
    result = outcomes.employment_rate(world["program"], 2024)

    assert (result.numerator, result.denominator) == (7, 9)
    assert outcomes.employment_rate(world["school"], 2023).value is None


@pytest.mark.parametrize(("level", "matched"), [(4, 4), (3, 5), (1, 5)])
def test_counterpart_employment_depends_on_the_csco_level(world, careers, level, matched):
    result = outcomes.counterpart_rate(world["program"], 2024, level=level)

    assert (result.numerator, result.denominator) == (matched, 7)


def test_retention_counts_those_who_joined_and_answered_a_year_on(world, careers):
    result = outcomes.retention_rate(world["school"], 2024, years_after=1)

    assert (result.numerator, result.denominator, round(result.value, 4)) == (2, 3, 0.6667)


def test_starting_salary_uses_band_midpoints(world, careers):
    summary = outcomes.starting_salary(world["program"], 2024)

    assert (summary.graduates, summary.mean, summary.median) == (6, 5500.0, 5500.0)


def test_the_matched_salary_difference_compares_within_level_and_occupation_group(world, careers):
    # given a non-cooperative program at the other school, graduates in the same occupation groups
    # earning 4,500 (the school's program becomes cooperative by co-developing a course)
    Course.objects.create(
        program=world["program"], name="数控加工", hours=64, co_developer=world["enterprise"]
    )
    plain = world["other_program"]
    for code in ("6-18-01-01", "6-18-01-02", "2-02-07-03"):
        graduate = Graduate.objects.create(student=make_student(plain, year=2021), graduation_year=2024)
        record(graduate, occupation_id=code, salary_band="4000_4999")

    region = world["school"].region.parent
    difference = outcomes.salary_difference(region, 2024, n_bootstrap=200)
    for_school = outcomes.salary_difference(world["school"], 2024, n_bootstrap=200)
    plain_program = outcomes.salary_difference(plain, 2024, n_bootstrap=200)

    # strata higher|6-18 (5 cooperative, 2 not) and higher|2-02 (1 and 1): +1000 in both
    assert (difference.difference, difference.relative) == pytest.approx((1000.0, 1000 / 4500))
    assert difference.interval == pytest.approx((1000.0, 1000.0))
    assert (difference.cooperative_graduates, difference.non_cooperative_graduates, difference.strata) == (
        6,
        3,
        2,
    )
    assert for_school.difference == pytest.approx(1000.0)
    assert plain_program is None


def test_certification_pass_rate_counts_students_not_attempts(world):
    student = world["student"]
    other = make_student(world["program"])
    CertificationExam.objects.create(
        student=student, name="车工（四级）", exam_date=dt.date(2025, 5, 1), passed=False
    )
    CertificationExam.objects.create(
        student=student, name="车工（四级）", exam_date=dt.date(2025, 11, 1), passed=True, certificate_no="C1"
    )
    CertificationExam.objects.create(
        student=other, name="车工（四级）", exam_date=dt.date(2025, 11, 1), passed=False
    )

    result = outcomes.certification_pass_rate(world["program"], 2025)

    assert (result.numerator, result.denominator) == (1, 2)


def test_curriculum_update_frequency_counts_revisions_with_an_enterprise_per_program(world, curriculum):
    course = curriculum["course"]
    for version, with_enterprise in ((2, True), (3, True), (4, False)):
        CourseRevision.objects.create(
            course=course,
            version=version,
            revised_on=dt.date(2025, 3, version),
            summary="x",
            hours=96,
            practical_hours=64,
            with_enterprise=with_enterprise,
        )
    make_program(world["school"], code="460104", name="工业设计")

    assert outcomes.curriculum_update_frequency(world["program"], 2025) == 2.0
    assert outcomes.curriculum_update_frequency(world["school"], 2025) == 1.0
    assert outcomes.curriculum_update_frequency(world["school"], 2024) == 0.0


def test_practical_share_uses_designs_then_the_course_kind(world, curriculum):
    Course.objects.create(program=world["program"], name="综合实训", kind="practice", hours=40)
    Course.objects.create(program=world["program"], name="电工电子", kind="integrated", hours=33)

    share = outcomes.practical_share(world["program"])

    assert (share.practical_hours, share.hours) == (64 + 40 + 16, 96 + 64 + 40 + 33)


def test_a_unit_must_be_a_program_school_region_or_none(world):
    with pytest.raises(ValueError, match="A unit is a program, a school, a region or None"):
        outcomes.employment_rate(world["enterprise"], 2024)


def test_the_outcomes_page_and_api_respect_scope(world, careers):
    officer = client_for(world["officer"])

    page = officer.get("/outcomes/", {"year": 2024, "level": "program"})
    minor_group = officer.get("/outcomes/", {"year": 2024, "level": "program", "csco_level": "3"})
    export = officer.get("/outcomes/", {"year": 2024, "format": "xlsx"})
    api = officer.get(
        "/api/tracking/outcomes",
        {"unit": "program", "id": world["program"].pk, "year": 2024, "bootstrap": False},
    ).json()
    nanjing = client_for(world["nanjing_officer"]).get(
        "/api/tracking/outcomes", {"unit": "school", "id": world["school"].pk, "year": 2024}
    )
    enterprise = client_for(world["enterprise_user"]).get("/outcomes/")
    other_school = client_for(world["other_school_user"]).get(
        "/api/tracking/outcomes", {"unit": "program", "id": world["program"].pk, "year": 2024}
    )

    assert page.status_code == 200 and "77.8 %" in page.content.decode() and "57.1 %" in page.content.decode()
    assert "71.4 %" in minor_group.content.decode()  # 5 of 7 in the same minor group
    assert export.status_code == 200
    assert (
        api["employment_rate"]["numerator"],
        api["employment_rate"]["denominator"],
        api["counterpart_rate"]["numerator"],
    ) == (7, 9, 4)
    assert (nanjing.status_code, enterprise.status_code, other_school.status_code) == (403, 403, 403)
    assert ProgramOccupation.objects.count() == 2


def test_the_bulk_figures_agree_with_the_single_unit_ones(world, careers, curriculum):
    from chanjiao.registry.models import Program

    CertificationExam.objects.create(
        student=world["student"],
        name="车工（四级）",
        exam_date=dt.date(2024, 5, 1),
        passed=True,
        certificate_no="C9",
    )
    programs = Program.objects.all()

    by_program = outcomes.outcomes_by(2024, programs=programs, by="program")
    by_school = outcomes.outcomes_by(2024, programs=programs, by="school")

    for unit, figures in (
        (world["program"], by_program[world["program"].pk]),
        (world["school"], by_school[world["school"].pk]),
    ):
        assert figures["employment"] == outcomes.employment_rate(unit, 2024)
        assert figures["counterpart"] == outcomes.counterpart_rate(unit, 2024)
        assert figures["retention"] == outcomes.retention_rate(unit, 2023)
        assert figures["salary"] == outcomes.starting_salary(unit, 2024)
        assert figures["certification"] == outcomes.certification_pass_rate(unit, 2024)
        assert figures["practical"] == outcomes.practical_share(unit)
        assert figures["update_frequency"] == outcomes.curriculum_update_frequency(unit, 2024)
    assert by_school[world["school"].pk]["dual_qualified"] == outcomes.dual_qualified_share(
        world["school"], 2024
    )
    assert (
        by_program[world["program"].pk]["employment"].numerator,
        by_program[world["other_program"].pk]["employment"].value,
    ) == (7, None)


def test_the_evaluation_reads_the_figures_of_colleges_from_the_records(world, careers, curriculum):
    from types import SimpleNamespace

    from chanjiao.tracking.evaluation_sources import PROVIDERS

    CertificationExam.objects.create(
        student=world["student"],
        name="车工（四级）",
        exam_date=dt.date(2024, 5, 1),
        passed=True,
        certificate_no="C1",
    )
    colleges = [SimpleNamespace(id=world["school"].pk), SimpleNamespace(id=world["other_school"].pk)]

    def figures(group):
        _label, provider = PROVIDERS[(group, "college")]
        return provider(colleges, 2024)

    assert figures("graduates") == {
        world["school"].pk: {"graduates": 9, "graduates_employed": 7, "graduates_counterpart_employed": 4}
    }
    assert figures("certification") == {
        world["school"].pk: {"certification_candidates": 1, "certification_passed": 1}
    }
    assert figures("teaching") == {
        world["school"].pk: {"practical_course_hours": 64, "total_course_hours": 160}
    }
    assert figures("retention") == {}  # the 2023 cohort has no records: the annual return is used
    career = figures("career")
    assert career == {}  # careers count the five cohorts before the evaluation year
    # the self-employed graduate counts as innovating (an own business)
    later = PROVIDERS[("career", "college")][1](colleges, 2025)
    assert later == {
        world["school"].pk: {
            "tracked_graduates": 10,
            "tracked_promoted": 0,
            "tracked_stable": 0,
            "tracked_innovating": 1,
        }
    }
