"""Designing through the API: questionnaires, templates, constructs, items, the model."""

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.core.surveys import load_instrument, parse_model
from chanjiao.registry.api import filtered
from chanjiao.registry.schemas import SearchQuery
from chanjiao.surveys import services
from chanjiao.surveys.api.schemas import (
    ConstructIn,
    ConstructOut,
    ItemIn,
    ItemOut,
    ModelBuildIn,
    ModelIn,
    ModelOut,
    QuestionnaireDetailOut,
    QuestionnaireIn,
    QuestionnaireOut,
    TemplateOut,
    TemplateUseIn,
)
from chanjiao.surveys.filters import QuestionnaireFilter
from chanjiao.surveys.forms import (
    ConstructForm,
    ItemForm,
    ModelBuilderForm,
    ModelSyntaxForm,
    QuestionnaireForm,
)
from chanjiao.surveys.models import Construct, Item, Questionnaire
from chanjiao.web.api_forms import form_data

router = Router()


def item_payload(payload: ItemIn) -> dict:
    data = payload.dict(exclude_unset=True)
    if "construct_id" in data:
        data["construct"] = data.pop("construct_id")
    return data


def form_errors(form) -> ValidationError:
    return ValidationError({field: errors for field, errors in form.errors.as_data().items()})


class QuestionnaireQuery(SearchQuery):
    owner: int | None = None
    scale_points: int | None = None
    template: str | None = None


@router.get("/surveys/questionnaires", response=list[QuestionnaireOut])
@paginate(PageNumberPagination, page_size=50)
def list_questionnaires(request, query: Query[QuestionnaireQuery]):
    return filtered(QuestionnaireFilter, request, access.visible(request.user, Questionnaire), query)


@router.post("/surveys/questionnaires", response={201: QuestionnaireDetailOut})
def create_questionnaire(request, payload: QuestionnaireIn):
    if not access.may_create(request.user, Questionnaire):
        raise PermissionDenied("Officers, schools, associations and evaluators create questionnaires.")
    data = form_data(
        QuestionnaireForm,
        payload.dict(exclude_unset=True),
        owners=access.options(request.user, Questionnaire, "owner"),
    )
    return 201, services.create_questionnaire(actor=request.user, data=data)


@router.get("/surveys/questionnaires/{questionnaire_id}", response=QuestionnaireDetailOut)
def get_questionnaire(request, questionnaire_id: int):
    return access.get(request.user, Questionnaire, questionnaire_id)


@router.patch("/surveys/questionnaires/{questionnaire_id}", response=QuestionnaireDetailOut)
def update_questionnaire(request, questionnaire_id: int, payload: QuestionnaireIn):
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    data = form_data(QuestionnaireForm, payload.dict(exclude_unset=True), instance=questionnaire)
    return services.update_questionnaire(actor=request.user, questionnaire=questionnaire, data=data)


@router.post("/surveys/questionnaires/{questionnaire_id}/close", response=QuestionnaireDetailOut)
def close_questionnaire(request, questionnaire_id: int):
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    return services.close_questionnaire(actor=request.user, questionnaire=questionnaire)


@router.get("/surveys/templates", response=list[TemplateOut])
def list_templates(request):
    templates = []
    for code in services.TEMPLATES:
        instrument = load_instrument(code)
        templates.append(
            {
                "code": code,
                "title_zh": instrument.title_zh,
                "title_en": instrument.title_en,
                "constructs": [construct.code for construct in instrument.constructs],
                "items": len(instrument.items),
                "hypotheses": [f"{h.outcome} ~ {h.predictor}" for h in instrument.hypotheses],
            }
        )
    return templates


@router.post("/surveys/templates/{code}/use", response={201: QuestionnaireDetailOut})
def use_template(request, code: str, payload: TemplateUseIn):
    if not access.may_create(request.user, Questionnaire):
        raise PermissionDenied("Officers, schools, associations and evaluators create questionnaires.")
    owners = access.options(request.user, Questionnaire, "owner")
    if payload.owner is not None:
        owner = owners.filter(pk=payload.owner).first()
    else:
        owner = owners.get() if owners.count() == 1 else None
    if owner is None:
        raise ValidationError({"owner": ["Name the owner organisation (an organisation you may act for)."]})
    return 201, services.create_from_template(actor=request.user, owner=owner, template=code)


