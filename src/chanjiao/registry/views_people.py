"""People pages: students (private to their school and officers) and teachers / mentors."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.models import Role
from chanjiao.registry import filters, services, tables
from chanjiao.registry.forms import StudentForm, TeacherForm
from chanjiao.registry.models import Student, Teacher
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def student_list(request):
    can_add = request.user.role == Role.SCHOOL or request.user.is_platform_admin
    return list_page(
        request,
        queryset=access.visible_students(request.user),
        filterset_class=filters.StudentFilter,
        title=_("Students"),
        columns=tables.STUDENT_COLUMNS,
        link=lambda s: reverse("registry:student", args=[s.pk]),
        actions=[(reverse("registry:student_new"), _("New student"))] if can_add else [],
    )


@login_required
def student_detail(request, pk):
    student = access.access_student(request.user, pk)
    return render(
        request,
        "registry/student_detail.html",
        {"student": student, "can_edit": access.can_edit_student(request.user, student)},
    )


@login_required
def student_new(request):
    schools = access.schools_for_students(request.user)
    if not schools.exists():
        raise PermissionDenied(_("Only a school registers its students."))
    form = StudentForm(
        request.POST or None, schools=schools, initial={"school": request.user.organisation_id}
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
    student = access.access_student(request.user, pk, edit=True)
    form = StudentForm(
        request.POST or None, instance=student, schools=access.schools_for_students(request.user)
    )
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
    can_add = request.user.role in {Role.SCHOOL, Role.ENTERPRISE} or request.user.is_platform_admin
    return list_page(
        request,
        queryset=access.visible_teachers(request.user),
        filterset_class=filters.TeacherFilter,
        title=_("Teachers and mentors"),
        columns=tables.TEACHER_COLUMNS,
        link=lambda t: reverse("registry:teacher", args=[t.pk]),
        actions=[(reverse("registry:teacher_new"), _("New teacher or mentor"))] if can_add else [],
    )


@login_required
def teacher_detail(request, pk):
    teacher = access.access_teacher(request.user, pk)
    return render(
        request,
        "registry/teacher_detail.html",
        {"teacher": teacher, "can_edit": access.can_edit_teacher(request.user, teacher)},
    )


@login_required
def teacher_new(request):
    organisations = access.organisations_for_teachers(request.user)
    if not organisations.exists():
        raise PermissionDenied(_("Only a school or an enterprise registers its teachers and mentors."))
    initial = {"organisation": request.user.organisation_id}
    if request.user.role == Role.ENTERPRISE:
        initial["kind"] = "mentor"
    form = TeacherForm(request.POST or None, organisations=organisations, initial=initial)
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
    teacher = access.access_teacher(request.user, pk, edit=True)
    form = TeacherForm(
        request.POST or None, instance=teacher, organisations=access.organisations_for_teachers(request.user)
    )
    return form_page(
        request,
        form=form,
        title=_("Edit %(name)s") % {"name": teacher.name},
        save=lambda data: services.update_record(actor=request.user, instance=teacher, data=data),
        success_url=lambda t: reverse("registry:teacher", args=[t.pk]),
        cancel_url=reverse("registry:teacher", args=[pk]),
        success_message=_("Saved."),
    )
