"""The load test's workload: what each role reads (shared by the locustfile and page_costs.py;
no locust import here, as locust patches threads and sockets when imported)."""

from __future__ import annotations


def reads(round_id: int | None) -> dict[str, list[tuple[str, str]]]:
    """(request name, path) per role: the pages and API lists each role opens most."""
    return {
        "officer": [
            ("/", "/"),
            ("/supply-demand/", "/supply-demand/"),
            ("/evaluation/", "/evaluation/"),
            ("/organisations/", "/organisations/"),
            ("/matching/rounds/", "/matching/rounds/"),
            ("/credit/", "/credit/"),
            ("/api/organisations", "/api/organisations"),
            ("/api/supply-demand/summary", "/api/supply-demand/summary"),
            ("/api/evaluation/dashboard", "/api/evaluation/dashboard"),
        ],
        "school": [
            ("/", "/"),
            ("/programs/", "/programs/"),
            ("/people/students/", "/people/students/"),
            ("/placements/", "/placements/"),
            ("/api/students", "/api/students"),
            ("/api/placements", "/api/placements"),
        ],
        "enterprise": [
            ("/", "/"),
            ("/docking/postings/", "/docking/postings/"),
            ("/docking/needs/", "/docking/needs/"),
            ("/api/docking/postings", "/api/docking/postings"),
            ("/matching/rounds/[id]/positions/", f"/matching/rounds/{round_id}/positions/"),
        ],
        "student": [
            ("/", "/"),
            ("/matching/rounds/[id]/my-list/", f"/matching/rounds/{round_id}/my-list/"),
            ("/api/matching/rounds/[id]/my-choices", f"/api/matching/rounds/{round_id}/my-choices"),
            ("/placements/", "/placements/"),
        ],
        "teacher": [
            ("/", "/"),
            ("/training/", "/training/"),
            ("/api/tracking/trainings", "/api/tracking/trainings"),
        ],
        "mentor": [
            ("/", "/"),
            ("/training/", "/training/"),
            ("/api/tracking/trainings", "/api/tracking/trainings"),
        ],
        "evaluator": [
            ("/", "/"),
            ("/evaluation/cycles/", "/evaluation/cycles/"),
            ("/api/evaluation/cycles", "/api/evaluation/cycles"),
        ],
        "association": [
            ("/", "/"),
            ("/docking/needs/", "/docking/needs/"),
            ("/api/docking/needs", "/api/docking/needs"),
        ],
    }
