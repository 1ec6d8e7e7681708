"""Who a counter is dealing with now: the tickets and appointments called to it or in
service there today (the current person is the one called last; anyone else is shown
too, never dropped), and its no-shows of the last UNDO_MINUTES that the clerk can still
take back. One read for the queue panel, the bar over the day, the keys and the status
bar, so that every view names the same person."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.domain.counter_person import APPOINTMENT, TICKET, CounterPerson, CounterWork
from desk.domain.status import STATUS_LABELS_DE, AppointmentStatus, TicketStatus
from desk.domain.steps import Action, undo_since
from desk.domain.ticket_steps import MAX_RECALLS, TicketAction
from desk.services.appointments.lifecycle import perform
from desk.services.database import DeskDatabase
from desk.services.schedule import load_office
from desk.services.walkin import steps as ticket_steps
from desk.store.models import Appointment, AppointmentEvent, Counter, Service, Ticket
from desk.store.uow import UnitOfWork

AT_COUNTER = (AppointmentStatus.CALLED, AppointmentStatus.IN_SERVICE)


def counter_work(
    db: DeskDatabase, office_id: str, counter_number: int, now: datetime
) -> CounterWork:
    """Everyone called to or in service at this counter today (by the time of the call),
    its no-shows of the last UNDO_MINUTES, and the office's F9 setting."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        office = load_office(session, office_id)
        tz, f9 = ZoneInfo(office.timezone), office.call_next_with_current
        counter_id = session.scalar(
            select(Counter.id).where(
                Counter.office_id == office_id, Counter.number == counter_number
            )
        )
        if counter_id is None:
            return CounterWork(if_someone_current=f9)
        day = now.astimezone(tz).date()
        since = undo_since(now)
        tickets = _tickets(session, office_id, counter_id, day, since, tz)
        appointments = _appointments(session, office_id, counter_id, now, since, tz)
    found = tickets + appointments
    people = [p for p in found if p.status in (*AT_COUNTER, TicketStatus.CALLED)]
    people.sort(key=lambda p: (p.called_at is not None, p.called_at))
    undoable = [p for p in found if p.status == TicketStatus.NO_SHOW]
    return CounterWork(tuple(people), tuple(undoable), f9)


def _tickets(
    session: Session,
    office_id: str,
    counter_id: uuid.UUID,
    day: date,
    since: datetime,
    tz: ZoneInfo,
) -> list[CounterPerson]:
    """Today's tickets at the counter, and its no-shows since ``since``."""
    rows = session.scalars(
        select(Ticket).where(
            Ticket.office_id == office_id,
            Ticket.service_day == day,
            Ticket.counter_id == counter_id,
            Ticket.status.in_([TicketStatus.CALLED, TicketStatus.IN_SERVICE, TicketStatus.NO_SHOW]),
        )
    ).all()
    return [
        CounterPerson(
            TICKET,
            t.id,
            t.code,
            t.status,
            t.reason,
            t.called_at.astimezone(tz) if t.called_at is not None else None,
            recall_count=t.recall_count or 0,
        )
        for t in rows
        if t.status != TicketStatus.NO_SHOW
        or (t.finished_at is not None and t.finished_at >= since)
    ]


def _appointments(
    session: Session,
    office_id: str,
    counter_id: uuid.UUID,
    now: datetime,
    since: datetime,
    tz: ZoneInfo,
) -> list[CounterPerson]:
    """Today's appointments whose last step (a call, a start, a recent no-show) was
    taken at the counter."""
    day_start = datetime.combine(now.astimezone(tz).date(), time(0), tz)
    last = (
        select(AppointmentEvent.counter_id)
        .where(AppointmentEvent.appointment_id == Appointment.id)
        .order_by(AppointmentEvent.at.desc(), AppointmentEvent.id.desc())
        .limit(1)
        .correlate(Appointment)
        .scalar_subquery()
    )
    last_at = (
        select(func.max(AppointmentEvent.at))
        .where(AppointmentEvent.appointment_id == Appointment.id)
        .correlate(Appointment)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Appointment, Service.name, last, last_at)
        .join(Service, Service.id == Appointment.service_id)
        .where(
            Appointment.office_id == office_id,
            Appointment.status.in_([*AT_COUNTER, AppointmentStatus.NO_SHOW]),
            Appointment.starts_at >= day_start,
            Appointment.starts_at < day_start + timedelta(days=1, hours=1),
        )
    ).all()
    return [
        CounterPerson(
            APPOINTMENT,
            a.id,
            a.booking_code,
            a.status,
            service,
            _aware(at).astimezone(tz),
            name=a.citizen_name,
            starts_at=a.starts_at.astimezone(tz),
        )
        for a, service, at_counter, at in rows
        if _same(at_counter, counter_id)
        and (a.status != AppointmentStatus.NO_SHOW or _aware(at) >= since)
    ]


def _aware(at: datetime) -> datetime:
    """A time read by a plain subquery (SQLite gives it without its zone: UTC)."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _same(value: object, counter_id: uuid.UUID) -> bool:
    """A counter id read by a plain subquery (SQLite gives it as text) is ``counter_id``."""
    return value is not None and uuid.UUID(str(value)) == counter_id


#: A counter step by its key: (the ticket's step, the appointment's step).
STEPS: dict[str, tuple[TicketAction, Action]] = {
    "recall": (TicketAction.RECALL, Action.RECALL),
    "start": (TicketAction.START, Action.START),
    "finish": (TicketAction.FINISH, Action.DONE),
    "no_show": (TicketAction.NO_SHOW, Action.NO_SHOW),
    "requeue": (TicketAction.REQUEUE, Action.REQUEUE),
    "undo_no_show": (TicketAction.UNDO_NO_SHOW, Action.UNDO_NO_SHOW),
}


def step_person(
    db: DeskDatabase,
    person: CounterPerson,
    key: str,
    now: datetime,
    counter_number: int,
    *,
    max_recalls: int = MAX_RECALLS,
    user_id: uuid.UUID | None = None,
) -> str:
    """Take the step ``key`` (see STEPS) with the counter's person, a ticket or an
    appointment alike; the code and the new state, in German, for the clerk."""
    ticket_action, action = STEPS[key]
    if person.kind == TICKET:
        result = ticket_steps.step(
            db,
            person.id,
            ticket_action,
            now,
            counter_number=counter_number,
            max_recalls=max_recalls,
            user_id=user_id,
        )
        return result.message
    done = perform(db, person.id, action, now, counter_number=counter_number, user_id=user_id)
    return f"{done.booking_code}: {STATUS_LABELS_DE.get(done.status, done.status)}"
