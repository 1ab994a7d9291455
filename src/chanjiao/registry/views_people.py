"""People pages: students (private to their school and officers) and teachers / mentors."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry import filters, services, tables
from chanjiao.registry.forms import StudentForm, TeacherForm
from chanjiao.registry.models import OrgKind, Student, Teacher
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def student_list(request):
    can_add = access.may_create(request.user, Student)
    return list_page(
        request,
        queryset=access.visible(request.user, Student),
        filterset_class=filters.StudentFilter,
        title=_("Students"),
        columns=tables.STUDENT_COLUMNS,
        link=lambda s: reverse("registry:student", args=[s.pk]),
        actions=[(reverse("registry:student_new"), _("New student"))] if can_add else [],
    )


@login_required
def student_detail(request, pk):
    student = access.get(request.user, Student, pk)
    return render(
        request,
        "registry/student_detail.html",
        {"student": student, "can_edit": access.allows(request.user, Action.CHANGE, student)},
    )


@login_required
def student_new(request):
    if not access.options(request.user, Student, "school").exists():
        raise PermissionDenied(access.refusal(Action.CREATE, Student))
    form = StudentForm(
        request.POST or None, user=request.user, initial={"school": request.user.organisation_id}
    )
    return form_page(
        request,
        form=form,
        title=_("New student"),
        save=lambda data: services.create_record(actor=request.user, model=Student, data=data),
        success_url=lambda s: reverse("registry:student", args=[s.pk]),
        cancel_url=reverse("registry:students"),
        success_message=_("Student saved."),
    )


@login_required
def student_edit(request, pk):
    student = access.get(request.user, Student, pk, Action.CHANGE)
    form = StudentForm(request.POST or None, instance=student, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Edit %(name)s") % {"name": student.name},
        save=lambda data: services.update_record(actor=request.user, instance=student, data=data),
        success_url=lambda s: reverse("registry:student", args=[s.pk]),
        cancel_url=reverse("registry:student", args=[pk]),
        success_message=_("Student saved."),
    )


@login_required
def teacher_list(request):
    can_add = access.may_create(request.user, Teacher)
    return list_page(
        request,
        queryset=access.visible(request.user, Teacher),
        filterset_class=filters.TeacherFilter,
        title=_("Teachers and mentors"),
        columns=tables.TEACHER_COLUMNS,
        link=lambda t: reverse("registry:teacher", args=[t.pk]),
        actions=[(reverse("registry:teacher_new"), _("New teacher or mentor"))] if can_add else [],
    )


@login_required
def teacher_detail(request, pk):
    teacher = access.get(request.user, Teacher, pk)
    return render(
        request,
        "registry/teacher_detail.html",
        {"teacher": teacher, "can_edit": access.allows(request.user, Action.CHANGE, teacher)},
    )


@login_required
def teacher_new(request):
    if not access.options(request.user, Teacher, "organisation").exists():
        raise PermissionDenied(access.refusal(Action.CREATE, Teacher))
    initial = {"organisation": request.user.organisation_id}
    if access.actor_of(request.user).organisation_kind == OrgKind.ENTERPRISE:
        initial["kind"] = "mentor"
    form = TeacherForm(request.POST or None, user=request.user, initial=initial)
    return form_page(
        request,
        form=form,
        title=_("New teacher or mentor"),
        save=lambda data: services.create_record(actor=request.user, model=Teacher, data=data),
        success_url=lambda t: reverse("registry:teacher", args=[t.pk]),
        cancel_url=reverse("registry:teachers"),
        success_message=_("Saved."),
    )


@login_required
def teacher_edit(request, pk):
    teacher = access.get(request.user, Teacher, pk, Action.CHANGE)
    form = TeacherForm(request.POST or None, instance=teacher, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Edit %(name)s") % {"name": teacher.name},
        save=lambda data: services.update_record(actor=request.user, instance=teacher, data=data),
        success_url=lambda t: reverse("registry:teacher", args=[t.pk]),
        cancel_url=reverse("registry:teacher", args=[pk]),
        success_message=_("Saved."),
    )
