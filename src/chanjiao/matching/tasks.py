"""What the home page lists first for matching: a student's rank lists and results, an
enterprise's candidates to rank and offers to answer, an organiser's rounds to run or publish, an
expert's invitations."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.matching import policy
from chanjiao.matching.models import (
    ExpertInvitation,
    InvitationStatus,
    MatchingRound,
    Response,
    RoundStatus,
    RoundStudent,
)
from chanjiao.web.tasks import Task

ANSWERING = (RoundStatus.PUBLISHED, RoundStatus.SCRAMBLE)


def _student(user) -> list[Task]:
    tasks = []
    rows = (
        RoundStudent.objects.filter(student__user=user)
        .exclude(round__status=RoundStatus.CLOSED)
        .select_related("round")
        .annotate(
            pending=Count(
                "offers",
                filter=Q(offers__student_response=Response.PENDING)
                & ~Q(offers__enterprise_response=Response.DECLINED),
            )
        )
    )
    for participant in rows:
        rnd = participant.round
        if rnd.status == RoundStatus.RANKING:
            label = (
                _("Your rank list for %(round)s is in: you may change it until the window closes")
                if participant.submitted_at
                else _("Rank the positions of %(round)s")
            )
            url = reverse("matching:my_list", args=[rnd.pk])
            tasks.append(Task(label % {"round": rnd.name}, url, due=rnd.ranking_closes))
        elif rnd.status in policy.RESULTS_PUBLIC:
            url = reverse("matching:my_result", args=[rnd.pk])
            tasks.append(Task(_("Your result in %(round)s") % {"round": rnd.name}, url))
            if rnd.status in ANSWERING and participant.pending:
                url = reverse("matching:offers", args=[rnd.pk])
                label = _("Offers of %(round)s awaiting your answer") % {"round": rnd.name}
                tasks.append(Task(label, url, count=participant.pending))
    return tasks


def _enterprise(enterprise_id: int) -> list[Task]:
    tasks = []
    rounds = (
        MatchingRound.objects.filter(positions__enterprise_id=enterprise_id)
        .filter(status__in=(RoundStatus.RANKING, *ANSWERING))
        .annotate(
            positions_n=Count("positions", filter=Q(positions__enterprise_id=enterprise_id), distinct=True),
            pending=Count(
                "offers",
                filter=Q(offers__position__enterprise_id=enterprise_id)
                & Q(offers__enterprise_response=Response.PENDING)
                & ~Q(offers__student_response=Response.DECLINED),
                distinct=True,
            ),
        )
        .order_by("ranking_closes")
    )
    for rnd in rounds:
        if rnd.status == RoundStatus.RANKING:
            label = _("Rank the candidates of your positions in %(round)s") % {"round": rnd.name}
            url = reverse("matching:round_positions", args=[rnd.pk])
            tasks.append(Task(label, url, count=rnd.positions_n, due=rnd.ranking_closes))
        elif rnd.pending:
            label = _("Offers of %(round)s awaiting your answer") % {"round": rnd.name}
            tasks.append(Task(label, reverse("matching:offers", args=[rnd.pk]), count=rnd.pending))
    return tasks


def _organiser(organiser_id: int) -> list[Task]:
    tasks = []
    now = timezone.now()
    for rnd in MatchingRound.objects.filter(organiser_id=organiser_id).exclude(status=RoundStatus.CLOSED):
        url = reverse("matching:round", args=[rnd.pk])
        if rnd.status == RoundStatus.RANKING:
            if rnd.ranking_closes <= now:
                tasks.append(
                    Task(_("Ranking of %(round)s has closed: run the round") % {"round": rnd.name}, url)
                )
            else:
                label = _("%(round)s: students and enterprises are ranking") % {"round": rnd.name}
                tasks.append(Task(label, url, due=rnd.ranking_closes))
        elif rnd.status == RoundStatus.MATCHED:
            tasks.append(Task(_("Publish the results of %(round)s") % {"round": rnd.name}, url))
    return tasks


def home_tasks(request) -> list[Task]:
    user = request.user
    actor = access.actor_of(user)
    if actor is None:
        return []
    tasks = _student(user)
    if actor.represents:
        tasks += _enterprise(actor.represents)
        tasks += _organiser(actor.represents)
    invitations = ExpertInvitation.objects.filter(expert__user=user, status=InvitationStatus.PENDING).count()
    if invitations:
        url = reverse("matching:invitations") + "?status=pending"
        tasks.append(Task(_("Expert invitations awaiting your answer"), url, count=invitations))
    return tasks
