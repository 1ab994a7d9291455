"""Fit the occupation coder's confidence calibration on development titles; write calibration.json.

    .venv/bin/python scripts/calibrate_coder.py            # fit, print the check, write the file
    .venv/bin/python scripts/calibrate_coder.py --dry-run  # fit and print only

The maps are fitted on the "tune" half of the job-board-style development titles
(tests/data/coding/occupation_titles_jobboard.csv), the hardest development titles there are (fitting
on the easier splits as well made the maps more confident on the held-out half than it deserved);
the other splits and the "check" half are held out and only scored. All of them are development data
written by the coder's own hands: the figures say how well the maps fit such titles, not how well
they hold on real job-board titles, which are harder (see docs/occupation-coding.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from chanjiao.core.coding import OccupationCoder, read_labelled_titles
from chanjiao.core.coding.calibration import STAGES, Calibration, expected_calibration_error
from chanjiao.core.coding.evaluation import jobboard_half

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "coding"
OUTPUT = ROOT / "src" / "chanjiao" / "data" / "coding" / "calibration.json"


def stage_outcomes(coder: OccupationCoder, rows) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Raw probability of each stage's candidate and whether it lies on the gold code's lineage."""
    candidates, raw = coder.stage_candidates([r.title for r in rows], [r.description for r in rows])
    lineages = [set(coder.hierarchy_.lineage(r.code)) for r in rows]
    right = {
        stage: np.array(
            [str(code) in lineage for code, lineage in zip(candidates[stage], lineages, strict=True)]
        )
        for stage in STAGES
    }
    return raw, right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the check without writing the file")
    parser.add_argument("--method", choices=["isotonic", "platt"], default="platt")
    args = parser.parse_args()
    coder = OccupationCoder(calibrated=False).fit()
    jobboard = read_labelled_titles(DATA / "occupation_titles_jobboard.csv")
    fitting = [r for r in jobboard if jobboard_half(r) == "tune"]
    held_out = {
        "development split": read_labelled_titles(DATA / "occupation_titles_dev.csv"),
        "former evaluation split": read_labelled_titles(DATA / "occupation_titles_eval.csv"),
        "job-board style, check half": [r for r in jobboard if jobboard_half(r) == "check"],
    }
    raw, right = stage_outcomes(coder, fitting)
    calibration = Calibration.fit(raw, right, method=args.method)
    print(f"Fitted on {len(fitting)} development titles.")
    for name, rows in {"fitting titles": fitting, **held_out}.items():
        raw, right = stage_outcomes(coder, rows)
        errors = ", ".join(
            f"stage {stage} ECE {expected_calibration_error(raw[stage], right[stage]):.3f} raw -> "
            f"{expected_calibration_error(calibration.apply(stage, raw[stage]), right[stage]):.3f}"
            for stage in STAGES
        )
        print(f"  {name} ({len(rows)}): {errors}")
    if not args.dry_run:
        OUTPUT.write_text(calibration.to_json() + "\n", encoding="utf-8")
        print(f"Wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
