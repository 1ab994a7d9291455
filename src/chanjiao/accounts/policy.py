"""The access policy: who may do what with which record, declared once per model.

Each app states, in its ``policy.py``, one rule per model: for every action it allows, the grants
that allow it (``declare(Posting, view=[...], change=[...])``). This module answers every access
question from those rules: ``visible(user, Model)`` for lists, ``get(user, Model, pk, action)``
for one record, ``allows``/``require`` for a record in hand, ``options(user, Model, field)`` for
what a form may offer, and ``possible(user, action, Model)`` (no query) for navigation and links.

How a decision is made, in this order:

1. An anonymous user may do nothing (the few public pages do not ask the policy).
2. A platform administrator may do everything, except the actions a rule lists in ``personal``:
   acts that belong to one person (a student's own rank list, a mentor's assessment).
3. Anyone else may act on a record when at least one of the action's grants holds for it:

   - ``Anyone``: every signed-in user;
   - ``Officer(path, ...)``: a government officer whose region contains the region at ``path``
     (a city bureau governs the city and its districts);
   - ``Rep(path, ...)``: a representative of the organisation at ``path``, i.e. a user who belongs
     to it in a representative role (school cooperation office, enterprise HR, bureau officer,
     association, evaluation agency). Belonging is not acting: students, teachers and mentors
     never act for their organisation;
   - ``Self(path, ...)``: the person the record is about (``path`` leads to a user);
   - ``Where(condition, who)``: a condition of its own, for the rules the others do not express.

   Every grant may add ``when``, a condition on the record itself (a posting's draft is not public).
4. A record the user may not see answers 404 (the user may not know it exists); a record the user
   sees but may not act on answers 403 with the action's message, naming who may.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chanjiao.accounts.models import Role


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
    Action.ASSESS: gettext_lazy("assess"),
}

REPRESENTATIVE_ROLES = frozenset(
    {Role.GOVERNMENT, Role.SCHOOL, Role.ENTERPRISE, Role.ASSOCIATION, Role.EVALUATOR}
)
"""Roles that act for the organisation they belong to."""


# -- who is asking ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """What the policy needs to know of a signed-in user, read once per request."""

    user_id: int
    role: str
    admin: bool
    organisation_id: int | None
    organisation_kind: str | None
    region_path: str | None

    @property
    def represents(self) -> int | None:
        """The organisation the user acts for, if any."""
        return self.organisation_id if self.role in REPRESENTATIVE_ROLES else None

    @property
    def governs(self) -> str | None:
        """The region path an officer governs (its bureau's region and everything below)."""
        return self.region_path if self.role == Role.GOVERNMENT and self.organisation_id else None


def actor_of(user) -> Actor | None:
    """The user's actor, cached on the user object; None for anonymous users and inactive ones."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cached = user.__dict__.get("_policy_actor")
    if cached is None:
        organisation = user.organisation if user.organisation_id else None
        cached = Actor(
            user_id=user.pk,
            role=user.role,
            admin=user.is_platform_admin,
            organisation_id=user.organisation_id,
            organisation_kind=organisation.kind if organisation else None,
            region_path=organisation.region.path if organisation else None,
        )
        user.__dict__["_policy_actor"] = cached
    return cached


# -- grants -------------------------------------------------------------------------------------


def _lookup(model: type[models.Model], path: str, suffix: str, value: Any) -> Q:
    """``Q(path__suffix=value)``; through a many-valued relation as a subquery, so rows never repeat."""
    lookup = f"{path}__{suffix}" if suffix else path
    if path and _many_valued(model, path):
        return Q(pk__in=model._default_manager.filter(**{lookup: value}).values("pk"))
    return Q(**{lookup: value})


def _many_valued(model: type[models.Model], path: str) -> bool:
    for name in path.split("__"):
        try:
            relation = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if relation.many_to_many or relation.one_to_many:
            return True
        if relation.related_model is None:
            return False
        model = relation.related_model
    return False


def _field_label(model: type[models.Model], path: str) -> str:
    if path in ("", "pk"):
        return str(model._meta.verbose_name)
    target = model
    label = ""
    for name in path.split("__"):
        try:
            relation = target._meta.get_field(name)
        except FieldDoesNotExist:
            return path
        label = str(getattr(relation, "verbose_name", None) or relation.related_model._meta.verbose_name)
        target = relation.related_model or target
    return label


def _any(conditions: Iterable[Q]) -> Q | None:
    """The OR of ``conditions``; None for none."""
    combined: Q | None = None
    for condition in conditions:
        combined = condition if combined is None else combined | condition
    return combined


@dataclass(frozen=True)
class Grant(ABC):
    """One way to be allowed. ``condition`` is the set of records it allows the actor, as a Q
    over the model, or None when it cannot apply to this actor at all."""

    when: Q | None = field(default=None, kw_only=True)

    def condition(self, actor: Actor, model: type[models.Model]) -> Q | None:
        who = self.who_condition(actor, model)
        if who is None:
            return None
        return who & self.when if self.when is not None else who

    @abstractmethod
    def who_condition(self, actor: Actor, model: type[models.Model]) -> Q | None:
        """The records this grant allows the actor, before ``when``; None if it cannot apply."""

    @abstractmethod
    def describe(self, model: type[models.Model]) -> str:
        """Who this grant admits, for refusal messages."""


@dataclass(frozen=True)
class Anyone(Grant):
    def who_condition(self, actor, model):
        return Q()

    def describe(self, model):
        return _("every signed-in user")


@dataclass(frozen=True, init=False)
class Officer(Grant):
    """Officers whose region contains the region at one of ``paths`` ("" when the record is a region)."""

    paths: tuple[str, ...] = ()

    def __init__(self, *paths: str, when: Q | None = None):
        object.__setattr__(self, "paths", paths)
        object.__setattr__(self, "when", when)

    def who_condition(self, actor, model):
        if actor.governs is None:
            return None
        return _any(
            _lookup(model, path, "path__startswith", actor.governs)
            if path
            else Q(path__startswith=actor.governs)
            for path in self.paths
        )

    def describe(self, model):
        return _("officers whose region covers it")


@dataclass(frozen=True, init=False)
class Rep(Grant):
    """Representatives of the organisation at one of ``paths`` ("pk" when the record is the
    organisation); ``roles`` narrows which representative roles count."""

    paths: tuple[str, ...] = ()
    roles: frozenset[str] | None = None

    def __init__(self, *paths: str, when: Q | None = None, roles: Iterable[str] | None = None):
        object.__setattr__(self, "paths", paths)
        object.__setattr__(self, "when", when)
        object.__setattr__(self, "roles", frozenset(roles) if roles is not None else None)

    def who_condition(self, actor, model):
        organisation = actor.represents
        if organisation is None or (self.roles is not None and actor.role not in self.roles):
            return None
        return _any(
            Q(pk=organisation) if path == "pk" else _lookup(model, path, "", organisation)
            for path in self.paths
        )

    def describe(self, model):
        owners = get_text_list([_field_label(model, path) for path in self.paths], _("or"))
        return _("the representatives of its %(owner)s") % {"owner": owners}


@dataclass(frozen=True, init=False)
class Self(Grant):
    """The person the record is about: ``paths`` lead to a user ("pk" when the record is a user)."""

    paths: tuple[str, ...] = ()

    def __init__(self, *paths: str, when: Q | None = None):
        object.__setattr__(self, "paths", paths)
        object.__setattr__(self, "when", when)

    def who_condition(self, actor, model):
        return _any(
            Q(pk=actor.user_id) if path == "pk" else _lookup(model, path, "", actor.user_id)
            for path in self.paths
        )

    def describe(self, model):
        return _("the person it concerns")


@dataclass(frozen=True, init=False)
class Where(Grant):
    """A grant of its own: ``condition(actor)`` gives the Q of records it allows, or None."""

    function: Callable[[Actor], Q | None] = lambda actor: None
    who: Any = ""

    def __init__(self, condition: Callable[[Actor], Q | None], who, *, when: Q | None = None):
        object.__setattr__(self, "function", condition)
        object.__setattr__(self, "who", who)
        object.__setattr__(self, "when", when)

    def who_condition(self, actor, model):
        return self.function(actor)

    def describe(self, model):
        return str(self.who)


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
    if actor is None:
        return None
    rule = rule_for(model)
    if _admin_may(actor, rule, action):
        return Q()
    granted = [grant.condition(actor, model) for grant in rule.grants.get(action, ())]
    if any(condition is not None and not condition for condition in granted):
        return Q()  # an unconditional grant: everything
    return _any(condition for condition in granted if condition is not None)


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


# -- creating: what a form may offer ------------------------------------------------------------


def _relative(condition: Q, prefix: str) -> Q | None:
    """``condition`` rewritten for the model at ``prefix`` (``enterprise__region__path`` becomes
    ``region__path``), or None when it names anything outside that relation."""
    rewritten = Q()
    rewritten.connector, rewritten.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            inner = _relative(child, prefix)
            if inner is None:
                return None
            rewritten.children.append(inner)
            continue
        lookup, value = child
        if lookup == prefix:
            rewritten.children.append(("pk", value))
        elif lookup.startswith(prefix + "__"):
            rewritten.children.append((lookup[len(prefix) + 2 :], value))
        else:
            return None
    return rewritten


def options(user, model: type[models.Model], field_name: str, action: Action = Action.CREATE) -> QuerySet:
    """The records a user may choose for ``model.field_name`` when they ``action`` (add) one: the
    grants of that action, read from the field's side (an enterprise posting for itself; an
    officer for any enterprise of its region)."""
    related = model._meta.get_field(field_name).related_model
    queryset = related._default_manager.all()
    actor = actor_of(user)
    if actor is None:
        return queryset.none()
    rule = rule_for(model)
    if _admin_may(actor, rule, action):
        return queryset
    granted = (grant.condition(actor, model) for grant in rule.grants.get(action, ()))
    local = (_relative(condition, field_name) for condition in granted if condition is not None)
    combined = _any(condition for condition in local if condition is not None)
    return queryset.filter(combined) if combined is not None else queryset.none()


def may_create(user, model: type[models.Model], **owners: models.Model) -> bool:
    """Whether the user may add a ``model`` record with these owners (``enterprise=org``)."""
    actor = actor_of(user)
    if actor is None:
        return False
    if not owners:
        return possible(user, Action.CREATE, model)
    return all(
        options(user, model, name).filter(pk=owner.pk).exists() for name, owner in owners.items() if owner
    )


def require_create(user, model: type[models.Model], **owners: models.Model) -> None:
    if not may_create(user, model, **owners):
        raise PermissionDenied(refusal(Action.CREATE, model))


# -- the accounts app's own record ----------------------------------------------------------------


def _declare_accounts() -> None:
    from chanjiao.accounts.models import User

    declare(
        User,
        related=("organisation",),
        view=[Self("pk"), Rep("organisation"), Officer("organisation__region")],
        manage=[Rep("organisation"), Officer("organisation__region")],
    )


_declare_accounts()
