"""Job kinds: each capability registers the function that does its long work.

A job function takes ``(job, progress, **params)`` and returns a JSON-able result;
``progress(done, total, message)`` records how far it got.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Progress = Callable[[int, int, str], None]
JobFunction = Callable[..., dict[str, Any]]

_KINDS: dict[str, JobFunction] = {}


def job_kind(name: str) -> Callable[[JobFunction], JobFunction]:
    def decorator(function: JobFunction) -> JobFunction:
        _KINDS[name] = function
        return function

    return decorator


def get_kind(name: str) -> JobFunction:
    try:
        return _KINDS[name]
    except KeyError:
        raise ValueError(f"Unknown job kind {name!r}; known: {', '.join(sorted(_KINDS))}.") from None
