"""Curriculum pages: a program's courses, a course's design and history, change requests, standards."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking.models import Course
from chanjiao.registry.models import Program
from chanjiao.registry.services import create_record, update_record
from chanjiao.tracking import filters, selectors, tables
from chanjiao.tracking.forms import curriculum as forms
from chanjiao.tracking.models import AssessmentCriterion, CourseChangeRequest, CourseCoDeveloper, JobStandard
from chanjiao.tracking.pages import PageAction, action_page
from chanjiao.tracking.services import curriculum as services
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def program_curriculum(request, pk):
    program = access.get(request.user, Program, pk)
    today = timezone.localdate()
    summary, courses = selectors.program_curriculum(program, today)
    requests = access.visible(request.user, CourseChangeRequest).filter(program=program)
    return render(
        request,
        "tracking/program_curriculum.html",
        {
            "program": program,
            "summary": summary,
            "courses": courses,
            "requests": [(r, r.age_days(today)) for r in requests[:50]],
            "can_edit": access.allows(request.user, Action.CHANGE, program),
            "can_request": access.options(request.user, CourseChangeRequest, "enterprise").exists(),
        },
    )


@login_required
def course_detail(request, pk):
    course = access.get(request.user, Course, pk)
    can_edit = access.allows(request.user, Action.CHANGE, course.program)
    design = getattr(course, "design", None)
    user = request.user

    def save_design(data):
        services.save_course_design(actor=user, course=course, **data)
        return _("Course design saved.")

    def add_partner(data):
        services.add_co_developer(actor=user, course=course, **data)
        return _("Co-developer added.")

    def revise(data):
        revision = services.revise_course(actor=user, course=course, **data)
        return _("Revision v%(version)s recorded.") % {"version": revision.version}

    def remove_partner(data):
        partner = CourseCoDeveloper.objects.filter(course=course, pk=data["partner"]).first()
        if partner is None:
            raise ValueError(_("No such co-developer of this course."))
        services.remove_co_developer(actor=user, partner=partner)
        return _("Co-developer removed.")

    design_initial = {
        "practical_hours": design.practical_hours if design else None,
        "standards": list(design.standards.all()) if design else [],
        "criteria": list(design.criteria.all()) if design else [],
    }
    actions = {
        "design": PageAction(
            lambda data: forms.CourseDesignForm(data, course=course, initial=design_initial),
            can_edit,
            save_design,
        ),
        "co_developer": PageAction(
            lambda data: forms.CoDeveloperForm(data, course=course), can_edit, add_partner
        ),
        "revise": PageAction(
            lambda data: forms.RevisionForm(
                data, course=course, initial={"revised_on": timezone.localdate(), "hours": course.hours}
            ),
            can_edit,
            revise,
        ),
        "remove_co_developer": PageAction(
            lambda data: forms.RemovePartnerForm(data), can_edit, remove_partner
        ),
    }
    return action_page(
        request,
        template="tracking/course_detail.html",
        context={
            "course": course,
            "design": design,
            "partners": course.co_developers.select_related("organisation").prefetch_related("mentors"),
            "revisions": course.revisions.select_related("change_request", "recorded_by"),
            "criteria": design.criteria.select_related("standard") if design else [],
            "can_edit": can_edit,
        },
        actions=actions,
    )


@login_required
def change_request_list(request):
    can_add = access.options(request.user, CourseChangeRequest, "enterprise").exists()
    return list_page(
        request,
        queryset=access.visible(request.user, CourseChangeRequest),
        filterset_class=filters.ChangeRequestFilter,
        title=_("Course change requests"),
        columns=tables.CHANGE_REQUEST_COLUMNS,
        link=lambda r: reverse("tracking:change_request", args=[r.pk]),
        actions=[(reverse("tracking:change_request_new"), _("Request a course change"))] if can_add else [],
    )


@login_required
def change_request_new(request):
    enterprises = access.options(request.user, CourseChangeRequest, "enterprise")
    if not enterprises.exists():
        raise PermissionDenied(_("Enterprises request course changes."))
    initial = {"program": request.GET.get("program"), "requested_on": timezone.localdate()}
    if enterprises.count() == 1:
        initial["enterprise"] = enterprises.first().pk
    form = forms.ChangeRequestForm(request.POST or None, enterprises=enterprises, initial=initial)
    return form_page(
        request,
        form=form,
        title=_("Request a course change"),
        save=lambda data: services.request_course_change(actor=request.user, **data),
        success_url=lambda r: reverse("tracking:change_request", args=[r.pk]),
        cancel_url=reverse("tracking:change_requests"),
        success_message=_("Request sent to the school."),
    )


@login_required
def change_request_detail(request, pk):
    change_request = access.get(request.user, CourseChangeRequest, pk)
    can_decide = access.allows(request.user, Action.DECIDE, change_request)
    today = timezone.localdate()

    def decide(data):
        if data["decision"] == "taught":
            services.mark_request_taught(
                actor=request.user,
                change_request=change_request,
                taught_on=data["taught_on"],
                course=data["course"],
            )
            return _("Marked as taught.")
        services.decide_change_request(
            actor=request.user,
            change_request=change_request,
            accept=data["decision"] == "accept",
            on=today,
            note=data["note"],
        )
        return _("Decision recorded.")

    return action_page(
        request,
        template="tracking/change_request_detail.html",
        context={
            "change_request": change_request,
            "age_days": change_request.age_days(today),
            "revisions": change_request.revisions.select_related("course"),
            "can_decide": can_decide,
        },
        actions={
            "decide": PageAction(
                lambda data: forms.DecisionForm(data, change_request=change_request), can_decide, decide
            )
        },
    )


@login_required
def standard_list(request):
    can_add = access.options(request.user, JobStandard, "association").exists()
    return list_page(
        request,
        queryset=JobStandard.objects.select_related("association", "occupation"),
        filterset_class=filters.StandardFilter,
        title=_("Job and skill standards"),
        columns=tables.STANDARD_COLUMNS,
        link=lambda s: reverse("tracking:standard", args=[s.pk]),
        actions=[(reverse("tracking:standard_new"), _("Publish a standard"))] if can_add else [],
    )


@login_required
def standard_new(request):
    associations = access.options(request.user, JobStandard, "association")
    if not associations.exists():
        raise PermissionDenied(_("Industry associations publish standards."))
    initial = {"association": associations.first().pk} if associations.count() == 1 else {}
    form = forms.JobStandardForm(request.POST or None, associations=associations, initial=initial)
    return form_page(
        request,
        form=form,
        title=_("Publish a standard"),
        save=lambda data: create_record(actor=request.user, model=JobStandard, data=data),
        success_url=lambda s: reverse("tracking:standard", args=[s.pk]),
        cancel_url=reverse("tracking:standards"),
        success_message=_("Standard published."),
    )


@login_required
def standard_edit(request, pk):
    standard = access.get(request.user, JobStandard, pk, Action.CHANGE)
    form = forms.JobStandardForm(
        request.POST or None,
        instance=standard,
        associations=access.options(request.user, JobStandard, "association"),
    )
    return form_page(
        request,
        form=form,
        title=_("Edit %(code)s") % {"code": standard.code},
        save=lambda data: update_record(actor=request.user, instance=standard, data=data),
        success_url=lambda s: reverse("tracking:standard", args=[s.pk]),
        cancel_url=reverse("tracking:standard", args=[pk]),
        success_message=_("Standard saved."),
    )


@login_required
def standard_detail(request, pk):
    standard = access.get(request.user, JobStandard, pk)
    can_edit = access.allows(request.user, Action.CHANGE, standard)

    def add_criterion(data):
        create_record(actor=request.user, model=AssessmentCriterion, data={**data, "standard": standard})
        return _("Criterion added.")

    return action_page(
        request,
        template="tracking/standard_detail.html",
        context={
            "standard": standard,
            "criteria": standard.criteria.all(),
            "courses": standard.courses.select_related(
                "course", "course__program", "course__program__school"
            )[:100],
            "can_edit": can_edit,
        },
        actions={
            "criterion": PageAction(
                lambda data: forms.CriterionForm(data, standard=standard), can_edit, add_criterion
            )
        },
    )
