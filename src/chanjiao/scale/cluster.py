"""The Dask client every batch step runs on.

A `LocalCluster` of worker processes (one thread each: the core's kernels are numpy and numba
code that release the GIL only in parts, so processes scale where threads would not) unless
``DASK_SCHEDULER_ADDRESS`` names the scheduler of a running cluster, e.g. ``tcp://10.0.0.5:8786``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import Client, LocalCluster

SCHEDULER_VARIABLE = "DASK_SCHEDULER_ADDRESS"


def scheduler_address() -> str:
    """The scheduler named by ``DASK_SCHEDULER_ADDRESS``, or ``""`` for a local cluster."""
    return os.environ.get(SCHEDULER_VARIABLE, "").strip()


@contextmanager
def dask_client(workers: int | None = None, *, address: str | None = None) -> Iterator[Client]:
    """A client for the batch steps, closed (with its local cluster) on leaving the block.

    Parameters
    ----------
    workers : int, optional
        Worker processes of the local cluster (default: one per core). Ignored when a scheduler
        address is given: a real cluster has the workers it was started with.
    address : str, optional
        Scheduler address; default ``DASK_SCHEDULER_ADDRESS``, and a local cluster when that is empty.

    Examples
    --------
    >>> with dask_client(workers=2) as client:  # doctest: +SKIP
    ...     client.submit(sum, [1, 2, 3]).result()
    6
    """
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    address = scheduler_address() if address is None else address.strip()
    if address:
        with Client(address) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # Large intermediate results stay in memory: the steps here are sized to fit.
            memory_limit=0,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def worker_count(client: Client) -> int:
    """Workers the scheduler knows right now."""
    return len(client.scheduler_info()["workers"])
