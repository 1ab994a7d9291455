"""One 2-worker LocalCluster (worker processes) shared by every test of the batch steps."""

import pytest

from chanjiao.scale.cluster import dask_client


@pytest.fixture(scope="session")
def client():
    with dask_client(workers=2, address="") as client:
        client.wait_for_workers(2)
        yield client
