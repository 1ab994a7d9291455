"""Code free-text job titles to CSCO 2022 occupations.

The coder compares a cleaned title with every training text (CSCO names, aliases, curated
job-market titles, name variants and confirmed examples) by TF-IDF cosine over words and character
n-grams. A code's score is its best-matching text plus the share of the title's features found
anywhere in the code's texts; an optional posting description adds its own best-text similarity. A softmax over the scores gives
probabilities; when the best code's probability is below ``threshold`` the coder walks up the tree
(minor, medium, major group) and returns the first ancestor whose subtree holds at least
``threshold`` of the probability, so it answers coarsely rather than guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from chanjiao.core.coding.bridge import EnglishBridge
from chanjiao.core.coding.calibration import STAGES, Calibration
from chanjiao.core.coding.cleaning import Segment, TitleCleaner, segments_text
from chanjiao.core.coding.corpus import TrainingText, training_texts
from chanjiao.core.coding.features import FeatureVectorizer
from chanjiao.core.coding.groups import GroupModel
from chanjiao.core.coding.hierarchy import LEVELS, CodeHierarchy
from chanjiao.core.coding.lexicon import (
    load_calibration,
    load_english_bridge,
    load_job_titles,
    load_place_names,
    load_title_noise,
)
from chanjiao.core.coding.structure import HeadRules
from chanjiao.core.taxonomy import load_occupations

DEFAULT_SOURCE_WEIGHTS = {
    "name": 1.0, "alias": 1.0, "curated": 1.0, "variant": 0.95, "bridge": 0.9, "example": 1.0,
}  # fmt: skip


@dataclass(frozen=True)
class Alternative:
    """A candidate code with its name and probability."""

    code: str
    name: str
    score: float


@dataclass(frozen=True)
class Coding:
    """The coder's answer for one title.

    ``code`` is at the finest level the coder can justify (``level`` is ``"fine"``, ``"minor"``,
    ``"medium"`` or ``"major"``); ``confidence`` is the probability that the occupation lies in
    ``code``'s subtree; ``alternatives`` are the most probable codes, best first. A title with no
    word the coder knows (empty, only pay and benefits, another language) gets an empty ``code``,
    ``name`` and ``level``, confidence 0 and no alternatives.
    """

    title: str
    code: str
    name: str
    level: str
    confidence: float
    alternatives: tuple[Alternative, ...]


class OccupationCoder:
    """Map job titles (and optional descriptions) to CSCO 2022 codes.

    Parameters
    ----------
    threshold : float
        The coder answers at the finest level whose confidence reaches this (the most probable code,
        else the minor, medium or major group holding the most probability); the major group when
        none does.
    temperature : float
        Softmax temperature turning similarity scores into probabilities.
    coverage_weight : float
        Weight of the share of the title's features found anywhere in a code's texts, which rewards
        codes whose texts between them cover the whole title (玩具厂 + 组装工).
    description_weight : float
        Weight of the description's similarity to a code's texts.
    n_alternatives : int
        How many alternatives each answer lists.
    bracket_weight : float
        Weight of title segments that came from brackets.
    group_weights : dict, optional
        Feature group weights (see :class:`~chanjiao.core.coding.features.FeatureVectorizer`).
    source_weights : dict, optional
        Weight of each kind of training text (name, alias, curated, variant, example).
    group_weight : float
        Exponent of the learned medium-group probability (:class:`~chanjiao.core.coding.groups.GroupModel`)
        that multiplies each code's probability; 0 leaves the text similarity alone.
    head_penalty : float
        Multiplier of the probability of a code whose kind of work the title's head word does not
        allow (``X工程师`` at a production worker); see :mod:`~chanjiao.core.coding.structure`.
    calibrated : bool
        Whether confidences are mapped through the shipped calibration (``calibration.json``:
        probability of being right at the answer's level, fitted on development titles); without it
        they are the raw probabilities of the answer's subtree.
    batch_size : int
        Titles scored together (memory grows with batch size times the number of texts).

    Examples
    --------
    >>> coder = load_coder()
    >>> answer = coder.code_one("急招！电焊工 五险一金 月薪8k")
    >>> answer.code, answer.name, answer.level
    ('6-18-02-04', '焊工', 'fine')
    >>> coder.predict(["CNC operator", "抖音运营专员"]).tolist()
    ['6-18-01-07', '4-13-01-05']
    """

    def __init__(
        self,
        threshold: float = 0.5,
        temperature: float = 0.15,
        coverage_weight: float = 1.0,
        description_weight: float = 3.0,
        n_alternatives: int = 5,
        bracket_weight: float = 0.5,
        group_weights: dict[str, float] | None = None,
        source_weights: dict[str, float] | None = None,
        group_weight: float = 0.25,
        head_penalty: float = 0.03,
        calibrated: bool = True,
        batch_size: int = 256,
    ):
        self.threshold = threshold
        self.temperature = temperature
        self.coverage_weight = coverage_weight
        self.description_weight = description_weight
        self.n_alternatives = n_alternatives
        self.bracket_weight = bracket_weight
        self.group_weights = group_weights
        self.source_weights = source_weights
        self.group_weight = group_weight
        self.head_penalty = head_penalty
        self.calibrated = calibrated
        self.batch_size = batch_size

    def fit(self, titles: Sequence[str] | None = None, codes: Sequence[str] | None = None) -> OccupationCoder:
        """Learn from the shipped CSCO data plus optional confirmed examples (``titles``, ``codes``).

        Examples that repeat a title override earlier ones; the last code given for a cleaned title
        is returned for it with confidence 1.
        """
        titles = list(titles or [])
        codes = list(codes or [])
        if len(titles) != len(codes):
            raise ValueError(f"got {len(titles)} titles but {len(codes)} codes")
        occupations = load_occupations()
        self.hierarchy_ = CodeHierarchy.from_occupations(occupations)
        for code in codes:
            self._check_code(code)
        texts = training_texts(occupations, load_job_titles())
        texts += [TrainingText(code, title, "example") for title, code in zip(titles, codes, strict=True)]
        noise = load_title_noise()
        self.cleaner_ = TitleCleaner(
            vocabulary=[text.text for text in texts],
            noise=noise,
            places=load_place_names(),
            bridge=EnglishBridge(load_english_bridge(), noise.english),
        )
        self.classes_ = np.array(self.hierarchy_.codes)
        self._class_index = {code: index for index, code in enumerate(self.classes_)}
        self._build_levels()
        segments = [self.cleaner_.segments(text.text) for text in texts]
        self.vectorizer_ = FeatureVectorizer(self.group_weights, self.bracket_weight)
        self._document_rows = self.vectorizer_.fit_transform(segments)
        self._document_sources = [text.source for text in texts]
        self._document_classes = np.array([self._class_index[text.code] for text in texts])
        self._index_documents()
        definitions = [(o.code, o.definition.split("。")[0]) for o in occupations if o.definition]
        self.group_model_ = GroupModel().fit(
            sparse.vstack(
                [
                    self._document_rows,
                    self.vectorizer_.transform([self.cleaner_.segments(d) for _, d in definitions]),
                ]
            ).tocsr(),
            [text.code for text in texts] + [code for code, _ in definitions],
            self.hierarchy_,
        )
        self._group_columns = self.group_model_.subtree_columns(self._class_codes)
        self.head_rules_ = HeadRules(
            self._class_codes,
            [
                (text.code, _main_segments(text_segments))
                for text, text_segments in zip(texts, segments, strict=True)
            ],
            self.head_penalty,
        )
        self.calibration_: Calibration | None = load_calibration() if self.calibrated else None
        self.overrides_: dict[str, str] = {}
        for title_segments, code in zip(segments[len(texts) - len(titles) :], codes, strict=True):
            self.overrides_[segments_text(title_segments)] = code
        return self

    def learn(self, title: str, code: str) -> OccupationCoder:
        """Add one confirmed or corrected example; later titles that clean the same get ``code``.

        Examples
        --------
        >>> coder = OccupationCoder().fit()
        >>> coder.learn("产线技术员（SMT）", "6-25-04-07").code_one("产线技术员 SMT 急招").code
        '6-25-04-07'
        """
        self._check_code(code)
        segments = self.cleaner_.segments(title)
        self.overrides_[segments_text(segments)] = code
        row = self.vectorizer_.transform([segments])
        self._document_rows = sparse.vstack([self._document_rows, row]).tocsr()
        self.group_model_.learn(row, code)
        self._document_sources.append("example")
        self._document_classes = np.append(self._document_classes, self._class_index[code])
        self._index_documents()
        self.head_rules_.add(code, _main_segments(segments))
        return self

    def predict_proba(self, titles: Sequence[str], descriptions: Sequence[str] | None = None) -> np.ndarray:
        """Probability of each code in ``classes_`` for each title."""
        titles, descriptions = self._inputs(titles, descriptions)
        return np.vstack(
            [
                self._probabilities(
                    titles[start : start + self.batch_size], descriptions[start : start + self.batch_size]
                )[0]
                for start in range(0, len(titles), self.batch_size)
            ]
            or [np.zeros((0, len(self.classes_)))]
        )

    def predict(self, titles: Sequence[str], descriptions: Sequence[str] | None = None) -> np.ndarray:
        """The code of each title at the finest level the coder can justify."""
        return np.array([coding.code for coding in self.code(titles, descriptions)], dtype=object)

    def code(self, titles: Sequence[str], descriptions: Sequence[str] | None = None) -> list[Coding]:
        """Full answers (code, name, level, confidence, alternatives) for a batch of titles."""
        titles, descriptions = self._inputs(titles, descriptions)
        answers: list[Coding] = []
        for start in range(0, len(titles), self.batch_size):
            batch = titles[start : start + self.batch_size]
            scored = self._probabilities(batch, descriptions[start : start + self.batch_size])
            answers.extend(self._answers(batch, *scored))
        return answers

    def code_one(self, title: str, description: str = "") -> Coding:
        """The answer for a single title."""
        return self.code([title], [description])[0]

    def stage_candidates(
        self, titles: Sequence[str], descriptions: Sequence[str] | None = None
    ) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
        """Each title's candidate at every stage and its raw probability (before calibration).

        Stage 4 is the most probable code; stages 3, 2 and 1 the minor, medium and major group with
        the most probability. This is what :class:`~chanjiao.core.coding.calibration.Calibration`
        is fitted on.
        """
        titles, descriptions = self._inputs(titles, descriptions)
        calibration, self.calibration_ = self.calibration_, None
        try:
            parts = [
                self._stages(
                    self._probabilities(
                        titles[i : i + self.batch_size], descriptions[i : i + self.batch_size]
                    )[0]
                )
                for i in range(0, len(titles), self.batch_size)
            ]
        finally:
            self.calibration_ = calibration
        return (
            {stage: np.concatenate([p[0][stage] for p in parts]) for stage in STAGES},
            {stage: np.concatenate([p[1][stage] for p in parts]) for stage in STAGES},
        )

    # -- internals ---------------------------------------------------------------------------

    def _check_code(self, code: str) -> None:
        if code not in self.hierarchy_.levels:
            raise ValueError(f"unknown CSCO 2022 code: {code!r}")

    def _inputs(
        self, titles: Sequence[str], descriptions: Sequence[str] | None
    ) -> tuple[list[str], list[str]]:
        titles = ["" if title is None else str(title) for title in titles]
        if descriptions is None:
            return titles, [""] * len(titles)
        descriptions = ["" if text is None else str(text) for text in descriptions]
        if len(descriptions) != len(titles):
            raise ValueError(f"got {len(titles)} titles but {len(descriptions)} descriptions")
        return titles, descriptions

    def _build_levels(self) -> None:
        # For levels 3, 2, 1: the ancestor of each class at that level, as an index into its codes.
        self._class_codes = self.classes_.tolist()
        self._level_codes: dict[int, np.ndarray] = {}
        self._level_order: dict[int, np.ndarray] = {}
        self._level_starts: dict[int, np.ndarray] = {}
        for level in (3, 2, 1):
            ancestors = [self.hierarchy_.ancestor_at(code, level) for code in self._class_codes]
            codes = np.array(sorted(set(ancestors)))
            position = {code: index for index, code in enumerate(codes)}
            self._level_codes[level] = codes
            # Each group's mass is summed from the level below (classes for the minor level), whose
            # members are sorted by group so that it is one reduceat.
            below = self._level_codes[level + 1].tolist() if level < 3 else self._class_codes
            members = np.array([position[self.hierarchy_.ancestor_at(code, level)] for code in below])
            order = np.argsort(members, kind="stable")
            self._level_order[level] = order
            self._level_starts[level] = np.searchsorted(members[order], np.arange(len(codes)))

    def _index_documents(self) -> None:
        # Texts sorted by class so that a code's best text is a reduceat over contiguous columns;
        # each text's source weight is folded into its row.
        weights = dict(DEFAULT_SOURCE_WEIGHTS, **(self.source_weights or {}))
        order = np.argsort(self._document_classes, kind="stable")
        row_weights = np.array([weights[self._document_sources[i]] for i in order], dtype=np.float32)
        rows = sparse.diags(row_weights) @ self._document_rows[order]
        self._documents_t = rows.T.tocsr()
        self._text_classes = self._document_classes[order]
        owners = sparse.csr_matrix(
            (np.ones(len(order), dtype=np.float32), (self._document_classes[order], np.arange(len(order)))),
            shape=(len(self.classes_), len(order)),
        )
        vocabulary = (owners @ (self._document_rows[order] != 0).astype(np.float32)).T.tocsr()
        vocabulary.data[:] = 1.0
        self._class_vocabulary_t = vocabulary

    def _best_text_scores(self, vectors: sparse.csr_matrix) -> np.ndarray:
        # Texts are sorted by code, so within a row of the sparse product the nonzero similarities
        # of one code are contiguous once indices are sorted: one reduceat gives every code's best.
        similarities = (vectors @ self._documents_t).tocsr()
        similarities.sort_indices()
        scores = np.zeros((vectors.shape[0], len(self.classes_)), dtype=np.float32)
        if similarities.nnz == 0:
            return scores
        rows = np.repeat(np.arange(vectors.shape[0]), np.diff(similarities.indptr))
        classes = self._text_classes[similarities.indices]
        starts = np.flatnonzero(np.r_[True, (rows[1:] != rows[:-1]) | (classes[1:] != classes[:-1])])
        scores[rows[starts], classes[starts]] = np.maximum.reduceat(similarities.data, starts)
        return scores

    def _coverage(self, vectors: sparse.csr_matrix) -> np.ndarray:
        # Rows are L2-normalised, so the squared weights of the covered features sum to at most 1.
        return (vectors.multiply(vectors) @ self._class_vocabulary_t).toarray()

    def _probabilities(
        self, titles: list[str], descriptions: list[str]
    ) -> tuple[np.ndarray, list[str], np.ndarray]:
        # Probabilities, cleaned titles (the override keys) and whether each title had a known word.
        segments = [self.cleaner_.segments(title) for title in titles]
        vectors = self.vectorizer_.transform(segments)
        scores = self._best_text_scores(vectors) + self.coverage_weight * self._coverage(vectors)
        described = [index for index, text in enumerate(descriptions) if text.strip()]
        if described:
            texts = self.vectorizer_.transform([self.cleaner_.segments(descriptions[i]) for i in described])
            scores[described] += self.description_weight * self._best_text_scores(texts)
        scores = scores / self.temperature + self.group_weight * self.group_model_.subtree_log_proba(
            vectors, self._group_columns
        )
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        probabilities = scores * self.head_rules_.weights([_main_segments(s) for s in segments])
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        cleaned = [segments_text(title_segments) for title_segments in segments]
        return probabilities, cleaned, np.diff(vectors.indptr) > 0

    def _answers(
        self, titles: list[str], probabilities: np.ndarray, cleaned: list[str], known: np.ndarray
    ) -> list[Coding]:
        codes = self._class_codes
        names = self.hierarchy_.names
        count = min(self.n_alternatives, probabilities.shape[1])
        top = np.argpartition(-probabilities, count - 1, axis=1)[:, :count]
        top_probabilities = np.take_along_axis(probabilities, top, axis=1)
        order = np.argsort(-top_probabilities, axis=1)
        ranked = np.take_along_axis(top, order, axis=1).tolist()
        ranked_probabilities = (
            np.take_along_axis(top_probabilities, order, axis=1).astype(float).round(4).tolist()
        )
        candidates, confidences = self._stages(probabilities)
        answers = []
        for row, title in enumerate(titles):
            override = self.overrides_.get(cleaned[row])
            if override is None and not known[row]:
                answers.append(Coding(title, "", "", "", 0.0, ()))
                continue
            alternatives = tuple(
                Alternative(codes[i], names[codes[i]], probability)
                for i, probability in zip(ranked[row], ranked_probabilities[row], strict=True)
            )
            # The finest stage whose confidence reaches the threshold; the major group otherwise.
            stage = next((s for s in STAGES if confidences[s][row] >= self.threshold), STAGES[-1])
            code, confidence = str(candidates[stage][row]), float(confidences[stage][row])
            if override is not None:
                code, confidence = override, 1.0
            level = LEVELS[self.hierarchy_.levels[code]]
            answers.append(Coding(title, code, names[code], level, round(confidence, 4), alternatives))
        return answers

    def _stages(self, probabilities: np.ndarray) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
        # Per stage, each title's candidate (the most probable code, then the minor, medium and major
        # group with the most probability) and its confidence (calibrated when the coder is).
        rows = np.arange(probabilities.shape[0])
        best = probabilities.argmax(axis=1)
        candidates = {4: self.classes_[best]}
        raw = {4: probabilities[rows, best]}
        masses = probabilities
        for level in (3, 2, 1):
            masses = np.add.reduceat(masses[:, self._level_order[level]], self._level_starts[level], axis=1)
            group = masses.argmax(axis=1)
            candidates[level] = self._level_codes[level][group]
            raw[level] = masses[rows, group]
        if self.calibration_ is None:
            return candidates, raw
        return candidates, {stage: self.calibration_.apply(stage, values) for stage, values in raw.items()}


def _main_segments(segments: Sequence[Segment]) -> list[str]:
    # The title's own words: segments from brackets only qualify it.
    return [segment.text for segment in segments if not segment.bracketed]


@lru_cache(maxsize=1)
def load_coder() -> OccupationCoder:
    """The coder fitted on the shipped data, built once per process.

    Examples
    --------
    >>> load_coder() is load_coder()
    True
    """
    return OccupationCoder().fit()
