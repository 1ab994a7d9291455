"""Scheme pages: list, create, edit the framework, the weights and the thresholds."""

import numpy as np
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.core.indicators import Framework, LightPolicy
from chanjiao.evaluation import services
from chanjiao.evaluation.filters import SchemeFilter
from chanjiao.evaluation.forms import AHPForm, FrameworkForm, RegionalWeightsForm, SchemeForm, ThresholdsForm
from chanjiao.evaluation.indicators import nodes_by_code
from chanjiao.evaluation.models import Scheme, WeightingMethod
from chanjiao.evaluation.scoring import resolve_weights, sibling_groups
from chanjiao.evaluation.tables import SCHEME_COLUMNS
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page

OFFICERS_ONLY = _l("Only government officers and administrators manage evaluation schemes.")


@login_required
def scheme_list(request):
    access.require_possible(request.user, Action.VIEW, Scheme)
    return list_page(
        request,
        queryset=access.visible(request.user, Scheme),
        filterset_class=SchemeFilter,
        title=_("Evaluation schemes"),
        columns=SCHEME_COLUMNS,
        link=lambda s: reverse("evaluation:scheme", args=[s.pk]),
        actions=[(reverse("evaluation:scheme_new"), _("New scheme"))],
    )


@login_required
def scheme_new(request):
    access.require_possible(request.user, Action.CREATE, Scheme)
    return form_page(
        request,
        form=SchemeForm(request.POST or None, user=request.user),
        title=_("New evaluation scheme"),
        save=lambda data: services.create_scheme(actor=request.user, data=data),
        success_url=lambda s: reverse("evaluation:scheme", args=[s.pk]),
        cancel_url=reverse("evaluation:schemes"),
        success_message=_("Scheme saved with the default framework and thresholds."),
    )


@login_required
def scheme_detail(request, pk):
    scheme = access.get(request.user, Scheme, pk)
    framework = Framework.from_dict(scheme.framework)
    nodes = nodes_by_code(framework)
    if scheme.weighting_method == WeightingMethod.ENTROPY:
        effective = None  # entropy weights come from the units' data at each evaluation
    else:
        resolved, _record = resolve_weights(framework, services.scheme_settings(scheme), np.empty((0, 0)))
        effective = dict(zip(resolved.indicator_codes, resolved.effective_weights(), strict=True))
    policy = LightPolicy.from_dict(scheme.light_policy)
    groups = [
        {
            "code": code,
            "name": nodes[code].name_en,
            "size": len(children),
            "judged": scheme.ahp_judgements.get(code),
        }
        for code, children in sibling_groups(framework).items()
        if len(children) > 1
    ]
    return render(
        request,
        "evaluation/scheme_detail.html",
        {
            "scheme": scheme,
            "framework": framework,
            "effective": effective,
            "groups": groups,
            "policy": policy,
            "red_lines": [
                (nodes[rule.indicator].name_en, rule.comparison, rule.threshold) for rule in policy.red_lines
            ],
            "cycles": scheme.cycles.all(),
        },
    )


@login_required
def scheme_edit(request, pk):
    scheme = access.get(request.user, Scheme, pk)
    return form_page(
        request,
        form=SchemeForm(request.POST or None, instance=scheme, user=request.user),
        title=_("Edit %(name)s") % {"name": scheme.name},
        save=lambda data: services.update_scheme(actor=request.user, scheme=scheme, data=data),
        success_url=lambda s: reverse("evaluation:scheme", args=[s.pk]),
        cancel_url=reverse("evaluation:scheme", args=[pk]),
        success_message=_("Scheme saved."),
    )


def _settings_page(request, scheme, form, template, save, message, extra=None):
    """Render a scheme settings form; on a valid POST save, then return to the scheme."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, message)
            return redirect("evaluation:scheme", pk=scheme.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"scheme": scheme, "form": form, **(extra or {})}, status=status)


@login_required
def scheme_framework(request, pk):
    scheme = access.get(request.user, Scheme, pk)
    form = FrameworkForm(request.POST or None, scheme=scheme)
    return _settings_page(
        request,
        scheme,
        form,
        "evaluation/scheme_framework.html",
        lambda data: services.set_framework(actor=request.user, scheme=scheme, framework=data["framework"]),
        _("Framework saved."),
    )


@login_required
def scheme_ahp(request, pk, group):
    scheme = access.get(request.user, Scheme, pk)
    if group not in sibling_groups(Framework.from_dict(scheme.framework)):
        raise Http404(_("No such dimension in this scheme's framework."))
    form = AHPForm(request.POST or None, scheme=scheme, group=group)
    return _settings_page(
        request,
        scheme,
        form,
        "evaluation/scheme_ahp.html",
        lambda data: services.set_ahp_judgements(
            actor=request.user, scheme=scheme, group=group, matrix=data["matrix"]
        ),
        _("Judgements are consistent; AHP weights saved."),
        {"group": group, "group_name": nodes_by_code(Framework.from_dict(scheme.framework))[group].name_en},
    )


@login_required
def scheme_regional(request, pk):
    scheme = access.get(request.user, Scheme, pk)
    form = RegionalWeightsForm(request.POST or None, scheme=scheme)
    return _settings_page(
        request,
        scheme,
        form,
        "evaluation/scheme_regional.html",
        lambda data: services.set_regional_weights(
            actor=request.user, scheme=scheme, zone=data["zone"], weight_sets=data["weight_sets"]
        ),
        _("Regional weight sets saved."),
    )


@login_required
def scheme_thresholds(request, pk):
    scheme = access.get(request.user, Scheme, pk)
    return form_page(
        request,
        form=ThresholdsForm(request.POST or None, scheme=scheme),
        title=_("Thresholds of %(name)s") % {"name": scheme.name},
        save=lambda data: services.set_thresholds(
            actor=request.user,
            scheme=scheme,
            green_from=data["green_from"],
            yellow_from=data["yellow_from"],
            red_lines=data["red_lines"],
            red_deadline_days=data["red_deadline_days"],
            yellow_deadline_days=data["yellow_deadline_days"],
        ),
        success_url=lambda s: reverse("evaluation:scheme", args=[s.pk]),
        cancel_url=reverse("evaluation:scheme", args=[pk]),
        success_message=_("Thresholds saved."),
    )
