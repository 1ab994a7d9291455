"""What publishing a round and declining an offer will do, for the confirmation page and the API."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from chanjiao.matching.models import MAIN, MatchingRound, Offer
from chanjiao.web.confirm import Consequences


def publish_consequences(rnd: MatchingRound) -> Consequences:
    offers = rnd.offers.filter(stage=MAIN)
    return Consequences(
        title=_("Publish the results of %(round)s") % {"round": rnd.name},
        effects=[
            _("Each match becomes a placement awaiting the student's and the enterprise's answers."),
            _("Students, schools and enterprises see their results; the round cannot run again."),
        ],
        facts=[
            (_("placements created"), f"{offers.count():,}"),
            (_("enterprises"), f"{offers.values('position__enterprise_id').distinct().count():,}"),
            (_("students without a seat"), f"{rnd.participants.exclude(offers__stage=MAIN).count():,}"),
        ],
        button=_("Publish the results"),
    )


def decline_consequences(offer: Offer) -> Consequences:
    return Consequences(
        title=_("Decline the offer of %(position)s to %(student)s")
        % {"position": offer.position.title, "student": offer.participant.student.name},
        effects=[
            _("The placement is declined for both parties and can no longer be answered."),
            _("The seat goes to the scramble for students without one."),
        ],
        facts=[
            (_("student"), offer.participant.student.name),
            (_("position"), f"{offer.position.title} · {offer.position.enterprise.name}"),
        ],
        button=_("Decline the offer"),
    )


SHOWN_NAMES = 10


def bulk_decline_consequences(offers: Sequence[Offer]) -> Consequences:
    names = [f"{o.participant.student.name} · {o.position.title}" for o in offers[:SHOWN_NAMES]]
    if len(offers) > SHOWN_NAMES:
        names.append(_("and %(count)s more") % {"count": f"{len(offers) - SHOWN_NAMES:,}"})
    return Consequences(
        title=_("Decline %(count)s offers") % {"count": f"{len(offers):,}"},
        effects=[
            _("Each placement is declined for both parties and can no longer be answered."),
            _("The seats go to the scramble for students without one."),
        ],
        facts=[(_("offers declined"), f"{len(offers):,}"), (_("offers"), "; ".join(names))],
        button=_("Decline these offers"),
    )
