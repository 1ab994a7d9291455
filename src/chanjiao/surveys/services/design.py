"""Designing a questionnaire: settings, constructs, items, the model, and the shipped templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.surveys import load_instrument
from chanjiao.registry.models import Organisation
from chanjiao.surveys.models import Construct, Item, ItemKind, Questionnaire
from chanjiao.surveys.services.screening import screen_questionnaire

SCREENING_FIELDS = {"max_missing", "straight_lining_run", "screen_too_fast", "min_duration_seconds"}
# Once answers exist these would change what the answers mean; texts and order may still change.
FROZEN_ITEM_FIELDS = {"code", "kind", "construct", "reverse_keyed", "options", "min_value", "max_value"}
FROZEN_CONSTRUCT_FIELDS = {"code"}


@dataclass(frozen=True)
class Template:
    """A shipped instrument (see chanjiao.core.surveys.load_instrument) and what the platform adds."""

    code: str
    satisfaction_construct: str
    introduction_zh: str
    introduction_en: str


TEMPLATES = {
    "seed001": Template(
        code="seed001",
        satisfaction_construct="SS",
        introduction_zh="本问卷了解校企合作的现状与成效，约需8分钟。请根据您的实际感受，在每题选择最符合的选项。"
        "问卷匿名，结果仅用于统计分析。",
        introduction_en="This questionnaire asks how school-enterprise cooperation works and what it achieves; "
        "it takes about 8 minutes. For each statement choose the answer closest to your experience. "
        "Answers are anonymous and used only for statistical analysis.",
    )
}


class DesignLocked(ValueError):
    """The questionnaire has responses, so its items can no longer change meaning."""


def _refuse_if_answered(questionnaire: Questionnaire) -> None:
    if questionnaire.responses.exists():
        raise DesignLocked(
            _(
                "This questionnaire already has responses: its constructs, items and scale can no longer "
                "change (their wording and order can). Create a new questionnaire to change the design."
            )
        )


def _save(instance, *, actor: User | None, verb: str, summary: str = "") -> Any:
    instance.full_clean()
    instance.save()
    record_activity(actor=actor, verb=verb, target=instance, summary=summary or str(instance))
    return instance


@transaction.atomic
def create_questionnaire(*, actor: User | None, data: dict[str, Any]) -> Questionnaire:
    questionnaire = Questionnaire(**data, created_by=actor)
    return _save(questionnaire, actor=actor, verb="create_questionnaire")


@transaction.atomic
def update_questionnaire(
    *, actor: User | None, questionnaire: Questionnaire, data: dict[str, Any]
) -> Questionnaire:
    """Change settings; new screening rules re-screen every response at once."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    changed = {field: value for field, value in data.items() if getattr(questionnaire, field) != value}
    if "scale_points" in changed:
        _refuse_if_answered(questionnaire)
    for field, value in changed.items():
        setattr(questionnaire, field, value)
    if changed:
        _save(questionnaire, actor=actor, verb="update_questionnaire", summary=", ".join(sorted(changed)))
    if SCREENING_FIELDS & set(changed):
        screen_questionnaire(questionnaire)
    return questionnaire


@transaction.atomic
def close_questionnaire(*, actor: User | None, questionnaire: Questionnaire) -> Questionnaire:
    """Stop accepting responses now; links then say the questionnaire is closed."""
    if questionnaire.closed_at is None:
        questionnaire.closed_at = timezone.now()
        questionnaire.save(update_fields=["closed_at", "updated_at"])
        record_activity(
            actor=actor, verb="close_questionnaire", target=questionnaire, summary=str(questionnaire)
        )
    return questionnaire


