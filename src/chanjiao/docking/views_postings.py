"""Talent demand pages: the docking hub, postings, their coding, import, and the coding feed."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.core.spreadsheets import CsvWriter
from chanjiao.docking import policy, services
from chanjiao.docking.filters import CodingFeedbackFilter, PostingFilter
from chanjiao.docking.forms import PostingCodeForm, PostingForm, PostingStatusForm
from chanjiao.docking.imports import commit_postings, preview_postings
from chanjiao.docking.models import (
    CodingFeedback,
    CooperationCall,
    Course,
    Posting,
    PostingStatus,
    SharedResource,
    TechnicalNeed,
)
from chanjiao.docking.selectors_coding import needs_review
from chanjiao.docking.services.postings import POSTING_TRANSITIONS
from chanjiao.docking.tables import FEEDBACK_COLUMNS, POSTING_COLUMNS
from chanjiao.web.excel import TableError, read_upload
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def index(request):
    """The docking hub: what is published, with links to every list."""
    user = request.user
    return render(
        request,
        "docking/index.html",
        {
            "postings": access.visible(user, Posting).exclude(status=PostingStatus.DRAFT).count(),
            "needs": TechnicalNeed.objects.count(),
            "needs_solved": TechnicalNeed.objects.filter(status="solved").count(),
            "resources": SharedResource.objects.count(),
            "calls": CooperationCall.objects.filter(status="open").count(),
            "can_post": access.options(user, Posting, "enterprise").exists(),
            "can_publish_resources": access.options(user, SharedResource, "owner").exists(),
            "can_curate_crosswalks": access.options(user, Course, "program").exists(),
        },
    )


def _posting_form(request, instance=None):
    enterprises = access.options(request.user, Posting, "enterprise")
    initial = {}
    if instance is None and enterprises.count() == 1:
        enterprise = enterprises.first()
        initial = {"enterprise": enterprise.pk, "region": enterprise.region_id}
    return PostingForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        enterprises=enterprises,
        consortia=policy.consortia_user_lists_in(request.user),
    )


@login_required
def posting_list(request):
    actions = []
    if access.options(request.user, Posting, "enterprise").exists():
        actions = [
            (reverse("docking:posting_new"), _("Post talent demand")),
            (reverse("docking:posting_import"), _("Import from Excel")),
        ]
    return list_page(
        request,
        queryset=access.visible(request.user, Posting),
        filterset_class=PostingFilter,
        title=_("Talent demand"),
        columns=POSTING_COLUMNS,
        link=lambda p: reverse("docking:posting", args=[p.pk]),
        actions=actions,
    )


@login_required
def posting_new(request):
    if not access.options(request.user, Posting, "enterprise").exists():
        raise PermissionDenied(_("Only an enterprise posts talent demand."))
    form = _posting_form(request)
    return form_page(
        request,
        form=form,
        title=_("Post talent demand"),
        save=lambda data: services.create_posting(actor=request.user, data=data),
        # An uncertain code asks the poster to choose among the alternatives right away.
        success_url=lambda p: (
            reverse("docking:posting", args=[p.pk]) + ("#coding" if needs_review(p) else "")
        ),
        cancel_url=reverse("docking:postings"),
        success_message=_("Saved as a draft. Check the suggested occupation, then publish."),
    )


@login_required
def posting_edit(request, pk):
    posting = access.get(request.user, Posting, pk, Action.CHANGE)
    form = _posting_form(request, instance=posting)
    return form_page(
        request,
        form=form,
        title=_("Edit %(title)s") % {"title": posting.title},
        save=lambda data: services.update_posting(actor=request.user, posting=posting, data=data),
        success_url=lambda p: reverse("docking:posting", args=[p.pk]),
        cancel_url=reverse("docking:posting", args=[pk]),
        success_message=_("Posting saved."),
    )


def _detail(request, posting, *, code_form=None, status=200):
    user = request.user
    transitions = (
        POSTING_TRANSITIONS[PostingStatus(posting.status)]
        if access.allows(user, Action.CHANGE, posting)
        else ()
    )
    return render(
        request,
        "docking/posting_detail.html",
        {
            "posting": posting,
            "can_edit": access.allows(user, Action.CHANGE, posting),
            "can_code": access.allows(user, Action.CODE, posting),
            "needs_review": needs_review(posting),
            "transitions": [(s, PostingStatus(s).label) for s in transitions],
            "code_form": code_form or PostingCodeForm(),
            "feedback": posting.coding_feedback.select_related("occupation", "actor")[:10],
        },
        status=status,
    )


@login_required
def posting_detail(request, pk):
    return _detail(request, access.get(request.user, Posting, pk))


@login_required
@require_POST
def posting_status(request, pk):
    posting = access.get(request.user, Posting, pk, Action.CHANGE)
    form = PostingStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return _detail(request, posting, status=400)
    try:
        services.set_posting_status(actor=request.user, posting=posting, status=form.cleaned_data["status"])
    except ValueError as error:
        messages.error(request, str(error))
        return _detail(request, posting, status=400)
    messages.success(request, _("Status changed."))
    return redirect("docking:posting", pk=pk)


@login_required
@require_POST
def posting_code(request, pk):
    """Confirm the suggested code, pick an alternative, or type another one."""
    posting = access.get(request.user, Posting, pk, Action.CODE)
    form = PostingCodeForm(request.POST)
    if not form.is_valid():
        return _detail(request, posting, code_form=form, status=400)
    services.code_posting(actor=request.user, posting=posting, occupation=form.cleaned_data["occupation"])
    messages.success(request, _("Occupation code saved."))
    if request.POST.get("next") == "review":  # chosen in the review queue: back to the next one
        return redirect("docking:coding_review")
    return redirect("docking:posting", pk=pk)


@login_required
def posting_import(request):
    """Upload postings: preview lists every bad row; import saves all rows or none."""
    if not access.options(request.user, Posting, "enterprise").exists():
        raise PermissionDenied(_("Only an enterprise imports its postings."))
    context: dict = {}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"], status = _("Choose a file to upload."), 400
        else:
            action = commit_postings if request.POST.get("action") == "commit" else preview_postings
            try:
                result = action(data=read_upload(upload), filename=upload.name, user=request.user)
            except TableError as error:
                context["error"], status = str(error), 400
            else:
                context["result"] = result
                context["committed"] = action is commit_postings and result.ok
                status = 200 if result.ok else 400
    return render(request, "docking/posting_import.html", context, status=status)


@login_required
def feedback_list(request):
    """Confirmed and corrected codes: the coder's training feed (Excel, or CSV with ?format=csv)."""
    queryset = access.visible(request.user, CodingFeedback)
    if request.GET.get("format") == "csv":
        filterset = CodingFeedbackFilter(request.GET or None, queryset=queryset)
        rows = filterset.qs if filterset.is_valid() else queryset.none()
        buffer = io.StringIO()
        writer = CsvWriter(buffer)
        writer.writerow(["title", "description", "code", "suggested_code", "corrected"])
        for f in rows.iterator(chunk_size=2000):
            writer.writerow([f.title, f.description, f.occupation_id, f.suggested_code, int(f.overridden)])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="coding-feedback.csv"'
        return response
    return list_page(
        request,
        queryset=queryset,
        filterset_class=CodingFeedbackFilter,
        title=_("Confirmed and corrected codes"),
        columns=FEEDBACK_COLUMNS,
        link=lambda f: reverse("docking:posting", args=[f.posting_id]),
        actions=[(request.path + "?format=csv", _("Training feed (CSV)"))],
    )
