"""iCalendar text (RFC 5545) for a meeting: one event in a calendar any agenda imports.

Lines end with CRLF and are folded at 75 octets (never inside a UTF-8 character); text
values escape backslashes, semicolons, commas and line breaks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from entretien_desktop import __version__

PRODUCT_ID = f"-//Entretien Desktop//entretien-desktop {__version__}//EN"
_LINE_OCTETS = 75
_CRLF = "\r\n"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """``line`` folded into pieces of at most 75 octets, each next one starting with a
    space (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    pieces: list[str] = []
    start, room = 0, _LINE_OCTETS
    while start < len(data):
        end = min(start + room, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # inside a UTF-8 character
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, room = end, _LINE_OCTETS - 1  # the leading space counts
    return (_CRLF + " ").join(pieces) if pieces else ""


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    day: date
    summary: str
    location: str = ""
    description: str = ""
    at: time | None = None
    """The start time (local, floating) when known; else the event takes the whole day."""
    duration: timedelta = timedelta(hours=1)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(event: Event) -> list[str]:
    if event.at is None:
        end = event.day + timedelta(days=1)
        return [f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}"]
    start = datetime.combine(event.day, event.at)
    end_time = start + event.duration
    return [f"DTSTART:{start:%Y%m%dT%H%M%S}", f"DTEND:{end_time:%Y%m%dT%H%M%S}"]


def calendar(events: Sequence[Event], *, stamp: datetime | None = None) -> str:
    """A VCALENDAR holding ``events``; ``stamp``: when it was made (default: now)."""
    made = _stamp(stamp or datetime.now(UTC))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(event.uid)}",
            f"DTSTAMP:{made}",
            *_when(event),
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.location.strip():
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.description.strip():
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        lines += ["TRANSP:OPAQUE", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + _CRLF for line in lines)
