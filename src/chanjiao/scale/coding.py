"""Occupation coding in bulk: one fitted coder per worker, titles coded in chunks.

`coded_frame` is the single-process step and what each worker runs on its chunk; `code_titles`
splits the titles and concatenates the coded chunks in order, so the table is the one
`coded_frame` gives in one process. A chunk codes each distinct (title, description) once:
postings repeat titles, and the coder's answer depends on the title and description alone.

The fitted coder cannot travel between processes: it holds the word segmenter's thread lock
(``cleaner_.tokenizer.lock``, an ``RLock``), which neither pickle nor cloudpickle can serialise.
So each worker fits it once, when the step starts (`fitted_coder`, cached per process and per
threshold, a few seconds), and every task of that worker reuses it; no task refits it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import pandas as pd
from distributed import Client

from chanjiao.core.coding import Coding, OccupationCoder, load_coder

OUTPUT_COLUMNS = ("title", "code", "name", "level", "confidence", "alternatives")
DEFAULT_CHUNK_SIZE = 20_000


def answer_rows(answers: Sequence[Coding]) -> pd.DataFrame:
    """The output table: one row per answer, alternatives as ``code:probability`` pairs joined by ``;``."""
    return pd.DataFrame(
        {
            "title": [answer.title for answer in answers],
            "code": [answer.code for answer in answers],
            "name": [answer.name for answer in answers],
            "level": [answer.level for answer in answers],
            "confidence": [f"{answer.confidence:.4f}" for answer in answers],
            "alternatives": [
                ";".join(f"{item.code}:{item.score:.4f}" for item in answer.alternatives)
                for answer in answers
            ],
        },
        columns=list(OUTPUT_COLUMNS),
    )


@lru_cache(maxsize=4)
def fitted_coder(threshold: float) -> OccupationCoder:
    """The shipped coder answering coarsely below ``threshold``, fitted once per process."""
    coder = load_coder()
    return coder if threshold == coder.threshold else OccupationCoder(threshold=threshold).fit()


def coded_frame(coder: OccupationCoder, titles: Sequence[str], descriptions: Sequence[str]) -> pd.DataFrame:
    """Code ``titles`` (with their ``descriptions``) in one process: the table, in input order.

    Examples
    --------
    >>> from chanjiao.core.coding import load_coder
    >>> coded_frame(load_coder(), ["电焊工", "电焊工"], ["", ""])["code"].tolist()
    ['6-18-02-04', '6-18-02-04']
    """
    pairs = pd.DataFrame({"title": list(titles), "description": list(descriptions)})
    distinct = pairs.drop_duplicates(ignore_index=True)
    answers = answer_rows(coder.code(distinct["title"].tolist(), distinct["description"].tolist()))
    position = pairs.merge(distinct.reset_index(names="at"), on=["title", "description"], how="left")["at"]
    return answers.iloc[position.to_numpy()].reset_index(drop=True)


def _code_chunk(threshold: float, titles: list[str], descriptions: list[str]) -> pd.DataFrame:
    return coded_frame(fitted_coder(threshold), titles, descriptions)


def _fit_on_worker(threshold: float) -> None:
    fitted_coder(threshold)


def code_titles(
    client: Client,
    titles: Sequence[str],
    descriptions: Sequence[str],
    *,
    threshold: float = 0.5,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> pd.DataFrame:
    """Code ``titles`` on the cluster: the same table as `coded_frame`, in input order.

    Parameters
    ----------
    client : distributed.Client
    titles, descriptions : sequences of str of the same length
    threshold : float
        The coder's threshold (see `OccupationCoder`).
    chunk_size : int
        Titles per task.
    """
    if len(titles) != len(descriptions):
        raise ValueError(f"got {len(titles)} titles but {len(descriptions)} descriptions")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    client.run(_fit_on_worker, threshold)
    futures = [
        client.submit(
            _code_chunk,
            threshold,
            list(titles[start : start + chunk_size]),
            list(descriptions[start : start + chunk_size]),
            pure=False,
        )
        for start in range(0, len(titles), chunk_size)
    ]
    chunks = client.gather(futures)
    if not chunks:
        return answer_rows([])
    return pd.concat(chunks, ignore_index=True)
