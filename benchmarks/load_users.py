"""The load test's users (a locustfile; `benchmarks/load.py` runs it and explains the workload).

Each simulated user takes the next account of ``$LOAD_ACCOUNTS`` (made by load.py), signs in
through the sign-in page and replays its role's main pages and API lists. Acknowledged writes
(postings created, logs approved, rank lists saved) are written to ``$LOAD_WRITES`` when the
run stops, for load.py to look for in the database.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import threading
import uuid

from load_workload import reads
from locust import HttpUser, between, events, task

SETUP = json.load(open(os.environ["LOAD_ACCOUNTS"]))  # noqa: SIM115
WAIT = float(os.environ.get("LOAD_WAIT", "1"))
READ_ONLY = bool(os.environ.get("LOAD_READ_ONLY"))
ROUND = SETUP["round"]
_accounts = itertools.cycle(SETUP["accounts"])
_lock = threading.Lock()
WRITES: dict = {"postings": [], "approvals": [], "rank_lists": {}}
READS = reads(ROUND)


class RoleUser(HttpUser):
    """One signed-in person of the account's role."""

    wait_time = between(WAIT * 0.5, WAIT * 1.5)

    def on_start(self) -> None:
        with _lock:
            self.account = next(_accounts)
        self.role = self.account["role"]
        self.client.get("/accounts/login/", name="sign-in page")
        response = self.client.post(
            "/accounts/login/",
            {
                "username": self.account["username"],
                "password": SETUP["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="sign in",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.account['username']} could not sign in ({response.status_code})")
        self.logs = list(self.account.get("logs", []))

    def _headers(self) -> dict[str, str]:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": f"{self.host}/"}

    @task(8)
    def read(self) -> None:
        name, path = random.choice(READS[self.role])
        self.client.get(path, name=name)

    @task(1)
    def write(self) -> None:
        if READ_ONLY:
            return
        if self.role == "student":
            self._save_rank_list()
        elif self.role == "enterprise":
            self._post()
        elif self.role == "mentor" and self.logs:
            self._approve()

    def _save_rank_list(self) -> None:
        page = self.client.get(
            f"/api/matching/rounds/{ROUND}/positions", name="/api/matching/rounds/[id]/positions"
        )
        positions = [item["id"] for item in page.json()["items"]] if page.ok else []
        chosen = random.sample(positions, min(5, len(positions)))
        response = self.client.put(
            f"/api/matching/rounds/{ROUND}/my-choices",
            json={"positions": chosen},
            headers=self._headers(),
            name="PUT /api/matching/rounds/[id]/my-choices",
        )
        if response.ok:
            with _lock:
                WRITES["rank_lists"][str(self.account["participant"])] = chosen

    def _post(self) -> None:
        response = self.client.post(
            "/api/docking/postings",
            json={
                "enterprise": self.account["enterprise"],
                "kind": "internship",
                "title": f"数控车工实习 {uuid.uuid4().hex[:6]}",
                "seats": 3,
                "region": self.account["region"],
                "salary_min": 3500,
                "salary_max": 4500,
            },
            headers=self._headers(),
            name="POST /api/docking/postings",
        )
        if response.ok:
            with _lock:
                WRITES["postings"].append(response.json()["id"])

    def _approve(self) -> None:
        log = self.logs.pop()
        response = self.client.post(
            f"/api/tracking/logs/{log}/decision",
            json={"decision": "approve"},
            headers=self._headers(),
            name="POST /api/tracking/logs/[id]/decision",
        )
        if response.ok:
            with _lock:
                WRITES["approvals"].append(log)


@events.test_stop.add_listener
def _write_down(**_kwargs) -> None:
    with open(os.environ["LOAD_WRITES"], "w") as out:
        json.dump(WRITES, out)
