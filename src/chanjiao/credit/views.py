"""Credit pages: the ratings list, an enterprise's credit file, assessments and the policy."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.core.credit import Policy
from chanjiao.credit import selectors, services
from chanjiao.credit.explanations import explain_assessment, grant_end_reason, notice_reason
from chanjiao.credit.filters import AssessmentFilter
from chanjiao.credit.forms import AppealDecisionForm, AppealForm, PolicyForm, ReassessForm
from chanjiao.credit.models import CreditAssessment, ExitNotice, NoticeStatus, PolicyVersion
from chanjiao.credit.policy import applicant, credit_file, governs_credit
from chanjiao.credit.policy_view import policy_sections
from chanjiao.credit.tables import ASSESSMENT_COLUMNS
from chanjiao.jobs.services import start_job
from chanjiao.registry.models import Region
from chanjiao.web.lists import list_page


@login_required
def index(request):
    """Officers: the region's current ratings. An enterprise: its own credit file. Others (schools,
    associations…): the pages they take part in — policy, calculators, contributions they received,
    benefit sharing, disputes they are party to."""
    user = request.user
    own = applicant(user)
    if own is not None:
        return redirect("credit:file", own.pk)
    if not governs_credit(user):
        return render(request, "credit/hub.html")
    return list_page(
        request,
        queryset=access.visible(user, CreditAssessment).filter(is_current=True).order_by("enterprise__name"),
        filterset_class=AssessmentFilter,
        title=_("Enterprise credit ratings"),
        columns=ASSESSMENT_COLUMNS,
        link=lambda a: reverse("credit:file", args=[a.enterprise_id]),
        actions=[
            (reverse("credit:policy_home"), _("Policy")),
            (reverse("credit:applications"), _("One-window applications")),
            (reverse("credit:incident_new"), _("Record a dispute or breach")),
            (reverse("credit:calculators"), _("Calculators")),
            *([(reverse("credit:recompute"), _("Recompute the region"))] if _may_recompute(user) else []),
            (reverse("credit:contributions"), _("Contributions")),
            (reverse("credit:covers"), _("Insurance")),
            (reverse("credit:stakes"), _("Technology equity")),
            (reverse("credit:sharings"), _("Benefit sharing")),
        ],
    )


def _may_recompute(user) -> bool:
    """An officer recomputes its own organisation's region (what `recompute` asks)."""
    organisation = user.organisation
    return organisation is not None and access.allows(user, Action.CHANGE, organisation.region)


