"""Annual statistical returns: a unit files its raw yearly figures; officers see those in scope."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.evaluation import services
from chanjiao.evaluation.filters import ReturnFilter
from chanjiao.evaluation.forms import AnnualReturnForm
from chanjiao.evaluation.models import AnnualReturn
from chanjiao.evaluation.sources import GROUPS
from chanjiao.evaluation.tables import RETURN_COLUMNS
from chanjiao.evaluation.units import units_owned_by
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def return_list(request):
    return list_page(
        request,
        queryset=access.visible(request.user, AnnualReturn),
        filterset_class=ReturnFilter,
        title=_("Annual statistical returns"),
        columns=RETURN_COLUMNS,
        link=lambda r: reverse("evaluation:return", args=[r.pk]),
        actions=[(reverse("evaluation:my_units"), _("File a return"))],
    )


@login_required
def my_units(request):
    year = timezone.localdate().year - 1
    units = units_owned_by(request.user)
    filed = {
        (r.unit_kind, r.unit_id): r
        for r in AnnualReturn.objects.filter(year=year, unit_id__in=[u.id for u in units])
    }
    rows = [(unit, filed.get((unit.kind, unit.id))) for unit in units]
    return render(request, "evaluation/my_units.html", {"rows": rows, "year": year})


@login_required
def return_new(request):
    access.require_possible(request.user, Action.FILE, AnnualReturn)
    initial = {key: request.GET.get(key) for key in ("unit_kind", "unit_id", "year") if request.GET.get(key)}
    form = AnnualReturnForm(request.POST or None, user=request.user, initial=initial)
    return form_page(
        request,
        form=form,
        title=_("File an annual return"),
        save=lambda data: services.file_return(actor=request.user, data=data),
        success_url=lambda r: reverse("evaluation:return", args=[r.pk]),
        cancel_url=reverse("evaluation:returns"),
        success_message=_("Return filed."),
    )


@login_required
def return_edit(request, pk):
    annual_return = access.get(request.user, AnnualReturn, pk, Action.FILE)
    form = AnnualReturnForm(request.POST or None, instance=annual_return, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Amend %(return)s") % {"return": annual_return},
        save=lambda data: services.file_return(
            actor=request.user,
            data={k: v for k, v in data.items() if k not in ("unit_kind", "unit_id", "year")},
            instance=annual_return,
        ),
        success_url=lambda r: reverse("evaluation:return", args=[r.pk]),
        cancel_url=reverse("evaluation:return", args=[pk]),
        success_message=_("Return amended."),
    )


@login_required
def return_detail(request, pk):
    annual_return = access.get(request.user, AnnualReturn, pk)
    groups = [
        (
            group.label,
            [
                (AnnualReturn._meta.get_field(name).verbose_name, getattr(annual_return, name))
                for name in group.fields
            ],
        )
        for group in GROUPS.values()
        if group.reported
    ]
    return render(
        request,
        "evaluation/return_detail.html",
        {
            "annual_return": annual_return,
            "groups": groups,
            "can_edit": access.allows(request.user, Action.FILE, annual_return),
        },
    )
