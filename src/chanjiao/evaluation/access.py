"""Who sees and changes what in evaluation (built on the platform's one access gate).

- Schemes, cycles, evaluations, funding: platform admins, and government officers whose region
  covers the scheme's region (they also change them).
- Third-party evaluators see the cycles they have assignments in and, there, only the units
  assigned to them; they enter those units' on-site scores.
- A unit's own organisation (a carrier's lead, a college, an enterprise, a district's bureau)
  sees that unit's results and cases, responds to its cases and files its annual returns.
  Nobody else sees an enterprise's results, which rest on its private revenue.
Refusals: 404 when the object is not visible, 403 when visible but not the user's to change.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from chanjiao.accounts.access import get_visible, in_scope, scope_path
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
from chanjiao.evaluation.units import owned_units_condition, unit_region_path, units_owned_by
from chanjiao.registry.models import Region


def is_officer(user: User) -> bool:
    return user.is_platform_admin or scope_path(user) is not None


def _scoped(queryset: QuerySet, user: User, region_field: str) -> QuerySet:
    if user.is_platform_admin:
        return queryset
    path = scope_path(user)
    if path is None:
        return queryset.none()
    return queryset.filter(**{f"{region_field}__path__startswith": path})


# -- schemes --------------------------------------------------------------------------------


def visible_schemes(user: User) -> QuerySet[Scheme]:
    return _scoped(Scheme.objects.select_related("region"), user, "region")


def access_scheme(user: User, pk) -> Scheme:
    """Schemes are visible only to those who may change them, so there is no separate edit check."""
    return get_visible(visible_schemes(user), pk)


def regions_user_manages(user: User) -> QuerySet[Region]:
    """Regions an officer may create schemes for: their own and everything below."""
    if user.is_platform_admin:
        return Region.objects.all()
    path = scope_path(user)
    return Region.objects.filter(path__startswith=path) if path else Region.objects.none()


# -- cycles and evaluations -----------------------------------------------------------------


def _assigned(user: User, cycle_field: str = "pk") -> Exists:
    return Exists(Assignment.objects.filter(cycle_id=OuterRef(cycle_field), evaluator=user))


def visible_cycles(user: User) -> QuerySet[Cycle]:
    cycles = Cycle.objects.select_related("scheme", "scheme__region")
    if user.role == Role.EVALUATOR and not user.is_platform_admin:
        return cycles.filter(_assigned(user))
    return _scoped(cycles, user, "scheme__region")


def can_manage_cycle(user: User, cycle: Cycle) -> bool:
    return in_scope(user, cycle.scheme.region)


def access_cycle(user: User, pk, *, edit: bool = False) -> Cycle:
    cycle = get_visible(visible_cycles(user), pk)
    if edit and not can_manage_cycle(user, cycle):
        raise PermissionDenied("Only officers of the scheme's region run and change its cycles.")
    return cycle


def visible_evaluations(user: User) -> QuerySet[Evaluation]:
    evaluations = Evaluation.objects.select_related("cycle", "cycle__scheme", "cycle__scheme__region")
    if user.role == Role.EVALUATOR and not user.is_platform_admin:
        return evaluations.filter(_assigned(user, "cycle_id"))
    return _scoped(evaluations, user, "cycle__scheme__region")


def access_evaluation(user: User, pk, *, edit: bool = False) -> Evaluation:
    evaluation = get_visible(visible_evaluations(user), pk)
    if edit and not can_manage_cycle(user, evaluation.cycle):
        raise PermissionDenied("Only officers of the scheme's region act on its evaluations.")
    return evaluation


# -- results --------------------------------------------------------------------------------


def visible_results(user: User) -> QuerySet[UnitResult]:
    results = UnitResult.objects.select_related(
        "evaluation", "evaluation__cycle", "evaluation__cycle__scheme"
    )
    if user.is_platform_admin:
        return results
    path = scope_path(user)
    condition = owned_units_condition(user)
    if path:
        condition |= Q(evaluation__cycle__scheme__region__path__startswith=path)
    if user.role == Role.EVALUATOR:
        condition |= Exists(
            Assignment.objects.filter(
                cycle_id=OuterRef("evaluation__cycle_id"),
                unit_kind=OuterRef("unit_kind"),
                unit_id=OuterRef("unit_id"),
                evaluator=user,
            )
        )
    return results.filter(condition)


def access_result(user: User, pk) -> UnitResult:
    return get_visible(visible_results(user), pk)


# -- assignments (on-site scores) -----------------------------------------------------------


def visible_assignments(user: User) -> QuerySet[Assignment]:
    assignments = Assignment.objects.select_related("cycle", "cycle__scheme", "evaluator")
    if user.role == Role.EVALUATOR and not user.is_platform_admin:
        return assignments.filter(evaluator=user)
    return _scoped(assignments, user, "cycle__scheme__region")


def access_assignment(user: User, pk, *, score: bool = False) -> Assignment:
    assignment = get_visible(visible_assignments(user), pk)
    if score and not (user.is_platform_admin or assignment.evaluator_id == user.pk):
        raise PermissionDenied("Only the assigned evaluator enters the on-site score.")
    return assignment


# -- rectification cases --------------------------------------------------------------------


def visible_cases(user: User) -> QuerySet[RectificationCase]:
    cases = RectificationCase.objects.select_related("result", "result__evaluation", "region")
    if user.is_platform_admin:
        return cases
    path = scope_path(user)
    condition = owned_units_condition(user)
    if path:
        condition |= Q(region__path__startswith=path)
    if user.role == Role.EVALUATOR:
        condition |= Exists(
            Assignment.objects.filter(
                cycle_id=OuterRef("result__evaluation__cycle_id"),
                unit_kind=OuterRef("unit_kind"),
                unit_id=OuterRef("unit_id"),
                evaluator=user,
            )
        )
    return cases.filter(condition)


def can_manage_case(user: User, case: RectificationCase) -> bool:
    return in_scope(user, case.region)


def can_respond_to_case(user: User, case: RectificationCase) -> bool:
    return RectificationCase.objects.filter(owned_units_condition(user), pk=case.pk).exists()


def access_case(user: User, pk, *, manage: bool = False, respond: bool = False) -> RectificationCase:
    case = get_visible(visible_cases(user), pk)
    if manage and not can_manage_case(user, case):
        raise PermissionDenied("Only officers of the scheme's region manage this case.")
    if respond and not can_respond_to_case(user, case):
        raise PermissionDenied("Only the unit under rectification responds to this case.")
    return case


# -- annual returns -------------------------------------------------------------------------


def visible_returns(user: User) -> QuerySet[AnnualReturn]:
    returns = AnnualReturn.objects.select_related("reported_by")
    if user.is_platform_admin:
        return returns
    condition = owned_units_condition(user)
    path = scope_path(user)
    if path:
        for kind, ids in _units_in_scope(path).items():
            condition |= Q(unit_kind=kind, unit_id__in=ids)
    return returns.filter(condition)


def _units_in_scope(path: str) -> dict[str, QuerySet]:
    from chanjiao.registry.models import Carrier, Organisation, OrgKind

    return {
        "carrier": Carrier.objects.filter(region__path__startswith=path).values("pk"),
        "college": Organisation.objects.filter(kind=OrgKind.SCHOOL, region__path__startswith=path).values(
            "pk"
        ),
        "enterprise": Organisation.objects.filter(
            kind=OrgKind.ENTERPRISE, region__path__startswith=path
        ).values("pk"),
        "region": Region.objects.filter(path__startswith=path).values("pk"),
    }


def can_file_return_for(user: User, unit_kind: str, unit_id: int) -> bool:
    """The unit's own organisation, or an officer whose region covers the unit."""
    if user.is_platform_admin:
        return True
    path = scope_path(user)
    unit_path = unit_region_path(unit_kind, unit_id)
    if path and unit_path and unit_path.startswith(path):
        return True
    return any(unit.kind == unit_kind and unit.id == unit_id for unit in units_owned_by(user))


def access_return(user: User, pk, *, edit: bool = False) -> AnnualReturn:
    annual_return = get_visible(visible_returns(user), pk)
    if edit and not can_file_return_for(user, annual_return.unit_kind, annual_return.unit_id):
        raise PermissionDenied("Only the unit itself and officers in scope amend this return.")
    return annual_return


# -- funding --------------------------------------------------------------------------------


def visible_allocations(user: User) -> QuerySet[FundingAllocation]:
    return _scoped(FundingAllocation.objects.select_related("region", "committed_by"), user, "region")


def access_allocation(user: User, pk) -> FundingAllocation:
    return get_visible(visible_allocations(user), pk)


def require_officer(user: User, message: str) -> None:
    if not is_officer(user):
        raise PermissionDenied(message)
