"""The vocabulary the expectation table is written in: who may see or act on a record.

A grant names one way a user reaches a record, as an ORM path from the record:

- ``everyone()``: every signed-in user (``all`` in docs/roles-and-access.md);
- ``officer("…__path")``: officers whose region contains the record's region (``R``); the path
  leads to a region's ``path`` string ("/320000/320500/");
- ``rep("…")``: representatives of the organisation(s) the path leads to (``O``);
- ``person("…")``: the user(s) the path leads to (``S``, or ``A`` for an assignment).

A grant may hold only for some records (``when=Q(...)``) or be computed by a function for
records an ORM path cannot reach (a unit named by kind and id). This module knows nothing of the
platform's own access code: it is the test's reading of the documented policy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model, Q

REPRESENTATIVE_ROLES = {"government", "school", "enterprise", "association", "evaluator"}

Resolver = Callable[[type[Model], list[int]], dict[int, set]]


@dataclass(frozen=True)
class Grant:
    kind: str  # "all" | "officer" | "rep" | "person"
    path: str = ""
    when: Q | None = None
    resolver: Resolver | None = None


def everyone(when: Q | None = None) -> Grant:
    return Grant("all", when=when)


ALL = everyone()


def officer(region_path: str, when: Q | None = None) -> Grant:
    return Grant("officer", region_path, when)


def rep(org_path: str, when: Q | None = None) -> Grant:
    return Grant("rep", org_path, when)


def person(user_path: str, when: Q | None = None) -> Grant:
    return Grant("person", user_path, when)


def computed(kind: str, resolver: Resolver) -> Grant:
    """A grant a function resolves; kind "*" when it returns ``{kind: values}`` per record."""
    return Grant(kind, resolver=resolver)


def under(prefix: str, grants: tuple[Grant, ...]) -> tuple[Grant, ...]:
    """The same grants reached from a child record through ``prefix`` (e.g. "round__")."""
    return tuple(Grant(g.kind, prefix + g.path, g.when, g.resolver) for g in grants)


@dataclass(frozen=True)
class Rule:
    """One row of the table: a model, who sees its records and who does each action on them.

    ``act`` maps an action name to its grants; an action a route names but the rule does not
    list is judged by ``change``. Actions in ``personal`` belong to one person: administrators
    may not do them either.
    """

    model: type[Model]
    see: tuple[Grant, ...]
    act: dict[str, tuple[Grant, ...]] = field(default_factory=dict)
    personal: frozenset[str] = frozenset()

    def grants(self, action: str) -> tuple[Grant, ...]:
        if action == "view":
            return self.see
        return self.act.get(action, self.act.get("change", ()))


@dataclass(frozen=True)
class Who:
    """A role under test: the user and what the grants compare with."""

    name: str
    user_id: int | None
    role: str  # "" for anonymous
    organisation_id: int | None
    region_path: str | None  # an officer's region
    is_admin: bool = False

    @property
    def anonymous(self) -> bool:
        return self.user_id is None

    @property
    def representative(self) -> bool:
        return self.role in REPRESENTATIVE_ROLES and self.organisation_id is not None


Reach = dict[str, set]  # grant kind -> values reached ("all": {True}, "rep": {org ids}, ...)


def resolve(model: type[Model], grants: Iterable[Grant], pks: list[int]) -> dict[int, Reach]:
    """For each record, the values every grant reaches."""
    reach: dict[int, Reach] = {pk: defaultdict(set) for pk in pks}
    for grant in grants:
        if grant.resolver is not None:
            for pk, values in grant.resolver(model, pks).items():
                if grant.kind == "*":  # the resolver names the kinds itself
                    for kind, reached in values.items():
                        reach[pk][kind] |= reached
                else:
                    reach[pk][grant.kind] |= values
            continue
        rows = model._default_manager.filter(pk__in=pks)
        if grant.when is not None:
            rows = rows.filter(grant.when)
        if grant.kind == "all":
            for pk in rows.values_list("pk", flat=True):
                reach[pk]["all"].add(True)
            continue
        for pk, value in rows.values_list("pk", grant.path).distinct():
            if value is not None:
                reach[pk][grant.kind].add(value)
    return reach


def reaches(who: Who, reach: Reach) -> bool:
    if who.anonymous:
        return False
    if reach.get("all"):
        return True
    officers = reach.get("officer", ())
    if who.role == "government" and who.region_path and any(p.startswith(who.region_path) for p in officers):
        return True
    if who.representative and who.organisation_id in reach.get("rep", ()):
        return True
    return who.user_id in reach.get("person", ())


def may(who: Who, rule: Rule, action: str, reach_by_action: dict[str, Reach]) -> bool:
    """Whether the table lets ``who`` do ``action`` ("view" or an action name) on the record."""
    if who.anonymous:
        return False
    if who.is_admin:
        return action not in rule.personal
    return reaches(who, reach_by_action[action])
