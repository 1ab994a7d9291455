"""Who is asking (the actor) and the grants a rule is made of; see ``chanjiao.accounts.access``."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from chanjiao.accounts.models import Role

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
class PathGrant(Grant):
    """A grant about the records reached through one of ``paths`` ("pk": the record itself)."""

    paths: tuple[str, ...] = ()

    def __init__(self, *paths: str, when: Q | None = None):
        object.__setattr__(self, "paths", paths)
        object.__setattr__(self, "when", when)

    def at_paths(self, model: type[models.Model], value: Any) -> Q | None:
        """Records whose object at one of the paths is ``value``."""
        return _any(Q(pk=value) if path == "pk" else _lookup(model, path, "", value) for path in self.paths)


@dataclass(frozen=True, init=False)
class Officer(PathGrant):
    """Officers whose region contains the region at one of ``paths`` ("pk" when the record is a region)."""

    def who_condition(self, actor, model):
        if actor.governs is None:
            return None
        return _any(
            Q(path__startswith=actor.governs)
            if path == "pk"
            else _lookup(model, path, "path__startswith", actor.governs)
            for path in self.paths
        )

    def describe(self, model):
        return _("officers whose region covers it")


@dataclass(frozen=True, init=False)
class Rep(PathGrant):
    """Representatives of the organisation at one of ``paths`` ("pk" when the record is the
    organisation); ``kinds`` narrows it to organisations of those kinds (a school's programs).
    The organisation a representative acts for is its own, so its kind is known without a query."""

    kinds: frozenset[str] | None = None

    def __init__(self, *paths: str, when: Q | None = None, kinds: Iterable[Any] | None = None):
        super().__init__(*paths, when=when)
        object.__setattr__(self, "kinds", frozenset(kinds) if kinds is not None else None)

    def who_condition(self, actor, model):
        if actor.represents is None or (self.kinds is not None and actor.organisation_kind not in self.kinds):
            return None
        return self.at_paths(model, actor.represents)

    def describe(self, model):
        owners = get_text_list([_field_label(model, path) for path in self.paths], _("or"))
        return _("the representatives of its %(owner)s") % {"owner": owners}


@dataclass(frozen=True, init=False)
class Self(PathGrant):
    """The person the record is about: ``paths`` lead to a user ("pk" when the record is a user)."""

    def who_condition(self, actor, model):
        return self.at_paths(model, actor.user_id)

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
