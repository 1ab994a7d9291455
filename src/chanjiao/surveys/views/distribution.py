"""Distributing and collecting: invitation links, audiences, reminders, responses, import, export.

A link is shown once, on the page that issues it; the invitations list, its export and an
invitation's page name who was asked and how far they got, never the link.
"""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.core.spreadsheets import csv_value
from chanjiao.surveys import policy, selectors, services
from chanjiao.surveys.exports import raw_data, raw_workbook
from chanjiao.surveys.filters import InvitationFilter, ResponseFilter
from chanjiao.surveys.forms import AudienceForm, InviteForm
from chanjiao.surveys.imports import commit_response_import, preview_response_import
from chanjiao.surveys.models import Invitation, ItemKind, Questionnaire, Response
from chanjiao.surveys.tables import INVITATION_COLUMNS, RESPONSE_COLUMNS
from chanjiao.surveys.views.design import detail_url
from chanjiao.web.excel import TableError, read_upload, xlsx_response
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


def link_maker(request):
    """The absolute link a respondent opens, from its token, for this site's address."""
    return lambda token: request.build_absolute_uri(reverse("surveys:respond", args=[token]))


def invitations_of(questionnaire):
    return questionnaire.invitations.select_related("organisation", "carrier").annotate(
        answered_at=F("response__submitted_at"), answered_valid=F("response__valid")
    )


def links_page(request, questionnaire, issued, title):
    """New links, shown this once: only their hashes are kept."""
    link_for = link_maker(request)
    return render(
        request,
        "surveys/links_issued.html",
        {
            "questionnaire": questionnaire,
            "title": title,
            "links": [(invitation, link_for(token)) for invitation, token in issued],
        },
    )


@login_required
def invitation_list(request, pk):
    questionnaire = access.get(request.user, Questionnaire, pk, Action.MANAGE)
    return list_page(
        request,
        queryset=invitations_of(questionnaire),
        filterset_class=InvitationFilter,
        title=_("Invitations: %(title)s") % {"title": questionnaire},
        columns=INVITATION_COLUMNS,
        link=lambda invitation: reverse("surveys:invitation", args=[invitation.pk]),
        actions=[
            (reverse("surveys:invite", args=[pk]), _("Invite respondents")),
            (reverse("surveys:invite_audience", args=[pk]), _("Invite from the registry")),
            (reverse("surveys:reminders", args=[pk]), _("Reminders")),
        ],
    )


@login_required
def invite_page(request, pk):
    questionnaire = access.get(request.user, Questionnaire, pk, Action.MANAGE)
    form = InviteForm(
        request.POST or None,
        organisations=policy.organisations_user_can_survey(request.user),
        carriers=policy.carriers_user_can_survey(request.user),
        initial={"target_group": (questionnaire.target_groups or [None])[0]},
    )
    return form_page(
        request,
        form=form,
        title=_("Invite respondents"),
        save=lambda data: services.invite(actor=request.user, questionnaire=questionnaire, **data),
        success_url=lambda issued: reverse("surveys:invitations", args=[pk]),
        cancel_url=detail_url(questionnaire),
        success_message=_("Links created. Send them now: they are shown only this once."),
        done=lambda issued: links_page(request, questionnaire, issued, _("Invite respondents")),
    )


@login_required
def invite_audience_page(request, pk):
    questionnaire = access.get(request.user, Questionnaire, pk, Action.MANAGE)
    form = AudienceForm(request.POST or None, carriers=policy.carriers_user_can_survey(request.user))

    def save(data):
        return services.invite_audience(
            actor=request.user,
            questionnaire=questionnaire,
            audience=data["audience"],
            carrier=data.get("carrier"),
            organisations=policy.organisations_user_can_survey(request.user),
        )

    return form_page(
        request,
        form=form,
        title=_("Invite from the registry"),
        save=save,
        success_url=lambda issued: reverse("surveys:invitations", args=[pk]),
        cancel_url=detail_url(questionnaire),
        success_message=_(
            "Links created for the chosen audience (anyone already invited was skipped). Send them now: "
            "they are shown only this once."
        ),
        done=lambda issued: links_page(request, questionnaire, issued, _("Invite from the registry")),
    )


