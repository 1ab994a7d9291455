"""A teacher's evidence page: certificates, enterprise practice, teaching hours, dual-qualified reviews."""

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry.models import OrgKind, Program, Teacher
from chanjiao.registry.services import create_record
from chanjiao.tracking import policy, selectors
from chanjiao.tracking.forms.teachers import AssignmentForm, CertificateForm, PracticeForm
from chanjiao.tracking.models import EnterprisePractice, TeacherCertificate, TeachingAssignment
from chanjiao.tracking.pages import PageAction, action_page
from chanjiao.tracking.services.teachers import review_dual_qualified


def programs_user_staffs(user):
    """Programs whose teaching hours a user records: their school's (an officer's or admin's in scope)."""
    return Program.objects.filter(school__in=access.options(user, Program, "school"))


@login_required
def teacher_evidence(request, pk):
    teacher = access.get(request.user, Teacher, pk)
    user = request.user
    today = timezone.localdate()
    can_edit = access.allows(user, Action.FILE, teacher)
    is_college_teacher = teacher.organisation.kind == OrgKind.SCHOOL
    programs = programs_user_staffs(user)

    def add(model, message):
        def perform(data):
            create_record(actor=user, model=model, data={**data, "teacher": teacher})
            return message

        return perform

    def review(data):
        result = review_dual_qualified(actor=user, teacher=teacher, on=today)
        return _("Reviewed: dual-qualified.") if result.qualified else _("Reviewed: not dual-qualified yet.")

    actions = {
        "certificate": PageAction(
            CertificateForm, can_edit, add(TeacherCertificate, _("Certificate added."))
        ),
        "practice": PageAction(
            PracticeForm,
            can_edit and is_college_teacher,
            add(EnterprisePractice, _("Enterprise practice added.")),
        ),
        "assignment": PageAction(
            lambda data: AssignmentForm(data, programs=programs),
            programs.exists() and policy.teachers_user_assigns(user).filter(pk=teacher.pk).exists(),
            add(TeachingAssignment, _("Teaching hours added.")),
        ),
        "review": PageAction(Form, access.allows(user, Action.REVIEW, teacher), review),
    }
    return action_page(
        request,
        template="tracking/teacher_evidence.html",
        context={
            "teacher": teacher,
            "can_edit": can_edit,
            "is_college_teacher": is_college_teacher,
            **selectors.teacher_evidence(teacher, today),
        },
        actions=actions,
    )
