"""Columns of the questionnaire, invitation and response lists (and their Excel exports)."""

from django.utils.translation import gettext_lazy as _

from chanjiao.surveys.models import TargetGroup
from chanjiao.web.lists import Column, choice


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "—"


def _groups(codes: list[str]) -> str:
    labels = dict(TargetGroup.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


QUESTIONNAIRE_COLUMNS: list[Column] = [
    (_("Title"), lambda q: q.title),
    (_("Owner"), lambda q: q.owner.name),
    (_("Target groups"), lambda q: _groups(q.target_groups)),
    (_("Scale"), lambda q: q.scale_points),
    (_("State"), choice("state")),
    (_("Sent"), lambda q: q.n_invitations + q.distributed_outside),
    (_("Received"), lambda q: q.n_responses),
    (_("Valid"), lambda q: q.n_valid),
    (_("Valid rate"), lambda q: _percent(q.n_valid, q.n_invitations + q.distributed_outside)),
    (_("Closes"), lambda q: q.closes_at.date() if q.closes_at else None),
]


# No link column: only the links' hashes are kept (a link is shown once, when issued).
INVITATION_COLUMNS: list[Column] = [
    (_("Respondent"), lambda i: str(i)),
    (_("Target group"), choice("target_group")),
    (_("Organisation"), lambda i: i.organisation.name if i.organisation_id else ""),
    (_("Carrier"), lambda i: i.carrier.name if i.carrier_id else ""),
    (_("Email"), lambda i: i.email),
    (_("Sent"), lambda i: i.sent_at.date()),
    (_("Opened"), lambda i: i.started_at.date() if i.started_at else None),
    (_("Answered"), lambda i: i.answered_at.date() if i.answered_at else None),
    (
        _("Valid"),
        lambda i: "" if i.answered_valid is None else (_("yes") if i.answered_valid else _("no")),
    ),
    (_("Reminders"), lambda i: i.reminder_count),
    (_("Last reminded"), lambda i: i.reminded_at.date() if i.reminded_at else None),
]


RESPONSE_COLUMNS: list[Column] = [
    (_("Response"), lambda r: f"#{r.pk}"),
    (_("Respondent"), lambda r: r.respondent),
    (_("Target group"), choice("target_group")),
    (_("Organisation"), lambda r: r.organisation.name if r.organisation_id else ""),
    (_("Source"), choice("source")),
    (_("Submitted"), lambda r: r.submitted_at),
    (_("Duration (s)"), lambda r: None if r.duration_seconds is None else round(r.duration_seconds)),
    (_("Valid"), lambda r: _("yes") if r.valid else _("no")),
    (_("Reasons"), lambda r: ", ".join(r.exclusion_labels)),
    (_("Detail"), lambda r: r.exclusion_detail),
]
