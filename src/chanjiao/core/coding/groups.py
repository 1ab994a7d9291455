"""A learned classifier of the medium group (工程技术人员, 教学人员, 机械制造基础加工人员, ...).

The fine-level scorer compares a title with the texts it knows, so a title made of words no text
combines the same way (汽车水泵工程师) is decided by whichever text shares most characters. The group
model instead learns, over all texts at once, which characters and words go with which part of the
classification: logistic regression (scikit-learn's SGD) over the same TF-IDF features, trained on
every training text and the first sentence of every CSCO definition (``从事……的人员``, the object of
the work), labelled with their medium group. Confirmed examples are learned with ``partial_fit``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.linear_model import SGDClassifier

from chanjiao.core.coding.hierarchy import CodeHierarchy

GROUP_LEVEL = 2


class GroupModel:
    """Probabilities of the medium groups of CSCO 2022 for feature rows.

    Parameters
    ----------
    alpha : float
        L2 regularisation of the logistic regression.
    epochs : int
        Passes over the training texts.
    random_state : int
        Seed of the SGD shuffle.

    Examples
    --------
    >>> from chanjiao.core.taxonomy import load_occupations
    >>> tree = CodeHierarchy.from_occupations(load_occupations())
    >>> rows = sparse.csr_matrix(np.eye(3))
    >>> model = GroupModel(epochs=20).fit(rows, ["6-18-02-04", "2-02-07-09", "6-18-01-01"], tree)
    >>> model.groups_.tolist()
    ['2-02-00-00', '6-18-00-00']
    >>> model.log_proba(rows).argmax(axis=1).tolist()
    [1, 0, 1]
    """

    def __init__(self, alpha: float = 1e-5, epochs: int = 5, random_state: int = 0):
        self.alpha = alpha
        self.epochs = epochs
        self.random_state = random_state

    def fit(self, rows: sparse.csr_matrix, codes: Sequence[str], hierarchy: CodeHierarchy) -> GroupModel:
        """Learn from feature rows and the codes they stand for (at any level)."""
        self.hierarchy_ = hierarchy
        labels = [hierarchy.ancestor_at(code, GROUP_LEVEL) for code in codes]
        self.classifier_ = SGDClassifier(
            loss="log_loss", alpha=self.alpha, max_iter=self.epochs, tol=None, random_state=self.random_state
        ).fit(rows, labels)
        self.groups_ = self.classifier_.classes_
        self._keep_weights()
        return self

    def learn(self, rows: sparse.csr_matrix, code: str) -> GroupModel:
        """One more confirmed example (its rows repeated for as many passes as ``fit`` made)."""
        label = self.hierarchy_.ancestor_at(code, GROUP_LEVEL)
        if label in set(self.groups_):  # a group no text ever had cannot be added to a fitted model
            for _ in range(self.epochs):
                self.classifier_.partial_fit(rows, [label])
            self._keep_weights()
        return self

    def log_proba(self, rows: sparse.csr_matrix) -> np.ndarray:
        """Log-probability of each group in ``groups_`` for each row (scikit-learn's one-vs-rest
        probabilities: each group's logistic, normalised over the groups)."""
        # The transposed coefficients are kept contiguous: scikit-learn's own predict copies them
        # on every call, which cost more than the rest of the batch.
        decision = np.asarray(rows @ self._weights) + self._intercept
        if decision.shape[1] == 1:  # two groups: one decision, for the second
            return -np.logaddexp(0.0, np.hstack([decision, -decision])).astype(np.float32)
        log_sigmoid = -np.logaddexp(0.0, -decision)
        return (log_sigmoid - np.logaddexp.reduce(log_sigmoid, axis=1, keepdims=True)).astype(np.float32)

    def _keep_weights(self) -> None:
        self._weights = np.ascontiguousarray(self.classifier_.coef_.T, dtype=np.float32)
        self._intercept = self.classifier_.intercept_.astype(np.float32)

    def subtree_columns(self, codes: Sequence[str]) -> np.ndarray:
        """For each code, its column in :meth:`subtree_log_proba`'s padded matrix.

        A fine occupation or minor group lies in one medium group; a major group's own code (such
        as 普工's ``6-00-00-00``: somewhere in production) covers all its medium groups, so it gets
        their sum; a code whose group no training text had gets the least probable group's value.
        """
        position = {group: index for index, group in enumerate(self.groups_)}
        majors = self._majors()
        missing = len(self.groups_) + len(majors)
        columns = []
        for code in codes:
            if self.hierarchy_.levels[code] == 1 and code[0] in majors:
                columns.append(len(self.groups_) + majors.index(code[0]))
            else:
                columns.append(position.get(self.hierarchy_.ancestor_at(code, GROUP_LEVEL), missing))
        return np.array(columns)

    def subtree_log_proba(self, rows: sparse.csr_matrix, columns: np.ndarray) -> np.ndarray:
        """Log-probability, per row, that the occupation lies in each code's group (see
        :meth:`subtree_columns`, which gives ``columns``)."""
        log_proba = self.log_proba(rows)
        majors = self._majors()
        membership = np.array(
            [[group[0] == major for major in majors] for group in self.groups_], dtype=np.float32
        )
        major_mass = np.exp(log_proba) @ membership
        padded = np.hstack(
            [log_proba, np.log(np.maximum(major_mass, 1e-30)), log_proba.min(axis=1, keepdims=True)]
        )
        return padded[:, columns]

    def _majors(self) -> list[str]:
        return sorted({str(group)[0] for group in self.groups_})
