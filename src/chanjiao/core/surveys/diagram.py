"""Path diagram of a fitted model, drawn with matplotlib (no Graphviz needed).

Layout: constructs (ellipses) in one row, ordered so that predictors come before outcomes; each
construct's items (boxes) in a row beneath it with the standardised loading on the arrow;
structural paths arc above the row with the standardised coefficient and significance stars;
correlations between exogenous constructs arc above as dashed, double-headed lines.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, FancyArrowPatch, Rectangle

ITEM_SPACING = 1.0
CONSTRUCT_GAP = 0.8
CONSTRUCT_Y = 3.0
ITEM_Y = 0.5
ARC_RAD = 0.3


def significance_stars(p_value: float | None) -> str:
    """APA-style stars: * p < .05, ** p < .01, *** p < .001.

    Examples
    --------
    >>> significance_stars(0.003), significance_stars(0.2), significance_stars(None)
    ('**', '', '')
    """
    if p_value is None:
        return ""
    for limit, stars in ((0.001, "***"), (0.01, "**"), (0.05, "*")):
        if p_value < limit:
            return stars
    return ""


def two_decimals(value: float) -> str:
    """Two decimals without a negative zero.

    Examples
    --------
    >>> two_decimals(-0.001), two_decimals(0.456)
    ('0.00', '0.46')
    """
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def construct_depths(constructs: list[str], paths: list[dict]) -> dict[str, int]:
    """Longest chain of predictors leading to each construct (0 for exogenous ones).

    Examples
    --------
    >>> construct_depths(["A", "B", "C"], [{"outcome": "C", "predictor": "B"}, {"outcome": "B", "predictor": "A"}])
    {'A': 0, 'B': 1, 'C': 2}
    """
    depth = dict.fromkeys(constructs, 0)
    # A longest chain has at most len(constructs) - 1 steps; more passes would mean a cycle.
    for _ in range(len(constructs)):
        changed = False
        for path in paths:
            outcome, predictor = path["outcome"], path["predictor"]
            if outcome in depth and predictor in depth and depth[outcome] < depth[predictor] + 1:
                depth[outcome] = depth[predictor] + 1
                changed = True
        if not changed:
            break
    return depth


def _fit_caption(fit: Mapping) -> str:
    def number(key: str) -> str:
        value = fit.get(key)
        return "n/a" if value is None else f"{value:.3f}"

    chi2 = fit.get("chi2")
    chi2_text = "n/a" if chi2 is None else f"{chi2:.2f}"
    return (
        f"N = {fit.get('n')}   χ²({fit.get('df')}) = {chi2_text}   CFI = {number('cfi')}   "
        f"TLI = {number('tli')}   RMSEA = {number('rmsea')}   SRMR = {number('srmr')}"
    )


def path_diagram(
    report: Mapping, *, image_format: str = "png", labels: Mapping[str, str] | None = None
) -> bytes:
    """Draw the fitted model of an :func:`~chanjiao.core.surveys.analysis.analyze` report.

    Parameters
    ----------
    report : mapping
        Needs ``model``, ``loadings``, ``paths``, ``factor_correlations`` and ``fit``.
    image_format : {"png", "svg", "pdf"}
    labels : mapping, optional
        Display name per construct (defaults to the construct's name in the model).

    Returns
    -------
    bytes
        The encoded image.

    Examples
    --------
    >>> report = {"model": {"constructs": {"F": ["a", "b"]}, "paths": []},
    ...           "loadings": {"F": {"a": {"standardized": 0.8}, "b": {"standardized": 0.7}}},
    ...           "paths": [], "factor_correlations": {"labels": ["F"], "values": [[1.0]]},
    ...           "fit": {"n": 100, "chi2": 0.0, "df": 0}}
    >>> path_diagram(report, image_format="svg")[:5]
    b'<?xml'
    """
    if image_format not in ("png", "svg", "pdf"):
        raise ValueError(f"image format must be png, svg or pdf, not '{image_format}'")
    labels = labels or {}
    constructs: dict[str, list[str]] = dict(report["model"]["constructs"])
    depth = construct_depths(list(constructs), list(report["paths"]))
    order = sorted(constructs, key=lambda name: (depth[name], list(constructs).index(name)))
    centres: dict[str, float] = {}
    item_positions: dict[str, float] = {}
    cursor = 0.0
    for name in order:
        members = constructs[name]
        for offset, item in enumerate(members):
            item_positions.setdefault(item, cursor + offset * ITEM_SPACING)
        centres[name] = cursor + (len(members) - 1) * ITEM_SPACING / 2.0
        cursor += len(members) * ITEM_SPACING + CONSTRUCT_GAP
    width = max(cursor - CONSTRUCT_GAP, ITEM_SPACING)
    longest_span = max((abs(centres[a] - centres[b]) for a in centres for b in centres), default=0.0)
    top = CONSTRUCT_Y + 0.8 + ARC_RAD * longest_span / 2.0 + 0.4
    figure = Figure(figsize=(max(6.0, 0.75 * width + 1.5), max(4.0, 0.75 * (top + 1.2))))
    axes = figure.add_axes((0.01, 0.08, 0.98, 0.9))
    axes.set_xlim(-1.0, width)
    axes.set_ylim(-0.2, top)
    axes.set_axis_off()

    for name, x in centres.items():
        axes.add_patch(Ellipse((x, CONSTRUCT_Y), 1.6, 0.9, facecolor="#e8f0fb", edgecolor="#1f4e79", lw=1.4))
        axes.text(
            x, CONSTRUCT_Y, labels.get(name, name), ha="center", va="center", fontsize=10, weight="bold"
        )
        for item in constructs[name]:
            item_x = item_positions[item]
            axes.add_patch(
                Rectangle(
                    (item_x - 0.38, ITEM_Y - 0.25), 0.76, 0.5, facecolor="white", edgecolor="#444", lw=1
                )
            )
            axes.text(item_x, ITEM_Y, item, ha="center", va="center", fontsize=8)
            axes.add_patch(
                FancyArrowPatch(
                    (x, CONSTRUCT_Y - 0.45),
                    (item_x, ITEM_Y + 0.25),
                    arrowstyle="-|>",
                    mutation_scale=9,
                    lw=0.8,
                )
            )
            loading = report["loadings"].get(name, {}).get(item, {}).get("standardized")
            if loading is not None:
                axes.text(
                    x + 0.62 * (item_x - x), ITEM_Y + 0.25 + 0.38 * (CONSTRUCT_Y - 0.45 - ITEM_Y - 0.25),
                    two_decimals(loading), ha="center", va="center", fontsize=7,
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none"},
                )  # fmt: skip

    def arc(first: str, second: str, text: str, *, dashed: bool) -> None:
        x1, x2 = centres[first], centres[second]
        rad = -ARC_RAD if x2 > x1 else ARC_RAD
        axes.add_patch(
            FancyArrowPatch(
                (x1, CONSTRUCT_Y + 0.45), (x2, CONSTRUCT_Y + 0.45),
                connectionstyle=f"arc3,rad={rad}", arrowstyle="<|-|>" if dashed else "-|>",
                linestyle="--" if dashed else "-", color="#777" if dashed else "#1f4e79",
                mutation_scale=10, lw=1.0 if dashed else 1.4,
            )
        )  # fmt: skip
        height = CONSTRUCT_Y + 0.45 + ARC_RAD * abs(x2 - x1) / 2.0
        axes.text(
            (x1 + x2) / 2.0, height, text, ha="center", va="center", fontsize=8,
            color="#555" if dashed else "black",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )  # fmt: skip

    for path in report["paths"]:
        if path["predictor"] in centres and path["outcome"] in centres:
            coefficient = path.get("standardized")
            text = (
                ""
                if coefficient is None
                else f"{two_decimals(coefficient)}{significance_stars(path.get('p'))}"
            )
            arc(path["predictor"], path["outcome"], text, dashed=False)
    correlations = report["factor_correlations"]
    position = {name: index for index, name in enumerate(correlations["labels"])}
    exogenous = [name for name in order if depth[name] == 0 and name in position]
    for i, first in enumerate(exogenous):
        for second in exogenous[i + 1 :]:
            value = correlations["values"][position[first]][position[second]]
            arc(first, second, two_decimals(value), dashed=True)
    figure.text(0.5, 0.02, _fit_caption(report["fit"]), ha="center", fontsize=8)
    buffer = io.BytesIO()
    # Large models would make a PNG tens of thousands of pixels wide; cap it near 4,000.
    figure.savefig(buffer, format=image_format, dpi=min(150.0, 4000.0 / figure.get_figwidth()))
    return buffer.getvalue()
