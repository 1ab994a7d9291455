"""A user's own dates as an iCalendar file (RFC 5545): all-day events, CRLF line ends, text
escaped (backslash, semicolon, comma, newline) and lines folded at 75 octets."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.utils.translation import gettext as _

from chanjiao.notifications.events import DatedEvent

PRODUCT = "-//Chanjiao//Notifications//EN"


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a character; each
    continuation starts with one space."""
    pieces, current = [], b""
    limit = 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            pieces.append(current.decode("utf-8"))
            current, limit = b"", 74  # the leading space counts
        current += encoded
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def calendar(events: Iterable[DatedEvent], *, base_url: str, host: str, now: datetime) -> str:
    """The VCALENDAR text of the events; ``host`` makes each UID global, ``base_url`` (scheme and
    host) makes their links absolute."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(_('Chanjiao: my dates'))}",
    ]
    for event in events:
        last = event.end or event.day
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape(event.key)}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_day(event.day)}",
            # DTEND of an all-day event is the day after its last day (exclusive)
            f"DTEND;VALUE=DATE:{_day(last + timedelta(days=1))}",
            f"SUMMARY:{escape(_(event.title) % event.params)}",
        ]
        if event.url:
            lines.append(f"URL:{base_url.rstrip('/')}{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
