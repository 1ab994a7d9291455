"""Designing questionnaires: list, templates, settings, constructs, items, the model, preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.core.surveys import load_instrument, parse_model
from chanjiao.surveys import selectors, services
from chanjiao.surveys.answers import answer_form_class
from chanjiao.surveys.filters import QuestionnaireFilter
from chanjiao.surveys.forms import (
    AnalysisForm,
    ConstructForm,
    ItemForm,
    ModelBuilderForm,
    ModelSyntaxForm,
    QuestionnaireForm,
)
from chanjiao.surveys.models import Construct, Item, ItemKind, Questionnaire, QuestionnaireState
from chanjiao.surveys.tables import QUESTIONNAIRE_COLUMNS
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


def detail_url(questionnaire) -> str:
    return reverse("surveys:questionnaire", args=[questionnaire.pk])


@login_required
def questionnaire_list(request):
    actions = []
    if access.may_create(request.user, Questionnaire):
        actions = [
            (reverse("surveys:templates"), _("From a template")),
            (reverse("surveys:questionnaire_new"), _("New questionnaire")),
        ]
    return list_page(
        request,
        queryset=selectors.with_counts(access.visible(request.user, Questionnaire)),
        filterset_class=QuestionnaireFilter,
        title=_("Questionnaires"),
        columns=QUESTIONNAIRE_COLUMNS,
        link=detail_url,
        actions=actions,
    )


@login_required
def questionnaire_new(request):
    if not access.may_create(request.user, Questionnaire):
        raise PermissionDenied(_("Officers, schools, associations and evaluators create questionnaires."))
    form = QuestionnaireForm(
        request.POST or None, owners=access.options(request.user, Questionnaire, "owner")
    )
    return form_page(
        request,
        form=form,
        title=_("New questionnaire"),
        save=lambda data: services.create_questionnaire(actor=request.user, data=data),
        success_url=detail_url,
        cancel_url=reverse("surveys:questionnaires"),
        success_message=_("Questionnaire created. Add its constructs and items."),
    )


@login_required
def template_list(request):
    """The shipped instruments, each one click from a ready questionnaire."""
    if not access.may_create(request.user, Questionnaire):
        raise PermissionDenied(_("Officers, schools, associations and evaluators create questionnaires."))
    owners = access.options(request.user, Questionnaire, "owner")
    error, status = "", 200
    if request.method == "POST":
        code = request.POST.get("template", "")
        chosen = request.POST.get("owner", "")
        if owners.count() == 1:
            owner = owners.first()
        else:  # an id that is not a number names no organisation
            owner = owners.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        if code not in services.TEMPLATES:
            error, status = _("Choose one of the templates below."), 400
        elif owner is None:
            error, status = _("Choose the organisation that will own the questionnaire."), 400
        else:
            questionnaire = services.create_from_template(actor=request.user, owner=owner, template=code)
            messages.success(
                request, _("Questionnaire created from the template; set its dates, then invite respondents.")
            )
            return redirect(detail_url(questionnaire))
    templates = [(code, load_instrument(code)) for code in services.TEMPLATES]
    return render(
        request,
        "surveys/templates.html",
        {"templates": templates, "owners": owners if owners.count() > 1 else None, "error": error},
        status=status,
    )


def render_questionnaire(request, questionnaire, *, analysis_form=None, analysis_error="", status=200):
    """The questionnaire's page: tracking, design, model, analyses (with a refused analysis's reason)."""
    try:
        spec = parse_model(questionnaire.model_syntax) if questionnaire.model_syntax.strip() else None
    except ValueError:
        spec = None
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "can_manage": access.allows(request.user, Action.MANAGE, questionnaire),
            "accepting": questionnaire.state() in {QuestionnaireState.OPEN, QuestionnaireState.SCHEDULED},
            "answered": questionnaire.responses.exists(),
            "tracking": selectors.tracking(questionnaire),
            "constructs": questionnaire.constructs.prefetch_related("items"),
            "other_items": questionnaire.items.filter(construct__isnull=True),
            "spec": spec,
            "analyses": questionnaire.analyses.select_related("created_by")[:10],
            "analysis_form": analysis_form or AnalysisForm(),
            "analysis_error": analysis_error,
        },
        status=status,
    )


@login_required
def questionnaire_detail(request, pk):
    return render_questionnaire(request, access.get(request.user, Questionnaire, pk))


@login_required
def questionnaire_edit(request, pk):
    questionnaire = access.get(request.user, Questionnaire, pk, Action.MANAGE)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    return form_page(
        request,
        form=form,
        title=_("Questionnaire settings"),
        save=lambda data: services.update_questionnaire(
            actor=request.user, questionnaire=questionnaire, data=data
        ),
        success_url=detail_url,
        cancel_url=detail_url(questionnaire),
        success_message=_("Settings saved."),
    )


@login_required
@require_POST
def questionnaire_close(request, pk):
    questionnaire = access.get(request.user, Questionnaire, pk, Action.MANAGE)
    services.close_questionnaire(actor=request.user, questionnaire=questionnaire)
    messages.success(request, _("The questionnaire is closed: its links no longer take responses."))
    return redirect(detail_url(questionnaire))


def _part_page(request, questionnaire, *, form, title, save, message):
    return form_page(
        request,
        form=form,
        title=title,
        save=save,
        success_url=lambda _part: detail_url(questionnaire),
        cancel_url=detail_url(questionnaire),
        success_message=message,
    )


@login_required
def construct_new(request, pk):
    questionnaire = access.get(request.user, Questionnaire, pk, Action.MANAGE)
    form = ConstructForm(request.POST or None, questionnaire=questionnaire)
    save = lambda data: services.add_construct(actor=request.user, questionnaire=questionnaire, data=data)  # noqa: E731
    return _part_page(
        request, questionnaire, form=form, title=_("New construct"), save=save, message=_("Construct added.")
    )


@login_required
def construct_edit(request, pk):
    construct = access.get(request.user, Construct, pk, Action.MANAGE)
    form = ConstructForm(request.POST or None, instance=construct, questionnaire=construct.questionnaire)
    save = lambda data: services.update_construct(actor=request.user, construct=construct, data=data)  # noqa: E731
    return _part_page(
        request,
        construct.questionnaire,
        form=form,
        title=_("Edit construct"),
        save=save,
        message=_("Construct saved."),
    )


@login_required
def item_new(request, pk):
    questionnaire = access.get(request.user, Questionnaire, pk, Action.MANAGE)
    initial = {"construct": request.GET.get("construct")} if request.method == "GET" else None
    form = ItemForm(request.POST or None, questionnaire=questionnaire, initial=initial)
    save = lambda data: services.add_item(actor=request.user, questionnaire=questionnaire, data=data)  # noqa: E731
    return _part_page(
        request, questionnaire, form=form, title=_("New item"), save=save, message=_("Item added.")
    )


@login_required
def item_edit(request, pk):
    item = access.get(request.user, Item, pk, Action.MANAGE)
    form = ItemForm(request.POST or None, instance=item, questionnaire=item.questionnaire)
    save = lambda data: services.update_item(actor=request.user, item=item, data=data)  # noqa: E731
    return _part_page(
        request, item.questionnaire, form=form, title=_("Edit item"), save=save, message=_("Item saved.")
    )


@login_required
@require_POST
def part_delete(request, kind, pk):
    """Delete a construct or an item (refused once the questionnaire has responses)."""
    if kind == "construct":
        part = access.get(request.user, Construct, pk, Action.MANAGE)
        delete = services.delete_construct
    else:
        part = access.get(request.user, Item, pk, Action.MANAGE)
        delete = services.delete_item
    questionnaire = part.questionnaire
    try:
        delete(actor=request.user, **{kind: part})
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(code)s deleted.") % {"code": part.code})
    return redirect(detail_url(questionnaire))


@login_required
def model_edit(request, pk):
    """Two ways to the same model: type lavaan-style syntax, or tick items and paths."""
    questionnaire = access.get(request.user, Questionnaire, pk, Action.MANAGE)
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        current = parse_model(questionnaire.model_syntax) if questionnaire.model_syntax.strip() else None
    except ValueError:
        current = None
    syntax_form = ModelSyntaxForm(request.POST if action == "syntax" else None, instance=questionnaire)
    builder_form = ModelBuilderForm(
        request.POST if action == "build" else None, questionnaire=questionnaire, initial_spec=current
    )
    bound = syntax_form if action == "syntax" else builder_form if action == "build" else None
    if bound is not None and bound.is_valid():
        syntax = bound.cleaned_data["model_syntax"] if action == "syntax" else bound.cleaned_data["syntax"]
        services.set_model(actor=request.user, questionnaire=questionnaire, syntax=syntax)
        messages.success(request, _("Model saved."))
        return redirect(detail_url(questionnaire))
    return render(
        request,
        "surveys/model.html",
        {"questionnaire": questionnaire, "syntax_form": syntax_form, "builder_form": builder_form},
        status=400 if bound is not None else 200,
    )


@login_required
def preview(request, pk):
    """The respondent's form as they will see it; nothing can be submitted from here."""
    questionnaire = access.get(request.user, Questionnaire, pk)
    items = services.form_items(questionnaire)
    form = answer_form_class(questionnaire, items)()
    return render(
        request,
        "surveys/respond.html",
        {"questionnaire": questionnaire, "form": form, "preview": True, "likert_kind": ItemKind.LIKERT},
    )
