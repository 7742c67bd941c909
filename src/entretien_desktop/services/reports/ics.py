"""iCalendar files (RFC 5545) for a meeting, written with the ``icalendar`` library.

A meeting with a time is placed in the company's time zone (``TZID``, with its
``VTIMEZONE``), so that an agenda elsewhere shows it at the right hour; one without a time
yet is a whole-day event that does not block the day (``TRANSP:TRANSPARENT``). The ``UID``
is the interview's id within the company, so a file saved again for the same interview
updates the meeting instead of adding one, and ``SEQUENCE`` grows with the time the file is
made, so a re-planned meeting replaces the one the agenda holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from entretien_desktop import __version__

PRODUCT_ID = f"-//Entretien Desktop//entretien-desktop {__version__}//EN"
DEFAULT_DURATION = timedelta(hours=1)
_SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
UTC_ZONE = ZoneInfo("UTC")

TIME_ZONES = {
    "FR": "Europe/Paris",
    "BE": "Europe/Brussels",
    "NL": "Europe/Amsterdam",
    "NO": "Europe/Oslo",
    "LU": "Europe/Luxembourg",
    "CH": "Europe/Zurich",
    "DE": "Europe/Berlin",
    "GB": "Europe/London",
}
"""The time zone of a company's country (its mainland's); others are given in UTC."""


def company_zone(country: str) -> ZoneInfo:
    """The time zone the company's meetings are held in (UTC when it is not known)."""
    try:
        return ZoneInfo(TIME_ZONES.get(country.upper(), "UTC"))
    except ZoneInfoNotFoundError:  # pragma: no cover - a system without time zone data
        return UTC_ZONE


def meeting_uid(company_name: str, interview_id: str) -> str:
    """One meeting's id, the same each time the file is made, and distinct between two
    companies that both number an interview ``P-1``."""
    company = hashlib.sha256(company_name.encode("utf-8")).hexdigest()[:12]
    return f"{interview_id}.{company}@entretien-desktop"


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    day: date
    summary: str
    location: str = ""
    description: str = ""
    at: time | None = None
    """The start time in ``zone`` when known; else the event takes the day, free."""
    duration: timedelta = DEFAULT_DURATION
    zone: ZoneInfo = UTC_ZONE


def _event(event: Event, made: datetime) -> CalendarEvent:
    component = CalendarEvent()
    component.add("uid", event.uid)
    component.add("dtstamp", made)
    component.add("sequence", int((made - _SEQUENCE_EPOCH).total_seconds() // 60))
    if event.at is None:
        component.add("dtstart", event.day)
        component.add("dtend", event.day + timedelta(days=1))
        component.add("transp", "TRANSPARENT")
    else:
        start = datetime.combine(event.day, event.at, tzinfo=event.zone)
        component.add("dtstart", start)
        component.add("dtend", start + event.duration)
        component.add("transp", "OPAQUE")
    component.add("summary", event.summary)
    if event.location.strip():
        component.add("location", event.location)
    if event.description.strip():
        component.add("description", event.description)
    return component


def calendar(events: Sequence[Event], *, stamp: datetime | None = None) -> str:
    """A VCALENDAR holding ``events``; ``stamp``: when it was made (default: now)."""
    made = (stamp or datetime.now(UTC)).astimezone(UTC)
    document = Calendar()
    document.add("prodid", PRODUCT_ID)
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("method", "PUBLISH")
    for event in events:
        document.add_component(_event(event, made))
    days = [event.day for event in events]
    if days:  # the zone's rules around the meetings, not since 1970
        document.add_missing_timezones(
            first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366)
        )
    text: bytes = document.to_ical()
    return text.decode("utf-8")
