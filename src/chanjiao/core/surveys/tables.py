"""The report as the tables of a paper; the PDF and the Excel export both render these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from chanjiao.core.surveys.diagram import significance_stars

P_COLUMN = "p"


def is_p_value(label: object) -> bool:
    """Whether a column header or row label announces p-values (formatted APA style).

    Examples
    --------
    >>> is_p_value("p"), is_p_value("Bartlett p"), is_p_value("Paths")
    (True, True, False)
    """
    return isinstance(label, str) and (label == P_COLUMN or label.endswith(f" {P_COLUMN}"))


@dataclass(frozen=True)
class ReportTable:
    """One table: ``key`` names the Excel sheet (at most 31 characters), ``rows`` hold raw values."""

    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


def _sample_tables(report: Mapping) -> list[ReportTable]:
    sample = report["sample"]
    rows: list[list] = [
        ["Questionnaires sent", sample.get("sent")],
        ["Responses received", sample["received"]],
        ["Excluded", sample["excluded"]],
        *[
            [f"  excluded: {reason.replace('_', ' ')}", count]
            for reason, count in sample["exclusions_by_reason"].items()
        ],
        ["Valid responses", sample["valid"]],
        ["Valid share of received", sample.get("valid_share_of_received")],
        ["Valid share of sent", sample.get("valid_share_of_sent")],
    ]
    tables = [
        ReportTable("Sample", "Sample", ["Figure", "Value"], rows, "A response may break several rules."),
    ]
    group_rows = [
        [column, entry["value"], entry["count"], entry["percent"]]
        for column, entries in sample["groups"].items()
        for entry in entries
    ]
    if group_rows:
        tables.append(
            ReportTable("Groups", "Sample composition", ["Variable", "Value", "n", "%"], group_rows)
        )
    if sample["exclusions"]:
        tables.append(
            ReportTable(
                "Exclusions",
                "Excluded responses",
                ["Row", "Reasons", "Detail"],
                [
                    [entry["row"], ", ".join(entry["reasons"]), entry["detail"]]
                    for entry in sample["exclusions"]
                ],
            )
        )
    return tables


def _item_tables(report: Mapping) -> list[ReportTable]:
    items = ReportTable(
        "Items",
        "Item descriptive statistics",
        ["Item", "Construct", "N", "Mean", "SD", "Min", "Max", "Skewness", "Kurtosis", "Reversed"],
        [
            [
                row["item"],
                row["construct"],
                row["n"],
                row["mean"],
                row["sd"],
                row["min"],
                row["max"],
                row["skew"],
                row["kurtosis"],
                "yes" if row["reverse_keyed"] else "",
            ]
            for row in report["items"]
        ],  # fmt: skip
        "Kurtosis is excess kurtosis; reverse-keyed items are recoded.",
    )
    reliability = ReportTable(
        "Reliability",
        "Reliability and convergent validity",
        ["Construct", "Items", "Cronbach's alpha", "alpha 95% CI", "CR", "AVE"],
        [
            [
                name,
                len(figures["items"]),
                figures["cronbach_alpha"],
                "[{:.3f}, {:.3f}]".format(*figures["alpha_ci95"]),
                figures["composite_reliability"],
                figures["ave"],
            ]
            for name, figures in report["reliability"].items()
        ],  # fmt: skip
        "CR and AVE from standardised CFA loadings; thresholds often cited: alpha and CR >= .70, AVE >= .50.",
    )
    item_total = ReportTable(
        "Item-total",
        "Corrected item-total correlations",
        ["Construct", "Item", "Corrected item-total r", "Alpha if item deleted"],
        [
            [name, item, figures["corrected_item_total_r"], figures["alpha_if_deleted"]]
            for name, construct in report["reliability"].items()
            for item, figures in construct["item_total"].items()
        ],
    )
    return [items, reliability, item_total]


def _efa_tables(report: Mapping) -> list[ReportTable]:
    adequacy = report["sampling_adequacy"]
    bartlett = adequacy["bartlett"]
    kmo = ReportTable(
        "KMO-Bartlett",
        "Sampling adequacy",
        ["Statistic", "Value"],
        [
            ["KMO (overall)", adequacy["kmo"]],
            ["Bartlett chi-square", bartlett["chi2"]],
            ["Bartlett df", bartlett["df"]],
            ["Bartlett p", bartlett["p"]],
            *[[f"KMO {item}", value] for item, value in adequacy["kmo_per_item"].items()],
        ],
    )
    efa = report["efa"]
    loadings = efa["loadings"]
    pattern = ReportTable(
        "EFA",
        f"Exploratory factor analysis ({efa['method']}, rotation: {efa['rotation'] or 'none'})",
        ["Item", *loadings["factors"], "Communality"],
        [
            [item, *values, efa["communalities"][item]]
            for item, values in zip(loadings["labels"], loadings["values"], strict=True)
        ],
        f"Parallel analysis suggests {efa['parallel_analysis']['n_factors']} factors; "
        f"eigenvalues > 1: {efa['kaiser_n_factors']}.",
    )
    variance = efa["variance"]
    eigen = ReportTable(
        "EFA-variance",
        "Eigenvalues and explained variance",
        [
            "Component",
            "Eigenvalue",
            "Parallel-analysis 95th pct",
            "SS loadings",
            "% variance",
            "Cumulative %",
        ],
        [
            [
                index + 1,
                value,
                efa["parallel_analysis"]["random_eigenvalues"][index],
                variance["ss_loadings"][index] if index < len(variance["ss_loadings"]) else None,
                100 * variance["proportion"][index] if index < len(variance["proportion"]) else None,
                100 * variance["cumulative"][index] if index < len(variance["cumulative"]) else None,
            ]
            for index, value in enumerate(efa["eigenvalues"])
        ],
    )
    return [kmo, pattern, eigen]


def _sem_tables(report: Mapping) -> list[ReportTable]:
    fit = report["fit"]
    low, high = fit["rmsea_ci90"]
    fit_table = ReportTable(
        "Fit",
        "Model fit",
        ["Index", "Value", "Common criterion"],
        [
            ["N", fit["n"], ""],
            ["chi-square", fit["chi2"], ""],
            ["df", fit["df"], ""],
            [P_COLUMN, fit["p"], "> .05"],
            ["chi-square / df", fit["chi2_df_ratio"], "< 3"],
            ["CFI", fit["cfi"], ">= .90 (good >= .95)"],
            ["TLI", fit["tli"], ">= .90 (good >= .95)"],
            ["RMSEA", fit["rmsea"], "<= .08 (good <= .06)"],
            ["RMSEA 90% CI", f"[{low:.3f}, {high:.3f}]", ""],
            ["SRMR", fit["srmr"], "<= .08"],
        ],
        f"Estimation: {report['estimation']['method']}.",
    )
    loadings = ReportTable(
        "Loadings",
        "Measurement model (CFA loadings)",
        ["Construct", "Item", "Estimate", "SE", "z", P_COLUMN, "Standardised"],
        [
            [
                name,
                item,
                values["estimate"],
                values["std_error"],
                values["z"],
                values["p"],
                values["standardized"],
            ]
            for name, construct in report["loadings"].items()
            for item, values in construct.items()
        ],
        "The first item of each construct is the marker (loading fixed to 1, no test).",
    )
    paths = ReportTable(
        "Paths",
        "Structural paths",
        ["Path", "Estimate", "SE", "z", P_COLUMN, "Standardised", ""],
        [
            [
                f"{path['predictor']} -> {path['outcome']}",
                path["estimate"],
                path["std_error"],
                path["z"],
                path["p"],
                path["standardized"],
                significance_stars(path["p"]),
            ]
            for path in report["paths"]
        ],  # fmt: skip
        "* p < .05, ** p < .01, *** p < .001.",
    )
    tables = [fit_table, loadings]
    if report["paths"]:
        tables.append(paths)
    return tables


def _matrix_table(key: str, title: str, matrix: Mapping, note: str = "") -> ReportTable:
    labels = matrix["labels"]
    rows = [
        [label, *[value if column <= row else None for column, value in enumerate(values)]]
        for row, (label, values) in enumerate(zip(labels, matrix["values"], strict=True))
    ]
    return ReportTable(key, title, ["", *labels], rows, note)


def _validity_tables(report: Mapping) -> list[ReportTable]:
    validity = report["validity"]
    correlations = report["correlations"]
    labels = correlations["labels"]
    correlation_rows = []
    for row, label in enumerate(labels):
        cells = [
            f"{correlations['r'][row][column]:.3f}{significance_stars(correlations['p'][row][column])}"
            if column < row else ("1" if column == row else None)
            for column in range(len(labels))
        ]  # fmt: skip
        correlation_rows.append([label, correlations["mean"][row], correlations["sd"][row], *cells])
    return [
        _matrix_table(
            "Fornell-Larcker",
            "Discriminant validity: Fornell-Larcker criterion",
            validity["fornell_larcker"],
            "Diagonal: square root of AVE; below: construct correlations from the CFA.",
        ),
        _matrix_table(
            "HTMT",
            "Discriminant validity: heterotrait-monotrait ratio",
            validity["htmt"],
            f"Values below {validity['htmt']['threshold']} support discriminant validity.",
        ),
        ReportTable(
            "Correlations",
            "Construct means, standard deviations and correlations",
            ["Construct", "Mean", "SD", *labels],
            correlation_rows,
            "Construct scores are item means; * p < .05, ** p < .01, *** p < .001.",
        ),
    ]


def report_tables(report: Mapping) -> list[ReportTable]:
    """Every table of an :func:`~chanjiao.core.surveys.analysis.analyze` report, in paper order.

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> from chanjiao.core.surveys.analysis import analyze
    >>> report = analyze(holzinger39.get_data(), "visual =~ x1 + x2 + x3\\ntextual =~ x4 + x5 + x6")
    >>> [table.key for table in report_tables(report)][:4]
    ['Sample', 'Items', 'Reliability', 'Item-total']
    """
    return [
        *_sample_tables(report),
        *_item_tables(report),
        *_efa_tables(report),
        *_sem_tables(report),
        *_validity_tables(report),
    ]
