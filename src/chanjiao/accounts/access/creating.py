"""Adding a record: which owners a user may name, read from the ``create`` grants.

A record that does not exist yet cannot be filtered, so a create grant is read from the side of
the records it names. Each grant's condition is split into its AND-ed parts, and each part into
the owner field it is about: ``Rep("enterprise")`` with ``when=Q(enterprise__kind=...)`` becomes
``pk=<own organisation> AND kind=...`` on the organisation a posting names. A grant allows a new
record when every owner it is about satisfies its parts; owners it says nothing about are free.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.forms import ModelChoiceField
from django.utils.translation import gettext as _

from chanjiao.accounts.access.grants import _any, actor_of
from chanjiao.accounts.access.rules import Action, _admin_may, refusal, rule_for

LOOKUPS = frozenset({"in", "exact", "isnull", "gt", "gte", "lt", "lte"})


def _fields(condition: Q) -> set[str]:
    """The first path segments (fields of the model) a condition names."""
    names = set()
    for child in condition.children:
        if isinstance(child, Q):
            names |= _fields(child)
        else:
            names.add(child[0].split("__", 1)[0])
    return names


def _parts(condition: Q) -> list[Q]:
    """The AND-ed parts of a condition (itself, when it is not an AND)."""
    if condition.connector != Q.AND or condition.negated:
        return [condition]
    return [part if isinstance(part, Q) else Q(part) for part in condition.children]


def _relative(condition: Q, prefix: str) -> Q:
    """``condition`` seen from the record at ``prefix``: ``enterprise__region__path`` becomes
    ``region__path`` and ``enterprise`` becomes ``pk``."""
    rewritten = Q()
    rewritten.connector, rewritten.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            rewritten.children.append(_relative(child, prefix))
            continue
        lookup, value = child
        local = lookup[len(prefix) + 2 :] if lookup != prefix else "pk"
        if local in LOOKUPS:  # a lookup on the relation itself: ``program__in``
            local = f"pk__{local}"
        rewritten.children.append((local, value))
    return rewritten


def _owner_conditions(condition: Q) -> dict[str, Q] | None:
    """Per owner field, what a grant's condition requires of it; None when a part names two fields
    at once (the grant then never allows a new record)."""
    per_field: dict[str, Q] = {}
    for part in _parts(condition):
        names = _fields(part)
        if not names:
            continue
        if len(names) > 1:
            return None
        (name,) = names
        local = _relative(part, name)
        per_field[name] = per_field[name] & local if name in per_field else local
    return per_field


def _grant_conditions(user, model: type[models.Model], action: Action) -> list[dict[str, Q]] | None:
    """The owner conditions of each grant that applies to the user; None when anything goes."""
    actor = actor_of(user)
    if actor is None:
        return []
    rule = rule_for(model)
    if _admin_may(actor, rule, action):
        return None
    conditions: list[dict[str, Q]] = []
    for grant in rule.grants.get(action, ()):
        granted = grant.condition(actor, model)
        if granted is None:
            continue
        owners = _owner_conditions(granted)
        if owners is not None:
            conditions.append(owners)
    return conditions


def options(user, model: type[models.Model], field_name: str, action: Action = Action.CREATE) -> QuerySet:
    """The records a user may name as ``model.field_name`` when adding one: for a form's choices
    (an enterprise posts for itself, an officer registers organisations in its own region)."""
    related = model._meta.get_field(field_name).related_model
    queryset = related._default_manager.all()
    conditions = _grant_conditions(user, model, action)
    if conditions is None or any(field_name not in owners for owners in conditions):
        return queryset
    combined = _any(owners[field_name] for owners in conditions)
    return queryset.filter(combined) if combined is not None else queryset.none()


def may_create(user, model: type[models.Model], **owners: models.Model | None) -> bool:
    """Whether the user may add a ``model`` record naming these owners (``enterprise=org``); with
    no owners named, whether there is any record the user could name (a "New" button)."""
    conditions = _grant_conditions(user, model, Action.CREATE)
    if conditions is None:
        return True
    if not owners:
        return any(
            all(_exists(model, name, required) for name, required in grant.items()) for grant in conditions
        )
    return any(
        all(_satisfies(owners.get(name), required) for name, required in grant.items())
        for grant in conditions
    )


def _exists(model: type[models.Model], name: str, required: Q) -> bool:
    return model._meta.get_field(name).related_model._default_manager.filter(required).exists()


def _satisfies(owner: models.Model | None, required: Q) -> bool:
    return owner is not None and type(owner)._default_manager.filter(required, pk=owner.pk).exists()


def require_create(user, model: type[models.Model], **owners: models.Model | None) -> None:
    """PermissionDenied (403) unless the user may add such a record."""
    if not may_create(user, model, **owners):
        raise PermissionDenied(refusal(Action.CREATE, model))


def limit_choices(form, user, action: Action = Action.CREATE) -> None:
    """Narrow a model form's owner fields to what the user may name (``options``); a record
    being edited keeps its current owner as a choice."""
    model = form._meta.model
    conditions = _grant_conditions(user, model, action)
    if conditions is None:
        return
    constrained = {name for owners in conditions for name in owners}
    for name in constrained & set(form.fields):
        field = form.fields[name]
        if not isinstance(field, ModelChoiceField):
            continue
        allowed = Q(pk__in=options(user, model, name, action).values("pk"))
        current = getattr(form.instance, f"{name}_id", None)
        field.queryset = field.queryset.filter(allowed | Q(pk=current) if current else allowed)
        message = field.error_messages["invalid_choice"]
        if message == ModelChoiceField.default_error_messages["invalid_choice"]:
            field.error_messages["invalid_choice"] = _("Choose one you may act for.")
        else:
            field.error_messages["invalid_choice"] = f"{message} " + _("Or it is not one you may choose.")
        field.help_text = field.help_text or _("Only those you may act for are offered.")


class PolicyChoicesMixin:
    """A model form given ``user=`` offers in its owner fields only what the policy lets the user
    name (an enterprise posts for itself; an officer for the organisations of its region)."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            limit_choices(self, user)
