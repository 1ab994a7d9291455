"""Technical needs through their workflow, and the consortia's three lists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking import policy, services
from chanjiao.docking.filters import ConsortiumFilter, NeedFilter
from chanjiao.docking.forms import MatchExpertsForm, NeedForm, NeedStepForm, ProductForm
from chanjiao.docking.models import NeedStatus, Posting, PostingStatus, TechnicalNeed
from chanjiao.docking.models.needs import CONSORTIUM_KINDS, NEED_TRANSITIONS
from chanjiao.docking.tables import CONSORTIUM_COLUMNS, NEED_COLUMNS
from chanjiao.registry.models import Carrier, Teacher
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page

SUGGESTED_EXPERTS = 12


def _need_form(request, instance=None):
    enterprises = access.options(request.user, Posting, "enterprise")
    initial = {}
    if instance is None and enterprises.count() == 1:
        enterprise = enterprises.first()
        initial = {
            "enterprise": enterprise.pk,
            "region": enterprise.region_id,
            "industry": enterprise.industry,
        }
    return NeedForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        enterprises=enterprises,
        consortia=policy.consortia_user_lists_in(request.user),
    )


@login_required
def need_list(request):
    can_add = access.options(request.user, Posting, "enterprise").exists()
    return list_page(
        request,
        queryset=access.visible(request.user, TechnicalNeed),
        filterset_class=NeedFilter,
        title=_("Technical needs"),
        columns=NEED_COLUMNS,
        link=lambda n: reverse("docking:need", args=[n.pk]),
        actions=[(reverse("docking:need_new"), _("Publish a technical need"))] if can_add else [],
    )


@login_required
def need_new(request):
    if not access.options(request.user, Posting, "enterprise").exists():
        raise PermissionDenied(_("Only an enterprise publishes technical needs."))
    return form_page(
        request,
        form=_need_form(request),
        title=_("Publish a technical need"),
        save=lambda data: services.create_need(actor=request.user, data=data),
        success_url=lambda n: reverse("docking:need", args=[n.pk]),
        cancel_url=reverse("docking:needs"),
        success_message=_("Technical need published."),
    )


@login_required
def need_edit(request, pk):
    need = access.get(request.user, TechnicalNeed, pk, Action.CHANGE)
    return form_page(
        request,
        form=_need_form(request, instance=need),
        title=_("Edit %(title)s") % {"title": need.title},
        save=lambda data: services.update_need(actor=request.user, need=need, data=data),
        success_url=lambda n: reverse("docking:need", args=[n.pk]),
        cancel_url=reverse("docking:need", args=[pk]),
        success_message=_("Technical need saved."),
    )


def _suggested_experts(request, need):
    """Teachers whose expertise mentions the need's field: a starting point for the owner."""
    words = [w for w in (need.field or "").replace("、", " ").replace("，", " ").split() if w]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition |= Q(expertise__icontains=word)
    return list(
        access.visible(request.user, Teacher)
        .filter(condition)
        .order_by("-dual_qualified", "name")[:SUGGESTED_EXPERTS]
    )


def _need_page(request, need, *, match_form=None, step_form=None, status=200):
    user = request.user
    can_edit, can_match = access.allows(user, Action.CHANGE, need), access.allows(user, Action.MANAGE, need)
    steps = [s for s in NEED_TRANSITIONS[NeedStatus(need.status)] if s != NeedStatus.MATCHED]
    return render(
        request,
        "docking/need_detail.html",
        {
            "need": need,
            "experts": need.expert_links.select_related("expert", "expert__organisation"),
            "can_edit": can_edit,
            "can_match": can_match and need.status == NeedStatus.OPEN,
            "steps": [(s, NeedStatus(s).label) for s in steps] if can_edit else [],
            "match_form": match_form or MatchExpertsForm(),
            "step_form": step_form or NeedStepForm(),
            "suggested": _suggested_experts(request, need)
            if can_match and need.status == NeedStatus.OPEN
            else [],
        },
        status=status,
    )


@login_required
def need_detail(request, pk):
    return _need_page(request, access.get(request.user, TechnicalNeed, pk))


@login_required
@require_POST
def need_match(request, pk):
    need = access.get(request.user, TechnicalNeed, pk, Action.MANAGE)
    form = MatchExpertsForm(request.POST)
    if not form.is_valid():
        return _need_page(request, need, match_form=form, status=400)
    try:
        services.match_need_with_experts(actor=request.user, need=need, experts=form.cleaned_data["experts"])
    except ValueError as error:
        form.add_error(None, str(error))
        return _need_page(request, need, match_form=form, status=400)
    messages.success(request, _("Experts matched."))
    return redirect("docking:need", pk=pk)


@login_required
@require_POST
def need_step(request, pk):
    need = access.get(request.user, TechnicalNeed, pk, Action.CHANGE)
    form = NeedStepForm(request.POST)
    if not form.is_valid():
        return _need_page(request, need, step_form=form, status=400)
    try:
        services.move_need(
            actor=request.user,
            need=need,
            status=form.cleaned_data["status"],
            outcome=form.cleaned_data["outcome"],
        )
    except ValueError as error:
        form.add_error(None, str(error))
        return _need_page(request, need, step_form=form, status=400)
    messages.success(request, _("Status changed."))
    return redirect("docking:need", pk=pk)


@login_required
def consortium_list(request):
    return list_page(
        request,
        queryset=access.visible(request.user, Carrier).filter(kind__in=CONSORTIUM_KINDS),
        filterset_class=ConsortiumFilter,
        title=_("Consortia and their lists"),
        columns=CONSORTIUM_COLUMNS,
        link=lambda c: reverse("docking:consortium", args=[c.pk]),
    )


def _consortium_page(request, consortium, *, product_form=None, status=200):
    needs = consortium.technology_needs.select_related("enterprise")
    return render(
        request,
        "docking/consortium_detail.html",
        {
            "consortium": consortium,
            "products": consortium.core_products.select_related("producer"),
            "needs": needs[:50],
            "need_counts": needs.aggregate(
                total=Count("id"), solved=Count("id", filter=Q(status=NeedStatus.SOLVED))
            ),
            "postings": consortium.talent_needs.exclude(status=PostingStatus.DRAFT).select_related(
                "enterprise", "occupation"
            )[:50],
            "posting_count": consortium.talent_needs.exclude(status=PostingStatus.DRAFT).count(),
            "can_edit": access.allows(request.user, Action.CHANGE, consortium),
            "product_form": product_form or ProductForm(consortium=consortium),
        },
        status=status,
    )


@login_required
def consortium_detail(request, pk):
    return _consortium_page(request, access.get(request.user, Carrier, pk))


@login_required
@require_POST
def consortium_product_add(request, pk):
    consortium = access.get(request.user, Carrier, pk, Action.CHANGE)
    form = ProductForm(request.POST, consortium=consortium)
    if not form.is_valid():
        return _consortium_page(request, consortium, product_form=form, status=400)
    services.add_product(actor=request.user, consortium=consortium, data=form.cleaned_data)
    messages.success(request, _("Product added to the list."))
    return redirect("docking:consortium", pk=pk)


@login_required
@require_POST
def consortium_product_remove(request, pk, product_pk):
    consortium = access.get(request.user, Carrier, pk, Action.CHANGE)
    services.remove_product(
        actor=request.user, product=access.get(request.user, consortium.products.all(), product_pk)
    )
    messages.success(request, _("Product removed from the list."))
    return redirect("docking:consortium", pk=pk)
