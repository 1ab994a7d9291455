"""Occupation-code review: the queue of uncertain codes, coverage, and retraining the coder."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking import services
from chanjiao.docking.models import CoderModel, Posting
from chanjiao.docking.selectors_coding import coding_coverage, review_queue

PAGE_SIZE = 50


@login_required
def coding_review(request):
    """Postings whose code the coder is unsure of, least sure first; one click confirms a choice."""
    postings = access.visible(request.user, Posting, Action.CODE)
    page = Paginator(review_queue(postings), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "coverage": coding_coverage(postings),
        "threshold": settings.CODING_REVIEW_CONFIDENCE,
        "model": CoderModel.objects.first(),
        "can_retrain": access.possible(request.user, Action.MANAGE, CoderModel),
    }
    return render(request, "docking/coding_review.html", context)


@login_required
@require_POST
def coding_retrain(request):
    """Retrain the coder on every confirmed code, in the background."""
    access.require_possible(request.user, Action.MANAGE, CoderModel)
    job = services.start_retraining(actor=request.user)
    messages.success(request, _("Retraining the coder in the background."))
    return redirect("job", pk=job.pk)
