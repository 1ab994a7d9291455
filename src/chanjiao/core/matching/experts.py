"""Expert matching: which teachers and researchers suit an enterprise's technical need.

The score of expert ``e`` for a need is a weighted mean of components in [0, 1]:

- ``expertise``: cosine similarity of the need's text and the expert's stated expertise, both
  as TF-IDF vectors of character 2- and 3-grams (Chinese needs no word segmentation this way,
  and "数控加工" still meets "数控编程" on "数控");
- ``past_needs``: the highest such similarity between the need and a need the expert helped
  solve before;
- ``track_record``: ``n / (n + half_solved)`` for ``n`` needs solved, so experience counts but
  saturates.

Each suggestion carries the expertise phrases that share words with the need and the closest
past need, so the enterprise sees why an expert is proposed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer

from chanjiao.core.matching.scores import checked_weights

EXPERT_WEIGHTS: Mapping[str, float] = {"expertise": 0.6, "past_needs": 0.3, "track_record": 0.1}
_PHRASE_SEPARATORS = re.compile(r"[、,，;；/|。．.\s]+")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_LATIN_WORD = re.compile(r"[a-z0-9+#]{2,}")


@dataclass(frozen=True)
class ExpertRanking:
    """Experts scored for one need, with what each score rests on.

    Attributes
    ----------
    order : ndarray of int64, shape (n_chosen,)
        Expert indices, best first (ties: lower index first).
    total : ndarray of float64, shape (n_experts,)
    components : dict of str to ndarray of float64, shape (n_experts,)
    weights : dict of str to float
        Weights normalised to sum to 1.
    matched_phrases : list of tuple of str
        Per expert, the phrases of their expertise that share terms with the need, best first.
    closest_past_need : ndarray of int64, shape (n_experts,)
        Index in the expert's past needs of the one closest to this need, -1 without any.
    """

    order: np.ndarray
    total: np.ndarray
    components: dict[str, np.ndarray]
    weights: dict[str, float]
    matched_phrases: list[tuple[str, ...]]
    closest_past_need: np.ndarray


def normalise_text(text: str) -> str:
    """Full-width to half-width and lower case, so "ＰＬＣ" and "plc" are the same term.

    Examples
    --------
    >>> normalise_text("ＰＬＣ编程")
    'plc编程'
    """
    return unicodedata.normalize("NFKC", text or "").lower()


def terms(text: str) -> set[str]:
    """Character bigrams of the Chinese runs of a text, and its Latin words.

    Examples
    --------
    >>> sorted(terms("数控加工 PLC"))
    ['plc', '加工', '控加', '数控']
    """
    normalised = normalise_text(text)
    found = {run[i : i + 2] for run in _CJK_RUN.findall(normalised) for i in range(len(run) - 1)}
    return found | set(_LATIN_WORD.findall(normalised))


def matched_phrases(need_text: str, expertise: str, *, limit: int = 3) -> tuple[str, ...]:
    """Phrases of an expertise statement sharing terms with a need, most shared terms first.

    Examples
    --------
    >>> matched_phrases("数控加工工艺优化", "数控编程、机械制图、工艺设计")
    ('数控编程', '工艺设计')
    """
    need_terms = terms(need_text)
    scored = []
    for position, phrase in enumerate(p for p in _PHRASE_SEPARATORS.split(expertise or "") if p):
        shared = len(terms(phrase) & need_terms)
        if shared:
            scored.append((-shared, position, phrase))
    return tuple(phrase for _, _, phrase in sorted(scored)[:limit])


def rank_experts(
    need_text: str,
    expertise: Sequence[str],
    past_needs: Sequence[Sequence[str]],
    *,
    solved_counts: npt.ArrayLike | None = None,
    weights: Mapping[str, float] | None = None,
    half_solved: float = 2.0,
    top: int = 10,
) -> ExpertRanking:
    """Score experts for a technical need and choose the best.

    Parameters
    ----------
    need_text : str
        Title, field and description of the need.
    expertise : sequence of str
        Each expert's stated expertise.
    past_needs : sequence of sequences of str
        For each expert, the texts of needs they helped solve.
    solved_counts : array of int, optional
        Needs each expert helped solve; by default the length of their ``past_needs``.
    weights : mapping of str to float, optional
        Overrides of :data:`EXPERT_WEIGHTS`.
    half_solved : float
        Solved needs that give a track record of 0.5.
    top : int
        How many experts to choose (only experts with a positive score are chosen).

    Returns
    -------
    ExpertRanking

    Examples
    --------
    Expert 2 once solved a need much like this one; expert 0's expertise shares "数控":

    >>> ranking = rank_experts(
    ...     "数控机床加工精度提升",
    ...     ["数控编程、机械制图", "会计、审计", "工业机器人"],
    ...     [[], [], ["机床加工精度检测"]])
    >>> ranking.order.tolist(), ranking.matched_phrases[0], ranking.closest_past_need.tolist()
    ([2, 0], ('数控编程',), [-1, -1, 0])
    """
    if len(past_needs) != len(expertise):
        raise ValueError(f"{len(expertise)} experts but past needs for {len(past_needs)}")
    if not half_solved > 0 or top < 0:
        raise ValueError("half_solved must be positive and top non-negative")
    merged = checked_weights(weights, EXPERT_WEIGHTS)
    total_weight = sum(merged.values())
    normalised = {name: weight / total_weight for name, weight in merged.items()}
    n_experts = len(expertise)
    counts = (
        np.array([len(texts) for texts in past_needs], dtype=np.float64)
        if solved_counts is None
        else np.asarray(solved_counts, dtype=np.float64)
    )
    if counts.shape != (n_experts,) or (counts < 0).any():
        raise ValueError(f"solved_counts must be {n_experts} non-negative numbers")
    past_owner = np.array([e for e, texts in enumerate(past_needs) for _ in texts], dtype=np.int64)
    past_texts = [normalise_text(text) for texts in past_needs for text in texts]
    documents = [normalise_text(need_text), *(normalise_text(text) for text in expertise), *past_texts]
    expertise_score = np.zeros(n_experts)
    past_score = np.zeros(n_experts)
    closest = np.full(n_experts, -1, np.int64)
    if any(doc.strip() for doc in documents):
        vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3)).fit_transform(documents)
        similarity = (vectors[1:] @ vectors[0].T).toarray().ravel()
        expertise_score = similarity[:n_experts]
        past_similarity = similarity[n_experts:]
        for index, owner in enumerate(past_owner):
            if closest[owner] < 0 or past_similarity[index] > past_score[owner]:
                past_score[owner] = past_similarity[index]
                closest[owner] = index - int(np.searchsorted(past_owner, owner))
    components = {
        "expertise": np.clip(expertise_score, 0.0, 1.0),
        "past_needs": np.clip(past_score, 0.0, 1.0),
        "track_record": counts / (counts + half_solved),
    }
    total = np.asarray(sum(normalised[name] * components[name] for name in EXPERT_WEIGHTS), dtype=np.float64)
    ranked = np.argsort(-total, kind="stable")
    order = ranked[total[ranked] > 0][:top]
    return ExpertRanking(
        order=order.astype(np.int64),
        total=total,
        components=components,
        weights=normalised,
        matched_phrases=[matched_phrases(need_text, text) for text in expertise],
        closest_past_need=closest,
    )
