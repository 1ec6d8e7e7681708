"""What the waiting-room display may show: call codes, counters, times, how many wait,
and during the walk-in hour how long a ticket drawn now waits.

The queries select nothing personal: no name, no contact, no note. The calls and the
count come from the display views (migration 0006): the display code of a call (ticket
number or booking code), the counter's label and the time. The wait of a new ticket is
the queue's one estimate (desk.services.walkin.queue.queue_picture's ``next_ticket``),
computed from the same pieces — desk.services.walkin.wait's inputs (service times of
finished tickets, the counters calling and busy) and desk.domain.wait_estimate's call
times — over the people ahead of a new ticket, read column by column: tickets' ranks and
numbers, checked-in appointments' start, booking code and service minutes. No column
holding a citizen's or a clerk's name, contact or note is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Date, String, bindparam, func, select, text
from sqlalchemy.orm import Session

from desk.domain import walkin
from desk.domain.localtime import local_day_bounds
from desk.domain.slots import office_closed
from desk.domain.status import AppointmentStatus, TicketReason, TicketStatus
from desk.domain.wait_estimate import WaitRange, call_times
from desk.services.database import DeskDatabase
from desk.services.schedule import OfficeSchedule, load_office, load_schedule
from desk.services.walkin.order import ticket_rank
from desk.services.walkin.wait import wait_inputs
from desk.store.models import Appointment, Service, Ticket
from desk.store.types import UTCDateTime
from desk.store.uow import UnitOfWork

SHOWN_CALLS = 8
_CALLS_SQL = text(
    "SELECT display_code, counter_name, called_at FROM display_call"
    " WHERE office_id = :office AND called_at >= :start AND called_at < :end"
    " ORDER BY called_at DESC, id LIMIT :limit"
).bindparams(bindparam("start", type_=UTCDateTime()), bindparam("end", type_=UTCDateTime()))
_CALLS = _CALLS_SQL.columns(display_code=String(), counter_name=String(), called_at=UTCDateTime())
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
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
    """The board of one office: newest call first; ``next_ticket`` is the estimated wait
    of a ticket drawn now (None: none can be drawn now, e.g. outside the walk-in hour)."""

    office_name: str
    calls: tuple[DisplayCall, ...]
    waiting: int
    next_ticket: WaitRange | None = None


def display_board(
    db: DeskDatabase, office_id: str, now: datetime, limit: int = SHOWN_CALLS
) -> DisplayBoard:
    """Today's newest calls of an office, the number of people waiting (both read from
    the display views, migration 0006) and, while a ticket can be drawn, its estimated
    wait as reception shows it — all in one read at ``now``, of no personal data (no
    name, contact or note: see the module's docstring)."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        office = load_office(session, office_id)
        tz = ZoneInfo(office.timezone)
        day = now.astimezone(tz).date()
        start, end = local_day_bounds(day, tz)
        window = {"office": office_id, "start": start, "end": end}
        rows = session.execute(_CALLS, {**window, "limit": limit}).all()
        waiting = session.execute(_WAITING, {**window, "day": day}).scalar_one()
        next_ticket = new_ticket_wait(session, load_schedule(session, office), now)
        return DisplayBoard(
            office.name,
            tuple(DisplayCall(code, counter, at.astimezone(tz)) for code, counter, at in rows),
            int(waiting or 0),
            next_ticket,
        )


def new_ticket_wait(session: Session, schedule: OfficeSchedule, now: datetime) -> WaitRange | None:
    """The wait of a ticket drawn at ``now`` as queue_picture's ``next_ticket`` has it
    (None when no ticket can be drawn now: reception's rule, walkin.no_ticket_reason)."""
    local = now.astimezone(schedule.tz)
    day = local.date()
    issued = session.scalar(
        select(func.count(Ticket.id)).where(
            Ticket.office_id == schedule.office_id, Ticket.service_day == day
        )
    )
    closed = office_closed(day, schedule.closures, schedule.state)
    rules = schedule.walk_in_rules_on(day)
    if walkin.no_ticket_reason(rules, local, closed, issued or 0) is not None:
        return None
    inputs = wait_inputs(session, schedule, now)
    typical = inputs.profile.typical
    ahead = [typical if minutes is None else minutes for minutes in _ahead(session, schedule, now)]
    waits = call_times([*ahead, typical], inputs.counters, inputs.busy_for, inputs.profile)
    return waits[-1]


def _ahead(session: Session, schedule: OfficeSchedule, now: datetime) -> list[float | None]:
    """Service minutes of everybody a new ticket queues behind, in call order (None: a
    ticket, which takes the typical time): queue_picture's order by the same keys."""
    office_id, day = schedule.office_id, now.astimezone(schedule.tz).date()
    start, end = local_day_bounds(day, schedule.tz)
    keyed: list[tuple[tuple[int, datetime, int, str], float | None]] = [
        ((rank, _EPOCH, number, code), None)
        for rank, number, code in session.execute(
            select(ticket_rank(), Ticket.number, Ticket.code).where(
                Ticket.office_id == office_id,
                Ticket.service_day == day,
                Ticket.status == TicketStatus.WAITING,
            )
        )
    ]
    keyed += [
        ((walkin.appointment_rank(starts_at, now), starts_at, 0, code), float(minutes))
        for starts_at, code, minutes in session.execute(
            select(Appointment.starts_at, Appointment.booking_code, Service.duration_minutes)
            .join(Service, Service.id == Appointment.service_id)
            .where(
                Appointment.office_id == office_id,
                Appointment.starts_at >= start,
                Appointment.starts_at < end,
                Appointment.status == AppointmentStatus.CHECKED_IN,
            )
        )
    ]
    last = walkin.reason_rank(TicketReason.OTHER)
    return [minutes for key, minutes in sorted(keyed, key=lambda k: k[0]) if key[0] <= last]


def spoken(call: DisplayCall) -> str:
    """The German announcement: "Wartenummer W 17, bitte zu Schalter 3"."""
    prefix, _, number = call.code.partition("-")
    if number.isdigit():
        return f"Wartenummer {prefix} {int(number)}, bitte zu {call.counter}"
    return f"Buchungsnummer {' '.join(call.code.replace('-', ''))}, bitte zu {call.counter}"