@login_required
def recompute(request):
    """An officer recomputes every rating and incentive of the region (e.g. after a year's records)."""
    organisation = request.user.organisation
    if organisation is None:
        raise PermissionDenied(access.refusal(Action.CHANGE, Region))
    region = organisation.region
    access.require(request.user, Action.CHANGE, region)
    form = ReassessForm(request.POST or None, initial={"as_of_year": selectors.default_rating_year(region)})
    if request.method == "POST" and form.is_valid():
        job = start_job(
            kind="credit.recompute",
            label=_("Recompute credit ratings in %(region)s") % {"region": region.name},
            actor=request.user,
            params={"region_id": region.pk, "as_of_year": form.cleaned_data["as_of_year"]},
        )
        return redirect("job", job.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Recompute every rating in %(region)s") % {"region": region.full_name},
            "cancel_url": reverse("credit:index"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def enterprise_file(request, pk):
    enterprise = credit_file(request.user, pk)
    context = selectors.credit_file(enterprise)
    for notice in context["notices"]:
        notice.shown_reason = notice_reason(notice)
    for grant in context["grants"]:
        grant.shown_end_reason = grant_end_reason(grant) if grant.ended_at else ""
    context.update(
        {
            "explained": explain_assessment(context["assessment"]) if context["assessment"] else None,
            "can_reassess": access.may_create(request.user, CreditAssessment, enterprise=enterprise),
            "appeal_form": AppealForm(),
            "decision_form": AppealDecisionForm(),
            "open_notice_statuses": (NoticeStatus.NOTIFIED, NoticeStatus.APPEALED),
        }
    )
    return render(request, "credit/file.html", context)


@login_required
@require_POST
def reassess(request, pk):
    enterprise = credit_file(request.user, pk)
    access.require_create(request.user, CreditAssessment, enterprise=enterprise)
    form = ReassessForm(request.POST)
    year = form.cleaned_data["as_of_year"] if form.is_valid() else None
    assessment = services.assess_enterprise(enterprise=enterprise, actor=request.user, as_of_year=year)
    messages.success(request, _("Reassessed: %(rating)s.") % {"rating": assessment.rating})
    return redirect("credit:file", enterprise.pk)


@login_required
def assessment_history(request, pk):
    enterprise = credit_file(request.user, pk)
    assessments = CreditAssessment.objects.filter(enterprise=enterprise).select_related(
        "policy", "policy__region"
    )
    return render(request, "credit/history.html", {"enterprise": enterprise, "assessments": assessments})


@login_required
def assessment_detail(request, pk):
    assessment = access.get(request.user, CreditAssessment, pk)
    return render(
        request,
        "credit/assessment.html",
        {
            "assessment": assessment,
            "explained": explain_assessment(assessment),
            "enterprise": assessment.enterprise,
        },
    )


# -- exit notices ------------------------------------------------------------------------------


@login_required
@require_POST
def notice_appeal(request, pk):
    notice = access.get(request.user, ExitNotice, pk, Action.RESPOND)
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            services.appeal_exit(notice=notice, grounds=form.cleaned_data["grounds"], actor=request.user)
        except (ValueError, ValidationError) as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, _("Appeal submitted."))
    else:
        messages.error(request, _("Give the grounds of the appeal."))
    return redirect("credit:file", notice.enterprise_id)


@login_required
@require_POST
def notice_decide(request, pk):
    notice = access.get(request.user, ExitNotice, pk, Action.DECIDE)
    form = AppealDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_appeal(
                notice=notice,
                overturn=form.cleaned_data["decision"] == "overturn",
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except (ValueError, ValidationError) as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, _("Decision recorded."))
    else:
        messages.error(request, _("Choose a decision and give its reasons."))
    return redirect("credit:file", notice.enterprise_id)


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


# -- policy --------------------------------------------------------------------------------------


@login_required
@require_safe
def policy_home(request):
    """The policy governing the user's own region (the province's for users without one)."""
    organisation = request.user.organisation
    if organisation is not None:
        return redirect("credit:policy", organisation.region_id)
    latest = PolicyVersion.objects.order_by("region__level", "region_id").first()
    if latest is None:
        raise Http404(_("No region has a policy yet."))
    return redirect("credit:policy", latest.region_id)


@login_required
def policy_detail(request, region_id, version=None):
    region = access.get(request.user, Region, region_id)
    own_versions = PolicyVersion.objects.filter(region=region).select_related("created_by")
    if version is not None:
        shown = own_versions.filter(version=version).first()
        if shown is None:
            raise Http404(_("This region has no such policy version."))
    else:
        shown = selectors.governing_version(region)
    return render(
        request,
        "credit/policy.html",
        {
            "region": region,
            "shown": shown,
            "sections": policy_sections(shown.policy) if shown else [],
            "versions": own_versions,
            "inherited": shown is not None and shown.region_id != region.pk,
        },
    )


@login_required
def policy_edit(request, region_id):
    region = access.get(request.user, Region, region_id, Action.CHANGE)
    current = selectors.governing_version(region)
    initial = {
        "settings": current.settings if current else Policy().to_dict(),
        "finance_tier": current.finance_tier if current else "",
        "recompute": True,
    }
    form = PolicyForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.save_policy(
                    region=region,
                    policy_settings=data["settings"],
                    finance_tier=data["finance_tier"],
                    note=data["note"],
                    actor=request.user,
                )
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    form.add_error(field, errors)
            else:
                messages.success(request, _("Saved as version %(version)s.") % {"version": saved.version})
                if data["recompute"]:
                    job = start_job(
                        kind="credit.recompute",
                        label=_("Recompute credit ratings in %(region)s") % {"region": region.name},
                        actor=request.user,
                        params={"region_id": region.pk},
                    )
                    return redirect("job", job.pk)
                return redirect("credit:policy", region.pk)
        status = 400
    return render(
        request,
        "credit/policy_edit.html",
        {"form": form, "region": region, "current": current},
        status=status,
    )