@transaction.atomic
def create_from_template(
    *, actor: User | None, owner: Organisation, template: str = "seed001", **overrides: Any
) -> Questionnaire:
    """A ready questionnaire from a shipped instrument: constructs, items, target groups, the
    hypothesised model and its satisfaction construct. ``overrides`` set other questionnaire fields."""
    if template not in TEMPLATES:
        raise ValueError(f"Unknown template {template!r}; available: {', '.join(sorted(TEMPLATES))}.")
    extra = TEMPLATES[template]
    instrument = load_instrument(template)
    fields = dict(
        owner=owner,
        template=template,
        title_zh=instrument.title_zh,
        title_en=instrument.title_en,
        introduction_zh=extra.introduction_zh,
        introduction_en=extra.introduction_en,
        target_groups=[group["code"] for group in instrument.raw.get("target_groups", [])],
        scale_points=instrument.scale.points,
        model_syntax=instrument.model_syntax(),
        created_by=actor,
    )
    questionnaire = Questionnaire(**{**fields, **overrides})
    questionnaire.full_clean()
    questionnaire.save()
    position = 0
    for index, source in enumerate(instrument.constructs, start=1):
        construct = Construct.objects.create(
            questionnaire=questionnaire,
            code=source.code,
            name_zh=source.name_zh,
            name_en=source.name_en,
            position=index,
        )
        items = []
        for item in source.items:
            position += 1
            items.append(
                Item(
                    questionnaire=questionnaire,
                    construct=construct,
                    code=item.code,
                    kind=ItemKind.LIKERT,
                    text_zh=item.text_zh,
                    text_en=item.text_en,
                    reverse_keyed=item.reverse_keyed,
                    position=position,
                )
            )
        Item.objects.bulk_create(items)
        if source.code == extra.satisfaction_construct:
            questionnaire.satisfaction_construct = construct
    questionnaire.save(update_fields=["satisfaction_construct"])
    record_activity(
        actor=actor, verb="create_questionnaire", target=questionnaire, summary=f"template {template}"
    )
    return questionnaire


@transaction.atomic
def add_construct(*, actor: User | None, questionnaire: Questionnaire, data: dict[str, Any]) -> Construct:
    _refuse_if_answered(questionnaire)
    return _save(Construct(questionnaire=questionnaire, **data), actor=actor, verb="add_construct")


@transaction.atomic
def update_construct(*, actor: User | None, construct: Construct, data: dict[str, Any]) -> Construct:
    construct = Construct.objects.select_for_update().get(pk=construct.pk)
    changed = {field: value for field, value in data.items() if getattr(construct, field) != value}
    if FROZEN_CONSTRUCT_FIELDS & set(changed):
        _refuse_if_answered(construct.questionnaire)
    for field, value in changed.items():
        setattr(construct, field, value)
    return _save(construct, actor=actor, verb="update_construct") if changed else construct


@transaction.atomic
def delete_construct(*, actor: User | None, construct: Construct) -> None:
    _refuse_if_answered(construct.questionnaire)
    record_activity(actor=actor, verb="delete_construct", target=construct, summary=str(construct))
    construct.delete()


@transaction.atomic
def add_item(*, actor: User | None, questionnaire: Questionnaire, data: dict[str, Any]) -> Item:
    _refuse_if_answered(questionnaire)
    return _save(Item(questionnaire=questionnaire, **data), actor=actor, verb="add_item")


@transaction.atomic
def update_item(*, actor: User | None, item: Item, data: dict[str, Any]) -> Item:
    item = Item.objects.select_for_update().get(pk=item.pk)
    changed = {field: value for field, value in data.items() if getattr(item, field) != value}
    if FROZEN_ITEM_FIELDS & set(changed):
        _refuse_if_answered(item.questionnaire)
    for field, value in changed.items():
        setattr(item, field, value)
    return _save(item, actor=actor, verb="update_item") if changed else item


@transaction.atomic
def delete_item(*, actor: User | None, item: Item) -> None:
    _refuse_if_answered(item.questionnaire)
    record_activity(actor=actor, verb="delete_item", target=item, summary=str(item))
    item.delete()


@transaction.atomic
def set_model(*, actor: User | None, questionnaire: Questionnaire, syntax: str) -> Questionnaire:
    """Store validated model syntax (see chanjiao.surveys.modelling); screening follows its items."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.model_syntax != syntax:
        questionnaire.model_syntax = syntax
        questionnaire.save(update_fields=["model_syntax", "updated_at"])
        record_activity(
            actor=actor, verb="set_model", target=questionnaire, summary=syntax.replace("\n", "; ")
        )
        screen_questionnaire(questionnaire)
    return questionnaire
