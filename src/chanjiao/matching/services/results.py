"""After a run: publishing offers as placements, the parties' answers, the scramble, closing."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.matching import notices
from chanjiao.matching.instance import open_seats, scramble_participants
from chanjiao.matching.models import (
    MAIN,
    SCRAMBLE,
    MatchingRound,
    Offer,
    Placement,
    PlacementKind,
    PlacementSource,
    PlacementStatus,
    Response,
    RoundStatus,
    RoundStudent,
    StudentChoice,
)
from chanjiao.matching.services.common import require_status, saved_actor
from chanjiao.matching.services.placements import log_placement, log_round_placements

PARTIES = ("student", "enterprise")
DECISIONS = {"accept": Response.ACCEPTED, "decline": Response.DECLINED}


def link_placements(pairs: Sequence[tuple[int, int]]) -> None:
    """Point offers at their placements: one prepared UPDATE run for every pair (bulk_update
    builds a CASE expression per row, seconds for a city's round)."""
    meta = Offer._meta
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {quote(meta.get_field('placement').column)} = %s "
        f"WHERE {quote(meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(placement, offer) for offer, placement in pairs])


def create_placements(*, rnd: MatchingRound, offers: Sequence[Offer], actor: User | None) -> list[Placement]:
    """One placement per offer, awaiting both parties' answers, logged in the record log."""
    offers = list(
        Offer.objects.filter(pk__in=[o.pk for o in offers]).select_related("participant", "position")
    )
    placements = Placement.objects.bulk_create(
        [
            Placement(
                student_id=offer.participant.student_id,
                enterprise_id=offer.position.enterprise_id,
                kind=offer.position.kind
                if offer.position.kind in PlacementKind.values
                else PlacementKind.JOB,
                stage=rnd.stage if offer.position.kind == PlacementKind.INTERNSHIP else "",
                occupation_id=offer.position.occupation_id,
                year=rnd.starts_on.year,
                start_date=rnd.starts_on,
                end_date=rnd.ends_on,
                status=PlacementStatus.OFFERED,
                source=PlacementSource.ROUND,
                round=rnd,
                created_by=saved_actor(actor),
            )
            for offer in offers
        ],
        batch_size=2000,
    )
    link_placements([(offer.pk, placement.pk) for offer, placement in zip(offers, placements, strict=True)])
    log_round_placements(placements=[p.pk for p in placements], actor=actor)
    notices.notify_offers(offers)
    return placements


@transaction.atomic
def publish_round(*, actor: User | None, rnd: MatchingRound) -> MatchingRound:
    """Publish the main round's results: every match becomes a placement awaiting answers."""
    rnd = MatchingRound.objects.select_for_update().get(pk=rnd.pk)
    require_status(rnd, RoundStatus.MATCHED)
    offers = list(rnd.offers.filter(stage=MAIN))
    create_placements(rnd=rnd, offers=offers, actor=actor)
    rnd.status = RoundStatus.PUBLISHED
    rnd.published_at = timezone.now()
    rnd.save(update_fields=["status", "published_at"])
    notices.notify_without_seat(rnd)
    record_activity(actor=actor, verb="publish_round", target=rnd, summary=f"{len(offers)} offers")
    return rnd


@transaction.atomic
def respond_to_offer(*, actor: User | None, offer: Offer, party: str, decision: str) -> Offer:
    """A student or an enterprise accepts or declines an offer. Accepted by both, the placement
    is accepted; declined by either, it is declined and the seat goes to the scramble."""
    if party not in PARTIES:
        raise ValueError(f"party must be one of {PARTIES}")
    if decision not in DECISIONS:
        raise ValueError(_("Answer accept or decline."))
    offer = (
        Offer.objects.select_for_update(of=("self",)).select_related("round", "placement").get(pk=offer.pk)
    )
    require_status(offer.round, RoundStatus.PUBLISHED, RoundStatus.SCRAMBLE)
    if offer.declined:
        raise ValueError(_("This offer has been declined; it can no longer be answered."))
    if getattr(offer, f"{party}_response") != Response.PENDING:
        raise ValueError(_("You have already answered this offer."))
    setattr(offer, f"{party}_response", DECISIONS[decision])
    setattr(offer, f"{party}_responded_at", timezone.now())
    offer.save(update_fields=[f"{party}_response", f"{party}_responded_at"])
    placement = offer.placement
    if placement is not None:
        if offer.declined:
            placement.status = PlacementStatus.DECLINED
        elif offer.student_response == offer.enterprise_response == Response.ACCEPTED:
            placement.status = PlacementStatus.ACCEPTED
        placement.save(update_fields=["status"])
        log_placement(placement=placement, actor=actor)
    notices.notify_answer(offer, party=party)
    record_activity(actor=actor, verb=f"{decision}_offer", target=offer, summary=f"{party}: {offer}")
    return offer


@transaction.atomic
def respond_to_offers(
    *, actor: User | None, answers: Sequence[tuple[Offer, str]], decision: str
) -> list[Offer]:
    """Answer many offers at once, each as the party given with it: all are recorded, or (when
    one cannot be answered) none, with a message naming that offer."""
    if not answers:
        raise ValueError(_("Choose at least one offer to answer."))
    answered = []
    for offer, party in answers:
        try:
            answered.append(respond_to_offer(actor=actor, offer=offer, party=party, decision=decision))
        except ValueError as error:
            raise ValueError(
                _("%(offer)s: %(reason)s Nothing was answered.") % {"offer": offer, "reason": error}
            ) from error
    return answered


@transaction.atomic
def open_scramble(*, actor: User | None, rnd: MatchingRound) -> MatchingRound:
    """Offer the seats still open to the students still without one (like NRMP's SOAP)."""
    rnd = MatchingRound.objects.select_for_update().get(pk=rnd.pk)
    require_status(rnd, RoundStatus.PUBLISHED)
    seats = sum(open_seats(rnd).values())
    students = scramble_participants(rnd).count()
    if not seats:
        raise ValueError(_("Every seat is taken: there is nothing to scramble for."))
    if not students:
        raise ValueError(_("Every student has a seat: there is nobody to scramble."))
    # A new pass starts from empty lists: seats taken since the last pass may be on them.
    StudentChoice.objects.filter(participant__round=rnd, stage=SCRAMBLE).delete()
    RoundStudent.objects.filter(round=rnd).update(scramble_submitted_at=None)
    rnd.status = RoundStatus.SCRAMBLE
    rnd.save(update_fields=["status"])
    record_activity(
        actor=actor, verb="open_scramble", target=rnd, summary=f"{seats} open seats, {students} students"
    )
    return rnd


@transaction.atomic
def close_round(*, actor: User | None, rnd: MatchingRound) -> MatchingRound:
    rnd = MatchingRound.objects.select_for_update().get(pk=rnd.pk)
    require_status(rnd, RoundStatus.PUBLISHED)
    rnd.status = RoundStatus.CLOSED
    rnd.closed_at = timezone.now()
    rnd.save(update_fields=["status", "closed_at"])
    record_activity(actor=actor, verb="close_round", target=rnd, summary=rnd.name)
    return rnd
