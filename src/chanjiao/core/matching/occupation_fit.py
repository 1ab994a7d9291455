"""How well a program prepares for a seat's occupation, from CSCO 2022 codes.

A program targets one or more occupations and a seat is coded to one; the fit is the share of
classification levels they share, counted on the less specific of the two codes, so a seat coded
only to a minor group fits every program aimed at an occupation inside that group.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def _levels(code: str) -> list[str]:
    parts = code.split("-")
    if len(parts) != 4 or not all(part.isdigit() for part in parts):
        raise ValueError(f"not a CSCO code: {code!r}")
    return parts


def csco_similarity(first: str, second: str) -> float:
    """Share of CSCO levels two occupation codes have in common, on the less specific one.

    Levels coded ``00`` are absent (the classification skips levels in places), so they neither
    count as shared nor towards a code's depth.

    Parameters
    ----------
    first, second : str
        CSCO 2022 codes such as ``"2-02-09-04"``.

    Returns
    -------
    float
        1.0 when one code contains the other, 0.0 when the major groups differ.

    Examples
    --------
    >>> csco_similarity("2-02-09-04", "2-02-09-05")
    0.75
    >>> csco_similarity("2-02-09-04", "2-02-09-00")
    1.0
    >>> csco_similarity("2-02-09-04", "6-18-01-01")
    0.0
    """
    first_levels, second_levels = _levels(first), _levels(second)
    shared = 0
    for mine, theirs in zip(first_levels, second_levels, strict=True):
        if mine != theirs:
            break
        if mine != "00":
            shared += 1
    depth = min(
        sum(part != "00" for part in first_levels),
        sum(part != "00" for part in second_levels),
    )
    return shared / depth if depth else 0.0


def occupation_fit_matrix(program_targets: Sequence[Sequence[str]], occupations: Sequence[str]) -> np.ndarray:
    """Fit of every program to every occupation: the best similarity over the program's targets.

    Parameters
    ----------
    program_targets : sequence of sequences of str
        For each program, the CSCO codes of the occupations it prepares for (may be empty).
    occupations : sequence of str
        The CSCO codes seats are coded to.

    Returns
    -------
    ndarray of float64, shape (n_programs, n_occupations)

    Examples
    --------
    >>> occupation_fit_matrix([["6-18-01-01"], []], ["6-18-01-01", "6-18-02-01"]).tolist()
    [[1.0, 0.5], [0.0, 0.0]]
    """
    fit = np.zeros((len(program_targets), len(occupations)))
    for row, targets in enumerate(program_targets):
        for column, occupation in enumerate(occupations):
            fit[row, column] = max((csco_similarity(target, occupation) for target in targets), default=0.0)
    return fit
