"""Actions, the declared rules and the questions they answer; see ``chanjiao.accounts.access``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chanjiao.accounts.access.grants import Actor, Grant, _any, actor_of


class Action(StrEnum):
    VIEW = "view"
    VIEW_PRIVATE = "view_private"
    CREATE = "create"
    CHANGE = "change"
    GOVERN = "govern"
    DELETE = "delete"
    MANAGE = "manage"
    DECIDE = "decide"
    REVIEW = "review"
    RESPOND = "respond"
    SCORE = "score"
    RANK = "rank"
    CODE = "code"
    FILE = "file"
    ASSESS = "assess"
    GRADE = "grade"
    COMPLETE = "complete"
    ASSIGN_MENTOR = "assign_mentor"
    ASSIGN_TEACHER = "assign_teacher"
    VIEW_OUTCOMES = "view_outcomes"
    CANCEL = "cancel"
    VIEW_COMPLIANCE = "view_compliance"
    REPORT = "report"


VERBS = {
    Action.VIEW: gettext_lazy("see"),
    Action.VIEW_PRIVATE: gettext_lazy("see the private figures of"),
    Action.CREATE: gettext_lazy("add"),
    Action.CHANGE: gettext_lazy("change"),
    Action.GOVERN: gettext_lazy("change the status fields of"),
    Action.DELETE: gettext_lazy("delete"),
    Action.MANAGE: gettext_lazy("manage"),
    Action.DECIDE: gettext_lazy("decide on"),
    Action.REVIEW: gettext_lazy("review"),
    Action.RESPOND: gettext_lazy("respond to"),
    Action.SCORE: gettext_lazy("score"),
    Action.RANK: gettext_lazy("rank candidates for"),
    Action.CODE: gettext_lazy("confirm the occupation code of"),
    Action.FILE: gettext_lazy("file"),
    Action.ASSESS: gettext_lazy("assess as mentor"),
    Action.GRADE: gettext_lazy("assess as teacher"),
    Action.COMPLETE: gettext_lazy("record the result of"),
    Action.ASSIGN_MENTOR: gettext_lazy("assign the mentor of"),
    Action.ASSIGN_TEACHER: gettext_lazy("assign the supervising teacher of"),
    Action.VIEW_OUTCOMES: gettext_lazy("see the graduate outcomes of"),
    Action.CANCEL: gettext_lazy("cancel"),
    Action.VIEW_COMPLIANCE: gettext_lazy("see the internship compliance of"),
    Action.REPORT: gettext_lazy("report a problem confidentially about"),
}

# -- rules --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    model: type[models.Model]
    grants: dict[Action, tuple[Grant, ...]]
    personal: frozenset[Action]
    related: tuple[str, ...]


_RULES: dict[type[models.Model], Rule] = {}


def declare(
    model: type[models.Model],
    *,
    related: Iterable[str] = (),
    personal: Iterable[Action] = (),
    **actions: Iterable[Grant],
) -> Rule:
    """State what each role may do with ``model``: one keyword per action (``view=[...]``).

    ``related`` are the relations ``visible`` selects with the rows; ``personal`` the actions
    an administrator does not take on someone's behalf.
    """
    grants = {Action(name): tuple(granted) for name, granted in actions.items()}
    rule = Rule(model, grants, frozenset(personal), tuple(related))
    _RULES[model] = rule
    return rule


def extend(model: type[models.Model], *, personal: Iterable[Action] = (), **actions: Iterable[Grant]) -> Rule:
    """Add grants to a model's rule from another app: the training app states who assesses a
    placement's training, on the placement's rule."""
    rule = rule_for(model)
    grants = dict(rule.grants)
    for name, granted in actions.items():
        grants[Action(name)] = grants.get(Action(name), ()) + tuple(granted)
    extended = Rule(model, grants, rule.personal | frozenset(personal), rule.related)
    _RULES[model] = extended
    return extended


def rule_for(model: type[models.Model]) -> Rule:
    try:
        return _RULES[model]
    except KeyError:
        raise LookupError(f"No access rule is declared for {model.__name__}.") from None


def declared_models() -> list[type[models.Model]]:
    return list(_RULES)


def _admin_may(actor: Actor, rule: Rule, action: Action) -> bool:
    return actor.admin and action not in rule.personal


def scope(user, action: Action, model: type[models.Model]) -> Q | None:
    """The records of ``model`` the user may ``action``, as a Q (Q() for all), or None for none."""
    actor = actor_of(user)
    return None if actor is None else actor_scope(actor, action, model)


def actor_scope(actor: Actor, action: Action, model: type[models.Model]) -> Q | None:
    rule = rule_for(model)
    if _admin_may(actor, rule, action):
        return Q()
    granted = [grant.condition(actor, model) for grant in rule.grants.get(action, ())]
    if any(condition is not None and not condition for condition in granted):
        return Q()  # an unconditional grant: everything
    return _any(condition for condition in granted if condition is not None)


@dataclass(frozen=True, init=False)
class Via(Grant):
    """Whoever may ``action`` (by default: see) the record at ``path``: a questionnaire's items
    follow the questionnaire, a round's positions the round."""

    path: str = ""
    action: Action = Action.VIEW

    def __init__(self, path: str, action: Action = Action.VIEW, *, when: Q | None = None):
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "action", action)
        object.__setattr__(self, "when", when)

    def who_condition(self, actor, model):
        target = model._meta.get_field(self.path).related_model
        allowed = actor_scope(actor, self.action, target)
        if allowed is None or not allowed:
            return allowed
        return Q(**{f"{self.path}__in": target._default_manager.filter(allowed).values("pk")})

    def describe(self, model):
        target = model._meta.get_field(self.path).related_model
        return _("those who may %(verb)s its %(thing)s") % {
            "verb": VERBS[self.action],
            "thing": target._meta.verbose_name,
        }


