"""Carrier pages: list, detail with members, create, edit, membership."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry import filters, services, tables
from chanjiao.registry.forms import CarrierForm, CarrierMemberForm
from chanjiao.registry.models import Carrier, CarrierMember, MemberRole, OrgKind
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def carrier_list(request):
    actions = (
        [(reverse("registry:carrier_new"), _("New carrier"))]
        if access.may_create(request.user, Carrier)
        else []
    )
    return list_page(
        request,
        queryset=access.visible(request.user, Carrier),
        filterset_class=filters.CarrierFilter,
        title=_("Carriers"),
        columns=tables.CARRIER_COLUMNS,
        link=lambda c: reverse("registry:carrier", args=[c.pk]),
        actions=actions,
    )


@login_required
def carrier_detail(request, pk):
    carrier = access.get(request.user, Carrier, pk)
    members = list(carrier.memberships.select_related("organisation"))
    seats = carrier.memberships.aggregate(total=Sum("council_seats"))["total"] or 0
    enterprise_seats = sum(m.council_seats for m in members if m.organisation.kind == OrgKind.ENTERPRISE)
    can_edit = access.allows(request.user, Action.CHANGE, carrier)
    return render(
        request,
        "registry/carrier_detail.html",
        {
            "carrier": carrier,
            "members": members,
            "council_seats": seats,
            "enterprise_seat_share": enterprise_seats / seats if seats else None,
            "can_edit": can_edit,
            "member_form": CarrierMemberForm() if can_edit else None,
        },
    )


@login_required
def carrier_new(request):
    if not access.may_create(request.user, Carrier):
        raise PermissionDenied(access.refusal(Action.CREATE, Carrier))
    form = CarrierForm(
        request.POST or None, user=request.user, initial={"lead": request.user.organisation_id}
    )

    def save(data):
        carrier = services.create_record(actor=request.user, model=Carrier, data=data)
        services.add_carrier_member(
            actor=request.user, carrier=carrier, organisation=carrier.lead, role=MemberRole.LEAD
        )
        return carrier

    return form_page(
        request,
        form=form,
        title=_("New carrier"),
        save=save,
        success_url=lambda c: reverse("registry:carrier", args=[c.pk]),
        cancel_url=reverse("registry:carriers"),
        success_message=_("Carrier saved."),
    )


@login_required
def carrier_edit(request, pk):
    carrier = access.get(request.user, Carrier, pk, Action.CHANGE)
    form = CarrierForm(request.POST or None, instance=carrier, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Edit %(name)s") % {"name": carrier.name},
        save=lambda data: services.update_record(actor=request.user, instance=carrier, data=data),
        success_url=lambda c: reverse("registry:carrier", args=[c.pk]),
        cancel_url=reverse("registry:carrier", args=[pk]),
        success_message=_("Carrier saved."),
    )


@login_required
@require_POST
def carrier_member_add(request, pk):
    carrier = access.get(request.user, Carrier, pk, Action.CHANGE)
    form = CarrierMemberForm(request.POST)
    if form.is_valid():
        try:
            services.add_carrier_member(actor=request.user, carrier=carrier, **form.cleaned_data)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Member added."))
    else:
        messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    return redirect("registry:carrier", pk=pk)


@login_required
@require_POST
def carrier_member_remove(request, pk, member_pk):
    carrier = access.get(request.user, Carrier, pk, Action.CHANGE)
    member = get_object_or_404(CarrierMember, pk=member_pk, carrier=carrier)
    try:
        services.remove_carrier_member(actor=request.user, member=member)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Member removed."))
    return redirect("registry:carrier", pk=pk)