@login_required
def reminders_page(request, pk):
    """Who is due a reminder; recording them gives each a new link (mailed, when the operator
    enabled email, otherwise shown once for the owner to send)."""
    questionnaire = access.get(request.user, Questionnaire, pk, Action.MANAGE)
    if request.method == "POST":
        try:
            outcome = services.record_reminders(
                actor=request.user, questionnaire=questionnaire, link_for=link_maker(request)
            )
        except services.distribution.MailServerUnavailable as error:
            messages.error(request, str(error))
            return redirect("surveys:reminders", pk=pk)
        counts = outcome.counts()
        messages.success(request, _("%(reminded)s reminders recorded, %(emailed)s sent by email.") % counts)
        if outcome.failed:
            messages.warning(
                request,
                _("The mail server refused %(failed)s messages; those invitations are still due a reminder.")
                % counts,
            )
        if outcome.links:
            return links_page(request, questionnaire, outcome.links, _("Reminders"))
        return redirect("surveys:reminders", pk=pk)
    return render(
        request,
        "surveys/reminders.html",
        {
            "questionnaire": questionnaire,
            "due": selectors.reminders_due(questionnaire).select_related("carrier")[:500],
            "due_count": selectors.reminders_due(questionnaire).count(),
            "email_enabled": services.distribution.email_enabled(),
        },
    )


@login_required
def invitation_detail(request, pk):
    invitation = access.get(request.user, Invitation, pk)
    response = getattr(invitation, "response", None)  # the reverse one-to-one raises when absent
    return render(
        request,
        "surveys/invitation_detail.html",
        {"invitation": invitation, "questionnaire": invitation.questionnaire, "response": response},
    )


@login_required
@require_POST
def reissue_link(request, pk):
    """A new link for a respondent who lost theirs; the old one stops working."""
    invitation = access.get(request.user, Invitation, pk, Action.MANAGE)
    try:
        token = services.reissue_link(actor=request.user, invitation=invitation)
    except services.AlreadyAnswered as error:
        messages.error(request, str(error))
        return redirect("surveys:invitation", pk=pk)
    return links_page(request, invitation.questionnaire, [(invitation, token)], _("A new link"))


@login_required
def response_list(request, pk):
    questionnaire = access.get(request.user, Questionnaire, pk)
    actions = [(reverse("surveys:export", args=[pk]) + "?format=csv", _("Raw data (CSV)"))]
    if access.allows(request.user, Action.MANAGE, questionnaire):
        actions.insert(0, (reverse("surveys:import", args=[pk]), _("Import responses")))
    return list_page(
        request,
        queryset=questionnaire.responses.select_related("organisation"),
        filterset_class=ResponseFilter,
        title=_("Responses: %(title)s") % {"title": questionnaire},
        columns=RESPONSE_COLUMNS,
        link=lambda response: reverse("surveys:response", args=[response.pk]),
        actions=actions,
    )


@login_required
def response_detail(request, pk):
    response = access.get(request.user, Response, pk)
    questionnaire = response.questionnaire
    answers = []
    for item in services.form_items(questionnaire):
        value = response.answers.get(item.code)
        shown = value
        if item.kind == ItemKind.CHOICE and isinstance(value, int):
            shown = f"{value} · {item.option_labels()[value - 1]}"
        answers.append((item, shown))
    return render(
        request,
        "surveys/response_detail.html",
        {"response": response, "questionnaire": questionnaire, "answers": answers},
    )


@login_required
def raw_export(request, pk):
    """Every response as received (reverse-keyed items not recoded), with its screening verdict;
    Excel adds a codebook sheet."""
    questionnaire = access.get(request.user, Questionnaire, pk)
    frame = raw_data(questionnaire)
    name = (
        slugify(questionnaire.title_en or f"questionnaire-{questionnaire.pk}")
        or f"questionnaire-{questionnaire.pk}"
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"{name}-responses.xlsx", raw_workbook(questionnaire, frame))
    buffer = io.StringIO()
    frame.map(csv_value).to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-responses.csv"'
    return response


@login_required
def import_page(request, pk):
    questionnaire = access.get(request.user, Questionnaire, pk, Action.MANAGE)
    context = {"questionnaire": questionnaire, "items": services.form_items(questionnaire)}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"], status = _("Choose a file to upload."), 400
        else:
            commit = request.POST.get("action") == "commit"
            action = commit_response_import if commit else preview_response_import
            try:
                result = action(
                    questionnaire=questionnaire,
                    data=read_upload(upload),
                    filename=upload.name,
                    user=request.user,
                )
            except TableError as error:
                context["error"], status = str(error), 400
            else:
                context["result"], context["committed"] = result, commit and result.ok
                status = 200 if result.ok else 400
    context["now"] = timezone.now()
    return render(request, "surveys/import.html", context, status=status)
