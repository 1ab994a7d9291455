"""How domain apps plug into the shared pages: URLs, API routers, navigation, home panels, the
demo region and the outcome figures other apps use as evidence. An app takes part by what it
defines; nothing here names an app."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from importlib.util import find_spec
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings


def domain_app_configs() -> Iterator[AppConfig]:
    for name in settings.DOMAIN_APPS:
        yield next(c for c in apps.get_app_configs() if c.name == name)


def domain_modules(suffix: str) -> Iterator[Any]:
    """`<app>.<suffix>` for every domain app that has one, in DOMAIN_APPS order."""
    for name in settings.DOMAIN_APPS:
        module_name = f"{name}.{suffix}"
        if find_spec(module_name) is not None:
            yield importlib.import_module(module_name)


def navigation() -> list[tuple]:
    return [entry for config in domain_app_configs() for entry in getattr(config, "navigation", [])]


def home_panels(request) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) pairs the home page renders, each app deciding by role."""
    panels = []
    for config in domain_app_configs():
        panel = getattr(config, "home_panel", None)
        if panel is not None:
            result = panel(request)
            if result is not None:
                panels.append(result)
    return panels


def home_tasks(request) -> list:
    """The user's own tasks from every app (``home_tasks(request)`` on its AppConfig), soonest
    first (`chanjiao.web.tasks`)."""
    from chanjiao.web.tasks import soonest_first

    tasks = []
    for config in domain_app_configs():
        provider = getattr(config, "home_tasks", None)
        if provider is not None:
            tasks += provider(request)
    return soonest_first(tasks)


def demo_steps() -> list[tuple[AppConfig, Callable[..., dict[str, int] | None]]]:
    """The steps that fill a generated demo region, in order: each app's ``populate_demo`` at its
    ``demo_order``, and its ``finish_demo`` (work that reads other apps' demo records, such as a
    table rebuilt from them) at its ``finish_demo_order``. Both take ``(*, dataset, progress)``
    and may return counts."""
    steps = []
    for config in domain_app_configs():
        if hasattr(config, "populate_demo"):
            steps.append((getattr(config, "demo_order", 100), config, config.populate_demo))
        if hasattr(config, "finish_demo"):
            steps.append((getattr(config, "finish_demo_order", 100), config, config.finish_demo))
    return [(config, step) for _order, config, step in sorted(steps, key=lambda step: step[0])]


def program_outcomes(year: int) -> dict[int, dict[str, int]]:
    """Outcome counts per program for a year, from every app that records some, merged.

    An AppConfig takes part with ``program_outcomes(year)`` returning ``{program id: {name:
    count}}`` (placements made, completed, hired by the host, ...).
    """
    merged: dict[int, dict[str, int]] = {}
    for config in domain_app_configs():
        outcomes = getattr(config, "program_outcomes", None)
        if outcomes is not None:
            for program, counts in outcomes(year).items():
                merged.setdefault(program, {}).update(counts)
    return merged


def enterprise_credit_figures(
    enterprise_ids: list[int], years: range
) -> dict[tuple[int, int], dict[str, int]]:
    """Counts per (enterprise id, year) that apps contribute to the enterprise credit file, merged.

    An AppConfig takes part with ``credit_figures(enterprise_ids, years)`` returning ``{(enterprise
    id, year): {name: count}}``, each name a count field of ``chanjiao.core.credit.EnterpriseYear``
    (the tracking app's placements breaking the internship rules, for instance).
    """
    merged: dict[tuple[int, int], dict[str, int]] = {}
    for config in domain_app_configs():
        figures = getattr(config, "credit_figures", None)
        if figures is not None:
            for key, counts in figures(enterprise_ids, years).items():
                merged.setdefault(key, {}).update(counts)
    return merged
