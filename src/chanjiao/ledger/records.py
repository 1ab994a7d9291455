"""Record types: what the log records, how a record's content is read, who may see it.

Every kind of record the log holds is declared once as a `RecordType`. Its ``read_contents``
turns rows of its model into ``(primary key, content)`` pairs: the service reads a record's
content with it right after a write, and the whole-log verification reads every record with it,
so a record edited in the database without the service no longer matches its leaf.

A capability adds its record types in ``<app>/ledger_records.py`` as ``RECORD_TYPES = [...]``
(found in every domain app when the ledger app starts), then calls
``chanjiao.ledger.services.record_change(instance=..., actor=...)`` after each write.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import QuerySet

from chanjiao.accounts import access

Content = dict[str, Any]
ContentReader = Callable[[QuerySet], Iterator[tuple[Any, Content]]]


def _always(user: Any, instance: Any) -> bool:
    return True


@dataclass(frozen=True)
class RecordType:
    """One kind of logged record.

    Attributes
    ----------
    name : str
        Stable identifier written into every leaf, e.g. ``"organisation"``.
    model : Model class
        The model whose rows are the records (a record's id is the row's primary key).
    label : str
        Human name for pages.
    read_contents : callable
        ``read_contents(queryset)`` yields ``(pk, content)`` for every row of a queryset of
        ``model``, in primary-key order; content holds plain values (see canonical JSON).
    visible : callable, optional
        ``visible(user)`` is the queryset of records whose existence and proofs the user may
        see; by default the records the access policy lets the user see.
    url_name : str
        URL name of the record's page, reversed with its primary key.
    content_readable : callable
        ``content_readable(user, instance)``: may the user read the record's logged content at
        all (a record that is private as a whole).
    private_fields : tuple of str
        Content fields that are private (an organisation's revenue): a version that holds a
        value in one of them is read whole by ``private_readable(user, instance)`` only; others
        read its other fields. Judged per version, on the logged content.
    logs_model_changes : bool
        True when every create or change of a ``model`` row is this record (then
        ``record_change(instance=...)`` needs no ``record_type``).
    """

    name: str
    model: type[models.Model]
    label: Any
    read_contents: ContentReader
    url_name: str
    visible: Callable[[Any], QuerySet] | None = None
    content_readable: Callable[[Any, Any], bool] = _always
    private_fields: tuple[str, ...] = ()
    private_readable: Callable[[Any, Any], bool] = _always
    logs_model_changes: bool = True

    @property
    def salted(self) -> bool:
        """Whether its leaves carry a random salt: a leaf hash is public, and without a secret in
        it a private value could be found by hashing guesses with the public fields."""
        return bool(self.private_fields) or self.content_readable is not _always

    def record_id(self, value: Any) -> Any:
        """The record id as the leaf writes it (the primary key's Python value)."""
        try:
            record_id = self.model._meta.pk.to_python(value)
        except Exception as error:  # a bad id of any kind is the caller's input error
            raise ValueError(f"{value!r} is not a valid {self.name} id") from error
        if record_id is None or record_id == "":
            raise ValueError(f"a {self.name} id is required")
        return record_id

    def content_of(self, pk: Any) -> Content | None:
        """The record's current content read from the database, or None if the row is gone."""
        return next((content for _, content in self.read_contents(self.model.objects.filter(pk=pk))), None)

    def visible_records(self, user: Any) -> QuerySet:
        return self.visible(user) if self.visible is not None else access.visible(user, self.model)

    def access(self, user: Any, record_id: Any) -> models.Model:
        """The record if the user may see it; ``Http404`` otherwise."""
        return access.get(user, self.visible_records(user), record_id)


def field_reader(*field_names: str) -> ContentReader:
    """A reader whose content is the named fields of the row (foreign keys as their ids)."""

    def read(queryset: QuerySet) -> Iterator[tuple[Any, Content]]:
        meta = queryset.model._meta
        columns = [meta.get_field(name).attname for name in field_names]
        rows = queryset.order_by("pk").values_list("pk", *columns).iterator(chunk_size=2000)
        for pk, *values in rows:
            yield pk, dict(zip(field_names, values, strict=True))

    return read


def children_reader(
    child_model: type[models.Model], parent_field: str, field_names: Sequence[str], key: str
) -> ContentReader:
    """A reader whose content is the record's child rows: ``{key: [{field: value}, ...]}``.

    Children are ordered by their first field (e.g. the member organisation), so the content
    does not depend on insertion order; a record without children has an empty list.
    """

    def read(queryset: QuerySet) -> Iterator[tuple[Any, Content]]:
        meta = child_model._meta
        parent_column = meta.get_field(parent_field).attname
        columns = [meta.get_field(name).attname for name in field_names]
        children = (
            child_model.objects.filter(**{f"{parent_field}__in": queryset.order_by().values("pk")})
            .order_by(parent_column, columns[0])
            .values_list(parent_column, *columns)
            .iterator(chunk_size=2000)
        )
        groups = itertools.groupby(children, key=lambda row: row[0])
        group = next(groups, None)
        for pk in queryset.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=2000):
            items: list[Content] = []
            while group is not None and group[0] <= pk:
                if group[0] == pk:
                    items = [dict(zip(field_names, row[1:], strict=True)) for row in group[1]]
                group = next(groups, None)
            yield pk, {key: items}

    return read


_RECORD_TYPES: dict[str, RecordType] = {}


def _has_auto_key(model: type[models.Model]) -> bool:
    """Is the model's primary key an automatic integer (directly or through a one-to-one)?"""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    return isinstance(field, models.AutoField | models.BigAutoField | models.SmallAutoField)


def register_record_types(record_types: Iterable[RecordType]) -> None:
    """Declare record types; a name may be declared once.

    A record's model must have an automatic integer primary key: the whole-log check merges
    rows in primary-key order with logged records in numeric id order.
    """
    for record_type in record_types:
        if not _has_auto_key(record_type.model):
            raise ValueError(
                f"record type {record_type.name!r}: {record_type.model.__name__} needs an automatic integer primary key"
            )
        existing = _RECORD_TYPES.get(record_type.name)
        if existing is not None and existing != record_type:
            raise ValueError(f"record type {record_type.name!r} is already declared")
        _RECORD_TYPES[record_type.name] = record_type


def get_record_type(name: str) -> RecordType:
    """The declared record type, or ``ValueError`` listing the known ones."""
    try:
        return _RECORD_TYPES[name]
    except KeyError:
        raise ValueError(
            f"Unknown record type {name!r}; the log records: {', '.join(sorted(_RECORD_TYPES))}."
        ) from None


def all_record_types() -> list[RecordType]:
    return [_RECORD_TYPES[name] for name in sorted(_RECORD_TYPES)]


def record_types_of(model: type[models.Model]) -> list[RecordType]:
    """Record types kept for rows of a model (a carrier has its own record and its membership)."""
    return [t for t in all_record_types() if t.model is model]


def changes_record_type(model: type[models.Model]) -> RecordType | None:
    """The record type every change of a model's rows is logged as, or None."""
    return next((t for t in record_types_of(model) if t.logs_model_changes), None)
