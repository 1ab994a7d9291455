"""The Dask client: a local cluster of processes by default, the named scheduler otherwise."""

import os
import sys

import pytest

from chanjiao.scale.cluster import SCHEDULER_VARIABLE, dask_client, worker_count


def test_the_local_cluster_runs_two_worker_processes_without_django(client):
    # when
    # (a lambda travels by value: the test modules are not importable on the workers)
    django_loaded = client.run(lambda: "django" in sys.modules)
    process_ids = client.run(os.getpid)
    # then
    assert worker_count(client) == 2
    assert list(django_loaded.values()) == [False, False]
    assert len(set(process_ids.values())) == 2
    assert os.getpid() not in process_ids.values()


def test_the_scheduler_address_variable_names_the_cluster(client, monkeypatch):
    # given
    monkeypatch.setenv(SCHEDULER_VARIABLE, client.scheduler.address)
    # when
    with dask_client() as other:
        # then
        assert other.scheduler_info()["id"] == client.scheduler_info()["id"]
        assert other.submit(sum, [1, 2, 3]).result() == 6


def test_fewer_than_one_worker_is_refused():
    with pytest.raises(ValueError, match="at least 1"), dask_client(workers=0, address=""):
        pass
