"""The access policy: who may do what with which record, declared once per model.

Each app states, in its ``policy.py``, one rule per model: for every action it allows, the grants
that allow it (``declare(Posting, view=[...], change=[...])``). This module answers every access
question from those rules: ``visible(user, Model)`` for lists, ``get(user, Model, pk, action)``
for one record, ``allows``/``require`` for a record in hand, ``options(user, Model, field)`` for
what a form may offer, and ``possible(user, action, Model)`` (no query) for navigation and links.

How a decision is made, in this order:

1. An anonymous user may do nothing (the few public pages do not ask the policy).
2. A platform administrator may do everything, except the actions a rule lists in ``personal``:
   acts that belong to one person (a student's own rank list, a mentor's assessment).
3. Anyone else may act on a record when at least one of the action's grants holds for it:

   - ``Anyone``: every signed-in user;
   - ``Officer(path, ...)``: a government officer whose region contains the region at ``path``
     (a city bureau governs the city and its districts);
   - ``Rep(path, ...)``: a representative of the organisation at ``path``, i.e. a user who belongs
     to it in a representative role (school cooperation office, enterprise HR, bureau officer,
     association, evaluation agency). Belonging is not acting: students, teachers and mentors
     never act for their organisation;
   - ``Self(path, ...)``: the person the record is about (``path`` leads to a user);
   - ``Where(condition, who)``: a condition of its own, for the rules the others do not express.

   Every grant may add ``when``, a condition on the record itself (a posting's draft is not public).
4. A record the user may not see answers 404 (the user may not know it exists); a record the user
   sees but may not act on answers 403 with the action's message, naming who may.
"""

from chanjiao.accounts.access.creating import (
    PolicyChoicesMixin,
    limit_choices,
    may_create,
    options,
    require_create,
)
from chanjiao.accounts.access.grants import (
    REPRESENTATIVE_ROLES,
    Actor,
    Anyone,
    Grant,
    Officer,
    Rep,
    Self,
    Where,
    actor_of,
)
from chanjiao.accounts.access.rules import (
    Action,
    Rule,
    Via,
    actor_scope,
    allowed_ids,
    allows,
    allows_values,
    annotate_allowed,
    declare,
    declared_models,
    extend,
    get,
    pick,
    possible,
    refusal,
    require,
    require_possible,
    rule_for,
    scope,
    visible,
)

__all__ = [
    "REPRESENTATIVE_ROLES",
    "Action",
    "Actor",
    "Anyone",
    "Grant",
    "Officer",
    "PolicyChoicesMixin",
    "Rep",
    "Rule",
    "Self",
    "Via",
    "Where",
    "actor_of",
    "actor_scope",
    "allowed_ids",
    "allows_values",
    "allows",
    "annotate_allowed",
    "declare",
    "declared_models",
    "extend",
    "get",
    "pick",
    "limit_choices",
    "may_create",
    "options",
    "possible",
    "refusal",
    "require",
    "require_create",
    "require_possible",
    "rule_for",
    "scope",
    "visible",
]


# -- the accounts app's own record ----------------------------------------------------------------


def _activity_on_visible_records(actor: Actor):
    """Activities whose record the actor may see, each by its own model's rule: an officer's
    feed holds its region's students, ratings and funding, not the platform's."""
    from django.db.models import CharField, Q
    from django.db.models.functions import Cast

    from chanjiao.accounts.models import Activity

    condition = Q(pk__in=[])
    for model in declared_models():
        if model is Activity:
            continue
        allowed = actor_scope(actor, Action.VIEW, model)
        if allowed is None:
            continue
        about = Q(target_type=model._meta.label_lower)
        if allowed:
            ids = model._default_manager.filter(allowed).order_by().annotate(id_text=Cast("pk", CharField()))
            about &= Q(target_id__in=ids.values("id_text"))
        condition |= about
    return condition


def _declare_accounts() -> None:
    from django.db.models import Q
    from django.utils.translation import gettext_lazy

    from chanjiao.accounts.models import Activity, Role, User

    # Officer and administrator accounts are the platform administrators' to manage: nobody else
    # creates, deactivates or re-roles them, and no one is raised to them by a representative.
    staff = ~Q(role__in=[Role.GOVERNMENT, Role.ADMIN]) & Q(is_superuser=False)

    def colleagues(actor: Actor) -> Q | None:
        """The other people of the organisation a representative acts for (never the user itself)."""
        if actor.represents is None:
            return None
        return Q(organisation_id=actor.represents) & ~Q(pk=actor.user_id)

    declare(
        User,
        related=("organisation",),
        view=[Self("pk"), Rep("organisation"), Officer("organisation__region")],
        manage=[
            Where(colleagues, gettext_lazy("the representatives of its organisation"), when=staff),
            Officer("organisation__region", when=staff),
        ],
    )
    # Who did what: one's own actions, and actions on records one may see (a record no rule
    # declares, such as an API token, is its actor's and the administrators').
    declare(
        Activity,
        related=("actor",),
        view=[
            Self("actor"),
            Where(_activity_on_visible_records, gettext_lazy("those who may see the record it is about")),
        ],
    )


_declare_accounts()
