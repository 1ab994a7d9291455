"""Fixtures for agreements and councils."""

import json

import pytest

from chanjiao.core.credit import Policy


@pytest.fixture
def send():
    def request(client, method, url, payload=None):
        return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json")

    return request


@pytest.fixture
def error_fields():
    return lambda response: [item["loc"][-1] for item in response.json()["detail"]]


@pytest.fixture
def clauses():
    """Text for every clause the national defaults make mandatory."""
    return {key: f"双方约定的{title}条款" for key, title in Policy().agreements.mandatory_clauses}


@pytest.fixture
def agreement_payload(world, clauses):
    def payload(**changes):
        return {
            "title": "数控技术订单班合作协议",
            "kind": "order_class",
            "parties": [world["enterprise"].pk],
            "starts_on": "2025-09-01",
            "ends_on": "2028-08-31",
            "clauses": dict(clauses),
            **changes,
        }

    return payload
