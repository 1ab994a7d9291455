"""Likert questionnaires: screening, reliability, validity, EFA, CFA/SEM, and their reports.

Pure analysis core (no Django). Estimators come from semopy (CFA/SEM), factor_analyzer (EFA, KMO,
Bartlett) and pingouin (Cronbach's alpha); this package wires them into the workflow of an
education-research paper and renders the result.

The report returned by :func:`analyze` is plain JSON-ready data:

``n``
    Valid responses analysed.
``sample``
    ``sent``, ``received``, ``excluded``, ``valid``, rates, ``exclusions_by_reason``, every
    ``exclusions`` entry (``row``, ``reasons``, ``detail``) and ``groups`` composition.
``model``
    Canonical ``syntax``, ``constructs``, ``paths``, ``covariances``, scale and reverse-keyed items.
``estimation``
    ``method`` (``ML`` or ``ML on polychoric correlations``) and ``notes`` on how figures are computed.
``items``
    Per item: ``n``, ``mean``, ``sd``, ``min``, ``max``, ``skew``, ``kurtosis`` (excess) and, on a
    Likert scale, the answer ``distribution``.
``reliability``
    Per construct: ``cronbach_alpha`` with ``alpha_ci95``, ``composite_reliability``, ``ave``,
    ``sqrt_ave`` and ``item_total`` (corrected item-total r, alpha if deleted).
``sampling_adequacy``
    ``kmo``, ``kmo_per_item``, ``bartlett`` (``chi2``, ``df``, ``p``).
``efa``
    Eigenvalues, parallel analysis, rotated ``loadings``, ``communalities``, ``variance``,
    ``factor_correlations``.
``fit``
    ``n``, ``chi2``, ``df``, ``p``, ``cfi``, ``tli``, ``rmsea``, ``rmsea_ci90``, ``srmr``, baseline, ``converged``.
``loadings``
    ``{construct: {item: {estimate, std_error, z, p, standardized}}}``.
``paths``
    Structural paths with the same fields plus ``outcome`` and ``predictor``.
``factor_correlations``, ``validity``, ``correlations``
    Construct correlations from the CFA; Fornell-Larcker and HTMT tables; construct-score means,
    SDs, Pearson r and p.
``warnings``
    Problems a reader must know about (non-convergence, Heywood cases, negative alpha).
"""

from chanjiao.core.surveys.analysis import analyze, json_safe
from chanjiao.core.surveys.diagram import path_diagram
from chanjiao.core.surveys.excel import report_to_excel
from chanjiao.core.surveys.factor import exploratory_factor_analysis, parallel_analysis, sampling_adequacy
from chanjiao.core.surveys.instrument import Construct, Hypothesis, Instrument, Item, load_instrument
from chanjiao.core.surveys.items import (
    Exclusion,
    LikertScale,
    ScreeningResult,
    ScreeningRules,
    reverse_code,
    screen_responses,
)
from chanjiao.core.surveys.model_syntax import ModelSpec, parse_model
from chanjiao.core.surveys.pdf import report_to_pdf
from chanjiao.core.surveys.polychoric import polychoric_correlation, polychoric_matrix
from chanjiao.core.surveys.reliability import (
    average_variance_extracted,
    composite_reliability,
    cronbach_alpha,
    fornell_larcker,
    heterotrait_monotrait_ratio,
    item_total_statistics,
)
from chanjiao.core.surveys.sem import StructuralEquationModel
from chanjiao.core.surveys.simulate import (
    PopulationModel,
    SimulatedSurvey,
    population_from_instrument,
    simulate_instrument,
    simulate_responses,
)
from chanjiao.core.surveys.tables import ReportTable, report_tables

__all__ = [
    "Construct",
    "Exclusion",
    "Hypothesis",
    "Instrument",
    "Item",
    "LikertScale",
    "ModelSpec",
    "PopulationModel",
    "ReportTable",
    "ScreeningResult",
    "ScreeningRules",
    "SimulatedSurvey",
    "StructuralEquationModel",
    "analyze",
    "average_variance_extracted",
    "composite_reliability",
    "cronbach_alpha",
    "exploratory_factor_analysis",
    "fornell_larcker",
    "heterotrait_monotrait_ratio",
    "item_total_statistics",
    "json_safe",
    "load_instrument",
    "parallel_analysis",
    "parse_model",
    "path_diagram",
    "polychoric_correlation",
    "polychoric_matrix",
    "population_from_instrument",
    "report_tables",
    "report_to_excel",
    "report_to_pdf",
    "reverse_code",
    "sampling_adequacy",
    "screen_responses",
    "simulate_instrument",
    "simulate_responses",
]
