"""Shapes of the surveys API."""

from datetime import datetime
from typing import Any

from ninja import Field, Schema


class ConstructOut(Schema):
    id: int
    code: str
    name_zh: str
    name_en: str
    position: int


class ItemOut(Schema):
    id: int
    code: str
    construct_id: int | None
    kind: str
    text_zh: str
    text_en: str
    reverse_keyed: bool
    required: bool
    options: list[dict[str, str]]
    min_value: float | None
    max_value: float | None
    position: int


class QuestionnaireOut(Schema):
    id: int
    title_zh: str
    title_en: str
    owner_id: int
    template: str
    target_groups: list[str]
    scale_points: int
    state: str
    opens_at: datetime | None
    closes_at: datetime | None
    closed_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_state(obj) -> str:
        return str(obj.state())


class QuestionnaireDetailOut(QuestionnaireOut):
    introduction_zh: str
    introduction_en: str
    model_syntax: str
    satisfaction_construct_id: int | None
    reminder_after_days: int
    distributed_outside: int
    max_missing: int
    straight_lining_run: int | None
    screen_too_fast: bool
    min_duration_seconds: int | None
    constructs: list[ConstructOut]
    items: list[ItemOut]

    @staticmethod
    def resolve_constructs(obj):
        return list(obj.constructs.all())

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())


class QuestionnaireIn(Schema):
    owner: int | None = Field(None, description="Owner organisation id (administrators; others own theirs)")
    title_zh: str | None = None
    title_en: str | None = None
    introduction_zh: str | None = None
    introduction_en: str | None = None
    target_groups: list[str] | None = Field(None, description="enterprise_hr, teacher, student, official")
    scale_points: int | None = Field(None, description="5 or 7")
    satisfaction_construct: int | None = Field(None, description="Construct id")
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    reminder_after_days: int | None = None
    distributed_outside: int | None = None
    max_missing: int | None = None
    straight_lining_run: int | None = None
    screen_too_fast: bool | None = None
    min_duration_seconds: int | None = None


class ConstructIn(Schema):
    code: str | None = None
    name_zh: str | None = None
    name_en: str | None = None
    position: int | None = None


class ItemIn(Schema):
    construct_id: int | None = Field(None, description="Construct id (Likert items)")
    code: str | None = None
    kind: str | None = Field(None, description="likert, choice, number or text")
    text_zh: str | None = None
    text_en: str | None = None
    reverse_keyed: bool | None = None
    required: bool | None = None
    options: list[Any] | None = Field(None, description='Choice options: ["中文 | English", ...]')
    min_value: float | None = None
    max_value: float | None = None
    position: int | None = None


class ModelIn(Schema):
    syntax: str = Field(..., description="Lavaan-style: 'SS =~ SS1 + SS2 + SS3', 'TQ ~ SS + EP', 'EP ~~ CG'")


class PathIn(Schema):
    outcome: str
    predictor: str


class ModelBuildIn(Schema):
    items: list[str] = Field(..., description="Likert item codes to include; each measures its construct")
    paths: list[PathIn] = []


class ModelOut(Schema):
    syntax: str
    constructs: dict[str, list[str]]
    paths: list[PathIn]
    covariances: list[list[str]]


class TemplateOut(Schema):
    code: str
    title_zh: str
    title_en: str
    constructs: list[str]
    items: int
    hypotheses: list[str]


class TemplateUseIn(Schema):
    owner: int | None = Field(None, description="Owner organisation id (administrators only)")
