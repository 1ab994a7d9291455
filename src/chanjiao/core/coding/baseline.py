"""The plain baseline the coder is compared with: TF-IDF nearest CSCO occupation name.

Character uni- and bigram TF-IDF (scikit-learn) over the names of the fine occupations (codes with no
children); a title, lower-cased and otherwise untouched, gets the code of the most similar name. No
aliases, no cleaning, no English bridge.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from chanjiao.core.coding.hierarchy import CodeHierarchy
from chanjiao.core.taxonomy import load_occupations


class NearestNameBaseline:
    """Nearest CSCO fine-occupation name by character TF-IDF cosine.

    Examples
    --------
    >>> baseline = NearestNameBaseline().fit()
    >>> baseline.predict(["焊工", "数控车工（包吃住）"]).tolist()
    ['6-18-02-04', '6-18-01-01']
    """

    def fit(self) -> NearestNameBaseline:
        """Index the names of the fine occupations."""
        hierarchy = CodeHierarchy.from_occupations(load_occupations())
        self.codes_ = np.array(sorted(hierarchy.leaves))
        self.vectorizer_ = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), lowercase=True)
        self.names_ = self.vectorizer_.fit_transform([hierarchy.names[code] for code in self.codes_])
        return self

    def predict(self, titles: Sequence[str]) -> np.ndarray:
        """The code of the most similar fine-occupation name for each title."""
        similarities = self.vectorizer_.transform(list(titles)) @ self.names_.T
        return self.codes_[np.asarray(similarities.argmax(axis=1)).ravel()]
