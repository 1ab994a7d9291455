"""One-window pages: apply once, see every department's checks and decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.credit.explanations import worded_checks
from chanjiao.credit.filters import ApplicationFilter
from chanjiao.credit.forms import ApplicationForm, ReviewForm
from chanjiao.credit.models import Application, ApplicationStatus, ReviewDecision
from chanjiao.credit.policy import applicant
from chanjiao.credit.services import ensure_policy
from chanjiao.credit.services_one_window import incentive_choices, review_application, submit_application
from chanjiao.credit.tables import APPLICATION_COLUMNS
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def application_list(request):
    enterprise = applicant(request.user)
    return list_page(
        request,
        queryset=access.visible(request.user, Application).select_related("enterprise", "policy"),
        filterset_class=ApplicationFilter,
        title=_("One-window applications"),
        columns=APPLICATION_COLUMNS,
        link=lambda a: reverse("credit:application", args=[a.pk]),
        actions=[(reverse("credit:application_new"), _("Apply"))] if enterprise else [],
    )


@login_required
def application_new(request):
    enterprise = applicant(request.user)
    if enterprise is None:
        raise PermissionDenied(access.refusal(Action.CREATE, Application))
    version = ensure_policy(region=enterprise.region, actor=request.user)
    form = ApplicationForm(request.POST or None, incentives=incentive_choices(enterprise, version))
    return form_page(
        request,
        form=form,
        title=_("Apply through the one window"),
        save=lambda data: submit_application(enterprise=enterprise, data=data, actor=request.user),
        success_url=lambda a: reverse("credit:application", args=[a.pk]),
        cancel_url=reverse("credit:applications"),
        success_message=_("Submitted: education, taxation and industry review it in parallel."),
    )


@login_required
def application_detail(request, pk):
    application = access.get(request.user, Application, pk)
    can_review = application.status == ApplicationStatus.UNDER_REVIEW and access.allows(
        request.user, Action.REVIEW, application
    )
    return render(
        request,
        "credit/application.html",
        {
            "application": application,
            "reviews": [
                (review, worded_checks(review.checks))
                for review in application.reviews.select_related("decided_by")
            ],
            "can_review": can_review,
            "pending": ReviewDecision.PENDING,
        },
    )


@login_required
@require_POST
def application_review(request, pk):
    application = access.get(request.user, Application, pk, Action.REVIEW)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a department and a decision."))
        return redirect("credit:application", pk)
    try:
        review_application(application=application, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("credit:application", pk)
