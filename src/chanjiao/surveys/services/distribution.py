"""Distributing a questionnaire: invitation links, audiences from the registry, reminders.

Only a token's hash is stored, so a link exists in the answer of the service that issues it
(`invite`, `invite_audience`, `reissue_link`, `record_reminders`) and nowhere else: whoever
distributes the questionnaire sends it on straight away.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User, hash_token
from chanjiao.accounts.services import record_activity
from chanjiao.registry.models import Carrier, Organisation, OrgKind, Teacher, TeacherKind
from chanjiao.surveys.models import Invitation, Questionnaire, TargetGroup, new_token
from chanjiao.surveys.selectors import reminders_due

logger = logging.getLogger(__name__)

GROUP_OF_KIND = {OrgKind.ENTERPRISE: TargetGroup.ENTERPRISE_HR, OrgKind.SCHOOL: TargetGroup.TEACHER}

IssuedLink = tuple[Invitation, str]
"""An invitation and the token of its new link: the only moment the token exists."""


def _with_new_token(invitation: Invitation) -> IssuedLink:
    """Give the invitation a new token (its hash on the instance, not yet saved)."""
    token = new_token()
    invitation.token_hash = hash_token(token)
    return invitation, token


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
) -> list[IssuedLink]:
    """One invitation (link) per named respondent ``(name, email)`` plus ``count`` anonymous ones."""
    people = [*respondents, *[("", "")] * (count or 0)]
    issued = [
        _with_new_token(
            Invitation(
                questionnaire=questionnaire,
                target_group=target_group,
                respondent_name=name,
                email=email,
                organisation=organisation,
                carrier=carrier,
                created_by=actor,
            )
        )
        for name, email in people
    ]
    Invitation.objects.bulk_create([invitation for invitation, _token in issued])
    record_activity(
        actor=actor, verb="invite", target=questionnaire, summary=f"{len(issued)} links, {target_group}"
    )
    return issued


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
) -> list[IssuedLink]:
    """Invite people from the registry, among ``organisations`` (those the actor may survey):
    ``enterprises`` (one enterprise-HR link per enterprise), ``teachers`` (one link per college
    teacher and enterprise mentor) or ``carrier_members`` (one link per member of ``carrier``).
    Anyone already invited the same way is skipped. Returns the new links."""
    already = set(
        questionnaire.invitations.values_list(
            "organisation_id", "respondent_name", "target_group", "carrier_id"
        )
    )
    planned: list[IssuedLink] = []

    def add(organisation_id: int, name: str, group, carrier_id: int | None) -> None:
        key = (organisation_id, name, group, carrier_id)
        if key not in already:
            already.add(key)
            planned.append(
                _with_new_token(
                    Invitation(
                        questionnaire=questionnaire,
                        target_group=group,
                        respondent_name=name,
                        organisation_id=organisation_id,
                        carrier_id=carrier_id,
                        created_by=actor,
                    )
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
    Invitation.objects.bulk_create([invitation for invitation, _token in planned], batch_size=2000)
    record_activity(
        actor=actor, verb="invite", target=questionnaire, summary=f"{len(planned)} links, {audience}"
    )
    return planned


class AlreadyAnswered(ValueError):
    """The invitation's link was used: a new one would admit a second response."""


