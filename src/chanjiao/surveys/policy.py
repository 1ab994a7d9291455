"""Who may do what with questionnaires (read by ``chanjiao.accounts.access``).

- The owner organisation's representatives (an education bureau, a school, an association or an
  evaluation agency) design, distribute and analyse their questionnaires and see every response.
- Officers see, without changing, the questionnaires of organisations in their region.
- Nobody else sees a questionnaire or its responses: respondents answer through their invitation
  link, which shows only their own form.
- The invitations (who was asked, their addresses, the state of each link) are for those who
  distribute the questionnaire only; a link itself is shown once, when it is issued.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from chanjiao.accounts import access
from chanjiao.accounts.access import Action, Officer, Rep, Via, declare
from chanjiao.accounts.models import Role
from chanjiao.registry.models import Carrier, CarrierMember, Organisation, OrgKind
from chanjiao.surveys.models import Analysis, Construct, Invitation, Item, Questionnaire, Response

OWNER_KINDS = [OrgKind.GOVERNMENT, OrgKind.SCHOOL, OrgKind.ASSOCIATION, OrgKind.EVALUATOR]

declare(
    Questionnaire,
    related=("owner", "owner__region"),
    view=[Rep("owner", kinds=OWNER_KINDS), Officer("owner__region")],
    create=[Rep("owner", kinds=OWNER_KINDS)],
    manage=[Rep("owner", kinds=OWNER_KINDS)],
)
for part in (Construct, Item, Response, Analysis):
    declare(
        part,
        related=("questionnaire", "questionnaire__owner"),
        view=[Via("questionnaire")],
        manage=[Via("questionnaire", Action.MANAGE)],
    )
declare(
    Invitation,
    related=("questionnaire", "questionnaire__owner"),
    view=[Via("questionnaire", Action.MANAGE)],
    manage=[Via("questionnaire", Action.MANAGE)],
)


def _third_party(actor) -> bool:
    """Associations and evaluation agencies survey across their own region, as third parties."""
    return actor.organisation_kind in (OrgKind.ASSOCIATION, OrgKind.EVALUATOR)


def organisations_user_can_survey(user) -> QuerySet[Organisation]:
    """Organisations whose people an owner may invite (their answers count towards that
    organisation's satisfaction): an officer's region, a third party's region, otherwise the
    owner's own organisation and its cooperation partners (members of the same carriers)."""
    organisations = Organisation.objects.select_related("region")
    actor = access.actor_of(user)
    if actor is None or not access.may_create(user, Questionnaire):
        return organisations.none()
    if actor.admin:
        return organisations
    if actor.governs:
        return organisations.filter(region__path__startswith=actor.governs)
    if _third_party(actor):
        return organisations.filter(region__path__startswith=actor.region_path)
    own_carriers = CarrierMember.objects.filter(organisation_id=actor.represents).values("carrier_id")
    partners = CarrierMember.objects.filter(carrier_id__in=own_carriers).values("organisation_id")
    return organisations.filter(Q(pk=actor.represents) | Q(pk__in=partners))


def carriers_user_can_survey(user) -> QuerySet[Carrier]:
    carriers = Carrier.objects.select_related("region", "lead")
    actor = access.actor_of(user)
    if actor is None or not access.may_create(user, Questionnaire):
        return carriers.none()
    if actor.admin:
        return carriers
    if actor.governs:
        return carriers.filter(region__path__startswith=actor.governs)
    if _third_party(actor):
        return carriers.filter(region__path__startswith=actor.region_path)
    return carriers.filter(members=actor.represents)


def may_see_satisfaction(user, unit: Organisation | Carrier) -> bool:
    """An organisation's or carrier's satisfaction score: officers in scope, the organisation's
    representatives (a carrier's member organisations'), evaluation agencies."""
    actor = access.actor_of(user)
    if actor is None:
        return False
    if actor.admin or (actor.represents and actor.role == Role.EVALUATOR):
        return True
    if actor.governs and unit.region.path.startswith(actor.governs):
        return True
    if not actor.represents:
        return False
    if isinstance(unit, Carrier):
        return unit.memberships.filter(organisation_id=actor.represents).exists()
    return unit.pk == actor.represents
