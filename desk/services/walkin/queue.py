"""Today's queue of an office: who is called next, how long they waited, how long they
will still wait, and the state of the walk-in hour for reception.

Call order (the same for the queue panel, the display and every call; its one table is
``desk.domain.walkin.TICKET_RANKS``, the tickets' rank read through the SQL built from
it, desk.services.walkin.order):

1. walk-in tickets with the priority reason "Verlust/Diebstahl", by number;
2. checked-in appointments that are due (start at most 5 minutes after now), by start;
3. the other waiting tickets, by number;
4. checked-in appointments not yet due, by start.

Estimated wait: one estimate for reception, the queue panel, the ticket slip and the
display, :func:`queue_picture` — desk.domain.wait_estimate's call times from the inputs
desk.services.walkin.wait reads (the office's recent service times, the counters actually
serving, the busy ones), as a range. A ticket waits the typical service time, a checked-in
appointment its service's configured minutes. "Warten" means the same people on every
screen: the day's waiting tickets and checked-in appointments, i.e. this queue (the
display counts the same rows through its views). :func:`service_minutes_today` is
today's moving average of service times (tickets and appointments), for the ticket steps'
tests; the estimate does not use it. The queue holds no names: only codes and labels.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.domain import walkin
from desk.domain.counter_person import APPOINTMENT, TICKET
from desk.domain.localtime import local_day_bounds
from desk.domain.refusals import Reason
from desk.domain.slots import office_closed
from desk.domain.status import AppointmentStatus, TicketReason, TicketStatus
from desk.domain.wait_estimate import NO_WAIT, WaitRange, call_times
from desk.services.appointments.agenda import AppointmentRow, day_appointments
from desk.services.database import DeskDatabase
from desk.services.schedule import load_office, load_schedule
from desk.services.walkin.order import ticket_order, ticket_rank
from desk.services.walkin.wait import WaitInputs, wait_inputs
from desk.store.models import Appointment, AppointmentEvent, Service, Ticket
from desk.store.uow import UnitOfWork

#: How many of today's last services the moving average takes.
MOVING_WINDOW = 10
#: Minutes of a ticket's service (and of the one in progress) before any was measured.
DEFAULT_MINUTES = 10.0

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class QueueEntry:
    """One waiting ticket or checked-in appointment, in call order (nothing personal)."""

    kind: str  # TICKET or APPOINTMENT
    id: uuid.UUID
    code: str  # ticket code "W-017" or the appointment's booking code
    label: str  # reason (ticket) or service (appointment), in German
    since: datetime  # issued (ticket) or checked in (appointment), local time
    waited_minutes: int
    estimated_wait_minutes: int
    starts_at: datetime | None = None  # an appointment's start, local time
    priority: bool = False  # a ticket with the priority reason
    wait: WaitRange = NO_WAIT  # the range shown; estimated_wait_minutes is its expectation


@dataclass(frozen=True)
class WaitPicture:
    """The queue at one moment with everybody's estimated wait: what every screen shows.

    ``waiting`` counts the queue's entries (waiting tickets and checked-in appointments
    of today); ``next_ticket`` is the wait of a ticket drawn now (not a priority one).
    """

    entries: tuple[QueueEntry, ...]
    next_ticket: WaitRange
    inputs: WaitInputs

    @property
    def waiting(self) -> int:
        """How many wait: the same people on every screen."""
        return len(self.entries)


@dataclass(frozen=True)
class WalkInStatus:
    """The walk-in hour at a glance for reception."""

    office_id: str
    issued_today: int
    quota: int | None
    left_today: int | None  # None: no quota
    waiting: int  # waiting tickets and checked-in appointments: the queue's length
    open_now: bool
    reason: str | None  # why no ticket can be issued now, in German (None when open)
    why: Reason | None = None  # the same by code, for a face to word


@dataclass(frozen=True)
class _Waiting:
    kind: str
    id: uuid.UUID
    code: str
    label: str
    since: datetime
    minutes: float  # this entry's service minutes before any was measured
    key: tuple[int, datetime, int, str]
    starts_at: datetime | None = None
    priority: bool = False


def waiting_queue(db: DeskDatabase, office_id: str, now: datetime) -> list[QueueEntry]:
    """The office's waiting tickets and checked-in appointments of today, in call order."""
    return list(queue_picture(db, office_id, now).entries)


