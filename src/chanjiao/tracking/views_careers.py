"""Graduate pages: the list, one graduate's career, registration, import, follow-ups and the
public follow-up form."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry.models import Program
from chanjiao.tracking import filters, selectors, tables
from chanjiao.tracking.forms.careers import CareerEntryForm, CareerRecordForm, RegisterGraduatesForm, WaveForm
from chanjiao.tracking.imports import commit_careers, preview_careers
from chanjiao.tracking.models import FollowUpWave, Graduate, RecordSource
from chanjiao.tracking.pages import PageAction, action_page
from chanjiao.tracking.services import careers as services
from chanjiao.web.excel import TableError, read_upload, xlsx_bytes, xlsx_response
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def graduate_list(request):
    can_manage = access.options(request.user, FollowUpWave, "school").exists()
    actions = (
        [
            (reverse("tracking:graduates_register"), _("Register a cohort")),
            (reverse("tracking:graduates_import"), _("Import career records")),
            (reverse("tracking:waves"), _("Follow-ups")),
        ]
        if can_manage
        else []
    )
    return list_page(
        request,
        queryset=access.visible(request.user, Graduate),
        filterset_class=filters.GraduateFilter,
        title=_("Graduates"),
        columns=tables.GRADUATE_COLUMNS,
        link=lambda g: reverse("tracking:graduate", args=[g.pk]),
        actions=actions,
    )


@login_required
def graduates_register(request):
    schools = access.options(request.user, FollowUpWave, "school")
    if not schools.exists():
        raise PermissionDenied(_("A school registers its graduates."))
    form = RegisterGraduatesForm(request.POST or None, programs=Program.objects.filter(school__in=schools))
    return form_page(
        request,
        form=form,
        title=_("Register a cohort of graduates"),
        save=lambda data: services.register_graduates(actor=request.user, **data),
        success_url=lambda count: (
            reverse("tracking:graduates") + f"?program={form.cleaned_data['program'].pk}"
        ),
        cancel_url=reverse("tracking:graduates"),
        success_message=_("Cohort registered."),
    )


@login_required
def graduate_detail(request, pk):
    graduate = access.get(request.user, Graduate, pk)
    can_edit = access.allows(request.user, Action.CHANGE, graduate)

    def enter(data):
        years_after = data.pop("years_after")
        services.record_career(
            actor=request.user,
            graduate=graduate,
            years_after=years_after,
            data=data,
            source=RecordSource.ENTRY,
        )
        return _("Career record saved.")

    return action_page(
        request,
        template="tracking/graduate_detail.html",
        context={
            "graduate": graduate,
            "career": graduate.career.select_related("occupation", "region", "employer"),
            "invitations": graduate.invitations.select_related("wave").order_by("-wave__survey_year"),
            "can_edit": can_edit,
        },
        actions={"entry": PageAction(lambda data: CareerEntryForm(data, graduate=graduate), can_edit, enter)},
    )


@login_required
def graduates_import(request):
    if not access.options(request.user, FollowUpWave, "school").exists():
        raise PermissionDenied(_("A school imports its graduates' career records."))
    context: dict = {}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"], status = _("Choose a file to upload."), 400
        else:
            action = commit_careers if request.POST.get("action") == "commit" else preview_careers
            try:
                result = action(data=read_upload(upload), filename=upload.name, user=request.user)
            except TableError as error:
                context["error"], status = str(error), 400
            else:
                context["result"] = result
                context["committed"] = action is commit_careers and result.ok
                status = 200 if result.ok else 400
    return render(request, "tracking/graduates_import.html", context, status=status)


@login_required
def wave_list(request):
    schools = access.options(request.user, FollowUpWave, "school")

    def open_wave(data):
        wave = services.open_wave(actor=request.user, school=schools.first(), **data)
        return _("Follow-up %(year)s opened for %(n)s graduates.") % {
            "year": wave.survey_year,
            "n": wave.invitations.count(),
        }

    today = timezone.localdate()
    return action_page(
        request,
        template="tracking/wave_list.html",
        context={"waves": access.visible(request.user, FollowUpWave)},
        actions={
            "open": PageAction(
                lambda data: WaveForm(data, initial={"survey_year": today.year}),
                schools.count() == 1,
                open_wave,
            )
        },
    )


@login_required
def wave_detail(request, pk):
    wave = access.get(request.user, FollowUpWave, pk)
    return render(
        request,
        "tracking/wave_detail.html",
        {
            "wave": wave,
            "responses": selectors.wave_responses(wave),
            "can_edit": access.allows(request.user, Action.CHANGE, wave),
            "open": wave.closes_on >= timezone.localdate(),
        },
    )


@login_required
@require_POST
def wave_links(request, pk):
    """Issue new links for every unanswered invitation and download them (shown only now)."""
    wave = access.get(request.user, FollowUpWave, pk, Action.CHANGE)
    try:
        issued = services.issue_links(actor=request.user, wave=wave)
    except ValueError as error:
        return render(
            request, "web/message.html", {"title": _("Follow-up"), "message": str(error)}, status=400
        )
    base = request.build_absolute_uri("/")[:-1]
    columns = [
        (_("Student number"), lambda pair: pair[0].graduate.student.student_no),
        (_("Name"), lambda pair: pair[0].graduate.student.name),
        (_("Program"), lambda pair: pair[0].graduate.student.program.name),
        (_("Graduated"), lambda pair: pair[0].graduate.graduation_year),
        (_("E-mail"), lambda pair: pair[0].graduate.email),
        (_("Mobile"), lambda pair: pair[0].graduate.phone),
        (_("Link"), lambda pair: base + reverse("tracking:follow_up", args=[pair[1]])),
    ]
    return xlsx_response(f"follow-up-{wave.survey_year}-links.xlsx", xlsx_bytes(_("Links"), columns, issued))


def follow_up(request, token):
    """The graduate's own form: no account, the link is the credential; shows only their record."""
    invitation = services.invitation_for_token(token)
    if invitation is None:
        raise Http404(
            _("This link is not valid: it was replaced by a newer one, or the follow-up has closed.")
        )
    graduate = invitation.graduate
    current = graduate.career.filter(years_after=invitation.years_after).first()
    form = CareerRecordForm(request.POST or None, instance=current, years_after=invitation.years_after)
    if request.method == "POST" and form.is_valid():
        services.answer_follow_up(invitation=invitation, data=form.cleaned_data)
        return render(request, "tracking/follow_up_thanks.html", {"graduate": graduate})
    return render(
        request,
        "tracking/follow_up.html",
        {
            "invitation": invitation,
            "graduate": graduate,
            "form": form,
            "earlier": graduate.career.filter(years_after__lt=invitation.years_after).select_related(
                "occupation"
            ),
        },
        status=400 if request.method == "POST" else 200,
    )
