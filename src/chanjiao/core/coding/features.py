"""Sparse TF-IDF features of cleaned titles: segmentation words and character bi- and tri-grams.

Words match known occupation terms whole; character n-grams match the unknown compounds real titles
are made of (锂电涂布操作工). Each feature group has a weight; segments that came from brackets count
less than the title itself. Character unigrams and title-tail features were tried on the development
split and removed: they made the coder slower and no more accurate.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from chanjiao.core.coding.cleaning import Segment

DEFAULT_GROUP_WEIGHTS = {"w": 1.0, "c2": 1.0, "c3": 1.5}


def segment_features(segments: Sequence[Segment], bracket_weight: float = 0.5) -> dict[str, float]:
    """Raw feature counts of one title, keyed ``"<group>:<value>"``.

    Examples
    --------
    >>> features = segment_features([Segment(("数控", "车工")), Segment(("包吃住",), bracketed=True)])
    >>> features["w:车工"], features["c2:车工"], features["c3:控车工"], features["w:包吃住"]
    (1.0, 1.0, 1.0, 0.5)
    """
    counts: dict[str, float] = defaultdict(float)
    for segment in segments:
        weight = bracket_weight if segment.bracketed else 1.0
        for token in segment.tokens:
            if len(token) > 1:
                counts["w:" + token] += weight
        chinese = "".join(token for token in segment.tokens if not token.isascii())
        for size in (2, 3):
            for start in range(len(chinese) - size + 1):
                counts[f"c{size}:{chinese[start : start + size]}"] += weight
    return dict(counts)


class FeatureVectorizer:
    """TF-IDF over :func:`segment_features`, with a weight per feature group, rows L2-normalised.

    Parameters
    ----------
    group_weights : mapping of str to float, optional
        Weight of words ``w`` and character bigrams ``c2`` and trigrams ``c3``.
    bracket_weight : float
        Weight of segments that came from brackets.

    Examples
    --------
    >>> vectorizer = FeatureVectorizer().fit([[Segment(("焊工",))], [Segment(("电工",))]])
    >>> matrix = vectorizer.transform([[Segment(("电焊工",))]])
    >>> matrix.shape[0], round(float(matrix.multiply(matrix).sum()), 6)
    (1, 1.0)
    """

    def __init__(self, group_weights: Mapping[str, float] | None = None, bracket_weight: float = 0.5):
        self.group_weights = dict(DEFAULT_GROUP_WEIGHTS if group_weights is None else group_weights)
        self.bracket_weight = bracket_weight

    def fit(self, documents: Sequence[Sequence[Segment]]) -> FeatureVectorizer:
        """Learn the vocabulary and the weighted IDF of each feature from segmented documents."""
        self._fit_counts([self._features(document) for document in documents])
        return self

    def fit_transform(self, documents: Sequence[Sequence[Segment]]) -> sparse.csr_matrix:
        """:meth:`fit` then :meth:`transform`, computing each document's features once."""
        counts = [self._features(document) for document in documents]
        self._fit_counts(counts)
        return self._matrix(counts)

    def transform(self, documents: Sequence[Sequence[Segment]]) -> sparse.csr_matrix:
        """Rows of weighted, L2-normalised features (features unseen in ``fit`` are ignored)."""
        return self._matrix([self._features(document) for document in documents])

    def _fit_counts(self, counts: Sequence[dict[str, float]]) -> None:
        document_frequency: dict[str, int] = defaultdict(int)
        for features in counts:
            for feature in features:
                document_frequency[feature] += 1
        self.vocabulary_ = {feature: index for index, feature in enumerate(sorted(document_frequency))}
        total = len(counts)
        self.weights_ = np.array(
            [
                (math.log((1 + total) / (1 + document_frequency[feature])) + 1.0)
                * self.group_weights[feature.split(":", 1)[0]]
                for feature in self.vocabulary_
            ]
        )

    def _matrix(self, counts: Sequence[dict[str, float]]) -> sparse.csr_matrix:
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        vocabulary = self.vocabulary_
        weights = self.weights_
        for features in counts:
            row_indices = []
            row_values = []
            for feature, count in features.items():
                index = vocabulary.get(feature)
                if index is not None:
                    row_indices.append(index)
                    row_values.append((1.0 + math.log(count) if count > 1.0 else count) * weights[index])
            norm = math.sqrt(sum(value * value for value in row_values)) or 1.0
            indices.extend(row_indices)
            values.extend(value / norm for value in row_values)
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (
                np.array(values, dtype=np.float32),
                np.array(indices, dtype=np.int32),
                np.array(indptr, dtype=np.int32),
            ),
            shape=(len(counts), len(vocabulary)),
        )

    def _features(self, document: Sequence[Segment]) -> dict[str, float]:
        return segment_features(document, self.bracket_weight)
