from datetime import date

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching import services
from chanjiao.matching.api_offers import router as offers_router
from chanjiao.matching.api_partners import router as partners_router
from chanjiao.matching.api_rounds import router as rounds_router
from chanjiao.matching.filters import PlacementFilter
from chanjiao.matching.forms import PlacementForm
from chanjiao.matching.models import Placement
from chanjiao.registry.api import filtered
from chanjiao.registry.schemas import SearchQuery
from chanjiao.web.api_forms import form_data

router = Router(tags=["placements"])
router.add_router("", rounds_router)
router.add_router("", offers_router)
router.add_router("", partners_router)


class PlacementOut(Schema):
    id: int
    student_id: int
    school_id: int
    enterprise_id: int
    kind: str
    stage: str
    occupation_id: str | None
    year: int
    start_date: date
    end_date: date
    status: str
    source: str
    round_id: int | None

    @staticmethod
    def resolve_school_id(obj):
        return obj.student.school_id


class PlacementIn(Schema):
    student: int | None = None
    enterprise: int | None = None
    kind: str | None = None
    stage: str | None = None
    occupation: str | None = None
    year: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    status: str | None = None


class PlacementQuery(SearchQuery):
    kind: str | None = None
    stage: str | None = None
    status: str | None = None
    year: int | None = None
    source: str | None = None
    enterprise: int | None = None
    school: int | None = None
    student: int | None = None
    round: int | None = None


@router.get("/placements", response=list[PlacementOut])
@paginate(PageNumberPagination, page_size=50)
def list_placements(request, query: Query[PlacementQuery]):
    return filtered(PlacementFilter, request, access.visible(request.user, Placement), query)


@router.get("/placements/{placement_id}", response=PlacementOut)
def get_placement(request, placement_id: int):
    return access.get(request.user, Placement, placement_id)


@router.post("/placements", response={201: PlacementOut})
def record_placement(request, payload: PlacementIn):
    if not access.may_create(request.user, Placement):
        raise PermissionDenied("Only a school records its students' placements.")
    data = form_data(
        PlacementForm,
        payload.dict(exclude_unset=True),
        students=access.options(request.user, Placement, "student"),
    )
    return 201, services.record_placement(actor=request.user, data=data)


@router.patch("/placements/{placement_id}", response=PlacementOut)
def update_placement(request, placement_id: int, payload: PlacementIn):
    placement = access.get(request.user, Placement, placement_id, Action.CHANGE)
    data = form_data(
        PlacementForm,
        payload.dict(exclude_unset=True),
        instance=placement,
        students=access.options(request.user, Placement, "student"),
    )
    return services.update_placement(actor=request.user, placement=placement, data=data)
