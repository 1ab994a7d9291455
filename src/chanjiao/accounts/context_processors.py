from django.apps import apps
from django.urls import reverse

from chanjiao.accounts import access
from chanjiao.registry.models import OrgStatus
from chanjiao.web.plugins import navigation as domain_navigation


def _link(user, entry) -> dict | None:
    """A header link, if the user may use what it leads to: an entry ``(url name, label)`` is
    for every signed-in user; ``(url name, label, "app.Model"[, action])`` for those the access
    policy lets see (or do ``action`` with) some record of that model."""
    url_name, label, *needs = entry
    if needs:
        action = access.Action(needs[1]) if len(needs) > 1 else access.Action.VIEW
        if not access.possible(user, action, apps.get_model(needs[0])):
            return None
    return {"url": reverse(url_name), "label": label}


def navigation(request):
    """Header links: (url name, label[, model[, action]]) is a link; (label, [links]) a drop-down."""
    if access.actor_of(request.user) is None:
        return {"navigation": []}
    entries = []
    for entry in domain_navigation():
        if isinstance(entry[1], list | tuple):
            children = [link for link in (_link(request.user, child) for child in entry[1]) if link]
            if children:
                entries.append({"label": entry[0], "children": children})
        else:
            link = _link(request.user, entry)
            if link:
                entries.append(link)
    return {"navigation": entries, "awaiting_approval": _awaiting_approval(request.user)}


def _awaiting_approval(user) -> bool:
    """Whether the user's organisation registered itself and awaits an officer's approval (the
    organisation was read with the user's access actor: no query)."""
    return bool(user.organisation_id) and user.organisation.status == OrgStatus.PENDING
