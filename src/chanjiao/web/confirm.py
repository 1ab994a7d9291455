"""Confirming an irreversible or costly action before it happens.

The action states its consequences once (what will happen, how many records, the amount); the
web shows them on a confirmation page that posts the same form again with ``confirmed=yes``, and
the API refuses with 422 and the same sentences until the request says ``"confirm": true``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja import Field, Schema

CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Consequences:
    """What an action will do: a title, sentences, and figures as (label, value) pairs."""

    title: str
    effects: list[str]
    facts: list[tuple[str, str]] = field(default_factory=list)
    button: str = ""


class ConfirmIn(Schema):
    confirm: bool = Field(False, description="true to do it: the action cannot be undone")


def confirmed(request: HttpRequest) -> bool:
    """Whether the person has seen the confirmation page and confirmed."""
    return request.POST.get(CONFIRMED) == "yes"


def confirmation_page(request: HttpRequest, consequences: Consequences, *, cancel_url: str) -> HttpResponse:
    """The consequences, and a button that posts the submitted form again, confirmed."""
    fields = [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", CONFIRMED)
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "web/confirm.html",
        {"consequences": consequences, "fields": fields, "action": request.path, "cancel_url": cancel_url},
    )


def require_confirmed(confirm: bool, consequences: Consequences) -> None:
    """For the API: ValueError (422) stating the consequences unless ``confirm`` is true."""
    if not confirm:
        figures = "; ".join(f"{label}: {value}" for label, value in consequences.facts)
        raise ValueError(
            _('Nothing was done. %(title)s: %(effects)s %(figures)s. Send "confirm": true to go ahead.')
            % {"title": consequences.title, "effects": " ".join(consequences.effects), "figures": figures}
        )
