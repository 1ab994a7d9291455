"""Distributing a questionnaire: invitation links, audiences from the registry, reminders."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.registry.models import Carrier, Organisation, OrgKind, Teacher, TeacherKind
from chanjiao.surveys.models import Invitation, Questionnaire, TargetGroup
from chanjiao.surveys.selectors import reminders_due

logger = logging.getLogger(__name__)

GROUP_OF_KIND = {OrgKind.ENTERPRISE: TargetGroup.ENTERPRISE_HR, OrgKind.SCHOOL: TargetGroup.TEACHER}


@transaction.atomic
def invite(
    *,
    actor: User | None,
    questionnaire: Questionnaire,
    target_group: str,
    respondents: Sequence[tuple[str, str]] = (),
    count: int = 0,
    organisation: Organisation | None = None,
    carrier: Carrier | None = None,
) -> list[Invitation]:
    """One invitation (link) per named respondent ``(name, email)`` plus ``count`` anonymous ones."""
    people = [*respondents, *[("", "")] * (count or 0)]
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                questionnaire=questionnaire,
                target_group=target_group,
                respondent_name=name,
                email=email,
                organisation=organisation,
                carrier=carrier,
                created_by=actor,
            )
            for name, email in people
        ]
    )
    record_activity(
        actor=actor, verb="invite", target=questionnaire, summary=f"{len(invitations)} links, {target_group}"
    )
    return invitations


def _first_carriers(organisation_ids: list[int]) -> dict[int, int]:
    """Each organisation's first carrier (lowest id): the cooperation its people rate."""
    first: dict[int, int] = {}
    for carrier_id, organisation_id in (
        Carrier.objects.filter(memberships__organisation_id__in=organisation_ids)
        .order_by("pk")
        .values_list("pk", "memberships__organisation_id")
    ):
        first.setdefault(organisation_id, carrier_id)
    return first


@transaction.atomic
def invite_audience(
    *,
    actor: User | None,
    questionnaire: Questionnaire,
    audience: str,
    organisations,
    carrier: Carrier | None = None,
) -> int:
    """Invite people from the registry, among ``organisations`` (those the actor may survey):
    ``enterprises`` (one enterprise-HR link per enterprise), ``teachers`` (one link per college
    teacher and enterprise mentor) or ``carrier_members`` (one link per member of ``carrier``).
    Anyone already invited the same way is skipped. Returns the number of new links."""
    already = set(
        questionnaire.invitations.values_list(
            "organisation_id", "respondent_name", "target_group", "carrier_id"
        )
    )
    planned: list[Invitation] = []

    def add(organisation_id: int, name: str, group, carrier_id: int | None) -> None:
        key = (organisation_id, name, group, carrier_id)
        if key not in already:
            already.add(key)
            planned.append(
                Invitation(
                    questionnaire=questionnaire,
                    target_group=group,
                    respondent_name=name,
                    organisation_id=organisation_id,
                    carrier_id=carrier_id,
                    created_by=actor,
                )
            )

    if audience == "enterprises":
        enterprises = list(
            organisations.filter(kind=OrgKind.ENTERPRISE).order_by("pk").values_list("pk", "name")
        )
        carriers = _first_carriers([pk for pk, _ in enterprises])
        for pk, name in enterprises:
            add(pk, name, TargetGroup.ENTERPRISE_HR, carriers.get(pk))
    elif audience == "teachers":
        teachers = list(
            Teacher.objects.filter(organisation__in=organisations)
            .filter(kind__in=[TeacherKind.TEACHER, TeacherKind.MENTOR])
            .order_by("pk")
            .values_list("organisation_id", "name")
        )
        carriers = _first_carriers(sorted({organisation_id for organisation_id, _ in teachers}))
        for organisation_id, name in teachers:
            add(organisation_id, name, TargetGroup.TEACHER, carriers.get(organisation_id))
    elif audience == "carrier_members":
        if carrier is None:
            raise ValueError("Choose the carrier whose members to survey.")
        for pk, name, kind in carrier.members.order_by("pk").values_list("pk", "name", "kind"):
            add(pk, name, GROUP_OF_KIND.get(kind, TargetGroup.OFFICIAL), carrier.pk)
    else:
        raise ValueError(f"Unknown audience {audience!r}; choose enterprises, teachers or carrier_members.")
    Invitation.objects.bulk_create(planned, batch_size=2000)
    record_activity(
        actor=actor, verb="invite", target=questionnaire, summary=f"{len(planned)} links, {audience}"
    )
    return len(planned)


def email_enabled() -> bool:
    """Reminder emails go out only when the operator turns them on (and configures Django's
    EMAIL_* settings); otherwise reminders are recorded for the owner to send themselves."""
    return bool(getattr(settings, "SURVEYS_SEND_EMAIL", False))


def _reminder_email(invitation: Invitation, link: str) -> tuple[str, str]:
    questionnaire = invitation.questionnaire
    subject = f"{questionnaire.title_zh or questionnaire.title_en} · 问卷提醒 / Reminder"
    body = (
        f"{invitation.respondent_name or '您好'}：\n\n"
        f"诚邀您填写问卷《{questionnaire.title_zh or questionnaire.title_en}》：\n{link}\n\n"
        f"You are invited to answer “{questionnaire.title_en or questionnaire.title_zh}”:\n{link}\n"
    )
    return subject, body


@transaction.atomic
def record_reminders(*, actor: User | None, questionnaire: Questionnaire, link_for) -> dict[str, int]:
    """Record a reminder for every invitation due one (see selectors.reminders_due); with email
    enabled, also mail those that have an address. ``link_for(invitation)`` gives the absolute link."""
    now = timezone.now()
    due = list(reminders_due(questionnaire, now).select_for_update(of=("self",)))
    emailed = 0
    for invitation in due:
        invitation.reminded_at = now
        invitation.reminder_count += 1
        if invitation.email and email_enabled():
            subject, body = _reminder_email(invitation, link_for(invitation))
            emailed += send_mail(subject, body, None, [invitation.email], fail_silently=False)
    Invitation.objects.bulk_update(due, ["reminded_at", "reminder_count"], batch_size=1000)
    record_activity(
        actor=actor,
        verb="record_reminders",
        target=questionnaire,
        summary=f"{len(due)} due, {emailed} emailed",
    )
    return {"reminded": len(due), "emailed": emailed}