def queue_picture(db: DeskDatabase, office_id: str, now: datetime) -> WaitPicture:
    """The queue in call order with each entry's estimated wait, and a new ticket's."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        schedule = load_schedule(session, load_office(session, office_id))
        tz, day = schedule.tz, now.astimezone(schedule.tz).date()
        waiting = _tickets(session, office_id, day)
        waiting += _appointments(session, office_id, day, tz, now)
        waiting.sort(key=lambda w: w.key)
        inputs = wait_inputs(session, schedule, now)
    typical = inputs.profile.typical
    minutes = [typical if w.kind == TICKET else w.minutes for w in waiting]
    # a new ticket goes after every ticket of its rank, before the appointments not due
    place = sum(1 for w in waiting if w.key[0] <= walkin.reason_rank(TicketReason.OTHER))
    minutes.insert(place, typical)
    waits = call_times(minutes, inputs.counters, inputs.busy_for, inputs.profile)
    next_ticket = waits.pop(place)
    entries = tuple(
        QueueEntry(
            w.kind,
            w.id,
            w.code,
            w.label,
            w.since.astimezone(tz),
            max(0, int((now - w.since).total_seconds() // 60)),
            _whole(wait.expected),
            w.starts_at.astimezone(tz) if w.starts_at is not None else None,
            w.priority,
            wait,
        )
        for w, wait in zip(waiting, waits, strict=True)
    )
    return WaitPicture(entries, next_ticket, inputs)


def service_minutes_today(db: DeskDatabase, office_id: str, now: datetime) -> float | None:
    """Moving average of today's last ten service times in minutes (None: none yet).

    A ticket's service runs from its call to its finish (status done); an appointment's
    from its last "in service" step (else its last call) to its "done" step.
    """
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        tz = ZoneInfo(load_office(session, office_id).timezone)
        return _service_minutes(session, office_id, now.astimezone(tz).date(), tz, now)


def walk_in_status(db: DeskDatabase, office_id: str, now: datetime) -> WalkInStatus:
    """Tickets issued today, quota and what is left, how many wait (as in the queue), and
    whether a ticket can be issued now (else why not, by the rules of desk.domain.walkin)."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        schedule = load_schedule(session, load_office(session, office_id))
        local = now.astimezone(schedule.tz)
        day = local.date()
        counts = dict(
            session.execute(
                select(Ticket.status, func.count())
                .where(Ticket.office_id == office_id, Ticket.service_day == day)
                .group_by(Ticket.status)
            ).all()
        )
        issued = sum(counts.values())
        start, end = local_day_bounds(day, schedule.tz)
        checked_in = session.scalar(
            select(func.count()).where(
                Appointment.office_id == office_id,
                Appointment.starts_at >= start,
                Appointment.starts_at < end,
                Appointment.status == AppointmentStatus.CHECKED_IN,
            )
        )
        closed = office_closed(day, schedule.closures, schedule.state)
        why = walkin.no_ticket_reason(schedule.walk_in_rules_on(day), local, closed, issued)
        quota = schedule.walk_in.quota
        said = None if why is None else str(why)
        return WalkInStatus(
            office_id,
            issued,
            quota,
            None if quota is None else max(0, quota - issued),
            counts.get(TicketStatus.WAITING, 0) + (checked_in or 0),
            why is None,
            None if said is None else said[:1].upper() + said[1:],
            why,
        )


