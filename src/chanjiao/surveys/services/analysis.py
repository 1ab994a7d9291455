"""Running the full analysis (chanjiao.core.surveys.analyze) on a questionnaire's responses.

Small collections are analysed during the request (the paper-sized 600 responses take well under
a second); larger ones run as a background job with a progress page.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.surveys import analyze
from chanjiao.jobs.services import start_job
from chanjiao.surveys.modelling import check_model
from chanjiao.surveys.models import Analysis, AnalysisStatus, ItemKind, Questionnaire
from chanjiao.surveys.selectors import GROUP_COLUMN, response_frame, screening_rules

# Above this many responses the analysis runs in the background worker.
SYNCHRONOUS_LIMIT = 2000


def analysis_options(questionnaire: Questionnaire, analysis: Analysis) -> dict[str, Any]:
    """Keyword arguments of core ``analyze`` for this questionnaire and these choices."""
    items = list(questionnaire.items.all())
    modelled = set(check_model(analysis.model_syntax, {item.code: item.kind for item in items}).items)
    sent = questionnaire.invitations.count() + questionnaire.distributed_outside
    return {
        "ordinal": analysis.ordinal,
        "scale_points": questionnaire.scale_points,
        "reverse_keyed": [item.code for item in items if item.reverse_keyed and item.code in modelled],
        "screening": screening_rules(questionnaire),
        "group_columns": [GROUP_COLUMN, *[item.code for item in items if item.kind == ItemKind.CHOICE]],
        "sent": sent or None,
        "n_factors": analysis.n_factors,
        "rotation": None if analysis.rotation == "none" else analysis.rotation,
    }


def _check_ready(questionnaire: Questionnaire) -> None:
    if not questionnaire.model_syntax.strip():
        raise ValueError(_("Write the hypothesised model first: the analysis fits it to the responses."))
    if not questionnaire.responses.exists():
        raise ValueError(_("There are no responses to analyse yet."))
    check_model(questionnaire.model_syntax, dict(questionnaire.items.values_list("code", "kind")))


def run_analysis(analysis: Analysis, progress=None) -> Analysis:
    """Analyse now and store the report (or the reason it failed) on ``analysis``."""
    progress = progress or (lambda done, total, message="": None)
    questionnaire = analysis.questionnaire
    Analysis.objects.filter(pk=analysis.pk).update(status=AnalysisStatus.RUNNING)
    progress(0, 3, "reading responses")
    frame = response_frame(questionnaire)
    options = analysis_options(questionnaire, analysis)
    progress(1, 3, "screening, reliability, EFA and SEM")
    unexpected = None
    try:
        analysis.report, analysis.status = (
            analyze(frame, analysis.model_syntax, **options),
            AnalysisStatus.DONE,
        )
    except ValueError as error:  # the data or the model: a message for the person who asked
        analysis.status, analysis.error = AnalysisStatus.FAILED, str(error)
    except Exception as error:  # a bug: recorded on the analysis, then reported by the caller
        analysis.status, analysis.error = AnalysisStatus.FAILED, f"{type(error).__name__}: {error}"
        unexpected = error
    progress(2, 3, "saving the report")
    analysis.finished_at = timezone.now()
    analysis.save(update_fields=["status", "report", "error", "finished_at"])
    if unexpected is not None:
        raise unexpected
    progress(3, 3, str(analysis.status))
    return analysis


@transaction.atomic
def start_analysis(*, actor: User | None, questionnaire: Questionnaire, data: dict[str, Any]) -> Analysis:
    """Analyse the current responses with the current model. Up to SYNCHRONOUS_LIMIT responses
    the report is ready on return; a failure then raises ValueError and nothing is stored.
    Larger collections start the ``surveys.analyze`` job, whose page shows progress."""
    _check_ready(questionnaire)
    received = questionnaire.responses.count()
    analysis = Analysis.objects.create(
        questionnaire=questionnaire,
        model_syntax=questionnaire.model_syntax,
        received=received,
        created_by=actor,
        **data,
    )
    record_activity(actor=actor, verb="start_analysis", target=analysis, summary=str(questionnaire))
    if received <= SYNCHRONOUS_LIMIT:
        run_analysis(analysis)
        if analysis.status == AnalysisStatus.FAILED:
            raise ValueError(analysis.error)  # rolls the analysis back: nothing is stored
        return analysis
    analysis.job = start_job(
        kind="surveys.analyze",
        label=_("Survey analysis: %(title)s") % {"title": questionnaire},
        actor=actor,
        params={"analysis_id": analysis.pk},
    )
    analysis.save(update_fields=["job"])
    return analysis
