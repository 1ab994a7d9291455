"""Variance-based (Sobol) sensitivity estimators, vectorised over many outputs at once.

The Saltelli design evaluates the model at two independent base samples ``A`` and ``B`` and at
``AB_i`` (``A`` with input ``i`` taken from ``B``). From those outputs:

- first-order index ``S_i = mean(f(B) * (f(AB_i) - f(A))) / Var(f)`` (Saltelli et al. 2010): the
  share of output variance that input ``i`` explains on its own;
- total index ``ST_i = mean((f(A) - f(AB_i))^2) / (2 Var(f))`` (Jansen 1999): the share including
  every interaction ``i`` takes part in.

These are the estimators SALib's ``sobol.analyze`` uses, including its centring of the outputs on
their overall mean; here any trailing axes (for example one output per evaluated unit) are
handled in one pass instead of one SALib call per output.
"""

from __future__ import annotations

import numpy as np


def sobol_indices(
    outputs_a: np.ndarray, outputs_b: np.ndarray, outputs_ab: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """First-order and total Sobol indices from Saltelli-design model outputs.

    Parameters
    ----------
    outputs_a, outputs_b : arrays of shape (n_base, ...)
        Outputs at the base samples ``A`` and ``B``.
    outputs_ab : array of shape (n_inputs, n_base, ...)
        ``outputs_ab[i]`` are the outputs at ``A`` with input ``i`` replaced by ``B``'s.

    Returns
    -------
    first_order, total : arrays of shape (n_inputs, ...)
        Outputs that never vary get 0 for every input.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> a, b = rng.random((4096, 2)), rng.random((4096, 2))
    >>> model = lambda x: x[:, 0]  # only the first input matters
    >>> ab = np.stack([np.where(np.arange(2) == i, b, a) for i in range(2)])
    >>> first, total = sobol_indices(model(a), model(b), np.stack([model(x) for x in ab]))
    >>> first.round(1).tolist(), total.round(1).tolist()
    ([1.0, 0.0], [1.0, 0.0])
    """
    y_a = np.asarray(outputs_a, dtype=float)
    y_b = np.asarray(outputs_b, dtype=float)
    y_ab = np.asarray(outputs_ab, dtype=float)
    if y_a.shape != y_b.shape or y_ab.shape[1:] != y_a.shape or y_a.shape[0] < 2:
        raise ValueError(
            "outputs_a and outputs_b must share a shape (n_base >= 2, ...) and outputs_ab must be "
            f"(n_inputs, n_base, ...); got {y_a.shape}, {y_b.shape} and {y_ab.shape}"
        )
    centre = (y_a.sum(axis=0) + y_b.sum(axis=0) + y_ab.sum(axis=(0, 1))) / (
        y_a.shape[0] * (2 + y_ab.shape[0])
    )
    y_a, y_b, y_ab = y_a - centre, y_b - centre, y_ab - centre
    variance = np.var(np.concatenate([y_a, y_b]), axis=0)
    varies = variance > 0
    safe = np.where(varies, variance, 1.0)
    first = np.where(varies, np.mean(y_b * (y_ab - y_a), axis=1) / safe, 0.0)
    total = np.where(varies, 0.5 * np.mean((y_a - y_ab) ** 2, axis=1) / safe, 0.0)
    return first, total
