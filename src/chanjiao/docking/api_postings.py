"""Postings with their coding, the coding feed, technical needs and consortium lists."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking import policy, services
from chanjiao.docking.api_common import form_data_from
from chanjiao.docking.filters import CodingFeedbackFilter, ConsortiumFilter, NeedFilter, PostingFilter
from chanjiao.docking.forms import (
    MatchExpertsForm,
    NeedForm,
    NeedStepForm,
    PostingCodeForm,
    PostingForm,
    ProductForm,
)
from chanjiao.docking.models import CoderModel, CodingFeedback, Posting, TechnicalNeed
from chanjiao.docking.models.needs import CONSORTIUM_KINDS
from chanjiao.docking.selectors_coding import coding_coverage, review_queue
from chanjiao.registry.api import filtered
from chanjiao.registry.models import Carrier
from chanjiao.registry.schemas import SearchQuery
from chanjiao.web.api_forms import form_data

router = Router(tags=["docking"])


class Alternative(Schema):
    code: str
    name: str
    score: float


class PostingOut(Schema):
    id: int
    enterprise_id: int
    kind: str
    title: str
    description: str
    skills: list[str]
    certificates: list[str]
    seats: int
    region_id: int
    salary_min: int | None
    salary_max: int | None
    start_date: date | None
    status: str
    published_on: date | None
    carrier_id: int | None
    occupation_id: str | None = Field(None, description="The CSCO code in use (suggested or confirmed)")
    code_status: str
    suggested_occupation_id: str | None
    suggested_level: str
    suggested_confidence: float | None
    suggested_alternatives: list[Alternative]


class PostingIn(Schema):
    enterprise: int | None = None
    kind: str | None = None
    title: str | None = None
    description: str | None = None
    skills: list[str] | None = None
    certificates: list[str] | None = None
    seats: int | None = None
    region: int | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    start_date: date | None = None
    carrier: int | None = None


class PostingCreate(PostingIn):
    publish: bool = Field(False, description="Publish at once instead of saving a draft")


class StatusIn(Schema):
    status: str = Field(..., description="published, filled or closed")


class CodeIn(Schema):
    occupation: str = Field(..., description="CSCO 2022 code, e.g. 6-18-01-01; the suggested one confirms it")


class PostingQuery(SearchQuery):
    kind: str | None = None
    status: str | None = None
    code_status: str | None = None
    enterprise: int | None = None
    occupation: str | None = Field(None, description="CSCO code: this occupation and everything below it")
    occupation_level: int | None = None
    year: int | None = None
    month: int | None = None
    carrier: int | None = None
    salary_at_least: int | None = None


class FeedbackOut(Schema):
    id: int
    posting_id: int
    title: str
    description: str
    suggested_code: str
    code: str
    overridden: bool
    at: datetime

    @staticmethod
    def resolve_code(obj):
        return obj.occupation_id


class FeedbackQuery(Schema):
    q: str | None = None
    overridden: bool | None = None


def _posting_form_kwargs(request):
    return {
        "enterprises": access.options(request.user, Posting, "enterprise"),
        "consortia": policy.consortia_user_lists_in(request.user),
    }


@router.get("/docking/postings", response=list[PostingOut])
@paginate(PageNumberPagination, page_size=50)
def list_postings(request, query: Query[PostingQuery]):
    return filtered(PostingFilter, request, access.visible(request.user, Posting), query)


@router.get("/docking/postings/{posting_id}", response=PostingOut)
def get_posting(request, posting_id: int):
    return access.get(request.user, Posting, posting_id)


@router.post("/docking/postings", response={201: PostingOut})
def create_posting(request, payload: PostingCreate):
    if not access.options(request.user, Posting, "enterprise").exists():
        raise PermissionDenied("Only an enterprise posts talent demand.")
    fields = payload.dict(exclude_unset=True)
    publish = fields.pop("publish", False)
    data = form_data(PostingForm, fields, **_posting_form_kwargs(request))
    return 201, services.create_posting(actor=request.user, data=data, publish=publish)


@router.patch("/docking/postings/{posting_id}", response=PostingOut)
def update_posting(request, posting_id: int, payload: PostingIn):
    posting = access.get(request.user, Posting, posting_id, Action.CHANGE)
    data = form_data(
        PostingForm, payload.dict(exclude_unset=True), instance=posting, **_posting_form_kwargs(request)
    )
    return services.update_posting(actor=request.user, posting=posting, data=data)


@router.post("/docking/postings/{posting_id}/status", response=PostingOut)
def set_status(request, posting_id: int, payload: StatusIn):
    posting = access.get(request.user, Posting, posting_id, Action.CHANGE)
    return services.set_posting_status(actor=request.user, posting=posting, status=payload.status)


@router.post("/docking/postings/{posting_id}/code", response=PostingOut)
def set_code(request, posting_id: int, payload: CodeIn):
    posting = access.get(request.user, Posting, posting_id, Action.CODE)
    data = form_data_from(PostingCodeForm(data=payload.dict()))
    return services.code_posting(actor=request.user, posting=posting, occupation=data["occupation"])


@router.get("/docking/coding-feedback", response=list[FeedbackOut])
@paginate(PageNumberPagination, page_size=100)
def list_feedback(request, query: Query[FeedbackQuery]):
    """Confirmed and corrected codes: (title, code) pairs to retrain the coder with."""
    return filtered(CodingFeedbackFilter, request, access.visible(request.user, CodingFeedback), query)


class CoverageOut(Schema):
    postings: int = Field(..., description="Postings the user may code")
    covered: int = Field(..., description="Coded at the fine level with high confidence, or confirmed")
    share: float | None
    to_review: int = Field(..., description="Postings in the review queue")
    threshold: float = Field(..., description="Confidence below which a code is reviewed")
    retrained_at: datetime | None = Field(None, description="When the coder was last retrained")
    examples: int | None = Field(None, description="Confirmed codes the current coder learned from")


class JobOut(Schema):
    job_id: int


@router.get("/docking/coding/review", response=list[PostingOut])
@paginate(PageNumberPagination, page_size=50)
def list_review_queue(request):
    """Postings whose code the coder is unsure of, least certain first: confirm one with
    POST /docking/postings/{id}/code, which also teaches the coder."""
    return review_queue(access.visible(request.user, Posting, Action.CODE))


@router.get("/docking/coding/coverage", response=CoverageOut)
def get_coverage(request):
    """Share of the postings the user may code that are coded at the fine level with confidence."""
    coverage = coding_coverage(access.visible(request.user, Posting, Action.CODE))
    model = CoderModel.objects.first()
    return {
        "postings": coverage.postings,
        "covered": coverage.covered,
        "share": coverage.share,
        "to_review": coverage.to_review,
        "threshold": settings.CODING_REVIEW_CONFIDENCE,
        "retrained_at": model.created_at if model else None,
        "examples": model.examples if model else None,
    }


@router.post("/docking/coding/retrain", response={202: JobOut})
def retrain(request):
    """Retrain the coder on every confirmed code in the background (officers and admins)."""
    access.require_possible(request.user, Action.MANAGE, CoderModel)
    return 202, {"job_id": services.start_retraining(actor=request.user).pk}


# -- technical needs -----------------------------------------------------------------------


class NeedOut(Schema):
    id: int
    enterprise_id: int
    title: str
    description: str
    field: str
    industry: str
    budget: Decimal | None
    region_id: int
    deadline: date | None
    status: str
    carrier_id: int | None
    outcome: str
    experts: list[int]
    matched_at: datetime | None
    closed_at: datetime | None

    @staticmethod
    def resolve_experts(obj):
        return [link.expert_id for link in obj.expert_links.all()]


class NeedIn(Schema):
    enterprise: int | None = None
    title: str | None = None
    description: str | None = None
    field: str | None = None
    industry: str | None = None
    budget: Decimal | None = None
    region: int | None = None
    deadline: date | None = None
    carrier: int | None = None


class MatchIn(Schema):
    experts: list[int] = Field(..., description="Teacher ids of the chosen experts")


class StepIn(Schema):
    status: str = Field(..., description="in_progress, solved, abandoned or open")
    outcome: str = ""


class NeedQuery(SearchQuery):
    status: str | None = None
    industry: str | None = None
    enterprise: int | None = None
    carrier: int | None = None


def _need_form_kwargs(request):
    return _posting_form_kwargs(request)


@router.get("/docking/needs", response=list[NeedOut])
@paginate(PageNumberPagination, page_size=50)
def list_needs(request, query: Query[NeedQuery]):
    needs = access.visible(request.user, TechnicalNeed).prefetch_related("expert_links")
    return filtered(NeedFilter, request, needs, query)


@router.get("/docking/needs/{need_id}", response=NeedOut)
def get_need(request, need_id: int):
    return access.get(request.user, TechnicalNeed, need_id)


@router.post("/docking/needs", response={201: NeedOut})
def create_need(request, payload: NeedIn):
    if not access.options(request.user, Posting, "enterprise").exists():
        raise PermissionDenied("Only an enterprise publishes technical needs.")
    data = form_data(NeedForm, payload.dict(exclude_unset=True), **_need_form_kwargs(request))
    return 201, services.create_need(actor=request.user, data=data)


@router.patch("/docking/needs/{need_id}", response=NeedOut)
def update_need(request, need_id: int, payload: NeedIn):
    need = access.get(request.user, TechnicalNeed, need_id, Action.CHANGE)
    data = form_data(NeedForm, payload.dict(exclude_unset=True), instance=need, **_need_form_kwargs(request))
    return services.update_need(actor=request.user, need=need, data=data)


@router.post("/docking/needs/{need_id}/match", response=NeedOut)
def match_need(request, need_id: int, payload: MatchIn):
    need = access.get(request.user, TechnicalNeed, need_id, Action.MANAGE)
    form = MatchExpertsForm(data={"experts": payload.experts})
    data = form_data_from(form)
    return services.match_need_with_experts(actor=request.user, need=need, experts=data["experts"])


@router.post("/docking/needs/{need_id}/step", response=NeedOut)
def step_need(request, need_id: int, payload: StepIn):
    need = access.get(request.user, TechnicalNeed, need_id, Action.CHANGE)
    data = form_data_from(NeedStepForm(data=payload.dict()))
    return services.move_need(actor=request.user, need=need, status=data["status"], outcome=data["outcome"])


# -- consortia -----------------------------------------------------------------------------


class ProductOut(Schema):
    id: int
    name: str
    producer_id: int | None
    description: str


class ProductIn(Schema):
    name: str
    producer: int | None = None
    description: str = ""


class ConsortiumOut(Schema):
    id: int
    name: str
    kind: str
    lead_id: int
    region_id: int
    core_products: list[ProductOut]
    technology_needs: list[int]
    talent_needs: list[int]
    needs_solved: int

    @staticmethod
    def resolve_core_products(obj):
        return list(obj.core_products.all())

    @staticmethod
    def resolve_technology_needs(obj):
        return list(obj.technology_needs.values_list("pk", flat=True))

    @staticmethod
    def resolve_talent_needs(obj):
        return list(obj.talent_needs.exclude(status="draft").values_list("pk", flat=True))

    @staticmethod
    def resolve_needs_solved(obj):
        return obj.technology_needs.filter(status="solved").count()


class ConsortiumQuery(SearchQuery):
    kind: str | None = None


@router.get("/docking/consortia", response=list[ConsortiumOut])
@paginate(PageNumberPagination, page_size=20)
def list_consortia(request, query: Query[ConsortiumQuery]):
    return filtered(
        ConsortiumFilter,
        request,
        access.visible(request.user, Carrier).filter(kind__in=CONSORTIUM_KINDS),
        query,
    )


@router.get("/docking/consortia/{consortium_id}", response=ConsortiumOut)
def get_consortium(request, consortium_id: int):
    return access.get(request.user, Carrier, consortium_id)


@router.post("/docking/consortia/{consortium_id}/products", response={201: ProductOut})
def add_product(request, consortium_id: int, payload: ProductIn):
    consortium = access.get(request.user, Carrier, consortium_id, Action.CHANGE)
    data = form_data_from(ProductForm(data=payload.dict(), consortium=consortium))
    return 201, services.add_product(actor=request.user, consortium=consortium, data=data)


@router.delete("/docking/consortia/{consortium_id}/products/{product_id}", response={204: None})
def remove_product(request, consortium_id: int, product_id: int):
    consortium = access.get(request.user, Carrier, consortium_id, Action.CHANGE)
    services.remove_product(
        actor=request.user, product=access.get(request.user, consortium.products.all(), product_id)
    )
    return 204, None