def next_in_line(db: DeskDatabase, office_id: str, now: datetime) -> tuple[str, uuid.UUID] | None:
    """Kind and id of the head of the office's queue at ``now``, read as
    :func:`waiting_queue` reads it (None: nobody waits)."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        tz = ZoneInfo(load_office(session, office_id).timezone)
        day = now.astimezone(tz).date()
        waiting = _tickets(session, office_id, day, first=True)
        waiting += _appointments(session, office_id, day, tz, now)
    head = min(waiting, key=lambda w: w.key, default=None)
    return None if head is None else (head.kind, head.id)


# ------------------------------------------------------------------- reading


def _tickets(session: Session, office_id: str, day: date, *, first: bool = False) -> list[_Waiting]:
    """The day's waiting tickets in call order, each keyed by the rank SQL gives it
    (``first``: only the first one)."""
    query = (
        select(Ticket, ticket_rank())
        .where(
            Ticket.office_id == office_id,
            Ticket.service_day == day,
            Ticket.status == TicketStatus.WAITING,
        )
        .order_by(*ticket_order())
    )
    rows = session.execute(query.limit(1) if first else query).all()
    return [
        _Waiting(
            TICKET,
            t.id,
            t.code,
            walkin.REASON_LABELS_DE.get(t.reason, t.reason),
            t.issued_at,
            DEFAULT_MINUTES,
            (rank, _EPOCH, t.number, t.code),
            priority=rank < walkin.DUE_APPOINTMENT_RANK,
        )
        for t, rank in rows
    ]


def _appointments(
    session: Session, office_id: str, day: date, tz: ZoneInfo, now: datetime
) -> list[_Waiting]:
    start, end = local_day_bounds(day, tz)
    rows = session.execute(
        select(Appointment, Service.name, Service.duration_minutes)
        .join(Service, Service.id == Appointment.service_id)
        .where(
            Appointment.office_id == office_id,
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
            Appointment.status == AppointmentStatus.CHECKED_IN,
        )
    ).all()
    ids = [a.id for a, _name, _minutes in rows]
    checked_in = dict(
        session.execute(
            select(AppointmentEvent.appointment_id, func.max(AppointmentEvent.at))
            .where(
                AppointmentEvent.appointment_id.in_(ids),
                AppointmentEvent.status == AppointmentStatus.CHECKED_IN,
            )
            .group_by(AppointmentEvent.appointment_id)
        ).all()
        if ids
        else []
    )
    return [
        _Waiting(
            APPOINTMENT,
            a.id,
            a.booking_code,
            name,
            checked_in.get(a.id) or a.updated_at,
            float(minutes),
            (walkin.appointment_rank(a.starts_at, now), a.starts_at, 0, a.booking_code),
            starts_at=a.starts_at,
        )
        for a, name, minutes in rows
    ]


def _service_minutes(
    session: Session, office_id: str, day: date, tz: ZoneInfo, now: datetime
) -> float | None:
    """The moving average of the day's last MOVING_WINDOW service times up to ``now``."""
    start, _end = local_day_bounds(day, tz)
    done: list[tuple[datetime, float]] = []
    for called_at, finished_at in session.execute(
        select(Ticket.called_at, Ticket.finished_at)
        .where(
            Ticket.office_id == office_id,
            Ticket.service_day == day,
            Ticket.status == TicketStatus.DONE,
            Ticket.called_at.is_not(None),
            Ticket.finished_at >= start,
            Ticket.finished_at <= now,
        )
        .order_by(Ticket.finished_at.desc())
        .limit(MOVING_WINDOW)
    ):
        if called_at is not None and finished_at is not None:
            done.append((finished_at, (finished_at - called_at).total_seconds() / 60))
    finished = dict(
        session.execute(
            select(AppointmentEvent.appointment_id, func.max(AppointmentEvent.at))
            .join(Appointment, Appointment.id == AppointmentEvent.appointment_id)
            .where(
                Appointment.office_id == office_id,
                Appointment.status == AppointmentStatus.DONE,
                AppointmentEvent.status == AppointmentStatus.DONE,
                AppointmentEvent.at >= start,
                AppointmentEvent.at <= now,
            )
            .group_by(AppointmentEvent.appointment_id)
            .order_by(func.max(AppointmentEvent.at).desc())
            .limit(MOVING_WINDOW)
        ).all()
    )
    began: dict[uuid.UUID, dict[str, datetime]] = {}
    if finished:
        for appointment_id, status, at in session.execute(
            select(AppointmentEvent.appointment_id, AppointmentEvent.status, AppointmentEvent.at)
            .where(
                AppointmentEvent.appointment_id.in_(list(finished)),
                AppointmentEvent.status.in_(
                    [AppointmentStatus.IN_SERVICE, AppointmentStatus.CALLED]
                ),
            )
            .order_by(AppointmentEvent.at)
        ):
            if at <= finished[appointment_id]:
                began.setdefault(appointment_id, {})[status] = at  # the latest one wins
    for appointment_id, finished_at in finished.items():
        steps = began.get(appointment_id, {})
        served_from = steps.get(AppointmentStatus.IN_SERVICE) or steps.get(AppointmentStatus.CALLED)
        if served_from is not None:
            done.append((finished_at, (finished_at - served_from).total_seconds() / 60))
    last = sorted((d for d in done if d[1] >= 0), reverse=True)[:MOVING_WINDOW]
    if not last:
        return None
    return sum(minutes for _at, minutes in last) / len(last)


def _whole(minutes: float) -> int:
    """Minutes rounded half up to whole minutes."""
    return int(minutes + 0.5)


def arrivals(
    db: DeskDatabase,
    office_id: str,
    now: datetime,
    before: timedelta = timedelta(minutes=30),
    ahead: timedelta = timedelta(hours=2),
) -> list[AppointmentRow]:
    """Booked appointments (not yet checked in) starting from ``before`` ago to ``ahead``:
    the reception's list to check people in from."""
    with UnitOfWork(db.engine) as uow:
        tz = ZoneInfo(load_office(uow.session, office_id).timezone)
    return [
        row
        for row in day_appointments(db, office_id, now.astimezone(tz).date())
        if row.status == AppointmentStatus.BOOKED and now - before <= row.starts_at <= now + ahead
    ]
