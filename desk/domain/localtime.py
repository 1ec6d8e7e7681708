"""Local office time (Europe/Berlin by default) and its conversion to UTC.

Times are stored in UTC and shown in the office's zone. Day bounds are computed
from local midnights, so a DST day has 23 or 25 hours and none goes missing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desk.domain.errors import RequestRefused

DEFAULT_TIMEZONE = "Europe/Berlin"
BERLIN = ZoneInfo(DEFAULT_TIMEZONE)


def local_day_bounds(day: date, tz: ZoneInfo = BERLIN) -> tuple[datetime, datetime]:
    """UTC start and end of a local calendar day (23 or 25 hours on DST days)."""
    start = datetime.combine(day, time(0), tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def at_local(day: date, clock: time, tz: ZoneInfo = BERLIN) -> datetime:
    """An aware datetime for a local wall-clock time on a day."""
    return datetime.combine(day, clock, tz)


FIRST_YEAR, LAST_YEAR = 2000, 2099


def check_year(day: date, text: str) -> None:
    """Refuse dates outside the years the calendar serves (no overflow at its ends)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise RequestRefused(
            f"{text!r} liegt außerhalb des unterstützten Zeitraums {FIRST_YEAR}–{LAST_YEAR}"
        )


def on_the_clock(value: datetime, text: str, tz: ZoneInfo = BERLIN) -> datetime:
    """A wall-clock time in ``tz``, refused when the clocks skip it (spring forward,
    e.g. 2024-03-31 02:30); a time the autumn change shows twice is the first (summer
    time): the second needs its offset, e.g. 2024-10-27T02:30+01:00."""
    local = value.replace(tzinfo=tz, fold=0)
    if local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != value.replace(fold=0):
        raise RequestRefused(
            f"{text!r} gibt es in Ortszeit nicht: die Uhren springen an diesem Tag von "
            "02:00 auf 03:00 vor; eine Zeit davor oder danach angeben"
        )
    return local


def parse_local(text: str, tz: ZoneInfo = BERLIN, what: str = "Zeitangabe") -> datetime:
    """Parse an ISO 8601 local time (an explicit offset is honoured) within the served
    years; a local time the clocks skip is refused, one they show twice is the first."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise RequestRefused(
            f"Ungültige {what} {text!r}: erwartet ISO 8601, z. B. 2024-03-18T08:30"
        ) from None
    check_year(value.date(), text)
    if value.tzinfo is None:
        value = on_the_clock(value, text, tz)
    return value.astimezone(tz)


def parse_now(text: str, tz: ZoneInfo = BERLIN) -> datetime:
    """Parse a ``--now`` value: ISO 8601, local office time unless it has an offset."""
    return parse_local(text, tz)


def parse_day(text: str) -> date:
    """Parse a calendar date given as YYYY-MM-DD."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise RequestRefused(
            f"Ungültiges Datum {text!r}: erwartet JJJJ-MM-TT, z. B. 2024-03-18"
        ) from None
    check_year(day, text)
    return day


def now_local(tz: ZoneInfo = BERLIN) -> datetime:
    """The current local time (only entry points call this; rules take ``now``)."""
    return datetime.now(tz)


def time_span(starts: datetime, ends: datetime, *, zone: bool = False) -> str:
    """ "09:15–09:30" (with ``zone``: "09:15–09:30 (CET)"); across a change of the clocks
    both ends name their zone, so that the night of the autumn change reads
    "02:45 CEST–02:15 CET", not "02:45–02:15"."""
    if starts.utcoffset() != ends.utcoffset():
        return f"{starts:%H:%M %Z}–{ends:%H:%M %Z}"
    span = f"{starts:%H:%M}–{ends:%H:%M}"
    return f"{span} ({starts:%Z})" if zone else span
