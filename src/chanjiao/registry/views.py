"""Directory pages: regions, occupations, organisations and programs."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry import filters, services, tables
from chanjiao.registry.forms import CrosswalkEntryForm, OrganisationForm, ProgramForm, ProgramYearForm
from chanjiao.registry.models import Carrier, Occupation, Organisation, OrgKind, Program, Region, Teacher
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def region_list(request):
    return list_page(
        request,
        queryset=Region.objects.select_related("parent"),
        filterset_class=filters.RegionFilter,
        title=_("Regions"),
        columns=tables.REGION_COLUMNS,
        link=lambda r: reverse("registry:region", args=[r.pk]),
    )


@login_required
def region_detail(request, pk):
    region = get_object_or_404(Region.objects.select_related("parent"), pk=pk)
    ancestors = Region.objects.filter(pk__in=[int(p) for p in region.path.strip("/").split("/")]).order_by(
        "level"
    )
    within = {"region__path__startswith": region.path}
    counts = {
        label: access.visible(request.user, Organisation).filter(kind=kind, **within).count()
        for kind, label in OrgKind.choices
    }
    return render(
        request,
        "registry/region_detail.html",
        {
            "region": region,
            "ancestors": ancestors,
            "children": region.children.all(),
            "counts": counts,
            "carriers": access.visible(request.user, Carrier).filter(**within).count(),
        },
    )


@login_required
def occupation_list(request):
    queryset = Occupation.objects.all()
    if not request.GET.get("q") and not request.GET.get("parent") and not request.GET.get("level"):
        queryset = queryset.filter(level=1)
    return list_page(
        request,
        queryset=queryset,
        filterset_class=filters.OccupationFilter,
        title=_("Occupations (CSCO 2022)"),
        columns=tables.OCCUPATION_COLUMNS,
        link=lambda o: reverse("registry:occupation", args=[o.code]),
    )


@login_required
def occupation_detail(request, code):
    occupation = get_object_or_404(Occupation, code=code)
    lineage = []
    node = occupation
    while node.parent_id:
        node = node.parent
        lineage.insert(0, node)
    programs = access.visible(request.user, Program).filter(crosswalk__occupation=occupation)[:50]
    return render(
        request,
        "registry/occupation_detail.html",
        {
            "occupation": occupation,
            "lineage": lineage,
            "children": occupation.children.all(),
            "programs": programs,
        },
    )


@login_required
def organisation_list(request):
    actions = (
        [(reverse("registry:organisation_new"), _("New organisation"))]
        if access.may_create(request.user, Organisation)
        else []
    )
    return list_page(
        request,
        queryset=access.visible(request.user, Organisation),
        filterset_class=filters.OrganisationFilter,
        title=_("Organisations"),
        columns=tables.ORGANISATION_COLUMNS,
        link=lambda o: reverse("registry:organisation", args=[o.pk]),
        actions=actions,
    )


@login_required
def organisation_detail(request, pk):
    organisation = access.get(request.user, Organisation, pk)
    private = access.allows(request.user, Action.VIEW_PRIVATE, organisation)
    memberships = organisation.carrier_memberships.select_related("carrier")
    teachers = access.visible(request.user, Teacher).filter(organisation=organisation)
    return render(
        request,
        "registry/organisation_detail.html",
        {
            "organisation": organisation,
            "private": private,
            "can_edit": access.allows(request.user, Action.CHANGE, organisation),
            "programs": organisation.programs.annotate(students_count=Count("students"))
            if organisation.kind == OrgKind.SCHOOL
            else None,
            "memberships": memberships,
            "teachers": teachers[:100],
            "can_add_program": access.may_create(request.user, Program, school=organisation),
        },
    )


@login_required
def organisation_new(request):
    if not access.may_create(request.user, Organisation):
        raise PermissionDenied(access.refusal(Action.CREATE, Organisation))
    form = OrganisationForm(
        request.POST or None, user=request.user, initial={"kind": request.GET.get("kind", "")}
    )
    return form_page(
        request,
        form=form,
        title=_("New organisation"),
        save=lambda data: services.create_record(actor=request.user, model=form._meta.model, data=data),
        success_url=lambda o: reverse("registry:organisation", args=[o.pk]),
        cancel_url=reverse("registry:organisations"),
        success_message=_("Organisation saved."),
    )


@login_required
def organisation_edit(request, pk):
    organisation = access.get(request.user, Organisation, pk, Action.CHANGE)
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Edit %(name)s") % {"name": organisation.name},
        save=lambda data: services.update_record(actor=request.user, instance=organisation, data=data),
        success_url=lambda o: reverse("registry:organisation", args=[o.pk]),
        cancel_url=reverse("registry:organisation", args=[pk]),
        success_message=_("Organisation saved."),
    )


@login_required
def program_list(request):
    can_add = access.may_create(request.user, Program)
    return list_page(
        request,
        queryset=access.visible(request.user, Program),
        filterset_class=filters.ProgramFilter,
        title=_("Programs"),
        columns=tables.PROGRAM_COLUMNS,
        link=lambda p: reverse("registry:program", args=[p.pk]),
        actions=[(reverse("registry:program_new"), _("New program"))] if can_add else [],
    )


def _program_page(request, program, *, status=200, **forms):
    """The program page; a rejected crosswalk or year form is shown again with its errors."""
    return render(
        request,
        "registry/program_detail.html",
        {
            "program": program,
            "crosswalk": program.crosswalk.select_related("occupation"),
            "years": program.years.all(),
            "can_edit": access.allows(request.user, Action.CHANGE, program),
            "crosswalk_form": forms.get("crosswalk_form", CrosswalkEntryForm()),
            "year_form": forms.get("year_form", ProgramYearForm()),
        },
        status=status,
    )


@login_required
def program_detail(request, pk):
    return _program_page(request, access.get(request.user, Program, pk))


@login_required
def program_new(request):
    schools = access.options(request.user, Program, "school")
    if not schools.exists():
        raise PermissionDenied(access.refusal(Action.CREATE, Program))
    initial = {"school": schools.first().pk} if schools.count() == 1 else {}
    form = ProgramForm(request.POST or None, user=request.user, initial=initial)
    return form_page(
        request,
        form=form,
        title=_("New program"),
        save=lambda data: services.create_record(actor=request.user, model=Program, data=data),
        success_url=lambda p: reverse("registry:program", args=[p.pk]),
        cancel_url=reverse("registry:programs"),
        success_message=_("Program saved."),
    )


@login_required
def program_edit(request, pk):
    program = access.get(request.user, Program, pk, Action.CHANGE)
    form = ProgramForm(request.POST or None, instance=program, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Edit %(name)s") % {"name": program.name},
        save=lambda data: services.update_record(actor=request.user, instance=program, data=data),
        success_url=lambda p: reverse("registry:program", args=[p.pk]),
        cancel_url=reverse("registry:program", args=[pk]),
        success_message=_("Program saved."),
    )


@login_required
@require_POST
def program_crosswalk(request, pk):
    """Add (or with `remove=CODE`, drop) one occupation of the program's crosswalk."""
    program = access.get(request.user, Program, pk, Action.CHANGE)
    entries = [(e.occupation_id, e.weight) for e in program.crosswalk.all()]
    remove = request.POST.get("remove")
    if remove:
        entries = [e for e in entries if e[0] != remove]
    else:
        form = CrosswalkEntryForm(request.POST)
        if not form.is_valid():
            return _program_page(request, program, status=400, crosswalk_form=form)
        code = form.cleaned_data["occupation"].code
        entries = [e for e in entries if e[0] != code] + [(code, form.cleaned_data["weight"])]
    services.set_crosswalk(actor=request.user, program=program, entries=entries)
    return redirect("registry:program", pk=pk)


@login_required
@require_POST
def program_year(request, pk):
    """Record (or correct) one year's enrolment and expected graduates."""
    program = access.get(request.user, Program, pk, Action.CHANGE)
    form = ProgramYearForm(request.POST)
    if not form.is_valid():
        return _program_page(request, program, status=400, year_form=form)
    services.set_program_year(actor=request.user, program=program, **form.cleaned_data)
    return redirect("registry:program", pk=pk)
