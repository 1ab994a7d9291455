from chanjiao.jobs.registry import job_kind


@job_kind("docking.refresh_supply_demand", max_attempts=3)
def refresh_supply_demand_job(*, job, progress):
    from chanjiao.docking.refresh import refresh_supply_demand

    run = refresh_supply_demand(actor=job.created_by, progress=progress)
    return {"run": run.pk, "cells": run.cells, "seconds": run.seconds, "postings": run.postings}


@job_kind("docking.retrain_coder")
def retrain_coder_job(*, job, progress):
    from chanjiao.docking.services.coder import retrain_coder

    model = retrain_coder(actor=job.created_by, progress=progress)
    return {"coder": model.pk, "examples": model.examples}
