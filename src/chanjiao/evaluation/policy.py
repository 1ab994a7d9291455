"""Who may do what in evaluation (read by ``chanjiao.accounts.access``).

Schemes, cycles, evaluations and funding are the officers' of the scheme's region. A unit's
results, cases and annual returns are also its own representatives' (a carrier's lead, the
college, the enterprise, a district's bureau); a third-party evaluator sees and scores what it is
assigned. Nobody else sees them: results rest on the units' private figures.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts.access import Action, Officer, Self, Where, declare
from chanjiao.accounts.models import Role, User
from chanjiao.evaluation.models import (
    AnnualReturn,
    Assignment,
    Cycle,
    Evaluation,
    FundingAllocation,
    RectificationCase,
    Scheme,
    UnitResult,
)
from chanjiao.evaluation.units import units_answered_for, units_in_region

THE_UNIT = _("the unit's own representatives")
ITS_EVALUATOR = _("the evaluator assigned to it")


def _unit_representatives():
    return Where(lambda actor: units_answered_for(actor) if actor.represents else None, THE_UNIT)


def _assigned_cycle(cycle_field: str):
    """Evaluators with an assignment in the record's cycle."""

    def condition(actor):
        if actor.role != Role.EVALUATOR:
            return None
        return Exists(Assignment.objects.filter(cycle_id=OuterRef(cycle_field), evaluator_id=actor.user_id))

    return Where(lambda actor: _as_q(condition(actor)), ITS_EVALUATOR)


def _assigned_unit(cycle_field: str):
    """Evaluators assigned to the record's own unit in its cycle."""

    def condition(actor):
        if actor.role != Role.EVALUATOR:
            return None
        return Exists(
            Assignment.objects.filter(
                cycle_id=OuterRef(cycle_field),
                unit_kind=OuterRef("unit_kind"),
                unit_id=OuterRef("unit_id"),
                evaluator_id=actor.user_id,
            )
        )

    return Where(lambda actor: _as_q(condition(actor)), ITS_EVALUATOR)


def _as_q(expression):
    from django.db.models import Q

    return None if expression is None else Q(expression)


declare(
    Scheme,
    related=("region",),
    view=[Officer("region")],
    create=[Officer("region")],
    change=[Officer("region")],
)
declare(
    Cycle,
    related=("scheme", "scheme__region"),
    view=[Officer("scheme__region"), _assigned_cycle("pk")],
    create=[Officer("scheme__region")],
    manage=[Officer("scheme__region")],
)
declare(
    Evaluation,
    related=("cycle", "cycle__scheme", "cycle__scheme__region"),
    view=[Officer("cycle__scheme__region"), _assigned_cycle("cycle_id")],
    manage=[Officer("cycle__scheme__region")],
)
declare(
    UnitResult,
    related=("evaluation", "evaluation__cycle", "evaluation__cycle__scheme"),
    view=[
        Officer("evaluation__cycle__scheme__region"),
        _unit_representatives(),
        _assigned_unit("evaluation__cycle_id"),
    ],
    manage=[Officer("evaluation__cycle__scheme__region")],
)
declare(
    Assignment,
    related=("cycle", "cycle__scheme", "evaluator"),
    view=[Officer("cycle__scheme__region"), Self("evaluator")],
    score=[Self("evaluator")],
    personal=[Action.SCORE],
)
declare(
    RectificationCase,
    related=("result", "result__evaluation", "region"),
    view=[Officer("region"), _unit_representatives(), _assigned_unit("result__evaluation__cycle_id")],
    manage=[Officer("region")],
    respond=[_unit_representatives()],
)
IN_REGION = _("officers whose region covers it")
declare(
    AnnualReturn,
    related=("reported_by",),
    view=[
        _unit_representatives(),
        Where(lambda actor: actor.governs and units_in_region(actor.governs), IN_REGION),
    ],
    file=[
        _unit_representatives(),
        Where(lambda actor: actor.governs and units_in_region(actor.governs), IN_REGION),
    ],
)
declare(
    FundingAllocation,
    related=("region", "committed_by"),
    view=[Officer("region")],
    create=[Officer("region")],
)


def assignable_evaluators() -> QuerySet[User]:
    """Who may be assigned an on-site evaluation: active third-party evaluators' accounts."""
    return User.objects.filter(role=Role.EVALUATOR, is_active=True, organisation__isnull=False)
