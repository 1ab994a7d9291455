"""Council pages: composition with the enterprise-seat check, meetings, motions and votes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.governance import selectors, services_councils, wording
from chanjiao.governance.forms import CouncilForm, MeetingForm, MinutesForm, MotionForm, VoteForm
from chanjiao.governance.models import Council, Meeting, Motion, MotionStatus
from chanjiao.governance.policy import voting_member
from chanjiao.web.forms_page import form_page


def _composition(council):
    """The seat check under the policy governing the carrier's region (national defaults without one)."""
    return selectors.compositions([council])[0][1]


@login_required
def council_list(request):
    councils = selectors.compositions(selectors.with_seats(access.visible(request.user, Council)))
    return render(request, "governance/councils.html", {"councils": councils})


@login_required
def council_new(request):
    access.require_possible(request.user, Action.CREATE, Council)
    form = CouncilForm(request.POST or None)

    def save(data):
        access.require_create(request.user, Council, carrier=data["carrier"])
        return services_councils.constitute_council(actor=request.user, **data)

    return form_page(
        request,
        form=form,
        title=_("Constitute a council"),
        save=save,
        success_url=lambda council: reverse("governance:council", args=[council.pk]),
        cancel_url=reverse("governance:councils"),
        success_message=_("Council constituted; its seats are the carrier members' council seats."),
    )


@login_required
def council_detail(request, pk):
    council = access.get(request.user, Council, pk)
    composition = _composition(council)
    return render(
        request,
        "governance/council.html",
        {
            "council": council,
            "composition": composition,
            "seat_rows": wording.seat_rows(composition) if composition else [],
            "seat_warning": wording.seat_warning(composition) if composition else "",
            "members": selectors.council_members(council),
            "meetings": access.visible(request.user, Meeting).filter(council=council),
        },
    )


@login_required
def meeting_new(request, pk):
    council = access.get(request.user, Council, pk, Action.MANAGE)
    form = MeetingForm(request.POST or None)
    return form_page(
        request,
        form=form,
        title=_("Schedule a meeting of %(council)s") % {"council": council},
        save=lambda data: services_councils.schedule_meeting(council=council, data=data, actor=request.user),
        success_url=lambda meeting: reverse("governance:meeting", args=[meeting.pk]),
        cancel_url=reverse("governance:council", args=[council.pk]),
        success_message=_("Meeting scheduled."),
    )


@login_required
def meeting_detail(request, pk):
    meeting = access.get(request.user, Meeting, pk)
    return render(
        request,
        "governance/meeting.html",
        {
            "meeting": meeting,
            "motions": meeting.motions.all(),
            "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
        },
    )


@login_required
@require_POST
def meeting_minutes(request, pk):
    meeting = access.get(request.user, Meeting, pk, Action.MANAGE)
    form = MinutesForm(request.POST)
    if form.is_valid():
        services_councils.record_minutes(
            meeting=meeting, minutes=form.cleaned_data["minutes"], actor=request.user
        )
        messages.success(request, _("Minutes recorded."))
    else:
        messages.error(request, _("Write the minutes."))
    return redirect("governance:meeting", pk)


@login_required
def motion_new(request, pk):
    meeting = access.get(request.user, Meeting, pk, Action.MANAGE)
    form = MotionForm(request.POST or None)
    return form_page(
        request,
        form=form,
        title=_("Put a motion to %(meeting)s") % {"meeting": meeting.title},
        save=lambda data: services_councils.propose_motion(meeting=meeting, data=data, actor=request.user),
        success_url=lambda motion: reverse("governance:motion", args=[motion.pk]),
        cancel_url=reverse("governance:meeting", args=[meeting.pk]),
        success_message=_("Motion open for voting."),
    )


@login_required
def motion_detail(request, pk):
    motion = access.get(request.user, Motion, pk)
    council = motion.meeting.council
    voter = (
        voting_member(request.user, motion) if access.allows(request.user, Action.RESPOND, motion) else None
    )
    mine = motion.votes.filter(organisation_id=voter.organisation_id).first() if voter else None
    is_open = motion.status == MotionStatus.OPEN
    return render(
        request,
        "governance/motion.html",
        {
            "motion": motion,
            "council": council,
            "votes": motion.votes.select_related("organisation", "cast_by"),
            "voter": voter,
            "my_vote": mine,
            "vote_form": VoteForm(initial={"choice": mine.choice if mine else None})
            if voter and is_open
            else None,
            "can_close": is_open and access.allows(request.user, Action.MANAGE, motion),
        },
    )


@login_required
@require_POST
def motion_vote(request, pk):
    motion = access.get(request.user, Motion, pk, Action.RESPOND)
    voter = voting_member(request.user, motion)
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose yes, no or abstain."))
        return redirect("governance:motion", pk)
    try:
        services_councils.cast_vote(
            motion=motion,
            organisation=voter.organisation,
            choice=form.cleaned_data["choice"],
            actor=request.user,
        )
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Vote recorded."))
    return redirect("governance:motion", pk)


@login_required
@require_POST
def motion_close(request, pk):
    motion = access.get(request.user, Motion, pk, Action.MANAGE)
    try:
        motion = services_councils.close_motion(motion=motion, actor=request.user)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, motion.reason)
    return redirect("governance:motion", pk)
