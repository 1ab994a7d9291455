from chanjiao.demo.generator import generate
from chanjiao.jobs.registry import job_kind


@job_kind("demo.generate", max_attempts=3)
def generate_demo(*, job, progress, scale: str = "city", seed: int = 1):
    dataset = generate(scale=scale, seed=seed, progress=progress)
    return {"scale": dataset.scale, "seed": dataset.seed, "counts": dataset.counts}