@router.post("/surveys/questionnaires/{questionnaire_id}/constructs", response={201: ConstructOut})
def add_construct(request, questionnaire_id: int, payload: ConstructIn):
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    data = form_data(ConstructForm, payload.dict(exclude_unset=True), questionnaire=questionnaire)
    return 201, services.add_construct(actor=request.user, questionnaire=questionnaire, data=data)


@router.patch("/surveys/constructs/{construct_id}", response=ConstructOut)
def update_construct(request, construct_id: int, payload: ConstructIn):
    construct = access.get(request.user, Construct, construct_id, Action.MANAGE)
    data = form_data(
        ConstructForm,
        payload.dict(exclude_unset=True),
        instance=construct,
        questionnaire=construct.questionnaire,
    )
    return services.update_construct(actor=request.user, construct=construct, data=data)


@router.delete("/surveys/constructs/{construct_id}", response={204: None})
def delete_construct(request, construct_id: int):
    construct = access.get(request.user, Construct, construct_id, Action.MANAGE)
    services.delete_construct(actor=request.user, construct=construct)
    return 204, None


@router.post("/surveys/questionnaires/{questionnaire_id}/items", response={201: ItemOut})
def add_item(request, questionnaire_id: int, payload: ItemIn):
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    data = form_data(ItemForm, item_payload(payload), questionnaire=questionnaire)
    return 201, services.add_item(actor=request.user, questionnaire=questionnaire, data=data)


@router.patch("/surveys/items/{item_id}", response=ItemOut)
def update_item(request, item_id: int, payload: ItemIn):
    item = access.get(request.user, Item, item_id, Action.MANAGE)
    data = form_data(ItemForm, item_payload(payload), instance=item, questionnaire=item.questionnaire)
    return services.update_item(actor=request.user, item=item, data=data)


@router.delete("/surveys/items/{item_id}", response={204: None})
def delete_item(request, item_id: int):
    item = access.get(request.user, Item, item_id, Action.MANAGE)
    services.delete_item(actor=request.user, item=item)
    return 204, None


def _model_out(syntax: str) -> dict:
    spec = parse_model(syntax) if syntax.strip() else None
    if spec is None:
        return {"syntax": "", "constructs": {}, "paths": [], "covariances": []}
    return {
        "syntax": syntax,
        "constructs": {name: list(items) for name, items in spec.constructs.items()},
        "paths": [{"outcome": outcome, "predictor": predictor} for outcome, predictor in spec.paths],
        "covariances": [list(pair) for pair in spec.covariances],
    }


@router.get("/surveys/questionnaires/{questionnaire_id}/model", response=ModelOut)
def get_model(request, questionnaire_id: int):
    return _model_out(access.get(request.user, Questionnaire, questionnaire_id).model_syntax)


@router.put("/surveys/questionnaires/{questionnaire_id}/model", response=ModelOut)
def set_model(request, questionnaire_id: int, payload: ModelIn):
    """Replace the model with lavaan-style syntax; mistakes are 422 naming the line."""
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    form = ModelSyntaxForm(data={"model_syntax": payload.syntax}, instance=questionnaire)
    if not form.is_valid():
        raise form_errors(form)
    syntax = form.cleaned_data["model_syntax"]
    services.set_model(actor=request.user, questionnaire=questionnaire, syntax=syntax)
    return _model_out(syntax)


@router.post("/surveys/questionnaires/{questionnaire_id}/model/build", response=ModelOut)
def build_model(request, questionnaire_id: int, payload: ModelBuildIn):
    """Write the model from the design: chosen items measure their constructs, plus the paths."""
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    form = ModelBuilderForm(
        data={"items": payload.items, "paths": [f"{p.outcome}~{p.predictor}" for p in payload.paths]},
        questionnaire=questionnaire,
    )
    if not form.is_valid():
        raise form_errors(form)
    syntax = form.cleaned_data["syntax"]
    services.set_model(actor=request.user, questionnaire=questionnaire, syntax=syntax)
    return _model_out(syntax)
