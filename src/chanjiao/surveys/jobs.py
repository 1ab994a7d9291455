"""Background analysis of large collections (registered when the app is ready)."""

from django.urls import reverse

from chanjiao.jobs.registry import job_kind
from chanjiao.surveys.models import Analysis
from chanjiao.surveys.services.analysis import run_analysis


@job_kind("surveys.analyze", max_attempts=3)
def analyze_survey(*, job, progress, analysis_id: int) -> dict:
    analysis = run_analysis(Analysis.objects.select_related("questionnaire").get(pk=analysis_id), progress)
    if analysis.error:
        raise ValueError(analysis.error)
    return {
        "analysis": analysis.pk,
        "valid_responses": analysis.report["n"],
        "report": reverse("surveys:analysis", args=[analysis.pk]),
    }
