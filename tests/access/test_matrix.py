"""The access matrix: every route × every demo role on a freshly generated demo city.

Fails on a violation not in known_violations.txt, and on a line of that file that no longer
occurs (the baseline only shrinks). Run alone with ``pytest tests/access``; the full findings,
with one example request each, and the softer findings go to var/access-matrix/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import transaction

from access.matrix import Matrix, Report
from access.routes import api_routes, unmapped, web_routes
from access.scope import may
from access.table import RULES

BASELINE = Path(__file__).with_name("known_violations.txt")
OUTPUT = Path(__file__).resolve().parents[2] / "var" / "access-matrix"

pytestmark = [pytest.mark.django_db, pytest.mark.access]


def _needles_by_role(city) -> dict:
    by_role = {}
    for who in city.roles:
        hidden = []
        for needle in city.needles:
            reach = city.samples.reach_of(needle.rule, needle.pk)
            if not may(who, RULES[needle.rule], "view", {"view": reach}):
                hidden.append(needle)
        if hidden:
            pattern = re.compile("|".join(f"(?P<n{i}>{n.pattern})" for i, n in enumerate(hidden)))
            by_role[who.name] = (pattern, {f"n{i}": n.kind for i, n in enumerate(hidden)})
        else:
            by_role[who.name] = (None, {})
    return by_role


@pytest.fixture(scope="module")
def report(city, django_db_blocker) -> Report:
    with django_db_blocker.unblock(), transaction.atomic():
        matrix = Matrix(city.clients, city.roles, city.samples, _needles_by_role(city))
        routes = web_routes() + api_routes()
        for route in routes:
            if route.kind == "web" or route.method == "GET":
                matrix.read(route)
        for route in routes:
            matrix.write(route)
            matrix.protected(route)
        transaction.set_rollback(True)
    _write_output(matrix.report)
    return matrix.report


def _write_output(report: Report) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name, findings in (("violations.txt", report.violations), ("soft-findings.txt", report.soft)):
        lines = sorted(f"{f.line()}    # {report.examples[f]}" for f in findings)
        (OUTPUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _baseline() -> set[str]:
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}


def test_every_route_parameter_names_a_record_or_a_value():
    missing = [m for route in web_routes() + api_routes() for m in unmapped(route)]

    assert missing == [], "add these to routes.TARGETS or routes.VALUES:\n" + "\n".join(missing)


def test_the_samples_hold_records_some_roles_may_see_and_others_may_not(city):
    rules = ("student", "posting", "organisation_private", "placement", "return", "response", "case")
    one_sided = [
        rule
        for rule in rules
        if {
            city.samples.allowed(who, rule, "view", pk)
            for who in city.roles
            if not who.is_admin
            for pk in city.samples.candidates(rule)
        }
        != {True, False}
    ]

    assert one_sided == []
    assert {n.kind for n in city.needles} == {"revenue", "draft", "student", "survey-answer"}


def test_no_violation_outside_the_baseline(report):
    found = {f.line(): report.examples[f] for f in report.violations}
    new = sorted(set(found) - _baseline())

    assert new == [], "new access violations (see tests/access/README.md):\n" + "\n".join(
        f"{line}    # {found[line]}" for line in new
    )


def test_the_baseline_lists_only_violations_that_still_occur(report):
    found = {f.line() for f in report.violations}
    gone = sorted(_baseline() - found)

    assert gone == [], "fixed: remove these lines from tests/access/known_violations.txt:\n" + "\n".join(gone)
