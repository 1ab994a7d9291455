"""Batch work on Dask distributed: the same steps on one machine or on a cluster.

`chanjiao.scale.cluster.dask_client` gives a client: a `LocalCluster` of worker processes on this
machine by default, or the scheduler named by ``DASK_SCHEDULER_ADDRESS``. The tasks the workers run
are the pure functions of `chanjiao.core` (and this package's thin wrappers around them): nothing
here imports Django, so a worker never sets up the web platform or opens its database (an
import-linter contract in `make lint` enforces it). The platform reads and writes the database in
the process that holds the client.
"""
