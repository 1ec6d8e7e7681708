"""What the waiting-room display may show: call codes, counters, times, how many wait.

The query selects nothing personal: no name, no contact, no note — only the
display code of a call (ticket number or booking code), the counter's label and
the time, and the count of people waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from desk.domain.localtime import local_day_bounds
from desk.domain.status import AppointmentStatus, TicketStatus
from desk.services.database import DeskDatabase
from desk.services.schedule import load_office
from desk.store.models import Appointment, Call, Counter, Ticket
from desk.store.uow import UnitOfWork

SHOWN_CALLS = 8


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
    """Today's newest calls of an office and the number of people waiting."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        office = load_office(session, office_id)
        tz = ZoneInfo(office.timezone)
        day = now.astimezone(tz).date()
        start, end = local_day_bounds(day, tz)
        rows = session.execute(
            select(Call.display_code, Counter.name, Call.called_at)
            .join(Counter, Counter.id == Call.counter_id)
            .where(Call.office_id == office_id, Call.called_at >= start, Call.called_at < end)
            .order_by(Call.called_at.desc(), Call.id)
            .limit(limit)
        ).all()
        tickets = session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(
                Ticket.office_id == office_id,
                Ticket.service_day == day,
                Ticket.status == TicketStatus.WAITING,
            )
        )
        checked_in = session.scalar(
            select(func.count())
            .select_from(Appointment)
            .where(
                Appointment.office_id == office_id,
                Appointment.starts_at >= start,
                Appointment.starts_at < end,
                Appointment.status == AppointmentStatus.CHECKED_IN,
            )
        )
        return DisplayBoard(
            office.name,
            tuple(DisplayCall(code, counter, at.astimezone(tz)) for code, counter, at in rows),
            (tickets or 0) + (checked_in or 0),
        )


def spoken(call: DisplayCall) -> str:
    """The German announcement: "Wartenummer W 17, bitte zu Schalter 3"."""
    prefix, _, number = call.code.partition("-")
    if number.isdigit():
        return f"Wartenummer {prefix} {int(number)}, bitte zu {call.counter}"
    return f"Buchungsnummer {' '.join(call.code.replace('-', ''))}, bitte zu {call.counter}"
