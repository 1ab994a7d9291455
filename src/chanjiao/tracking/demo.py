"""The tracking records of the demo city (after placements and the docking app's courses).

At province scale nothing is added: a million students' five-year careers would make the demo
slow to build without showing anything the city does not.
"""

from __future__ import annotations

import numpy as np
from django.db.models import Count

from chanjiao.demo.generator import CURRENT_YEAR
from chanjiao.registry.models import Organisation, Program, Student
from chanjiao.tracking import demo_careers, demo_compliance, demo_curriculum, demo_training


def populate_tracking(*, dataset, progress) -> dict[str, int]:
    if dataset.scale != "city":
        return {}
    rng = np.random.default_rng(dataset.seed + 9_000)
    region = dataset.region
    schools = list(
        Organisation.objects.filter(kind="school", region__path__startswith=region.path).order_by("pk")
    )
    programs = list(Program.objects.filter(school__in=schools).select_related("school").order_by("pk"))
    facts = demo_curriculum.curriculum(rng, programs, region.path)
    counts = {
        "course_change_requests": demo_curriculum.change_requests(
            rng, programs, facts, demo_training.TODAY, region.path
        ),
        "teachers_with_evidence": demo_curriculum.teachers(rng, schools, programs, facts, region.path),
    }
    per_cohort = dict(
        Student.objects.filter(school__in=schools, year=CURRENT_YEAR - 1)
        .values("program_id")
        .annotate(n=Count("pk"))
        .values_list("program_id", "n")
    )
    cohorts = demo_careers.Alumni(rng, region=region, programs=programs, facts=facts).generate(per_cohort)
    counts |= {
        "alumni": cohorts.students,
        "alumni_placements": cohorts.placements,
        "graduates": cohorts.graduates,
        "career_records": cohorts.records,
    }
    counts["follow_up_invitations"] = demo_careers.follow_up_waves(schools)
    demo_training.mentor_account()
    counts |= demo_training.trainings(rng, region.path, facts)
    counts["certification_exams"] = demo_training.exams(rng, region.path, facts)
    counts["xapi_statements"] = demo_training.learning_records(rng, region.path)
    # its own stream, so the records above stay as they were before agreements were generated
    counts |= demo_compliance.agreements(np.random.default_rng(dataset.seed + 9_500), region.path)
    return counts