def possible(user, action: Action, model: type[models.Model]) -> bool:
    """Whether the user may ``action`` some record of ``model`` at all (no query): for menus and
    buttons that lead to a list or a form."""
    return scope(user, action, model) is not None


def visible(user, model: type[models.Model], action: Action = Action.VIEW) -> QuerySet:
    """The records of ``model`` the user may ``action`` (by default: see)."""
    rule = rule_for(model)
    queryset = model._default_manager.select_related(*rule.related)
    allowed = scope(user, action, model)
    if allowed is None:
        return queryset.none()
    return queryset.filter(allowed) if allowed else queryset


def allows(user, action: Action, obj: models.Model) -> bool:
    """Whether the user may ``action`` this record."""
    allowed = scope(user, action, type(obj))
    if allowed is None:
        return False
    if not allowed:
        return True
    return type(obj)._default_manager.filter(allowed, pk=obj.pk).exists()


def allowed_ids(user, action: Action, model: type[models.Model], ids: Iterable[int]) -> set[int]:
    """Which of ``ids`` the user may ``action``, in one query: for per-row buttons of a list."""
    ids = list(ids)
    allowed = scope(user, action, model)
    if allowed is None or not ids:
        return set()
    if not allowed:
        return set(ids)
    return set(model._default_manager.filter(allowed, pk__in=ids).values_list("pk", flat=True))


def annotate_allowed(queryset: QuerySet, user, action: Action, name: str) -> QuerySet:
    """``queryset`` with a boolean ``name`` on each row: whether the user may ``action`` it, read
    with the rows (a list's per-row decision without a query per row)."""
    allowed = scope(user, action, queryset.model)
    if allowed is None or not allowed:
        return queryset.annotate(**{name: Value(allowed is not None, output_field=BooleanField())})
    inner = queryset.model._default_manager.filter(allowed, pk=OuterRef("pk"))
    return queryset.annotate(**{name: Exists(inner)})


def refusal(action: Action, model: type[models.Model]) -> str:
    """The one message for refusing ``action`` on ``model``: who may."""
    rule = rule_for(model)
    who = [grant.describe(model) for grant in rule.grants.get(action, ())]
    if action not in rule.personal:
        who.append(_("platform administrators"))
    return _("Only %(who)s may %(verb)s this %(thing)s.") % {
        "who": get_text_list(list(dict.fromkeys(who)), _("or")),
        "verb": VERBS[action],
        "thing": model._meta.verbose_name,
    }


def require(user, action: Action, obj: models.Model) -> None:
    """PermissionDenied (403) unless the user may ``action`` the record."""
    if not allows(user, action, obj):
        raise PermissionDenied(refusal(action, type(obj)))


def pick(choices: QuerySet, pk) -> Any:
    """The record with this key among ``choices`` (a list the policy already narrowed, such as
    the teachers a school may record hours for), or 404."""
    try:
        return choices.get(pk=int(pk))
    except (choices.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(
            _("No %(thing)s with id %(id)s is visible to you.")
            % {"thing": choices.model._meta.verbose_name, "id": pk}
        ) from None


def get(user, source: type[models.Model] | QuerySet, pk, action: Action = Action.VIEW) -> Any:
    """The record with this key that the user may see (else 404), checked for ``action`` (else 403).

    ``source`` is a model, or a queryset of it to narrow the search (a round's positions).
    """
    if isinstance(source, QuerySet):
        model, rows = source.model, source
    else:
        model, rows = source, source._default_manager.select_related(*rule_for(source).related)
    allowed = scope(user, Action.VIEW, model)
    try:
        if allowed is None:
            raise model.DoesNotExist
        obj = (rows.filter(allowed) if allowed else rows).get(pk=int(pk))
    except (model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(
            _("No %(thing)s with id %(id)s is visible to you.")
            % {"thing": model._meta.verbose_name, "id": pk}
        ) from None
    if action != Action.VIEW:
        require(user, action, obj)
    return obj


def allows_values(user, action: Action, model: type[models.Model], **values: Any) -> bool:
    """Whether the user may ``action`` a ``model`` record with these field values: for a record
    that is not saved yet and names its owner by plain fields (an annual return for a unit)."""
    allowed = scope(user, action, model)
    if allowed is None:
        return False
    return not allowed or allowed.check(values)


def require_possible(user, action: Action, model: type[models.Model]) -> None:
    """PermissionDenied (403) when no record of ``model`` is ever the user's to ``action``: for a
    list or a tool that belongs to some roles only."""
    if not possible(user, action, model):
        raise PermissionDenied(refusal(action, model))
