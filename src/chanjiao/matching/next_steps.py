"""What a student should do next once a round's results are out, from their offers and the
round's stage: answer, wait, start the placement, rank in the scramble or ask their school."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from chanjiao.matching.models import MatchingRound, Offer, Response, RoundStatus


@dataclass(frozen=True)
class NextStep:
    sentence: str
    url: str = ""
    label: str = ""


def next_step(rnd: MatchingRound, offers: Sequence[Offer]) -> NextStep:
    """The one thing the student should do now (the most advanced offer decides)."""
    live = [offer for offer in offers if not offer.declined]
    agreed = [o for o in live if o.student_response == o.enterprise_response == Response.ACCEPTED]
    if agreed:
        offer = agreed[0]
        return NextStep(
            _(
                "Your placement at %(enterprise)s is agreed: it starts on %(start)s. Your school adds "
                "your mentor and supervising teacher; you then keep your training log there."
            )
            % {"enterprise": offer.position.enterprise.name, "start": date_format(rnd.starts_on)},
            reverse("matching:placement", args=[offer.placement_id]) if offer.placement_id else "",
            _("Open the placement"),
        )
    unanswered = [o for o in live if o.student_response == Response.PENDING]
    if unanswered:
        offer = unanswered[0]
        return NextStep(
            _("Answer the offer of %(position)s at %(enterprise)s: accept it or decline it below.")
            % {"position": offer.position.title, "enterprise": offer.position.enterprise.name},
            f"#offer-{offer.pk}",
            _("Answer the offer"),
        )
    if live:
        return NextStep(
            _("You accepted; %(enterprise)s has not answered yet. You will be notified when it does.")
            % {"enterprise": live[0].position.enterprise.name}
        )
    if rnd.status == RoundStatus.SCRAMBLE:
        return NextStep(
            _("Seats are still open: rank them in the scramble before it is run."),
            reverse("matching:my_list", args=[rnd.pk]),
            _("Rank the open seats"),
        )
    return NextStep(
        _(
            "You have no seat from this round. Your school's cooperation office can place you directly; "
            "new internships are published on the postings page."
        ),
        reverse("docking:postings"),
        _("See the postings"),
    )
