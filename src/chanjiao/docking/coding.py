"""Occupation codes for postings and programs, from the occupation coder.

The coder (``chanjiao.core.coding``) is fitted once per process on the shipped CSCO data, unless a
background job has retrained one on the confirmed codes (``services/coder.py``): the job pickles it
under ``settings.CODER_DIR`` and points ``current.json`` at it, and every process loads the file the
pointer names (after checking its SHA-256) the next time it codes a title. Before
its answer is used, earlier human decisions are consulted: a title that cleans (as the coder
cleans titles: noise, places and pay removed) to the same text as one a person already confirmed
or corrected gets that person's latest code with confidence 1, which is what the coder's own
``learn`` does, without refitting a shared coder inside a web request. The full feed of
confirmations and corrections is exported for retraining (``OccupationCoder().fit(titles, codes)``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from chanjiao.core.coding import OccupationCoder, load_coder
from chanjiao.docking.models import CodeStatus, CodingFeedback, Posting
from chanjiao.registry.models import Occupation

logger = logging.getLogger(__name__)
POINTER = "current.json"

LEVEL_NAMES = {1: "major", 2: "medium", 3: "minor", 4: "fine"}


@dataclass(frozen=True)
class Suggestion:
    """The coder's answer for one title; ``code`` is None when it cannot answer."""

    code: str | None
    level: str = ""
    confidence: float | None = None
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    remembered: bool = False


class _Current:
    # The coder this process uses, and the pointer file (path, modification time) it came from.
    lock = threading.Lock()
    coder: OccupationCoder | None = None
    pointer: tuple[str, float] | None = None


def current_coder() -> OccupationCoder:
    """The newest retrained coder whose file is intact, else the coder fitted on the shipped data.

    One ``stat`` of the pointer file per call; the pickle is read only when the pointer changed.
    """
    pointer_file = Path(settings.CODER_DIR) / POINTER
    try:
        stamp = (str(pointer_file), pointer_file.stat().st_mtime)
    except FileNotFoundError:
        stamp = None
    with _Current.lock:
        if stamp is not None and stamp != _Current.pointer:
            _Current.pointer = stamp
            loaded = _load_pointed(pointer_file)
            if loaded is not None:
                _Current.coder = loaded
        return _Current.coder or load_coder()


def use_coder(coder: OccupationCoder, pointer_file: Path) -> None:
    """Make ``coder`` (just saved, with ``pointer_file`` naming it) this process's coder."""
    with _Current.lock:
        _Current.coder = coder
        _Current.pointer = (str(pointer_file), pointer_file.stat().st_mtime)


def forget_retrained_coder() -> None:
    """Go back to the shipped coder until the pointer file changes again (tests, a reset)."""
    with _Current.lock:
        _Current.coder = None
        _Current.pointer = None


def _load_pointed(pointer_file: Path) -> OccupationCoder | None:
    # The pointer names a pickle written by this platform's own job; a file whose digest differs
    # (half written, replaced by hand) is not loaded and the previous coder stays in use.
    try:
        pointer = json.loads(pointer_file.read_text(encoding="utf-8"))
        data = (pointer_file.parent / pointer["file"]).read_bytes()
    except (OSError, ValueError, KeyError) as error:
        logger.warning("Retrained coder not loaded from %s: %s", pointer_file, error)
        return None
    if hashlib.sha256(data).hexdigest() != pointer.get("sha256"):
        logger.warning("Retrained coder %s not loaded: its SHA-256 does not match", pointer["file"])
        return None
    coder = pickle.loads(data)  # noqa: S301 - our own job wrote it, and its digest was checked
    return coder if isinstance(coder, OccupationCoder) else None


def is_uncertain(level: str, confidence: float | None) -> bool:
    """Whether a suggestion needs a person: not a fine occupation, or below the review confidence."""
    return level != "fine" or confidence is None or confidence < settings.CODING_REVIEW_CONFIDENCE


def cleaned_title(title: str) -> str:
    """The title as the coder cleans it ("【苏州】急招电焊工（包吃住）" → "电焊工")."""
    return current_coder().cleaner_.clean(title or "")[:200]


