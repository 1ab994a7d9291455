from chanjiao.evaluation.models import Evaluation, UncertaintyStatus
from chanjiao.evaluation.runs import compute_rank_intervals
from chanjiao.jobs.registry import job_kind


@job_kind("evaluation.rank_intervals", max_attempts=3)
def rank_intervals_job(*, job, progress, evaluation_id: int):
    """Monte Carlo rank intervals of a large evaluation, in the background."""
    evaluation = Evaluation.objects.get(pk=evaluation_id)
    progress(0, 1, "Monte Carlo")
    try:
        evaluation = compute_rank_intervals(evaluation=evaluation)
    except Exception:
        Evaluation.objects.filter(pk=evaluation_id).update(uncertainty_status=UncertaintyStatus.FAILED)
        raise
    progress(1, 1, "done")
    return {"evaluation": evaluation.pk, "units": evaluation.unit_count, **evaluation.sensitivity}
