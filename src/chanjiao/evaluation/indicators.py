"""Every indicator as a documented function over raw figures, with the source of those figures.

An indicator function takes the figures of its record groups (arrays over the units, NaN where
missing, see :mod:`chanjiao.evaluation.sources`) and returns one value per unit; a rate is NaN
when its denominator is zero or missing. Rates are percentages (0-100), as in the core engine.
Each docstring states the formula and where the figures come from today; when another capability
starts holding the records (graduate tracking, technical needs, surveys, equipment
contributions), its provider takes precedence over the annual return with no change here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from chanjiao.core.indicators import (
    ENTERPRISE_PARTICIPATION_RATE,
    KEY_EQUIPMENT_FAILURE_RATE,
    Dimension,
    Framework,
    Indicator,
    default_framework,
)
from chanjiao.evaluation.models import UnitKind
from chanjiao.evaluation.sources import GROUPS, collect
from chanjiao.evaluation.units import Unit

Figures = Mapping[str, np.ndarray]
ALL_KINDS = frozenset(UnitKind.values)
NOT_ENTERPRISE = ALL_KINDS - {str(UnitKind.ENTERPRISE)}


@dataclass(frozen=True)
class IndicatorFunction:
    code: str
    groups: tuple[str, ...]
    unit_kinds: frozenset[str]
    compute: Callable[[Figures], np.ndarray]
    two_track_only: bool = False


FUNCTIONS: dict[str, IndicatorFunction] = {}


def indicator(
    code: str,
    groups: tuple[str, ...],
    unit_kinds: frozenset[str] = ALL_KINDS,
    *,
    two_track_only: bool = False,
):
    def register(function: Callable[[Figures], np.ndarray]) -> Callable[[Figures], np.ndarray]:
        FUNCTIONS[code] = IndicatorFunction(code, groups, frozenset(unit_kinds), function, two_track_only)
        return function

    return register


def percent(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator x 100``, NaN where the denominator is zero or missing.

    Examples
    --------
    >>> percent(np.array([3.0, 1.0, 2.0]), np.array([4.0, 0.0, np.nan])).tolist()
    [75.0, nan, nan]
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, 100.0 * numerator / denominator, np.nan)


# -- participation degree -------------------------------------------------------------------


@indicator(ENTERPRISE_PARTICIPATION_RATE, ("participation",), NOT_ENTERPRISE)
def enterprise_participation_rate(f: Figures) -> np.ndarray:
    """Active partner enterprises / partner enterprises x 100.

    Source: the platform (carrier members and the placements they hosted, see
    :mod:`chanjiao.evaluation.platform_records`) when the unit's schools record placements; otherwise the
    annual return.
    """
    return percent(f["active_partner_enterprises"], f["partner_enterprises"])


@indicator("enterprise_investment_intensity", ("investment", "partner_revenue"))
def enterprise_investment_intensity(f: Figures) -> np.ndarray:
    """Partner enterprises' vocational-education spending / their annual revenue x 100.

    Source: spending from the annual return (an enterprise reports its own, a carrier or college
    what its partners spent on it); revenue from the registry (private to officers and the
    enterprise, so never shown on a scorecard).
    """
    return percent(f["enterprise_education_spending"], f["partner_revenue"])


@indicator("enterprise_council_seat_share", ("governance",), NOT_ENTERPRISE)
def enterprise_council_seat_share(f: Figures) -> np.ndarray:
    """Council seats held by enterprises / all council seats x 100.

    Source: carrier membership records (council seats); otherwise the annual return.
    """
    return percent(f["enterprise_voting_seats"], f["voting_seats"])


@indicator("interns_hosted", ("placements",), frozenset({str(UnitKind.ENTERPRISE)}))
def interns_hosted(f: Figures) -> np.ndarray:
    """Distinct students in placements at the enterprise that started in the year.

    Source: placements on the platform; otherwise the annual return.
    """
    return np.asarray(f["interns_hosted"], dtype=float)


# -- process management ---------------------------------------------------------------------


@indicator("curriculum_update_frequency", ("curriculum",), NOT_ENTERPRISE)
def curriculum_update_frequency(f: Figures) -> np.ndarray:
    """Curriculum revisions co-developed with enterprises / programmes offered.

    Source: the annual return, until curriculum records are kept on the platform.
    """
    return percent(f["curriculum_revisions"], f["programmes"]) / 100.0


@indicator("practical_course_share", ("teaching",), NOT_ENTERPRISE)
def practical_course_share(f: Figures) -> np.ndarray:
    """Practical and on-the-job course hours / all course hours x 100 (policy floor 50 %).

    Source: the annual return (teaching plans).
    """
    return percent(f["practical_course_hours"], f["total_course_hours"])


@indicator("dual_qualified_teacher_share", ("faculty",), NOT_ENTERPRISE)
def dual_qualified_teacher_share(f: Figures) -> np.ndarray:
    """Dual-qualified full-time teachers / full-time teachers x 100.

    Source: teacher records in the registry for colleges and districts; the annual return for
    carriers (whose teaching staff the registry does not attach to them).
    """
    return percent(f["dual_qualified_teachers"], f["full_time_teachers"])


@indicator(KEY_EQUIPMENT_FAILURE_RATE, ("equipment",))
def key_equipment_failure_rate(f: Figures) -> np.ndarray:
    """Key equipment items idle, unusable or withdrawn / key equipment items invested x 100.

    Source: the annual return, until equipment contributions are recorded on the platform.
    """
    return percent(f["key_equipment_failed"], f["key_equipment_items"])


# -- result effectiveness -------------------------------------------------------------------


@indicator("graduate_employment_rate", ("graduates",), NOT_ENTERPRISE)
def graduate_employment_rate(f: Figures) -> np.ndarray:
    """Graduates employed six months after graduation / graduates x 100.

    Source: the annual return, until graduate tracking records land.
    """
    return percent(f["graduates_employed"], f["graduates"])


@indicator("job_matching_degree", ("graduates",), NOT_ENTERPRISE)
def job_matching_degree(f: Figures) -> np.ndarray:
    """Employed graduates in an occupation matching their programme / employed graduates x 100.

    Source: the annual return, until graduate tracking records land.
    """
    return percent(f["graduates_counterpart_employed"], f["graduates_employed"])


@indicator("starting_salary_difference", ("salary",), NOT_ENTERPRISE)
def starting_salary_difference(f: Figures) -> np.ndarray:
    """(Median starting salary - that of non-cooperative institutions) / the latter x 100.

    Source: the annual return (the reference is the bureau's published median for the region).
    """
    reference = f["reference_starting_salary"]
    return percent(f["median_starting_salary"] - reference, reference)


@indicator("skill_certification_pass_rate", ("certification",))
def skill_certification_pass_rate(f: Figures) -> np.ndarray:
    """Students passing a skill-level certification / students sitting one x 100.

    Source: the annual return, until certificate records land.
    """
    return percent(f["certification_passed"], f["certification_candidates"])


@indicator("graduate_retention_rate", ("retention",))
def graduate_retention_rate(f: Figures) -> np.ndarray:
    """Graduates still employed by the partner enterprise 12 months on / graduates placed there x 100.

    Source: the annual return, until graduate tracking records land.
    """
    return percent(f["graduates_retained"], f["graduates_placed_with_partners"])


@indicator("technical_needs_solved_rate", ("technical_needs",))
def technical_needs_solved_rate(f: Figures) -> np.ndarray:
    """Technical needs solved and accepted by the enterprise / technical needs received x 100.

    Source: the annual return, until technical needs are docked on the platform.
    """
    return percent(f["technical_needs_solved"], f["technical_needs"])


@indicator("achievement_transfer_income", ("transfer",))
def achievement_transfer_income(f: Figures) -> np.ndarray:
    """Income from transferring or licensing cooperation results in the year, 10k yuan.

    Source: the annual return.
    """
    return np.asarray(f["achievement_transfer_income"], dtype=float)


@indicator("patents_granted", ("transfer",))
def patents_granted(f: Figures) -> np.ndarray:
    """Patents granted in the year listing the unit and a partner enterprise.

    Source: the annual return.
    """
    return np.asarray(f["patents_granted"], dtype=float)


@indicator("cooperation_satisfaction", ("satisfaction",))
def cooperation_satisfaction(f: Figures) -> np.ndarray:
    """Mean of the five-point satisfaction answers (1 very dissatisfied ... 5 very satisfied).

    Source: the answer counts of the cycle's survey in the annual return, until the survey
    capability records them.
    """
    counts = np.stack([f[f"satisfaction_{level}"] for level in range(1, 6)], axis=1)
    answers = counts.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(answers > 0, (counts * np.arange(1, 6)).sum(axis=1) / answers, np.nan)


# -- two-track evaluation (every three years) -----------------------------------------------


@indicator("onsite_score", ("onsite",), two_track_only=True)
def onsite_score(f: Figures) -> np.ndarray:
    """The score (0-100) the assigned third-party evaluator entered after the on-site visit."""
    return np.asarray(f["onsite_score"], dtype=float)


@indicator("graduate_promotion_rate", ("career",), NOT_ENTERPRISE, two_track_only=True)
def graduate_promotion_rate(f: Figures) -> np.ndarray:
    """Promoted graduates / tracked graduates of the last five cohorts x 100.

    Source: the annual return, until the graduate career database lands.
    """
    return percent(f["tracked_promoted"], f["tracked_graduates"])


@indicator("graduate_stability_rate", ("career",), NOT_ENTERPRISE, two_track_only=True)
def graduate_stability_rate(f: Figures) -> np.ndarray:
    """Tracked graduates with the same employer for three years or more / tracked graduates x 100."""
    return percent(f["tracked_stable"], f["tracked_graduates"])


@indicator("graduate_innovation_rate", ("career",), NOT_ENTERPRISE, two_track_only=True)
def graduate_innovation_rate(f: Figures) -> np.ndarray:
    """Tracked graduates with a patent, award or start-up / tracked graduates x 100."""
    return percent(f["tracked_innovating"], f["tracked_graduates"])


_EXTRA_DEFINITIONS = (
    Indicator(
        "interns_hosted",
        "Students hosted in placements",
        "接收实习实训学生数",
        "benefit",
        "students per year",
        "Distinct students in internships, apprenticeships, order classes or jobs at the enterprise that "
        "started during the year.",
    ),
    Indicator(
        "onsite_score",
        "On-site evaluation score",
        "现场评估得分",
        "benefit",
        "score 0-100",
        "Score the assigned third-party evaluator gave after the on-site visit of the two-track evaluation.",
    ),
    Indicator(
        "graduate_promotion_rate",
        "Graduate promotion rate",
        "毕业生晋升率",
        "benefit",
        "%",
        "Promoted graduates / graduates of the last five cohorts tracked x 100.",
    ),
    Indicator(
        "graduate_stability_rate",
        "Graduate employment stability",
        "毕业生就业稳定率",
        "benefit",
        "%",
        "Tracked graduates with the same employer for three years or more / tracked graduates x 100.",
    ),
    Indicator(
        "graduate_innovation_rate",
        "Graduate innovation rate",
        "毕业生创新率",
        "benefit",
        "%",
        "Tracked graduates with a patent, award or start-up / tracked graduates x 100.",
    ),
)
DEFINITIONS: dict[str, Indicator] = {
    definition.code: definition for definition in (*default_framework().indicators, *_EXTRA_DEFINITIONS)
}


def nodes_by_code(framework: Framework) -> dict[str, Dimension | Indicator]:
    """Every dimension and indicator of the framework, by code.

    Examples
    --------
    >>> nodes_by_code(default_framework())["results"].name_en
    'Result effectiveness'
    """
    nodes: list[Dimension | Indicator] = [*framework.dimensions, *framework.indicators]
    return {node.code: node for node in nodes}


def monitoring_codes(kind: str) -> list[str]:
    """Indicators an annual monitoring of ``kind`` may use, in catalogue order."""
    return [code for code, f in FUNCTIONS.items() if kind in f.unit_kinds and not f.two_track_only]


def restrict(framework: Framework, codes: Iterable[str]) -> Framework:
    """The framework with only the indicators in ``codes``; emptied dimensions are dropped.

    Examples
    --------
    >>> small = restrict(default_framework(), ["graduate_employment_rate", "patents_granted"])
    >>> small.indicator_codes, small.dimension_codes
    (('graduate_employment_rate', 'patents_granted'), ('integration_index', 'results'))
    """
    keep = set(codes)

    def prune(node: Dimension | Indicator) -> Dimension | Indicator | None:
        if isinstance(node, Indicator):
            return node if node.code in keep else None
        children = tuple(child for child in (prune(c) for c in node.children) if child is not None)
        return replace(node, children=children) if children else None

    root = prune(framework.root)
    if not isinstance(root, Dimension):
        raise ValueError("no indicator of the framework is left")
    return Framework(root)


def default_framework_for(kind: str) -> Framework:
    """The seeds' three-level index with the indicators that apply to ``kind``.

    Enterprises (as partners) are judged on what they put in and what comes of it: placements
    hosted and investment (participation), key equipment (process), and results.
    """
    framework = restrict(default_framework(), monitoring_codes(kind))
    if kind != UnitKind.ENTERPRISE:
        return framework
    participation, *others = framework.root.children
    assert isinstance(participation, Dimension)
    participation = replace(participation, children=(DEFINITIONS["interns_hosted"], *participation.children))
    return Framework(replace(framework.root, children=(participation, *others)))


def two_track_framework(monitoring: Framework, kind: str, weights: Mapping[str, float]) -> Framework:
    """The three-yearly index: the monitoring index, the on-site evaluation and graduate tracking.

    ``weights`` has ``monitoring``, ``onsite`` and ``graduate_tracking``.
    """
    tracking = tuple(
        DEFINITIONS[code]
        for code in ("graduate_promotion_rate", "graduate_stability_rate", "graduate_innovation_rate")
        if kind in FUNCTIONS[code].unit_kinds
    )
    parts: list[Dimension | Indicator] = [
        Dimension(
            "monitoring", "Monitoring index", "年度监测指数", monitoring.root.children, weights["monitoring"]
        ),
        Dimension(
            "onsite", "On-site evaluation", "现场评估", (DEFINITIONS["onsite_score"],), weights["onsite"]
        ),
    ]
    if tracking:
        parts.append(
            Dimension(
                "graduate_tracking", "Graduate tracking", "毕业生跟踪", tracking, weights["graduate_tracking"]
            )
        )
    return Framework(
        Dimension("two_track_index", "Two-track evaluation index", "两轨评估综合指数", tuple(parts))
    )


def check_framework(kind: str, framework: Framework) -> Framework:
    """Refuse leaves the platform cannot compute for ``kind`` or whose meaning was changed."""
    allowed = set(monitoring_codes(kind))
    for leaf in framework.indicators:
        if leaf.code not in DEFINITIONS or leaf.code not in FUNCTIONS:
            raise ValueError(f"indicator {leaf.code!r} is not one the platform computes")
        if leaf.code not in allowed:
            raise ValueError(
                f"indicator {leaf.code!r} does not apply to {UnitKind(kind).label.lower()} units"
            )
        known = DEFINITIONS[leaf.code]
        if (leaf.direction, leaf.unit) != (known.direction, known.unit):
            raise ValueError(
                f"indicator {leaf.code!r} is {known.direction} in {known.unit!r}; its direction and unit "
                "follow from how it is computed and cannot change"
            )
    return framework


@dataclass
class IndicatorData:
    """Raw indicator values of n units in framework column order, and each cell's trace."""

    codes: tuple[str, ...]
    raw: np.ndarray
    cells: list[dict[str, dict[str, Any]]]


def _plain(values: np.ndarray) -> list[float | None]:
    """Values as JSON-able floats (to ten decimals), None for NaN; one pass over the array."""
    return [None if value != value else value for value in np.round(values, 10).tolist()]


def indicator_data(
    codes: Iterable[str],
    kind: str,
    units: list[Unit],
    year: int,
    supplied: Mapping[str, dict[int, dict[str, float]]] | None = None,
) -> IndicatorData:
    """Compute the indicators ``codes`` for ``units`` in ``year`` from their best sources.

    Every cell keeps the figures it came from (private ones left out) and their sources, so a
    scorecard can show how each value was obtained.
    """
    codes = tuple(codes)
    functions = [FUNCTIONS[code] for code in codes]
    groups = [group for function in functions for group in function.groups]
    collected = collect(groups, kind, units, year, supplied)
    raw = np.empty((len(units), len(codes)))
    for column, function in enumerate(functions):
        raw[:, column] = function.compute(
            {name: collected.values[name] for g in function.groups for name in GROUPS[g].fields}
        )
    raw = np.round(raw, 10)
    values = [_plain(raw[:, column]) for column in range(len(codes))]
    figures = {name: _plain(array) for name, array in collected.values.items()}
    shown = [
        [name for group in function.groups if not GROUPS[group].private for name in GROUPS[group].fields]
        for function in functions
    ]
    cells: list[dict[str, dict[str, Any]]] = []
    for row in range(len(units)):
        cell = {}
        for column, function in enumerate(functions):
            sources = [
                {"group": group, **source}
                for group in function.groups
                if (source := collected.sources[group][row]) is not None
            ]
            cell[function.code] = {
                "value": values[column][row],
                "figures": {name: figures[name][row] for name in shown[column]},
                "sources": sources,
            }
        cells.append(cell)
    return IndicatorData(codes, raw, cells)