@transaction.atomic
def reissue_link(*, actor: User | None, invitation: Invitation) -> str:
    """A new link for a respondent who lost theirs; the old link stops working. Returns the token."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if Invitation.objects.filter(pk=invitation.pk, response__isnull=False).exists():
        raise AlreadyAnswered(_("This invitation has been answered; its link takes no further response."))
    _invitation, token = _with_new_token(invitation)
    invitation.save(update_fields=["token_hash"])
    record_activity(
        actor=actor, verb="reissue_link", target=invitation.questionnaire, summary=str(invitation)
    )
    return token


def email_enabled() -> bool:
    """Reminder emails go out only when the operator turns them on (``SURVEYS_SEND_EMAIL=1`` and
    the ``EMAIL_*`` settings of the mail server); otherwise reminders are recorded for the owner
    to send the links themselves."""
    return bool(getattr(settings, "SURVEYS_SEND_EMAIL", False))


class MailServerUnavailable(Exception):
    """The mail server could not be reached: nothing was sent and no reminder recorded."""


def _reminder_email(invitation: Invitation, link: str) -> tuple[str, str]:
    questionnaire = invitation.questionnaire
    subject = f"{questionnaire.title_zh or questionnaire.title_en} · 问卷提醒 / Reminder"
    body = (
        f"{invitation.respondent_name or '您好'}：\n\n"
        f"诚邀您填写问卷《{questionnaire.title_zh or questionnaire.title_en}》：\n{link}\n\n"
        f"You are invited to answer “{questionnaire.title_en or questionnaire.title_zh}”:\n{link}\n"
    )
    return subject, body


def _mail_reminders(invitations: list[Invitation], link_for) -> set[int]:
    """Mail each invitation through one connection; the ids whose message the server refused.

    ``MailServerUnavailable`` when the connection cannot be opened at all.
    """
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        raise MailServerUnavailable(
            _(
                "The mail server (%(server)s) could not be reached: %(error)s. No reminder was sent or "
                "recorded; try again later or ask the operator to check the EMAIL_* settings."
            )
            % {"server": f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}", "error": error}
        ) from error
    refused: set[int] = set()
    try:
        for invitation in invitations:
            subject, body = _reminder_email(invitation, link_for(invitation))
            message = EmailMessage(subject, body, to=[invitation.email], connection=connection)
            try:
                message.send()
            except (OSError, smtplib.SMTPException) as error:
                logger.warning("reminder to invitation %s not sent: %s", invitation.pk, error)
                refused.add(invitation.pk)
    finally:
        connection.close()
    return refused


@dataclass
class Reminders:
    """What `record_reminders` did; ``links`` are the new links of those reminded but not
    mailed, for the owner to send."""

    reminded: int
    emailed: int
    failed: int
    links: list[IssuedLink] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"reminded": self.reminded, "emailed": self.emailed, "failed": self.failed}


@transaction.atomic
def record_reminders(
    *, actor: User | None, questionnaire: Questionnaire, link_for: Callable[[str], str]
) -> Reminders:
    """Record a reminder for every invitation due one (see selectors.reminders_due), with a new
    link each (the stored hash cannot give the old one back); with email enabled, also mail
    those that have an address. ``link_for(token)`` gives the absolute link.

    A message the mail server refuses leaves its invitation due, with its old link (counted in
    ``failed``); an unreachable server raises `MailServerUnavailable` and records nothing.
    """
    now = timezone.now()
    due = list(reminders_due(questionnaire, now).select_for_update(of=("self",)))
    tokens = dict(_with_new_token(invitation) for invitation in due)
    mailed = [invitation for invitation in due if invitation.email] if email_enabled() else []
    refused = _mail_reminders(mailed, lambda invitation: link_for(tokens[invitation])) if mailed else set()
    reminded = [invitation for invitation in due if invitation.pk not in refused]
    for invitation in reminded:
        invitation.reminded_at = now
        invitation.reminder_count += 1
    Invitation.objects.bulk_update(reminded, ["reminded_at", "reminder_count", "token_hash"], batch_size=1000)
    emailed = len(mailed) - len(refused)
    record_activity(
        actor=actor,
        verb="record_reminders",
        target=questionnaire,
        summary=f"{len(reminded)} reminded, {emailed} emailed, {len(refused)} refused by the mail server",
    )
    sent = {invitation.pk for invitation in mailed}
    links = [(invitation, tokens[invitation]) for invitation in reminded if invitation.pk not in sent]
    return Reminders(len(reminded), emailed, len(refused), links)
