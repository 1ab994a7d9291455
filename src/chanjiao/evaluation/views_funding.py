"""Funding pages: try a budget, see who gets what, commit; committed allocations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.evaluation import funding
from chanjiao.evaluation.filters import AllocationFilter
from chanjiao.evaluation.forms_followup import FundingForm
from chanjiao.evaluation.funding_reasons import lines_with_reasons, reason_texts, status_text
from chanjiao.evaluation.models import Evaluation, FundingAllocation, FundingKind, UnitKind
from chanjiao.evaluation.tables import ALLOCATION_COLUMNS, LINE_COLUMNS
from chanjiao.web.confirm import Consequences, confirmation_page, confirmed
from chanjiao.web.excel import xlsx_bytes, xlsx_response
from chanjiao.web.lists import list_page

OFFICERS_ONLY = _l("Only government officers and administrators allocate funding.")
INPUT_LABELS = {
    "certification_pass_rate": _l("certification pass rate (%)"),
    "graduate_retention_rate": _l("graduate retention (%)"),
    "performance": _l("performance"),
    "integration_score": _l("integration score"),
    "other_score": _l("other appraisal items"),
    "appraisal_score": _l("appraisal score"),
    "red_light": _l("red light"),
}


def district_evaluations(user):
    return access.visible(user, Evaluation).filter(cycle__scheme__unit_kind=UnitKind.REGION)


def proposal_from(data, user):
    """Propose from a valid FundingForm's data (the region is the user's own, or the evaluation's)."""
    if data["kind"] == FundingKind.INSTITUTIONS:
        region = user.organisation.region if user.organisation_id else None
        if region is None:
            raise ValueError(_("Institutional funding is proposed for your own region; you have none."))
        return funding.propose_institutions(
            region=region, year=data["year"], budget=data["budget"], policy=data["policy"], base=data["base"]
        )
    return funding.propose_regions(
        evaluation=data["evaluation"],
        budget=data["budget"],
        policy=data["policy"],
        base=data["base"],
        other_scores=data["other_scores_by_id"],
    )


def commit_consequences(proposal: funding.Proposal) -> Consequences:
    """What committing a proposal stores: the amount, for whom, never changed afterwards."""
    return Consequences(
        title=_("Commit the allocation of %(budget)s") % {"budget": f"¥{proposal.allocation.budget:,}"},
        effects=[
            _("The allocation of record is stored and cannot be changed afterwards."),
            _("Each recipient's line is the basis of its funding."),
        ],
        facts=[
            (_("kind"), str(FundingKind(proposal.kind).label)),
            (_("region"), proposal.region.full_name),
            (_("year"), str(proposal.year)),
            (_("recipients"), f"{len(proposal.units):,}"),
            (_("budget"), f"¥{proposal.allocation.budget:,}"),
        ],
        button=_("Commit this allocation"),
    )


@login_required
def funding_list(request):
    access.require_possible(request.user, Action.VIEW, FundingAllocation)
    return list_page(
        request,
        queryset=access.visible(request.user, FundingAllocation),
        filterset_class=AllocationFilter,
        title=_("Committed funding allocations"),
        columns=ALLOCATION_COLUMNS,
        link=lambda a: reverse("evaluation:allocation", args=[a.pk]),
        actions=[(reverse("evaluation:funding_new"), _("Try a budget"))],
    )


@login_required
def funding_new(request):
    access.require_possible(request.user, Action.CREATE, FundingAllocation)
    form = FundingForm(request.POST or None, evaluations=district_evaluations(request.user))
    proposal = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and form.cleaned_data.get("policy") is not None:
            try:
                proposal = proposal_from(form.cleaned_data, request.user)
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                status = 200
                if request.POST.get("action") == "commit" and not confirmed(request):
                    return confirmation_page(
                        request, commit_consequences(proposal), cancel_url=reverse("evaluation:funding_new")
                    )
                if request.POST.get("action") == "commit":
                    allocation = funding.commit_allocation(
                        actor=request.user, proposal=proposal, title=form.cleaned_data["title"]
                    )
                    messages.success(request, _("Allocation committed."))
                    return redirect("evaluation:allocation", pk=allocation.pk)
    rows = proposal.rows() if proposal else []
    texts = reason_texts(proposal.kind, proposal.allocation.policy.to_dict(), rows) if proposal else []
    for row, text in zip(rows, texts, strict=True):
        row["labelled_inputs"] = [(INPUT_LABELS[key], value) for key, value in row["inputs"].items()]
        row["reason_text"] = text
        row["status_text"] = status_text(row["status"])
    return render(
        request,
        "evaluation/funding_form.html",
        {"form": form, "proposal": proposal, "rows": rows},
        status=status,
    )


@login_required
def allocation_detail(request, pk):
    allocation = access.get(request.user, FundingAllocation, pk)
    lines = lines_with_reasons(allocation)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"allocation-{allocation.pk}.xlsx", xlsx_bytes(allocation.title, LINE_COLUMNS, lines)
        )
    fields = FundingForm.base_fields
    rules = [(fields[key].label if key in fields else key, value) for key, value in allocation.policy.items()]
    return render(
        request,
        "evaluation/allocation_detail.html",
        {"allocation": allocation, "lines": lines, "rules": rules},
    )
