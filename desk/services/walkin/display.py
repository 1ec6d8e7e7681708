"""What the waiting-room display may show: call codes, counters, times, how many wait.

The query selects nothing personal: no name, no contact, no note — only the
display code of a call (ticket number or booking code), the counter's label and
the time, and the count of people waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Date, String, bindparam, text

from desk.domain.localtime import local_day_bounds
from desk.services.database import DeskDatabase
from desk.services.schedule import load_office
from desk.store.types import UTCDateTime
from desk.store.uow import UnitOfWork

SHOWN_CALLS = 8
_CALLS_SQL = text(
    "SELECT display_code, counter_name, called_at FROM display_call"
    " WHERE office_id = :office AND called_at >= :start AND called_at < :end"
    " ORDER BY called_at DESC, id LIMIT :limit"
).bindparams(bindparam("start", type_=UTCDateTime()), bindparam("end", type_=UTCDateTime()))
_CALLS = _CALLS_SQL.columns(display_code=String(), counter_name=String(), called_at=UTCDateTime())
_WAITING = text(
    "SELECT (SELECT count(*) FROM display_waiting_ticket"
    "        WHERE office_id = :office AND service_day = :day)"
    " + (SELECT count(*) FROM display_checked_in"
    "    WHERE office_id = :office AND starts_at >= :start AND starts_at < :end)"
).bindparams(
    bindparam("start", type_=UTCDateTime()),
    bindparam("end", type_=UTCDateTime()),
    bindparam("day", type_=Date()),
)


@dataclass(frozen=True)
class DisplayCall:
    """One call on the board: "W-017 → Schalter 3" at a local time."""

    code: str
    counter: str
    called_at: datetime


@dataclass(frozen=True)
class DisplayBoard:
    """The board of one office: newest call first."""

    office_name: str
    calls: tuple[DisplayCall, ...]
    waiting: int


def display_board(
    db: DeskDatabase, office_id: str, now: datetime, limit: int = SHOWN_CALLS
) -> DisplayBoard:
    """Today's newest calls of an office and the number of people waiting, read from the
    display views only (migration 0006), which hold no personal data."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        office = load_office(session, office_id)
        tz = ZoneInfo(office.timezone)
        day = now.astimezone(tz).date()
        start, end = local_day_bounds(day, tz)
        window = {"office": office_id, "start": start, "end": end}
        rows = session.execute(_CALLS, {**window, "limit": limit}).all()
        waiting = session.execute(_WAITING, {**window, "day": day}).scalar_one()
        return DisplayBoard(
            office.name,
            tuple(DisplayCall(code, counter, at.astimezone(tz)) for code, counter, at in rows),
            int(waiting or 0),
        )


def spoken(call: DisplayCall) -> str:
    """The German announcement: "Wartenummer W 17, bitte zu Schalter 3"."""
    prefix, _, number = call.code.partition("-")
    if number.isdigit():
        return f"Wartenummer {prefix} {int(number)}, bitte zu {call.counter}"
    return f"Buchungsnummer {' '.join(call.code.replace('-', ''))}, bitte zu {call.counter}"
