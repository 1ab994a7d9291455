"""A thread that tells the database, every few seconds, that this process is alive.

It writes through its own connection, so a beat is visible at once even while the job it
watches sits inside a long transaction (on SQLite it waits for the write lock like any writer).
A failed beat is logged and retried at the next one: a heartbeat never stops the work it watches.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path

from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)


def _start_ticks(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, Linux), None if it does not exist."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rpartition(")")[2].split()[19]


def process_name() -> str:
    """This process as the sweep and /health/ name it: ``host:pid:start`` (``host:pid`` where the
    start time cannot be read); the start time tells a live process from a recycled pid."""
    ticks = _start_ticks(os.getpid())
    return f"{socket.gethostname()}:{os.getpid()}" + (f":{ticks}" if ticks else "")


def process_is_alive(name: str) -> bool | None:
    """Whether the process ``name`` (see `process_name`) still runs: True or False when it ran on
    this machine and /proc can tell, None otherwise (only its heartbeat can tell then)."""
    host, _, rest = name.partition(":")
    pid, _, ticks = rest.partition(":")
    if host != socket.gethostname() or not pid.isdigit() or not ticks or not Path("/proc/self/stat").exists():
        return None
    return _start_ticks(int(pid)) == ticks


class Heartbeat:
    """Call ``beat()`` every ``every`` seconds in a daemon thread until ``stop()``."""

    def __init__(self, beat: Callable[[], object], *, every: float, name: str = "heartbeat"):
        self._beat = beat
        self._every = every
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Heartbeat:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=self._every + 5)

    def _run(self) -> None:
        try:
            while not self._stopped.wait(self._every):
                try:
                    self._beat()
                except DatabaseError as error:
                    logger.warning("heartbeat not recorded: %s", error)
        finally:
            connections.close_all()

    def __enter__(self) -> Heartbeat:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
