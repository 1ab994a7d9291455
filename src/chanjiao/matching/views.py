from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from chanjiao.accounts import legacy_access as registry_access
from chanjiao.matching import access, services
from chanjiao.matching.filters import PlacementFilter
from chanjiao.matching.forms import PlacementForm
from chanjiao.matching.tables import PLACEMENT_COLUMNS
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def placement_list(request):
    can_add = registry_access.schools_for_students(request.user).exists()
    return list_page(
        request,
        queryset=access.visible_placements(request.user),
        filterset_class=PlacementFilter,
        title=_("Placements"),
        columns=PLACEMENT_COLUMNS,
        link=lambda p: reverse("matching:placement", args=[p.pk]),
        actions=[(reverse("matching:placement_new"), _("Record a placement"))] if can_add else [],
    )


@login_required
def placement_detail(request, pk):
    placement = access.access_placement(request.user, pk)
    return render(
        request,
        "matching/placement_detail.html",
        {
            "placement": placement,
            "can_edit": access.can_record_placement_for(request.user, placement.student),
        },
    )


@login_required
def placement_new(request):
    if not registry_access.schools_for_students(request.user).exists():
        raise PermissionDenied(_("Only a school records its students' placements."))
    form = PlacementForm(request.POST or None, students=access.students_user_can_place(request.user))
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
    placement = access.access_placement(request.user, pk, edit=True)
    form = PlacementForm(
        request.POST or None, instance=placement, students=access.students_user_can_place(request.user)
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
