"""Counterpart employment: is a graduate's occupation one their program prepares for?

CSCO 2022 codes have four levels, ``6`` (major group), ``6-18`` (medium), ``6-18-01`` (minor)
and ``6-18-01-01`` (fine occupation). A job counts as counterpart employment at level ``k``
when its code cut to ``k`` levels equals some crosswalk occupation of the program cut to ``k``
levels: level 4 asks for the very occupation, level 2 only for the same medium group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

CSCO_LEVELS = (1, 2, 3, 4)


def csco_prefix(code: str, level: int) -> str:
    """The code of the level-``level`` group an occupation code belongs to.

    Examples
    --------
    >>> csco_prefix("6-18-01-01", 2)
    '6-18'
    >>> csco_prefix("6-18", 4)
    '6-18'
    """
    if level not in CSCO_LEVELS:
        raise ValueError(f"CSCO level must be 1, 2, 3 or 4, got {level}.")
    return "-".join(code.strip().split("-")[:level])


def counterpart_matches(
    job_codes: Sequence[str | None], crosswalks: Sequence[Iterable[str]], level: int = 4
) -> np.ndarray:
    """Whether each job is within its program's crosswalk at a CSCO level.

    Parameters
    ----------
    job_codes : the occupation of each graduate's job (None or "" when not coded)
    crosswalks : for each graduate, the occupation codes of their program's crosswalk
    level : CSCO level at which codes are compared (1-4)

    Returns
    -------
    ndarray of bool, one per graduate; an uncoded job never matches. When a job or a crosswalk
    entry is coded only to a coarser level than ``level``, the two are compared at the finer
    level both codes allow (a job coded ``6-18`` matches a crosswalk entry ``6-18-01-01``).

    Examples
    --------
    >>> counterpart_matches(["6-18-01-07", "2-02-07-03", None], [["6-18-01-01"]] * 3, level=3).tolist()
    [True, False, False]
    >>> counterpart_matches(["6-18-01-07"], [["6-18-01-01"]], level=4).tolist()
    [False]
    """
    if len(job_codes) != len(crosswalks):
        raise ValueError(f"{len(job_codes)} job codes but {len(crosswalks)} crosswalks.")
    if level not in CSCO_LEVELS:
        raise ValueError(f"CSCO level must be 1, 2, 3 or 4, got {level}.")
    matches = np.zeros(len(job_codes), dtype=bool)
    for index, (code, crosswalk) in enumerate(zip(job_codes, crosswalks, strict=True)):
        if not code:
            continue
        job_parts = code.strip().split("-")
        for program_code in crosswalk:
            program_parts = program_code.strip().split("-")
            depth = min(level, len(job_parts), len(program_parts))
            if job_parts[:depth] == program_parts[:depth]:
                matches[index] = True
                break
    return matches
