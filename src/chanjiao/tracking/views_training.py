"""Practical training pages: the list, one placement's training, certification exams."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Student
from chanjiao.registry.services import create_record
from chanjiao.tracking import compliance, filters, policy, selectors, tables
from chanjiao.tracking.forms import compliance as compliance_forms
from chanjiao.tracking.forms import training as forms
from chanjiao.tracking.models import (
    AssessorRole,
    CertificationExam,
    InternshipAgreement,
    InternshipConcern,
    LogStatus,
    RemediationStatus,
)
from chanjiao.tracking.pages import PageAction, action_page
from chanjiao.tracking.services import compliance as compliance_services
from chanjiao.tracking.services import training as services
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def training_list(request):
    return list_page(
        request,
        queryset=access.visible(request.user, Placement)
        .select_related("training", "training__mentor", "training__supervisor")
        .select_related("student", "student__school", "enterprise"),
        filterset_class=filters.TrainingFilter,
        title=_("Practical training"),
        columns=tables.TRAINING_COLUMNS,
        link=lambda p: reverse("tracking:training", args=[p.pk]),
    )


def _training_actions(user, training):
    placement = training.placement
    criteria = services.program_criteria(placement)
    is_mentor = access.allows(user, Action.DECIDE, training.placement)
    assess_roles = [
        role
        for role, action in ((AssessorRole.MENTOR, Action.ASSESS), (AssessorRole.TEACHER, Action.GRADE))
        if access.allows(user, action, training.placement)
    ]
    takes_part = access.allows(user, Action.MANAGE, training.placement)

    def step_and_plan(data):
        plan = training.remediation_plans.filter(pk=data["plan"]).first() if training.pk else None
        if plan is None:
            raise ValueError(_("No such remediation plan for this training."))
        return plan

    def complete_step(data):
        step = step_and_plan(data).steps.filter(pk=data["step"]).first()
        if step is None:
            raise ValueError(_("No such step in the plan."))
        services.complete_step(actor=user, step=step, done_on=timezone.localdate())
        return _("Step done.")

    def close_plan(data):
        services.close_remediation(
            actor=user, plan=step_and_plan(data), status=data["status"], outcome=data["outcome"]
        )
        return _("Remediation plan closed.")

    def decide(data):
        log = training.logs.filter(pk=data["log"]).first() if training.pk else None
        if log is None:
            raise ValueError(_("No such log for this training."))
        services.decide_log(actor=user, log=log, action=data["decision"], reason=data["reason"])
        return _("Decision on the log recorded.")

    def assess(data):
        if not access.allows(
            user,
            Action.ASSESS if data["assessor_role"] == AssessorRole.MENTOR else Action.GRADE,
            training.placement,
        ):
            raise PermissionDenied(_("You may not assess in this role."))
        services.assess(actor=user, placement=placement, **data)
        return _("Assessment recorded.")

    agreement = InternshipAgreement.objects.filter(placement=placement).first()

    def record_agreement(data):
        compliance_services.record_agreement(actor=user, placement=placement, data=data)
        return _("Agreement recorded.")

    def answer(data):
        concern = (
            access.visible(user, InternshipConcern, Action.RESPOND)
            .filter(placement=placement, pk=data["concern"])
            .first()
        )
        if concern is None:
            raise ValueError(_("No such report for this placement."))
        compliance_services.answer_concern(actor=user, concern=concern, response=data["response"])
        return _("Answer recorded.")

    def run(function, message):
        def perform(data):
            function(actor=user, placement=placement, **data)
            return message

        return perform

    return {
        "mentor": PageAction(
            lambda d: forms.MentorForm(d, training=training),
            access.allows(user, Action.ASSIGN_MENTOR, training.placement),
            run(services.assign_mentor, _("Mentor assigned.")),
        ),
        "supervisor": PageAction(
            lambda d: forms.SupervisorForm(
                d, training=training, initial={"required_hours": training.required_hours}
            ),
            access.allows(user, Action.ASSIGN_TEACHER, training.placement),
            run(services.assign_supervisor, _("Supervising teacher assigned.")),
        ),
        "session": PageAction(
            lambda d: forms.SessionForm(d, initial={"date": timezone.localdate()}),
            takes_part,
            run(services.record_session, _("Training recorded.")),
        ),
        "log": PageAction(
            lambda d: forms.LogForm(d),
            access.allows(user, Action.FILE, training.placement),
            run(services.submit_log, _("Log submitted to the mentor.")),
        ),
        "decide_log": PageAction(
            lambda d: forms.LogDecisionForm(d), access.allows(user, Action.DECIDE, training.placement), decide
        ),
        "assess": PageAction(
            lambda d: forms.AssessmentForm(
                d,
                criteria=criteria,
                roles=assess_roles,
                initial={"assessor_role": AssessorRole.MENTOR if is_mentor else AssessorRole.TEACHER},
            ),
            bool(assess_roles),
            assess,
        ),
        "complete": PageAction(
            lambda d: forms.CompletionForm(
                d, initial={"status": training.status, "completed_on": training.completed_on}
            ),
            access.allows(user, Action.COMPLETE, training.placement),
            run(services.complete_training, _("Result recorded.")),
        ),
        "conversion": PageAction(
            lambda d: forms.ConversionForm(d),
            access.allows(user, Action.COMPLETE, training.placement),
            run(services.record_conversion, _("Post conversion recorded.")),
        ),
        "remediation": PageAction(
            lambda d: forms.RemediationForm(d, criteria=criteria),
            takes_part,
            run(services.open_remediation, _("Remediation plan opened.")),
        ),
        "agreement": PageAction(
            lambda d: compliance_forms.AgreementForm(d, instance=agreement),
            access.allows(user, Action.CHANGE, training.placement),
            record_agreement,
        ),
        "concern": PageAction(
            lambda d: compliance_forms.ConcernForm(d),
            access.allows(user, Action.REPORT, training.placement),
            run(compliance_services.report_concern, _("Your report was sent to your school.")),
        ),
        "answer_concern": PageAction(
            lambda d: compliance_forms.ConcernAnswerForm(d),
            access.visible(user, InternshipConcern, Action.RESPOND).filter(placement=placement).exists(),
            answer,
        ),
        "step_done": PageAction(lambda d: forms.StepForm(d), takes_part, complete_step),
        "close_plan": PageAction(lambda d: forms.CloseRemediationForm(d), takes_part, close_plan),
    }


@login_required
def training_detail(request, pk):
    training = policy.get_training(request.user, pk)
    overview = selectors.training_overview(training)
    logs = training.logs.prefetch_related("decisions", "decisions__actor") if training.pk else []
    return action_page(
        request,
        template="tracking/training_detail.html",
        context={
            "training": training,
            "placement": training.placement,
            "logs": logs,
            "sessions": training.sessions.select_related("carrier") if training.pk else [],
            "LogStatus": LogStatus,
            "RemediationStatus": RemediationStatus,
            "is_mentor": access.allows(request.user, Action.DECIDE, training.placement),
            "agreement": InternshipAgreement.objects.filter(placement=training.placement).first(),
            "breaches": compliance.placement_breaches(Placement.objects.filter(pk=training.placement.pk)),
            "concerns": access.visible(request.user, InternshipConcern).filter(placement=training.placement),
            **overview,
        },
        actions=_training_actions(request.user, training),
    )


@login_required
def exam_list(request):
    can_add = access.options(request.user, Placement, "student").exists()
    return list_page(
        request,
        queryset=CertificationExam.objects.filter(
            student__in=access.visible(request.user, Student)
        ).select_related("student", "student__school"),
        filterset_class=filters.ExamFilter,
        title=_("Skill certification exams"),
        columns=tables.EXAM_COLUMNS,
        link=lambda e: reverse("registry:student", args=[e.student_id]),
        actions=[(reverse("tracking:exam_new"), _("Record an exam"))] if can_add else [],
    )


@login_required
def exam_new(request):
    students = access.options(request.user, Placement, "student")
    if not students.exists():
        raise PermissionDenied(_("A school records its students' certification exams."))
    form = forms.ExamForm(
        request.POST or None, students=students, initial={"student": request.GET.get("student")}
    )
    return form_page(
        request,
        form=form,
        title=_("Record a certification exam"),
        save=lambda data: create_record(actor=request.user, model=CertificationExam, data=data),
        success_url=lambda e: reverse("tracking:exams"),
        cancel_url=reverse("tracking:exams"),
        success_message=_("Exam recorded."),
    )
