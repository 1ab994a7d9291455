"""Job kinds: each capability registers the function that does its long work.

A job function takes ``(job, progress, **params)`` and returns a JSON-able result;
``progress(done, total, message)`` records how far it got. A kind declared with
``max_attempts > 1`` is idempotent: its writes sit in one transaction and running it again is
safe, so a job whose worker died, or that met a transient database error, is run again (with a
growing delay) up to that many times. A kind declared with ``every_setting`` is also periodic:
the scheduler (chanjiao.jobs.schedule) starts it every ``settings.<every_setting>`` seconds
(0 turns it off).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Progress = Callable[[int, int, str], None]
JobFunction = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class JobKind:
    name: str
    function: JobFunction
    max_attempts: int = 1
    every_setting: str | None = None
    label: str = ""


_KINDS: dict[str, JobKind] = {}


def job_kind(
    name: str, *, max_attempts: int = 1, every_setting: str | None = None, label: str = ""
) -> Callable[[JobFunction], JobFunction]:
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")

    def decorator(function: JobFunction) -> JobFunction:
        _KINDS[name] = JobKind(
            name=name, function=function, max_attempts=max_attempts, every_setting=every_setting, label=label
        )
        return function

    return decorator


def get_kind(name: str) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise ValueError(f"Unknown job kind {name!r}; known: {', '.join(sorted(_KINDS))}.") from None


def periodic_kinds() -> list[JobKind]:
    return sorted((kind for kind in _KINDS.values() if kind.every_setting), key=lambda kind: kind.name)