def remembered_decisions(titles: Sequence[str]) -> dict[str, str]:
    """The latest human decision for each cleaned title among these (cleaned title → code)."""
    wanted = {cleaned_title(t) for t in titles} - {""}
    if not wanted:
        return {}
    rows = (
        CodingFeedback.objects.filter(cleaned_title__in=wanted)
        .order_by("at", "id")
        .values_list("cleaned_title", "occupation_id")
    )
    return dict(rows)


def suggest_codes(titles: Sequence[str], descriptions: Sequence[str] | None = None) -> list[Suggestion]:
    """Suggestions for many titles at once (the coder's batch API; one call for a whole import)."""
    titles = [t or "" for t in titles]
    descriptions = [d or "" for d in (descriptions or [""] * len(titles))]
    if not titles:
        return []
    answers = current_coder().code(titles, descriptions)
    known = _known_levels({a.code for a in answers} | {alt.code for a in answers for alt in a.alternatives})
    remembered = remembered_decisions(titles)
    if remembered:
        known |= _known_levels(set(remembered.values()))
    suggestions = []
    for title, answer in zip(titles, answers, strict=True):
        alternatives: list[dict[str, Any]] = [
            {"code": alt.code, "name": alt.name, "score": round(float(alt.score), 4)}
            for alt in answer.alternatives
            if alt.code in known
        ]
        correction = remembered.get(cleaned_title(title)) if remembered else None
        if correction is not None:
            suggestions.append(
                Suggestion(correction, LEVEL_NAMES[known[correction]], 1.0, alternatives, remembered=True)
            )
        elif answer.code in known:
            suggestions.append(
                Suggestion(answer.code, answer.level, round(float(answer.confidence), 4), alternatives)
            )
        elif alternatives:
            best = alternatives[0]
            suggestions.append(
                Suggestion(best["code"], LEVEL_NAMES[known[best["code"]]], best["score"], alternatives)
            )
        else:
            suggestions.append(Suggestion(None))
    return suggestions


def apply_suggestion(posting: Posting, suggestion: Suggestion) -> None:
    """Record the coder's suggestion; it becomes the code in use unless a person chose one."""
    posting.suggested_occupation_id = suggestion.code
    posting.suggested_level = suggestion.level
    posting.suggested_confidence = suggestion.confidence
    posting.suggested_alternatives = suggestion.alternatives
    if posting.code_status in {CodeStatus.UNCODED, CodeStatus.SUGGESTED}:
        posting.occupation_id = suggestion.code
        posting.code_status = CodeStatus.SUGGESTED if suggestion.code else CodeStatus.UNCODED


def suggest_code(title: str, description: str = "") -> Suggestion:
    """The suggestion for one title, e.g. ``suggest_code("数控车工（包吃住）").code == "6-18-01-01"``."""
    return suggest_codes([title], [description])[0]


def _known_levels(codes: set[str]) -> dict[str, int]:
    return dict(Occupation.objects.filter(code__in=codes).values_list("code", "level"))


def suggest_crosswalk(
    name: str, description: str = "", courses: Sequence[str] = (), *, limit: int = 3
) -> list[tuple[str, float]]:
    """A program's likely occupations with weights summing to 1.

    The coder reads the program name (counted twice) and each course name as it reads job
    titles; each answer's probability goes to its code and to its alternatives in proportion
    to their scores. The ``limit`` codes with the most probability, keeping those with at least
    a tenth of the best one's, become the crosswalk with their shares as weights.
    """
    titles = [name, name, *[c for c in courses if c]]
    descriptions = [description, description, *[""] * (len(titles) - 2)]
    totals: dict[str, float] = {}
    for suggestion in suggest_codes(titles, descriptions):
        scored = [(a["code"], a["score"]) for a in suggestion.alternatives if a["score"] > 0]
        if not scored and suggestion.code:
            scored = [(suggestion.code, 1.0)]
        mass = sum(score for _, score in scored)
        for code, score in scored:
            totals[code] = totals.get(code, 0.0) + score / mass
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]
    if not ranked:
        return []
    kept = [(code, score) for code, score in ranked if score >= ranked[0][1] / 10]
    total = sum(score for _, score in kept)
    weights = [round(score / total, 2) for _, score in kept]
    weights[0] = round(1.0 - sum(weights[1:]), 2)
    return [(code, weight) for (code, _), weight in zip(kept, weights, strict=True)]
