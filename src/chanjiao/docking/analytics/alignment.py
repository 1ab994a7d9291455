"""Cluster alignment: how closely a college's graduates match its region's demand.

Both are vectors over the same occupations (expected graduates spread through the crosswalk;
seats posted in the college's city). The score is their cosine similarity: 1 when the college
supplies occupations in exactly the proportions the region asks for, 0 when it supplies only
occupations nobody posts. It ignores scale (a small college can align perfectly with a big city).
"""

from __future__ import annotations

import numpy as np


def alignment_score(supply: np.ndarray, demand: np.ndarray) -> float:
    """Cosine similarity of two non-negative vectors (0 if either is all zeros).

    Examples
    --------
    >>> round(alignment_score(np.array([10.0, 0.0, 5.0]), np.array([20.0, 0.0, 10.0])), 6)
    1.0
    >>> alignment_score(np.array([1.0, 0.0]), np.array([0.0, 3.0]))
    0.0
    """
    return float(alignment_scores(np.atleast_2d(supply), np.atleast_2d(demand))[0])


def alignment_scores(supply: np.ndarray, demand: np.ndarray) -> np.ndarray:
    """Row-wise cosine similarity of two matrices of the same shape.

    Examples
    --------
    >>> alignment_scores(np.array([[1.0, 1.0], [1.0, 0.0]]), np.array([[2.0, 2.0], [1.0, 1.0]])).round(3).tolist()
    [1.0, 0.707]
    """
    supply = np.asarray(supply, dtype=float)
    demand = np.asarray(demand, dtype=float)
    if supply.shape != demand.shape:
        raise ValueError(f"supply {supply.shape} and demand {demand.shape} must have the same shape")
    if (supply < 0).any() or (demand < 0).any():
        raise ValueError("supply and demand must be non-negative")
    norms = np.linalg.norm(supply, axis=1) * np.linalg.norm(demand, axis=1)
    dots = np.einsum("ij,ij->i", supply, demand)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(norms > 0, np.clip(dots / np.where(norms > 0, norms, 1.0), 0.0, 1.0), 0.0)
