from chanjiao.jobs.registry import job_kind


@job_kind("matching.run_round", max_attempts=3)
def run_round_job(*, job, progress, round_id):
    from chanjiao.matching.models import MatchingRound
    from chanjiao.matching.services import run_round

    run = run_round(rnd=MatchingRound.objects.get(pk=round_id), actor=job.created_by, progress=progress)
    report = run.report
    return {
        "round": round_id,
        "run": run.pk,
        "stage": run.stage,
        "students": report["students"],
        "matched": report["matched"],
        "seats_filled": report["seats_filled"],
        "blocking_pairs": report["stability"]["blocking_pairs"],
        "lottery_seed": run.lottery_seed,
        "seconds": run.seconds,
    }
