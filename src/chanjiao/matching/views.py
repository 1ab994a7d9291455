from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching import services
from chanjiao.matching.filters import PlacementFilter
from chanjiao.matching.forms import PlacementForm
from chanjiao.matching.models import Placement
from chanjiao.matching.tables import PLACEMENT_COLUMNS
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def placement_list(request):
    can_add = access.may_create(request.user, Placement)
    return list_page(
        request,
        queryset=access.visible(request.user, Placement),
        filterset_class=PlacementFilter,
        title=_("Placements"),
        columns=PLACEMENT_COLUMNS,
        link=lambda p: reverse("matching:placement", args=[p.pk]),
        actions=[(reverse("matching:placement_new"), _("Record a placement"))] if can_add else [],
    )


@login_required
def placement_detail(request, pk):
    placement = access.get(request.user, Placement, pk)
    return render(
        request,
        "matching/placement_detail.html",
        {
            "placement": placement,
            "can_edit": access.allows(request.user, Action.CHANGE, placement),
        },
    )


@login_required
def placement_new(request):
    if not access.may_create(request.user, Placement):
        raise PermissionDenied(_("Only a school records its students' placements."))
    form = PlacementForm(request.POST or None, students=access.options(request.user, Placement, "student"))
    return form_page(
        request,
        form=form,
        title=_("Record a placement"),
        save=lambda data: services.record_placement(actor=request.user, data=data),
        success_url=lambda p: reverse("matching:placement", args=[p.pk]),
        cancel_url=reverse("matching:placements"),
        success_message=_("Placement saved."),
    )


@login_required
def placement_edit(request, pk):
    placement = access.get(request.user, Placement, pk, Action.CHANGE)
    form = PlacementForm(
        request.POST or None, instance=placement, students=access.options(request.user, Placement, "student")
    )
    return form_page(
        request,
        form=form,
        title=_("Edit placement"),
        save=lambda data: services.update_placement(actor=request.user, placement=placement, data=data),
        success_url=lambda p: reverse("matching:placement", args=[p.pk]),
        cancel_url=reverse("matching:placement", args=[pk]),
        success_message=_("Placement saved."),
    )
