"""Booking use cases: offered slots, book (portal or internal), cancel, suggestions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, ScalarSelect, Select, bindparam, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk.domain import anmeldefrist
from desk.domain.audit import AuditAction
from desk.domain.booking_codes import new_code, well_formed
from desk.domain.errors import BookingRefused, UnknownId
from desk.domain.names import name_fault
from desk.domain.policy import policy_for, portal_decision
from desk.domain.slots import day_slots, office_closed, runs_for_service
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.availability import Offer, free_offers, portal_reach
from desk.services.audit_log import record
from desk.services.database import DeskDatabase
from desk.services.schedule import (
    OfficeSchedule,
    load_occupancy,
    load_office,
    load_schedule,
    lock_start,
    require_service,
)
from desk.store import outbox
from desk.store.models import Appointment, AppointmentEvent, Counter, Office, SlotHold
from desk.store.uow import UnitOfWork, single_read

SUGGESTION_DAYS = 14
MAX_NAME = 300


@dataclass(frozen=True)
class Booking:
    """A made (or cancelled) booking as the caller shows it; times local."""

    id: uuid.UUID
    code: str
    office_id: str
    service_id: str
    counter_number: int
    start: datetime
    end: datetime
    citizen_name: str
    channel: str
    status: str
    fee_cents: int | None = None
    frist: anmeldefrist.FristCheck | None = None


def offered_slots(db: DeskDatabase, office_id: str, service_id: str, now: datetime) -> list[Offer]:
    """The starts the online portal may offer at ``now`` (one per start time)."""
    with UnitOfWork(db.engine) as uow:
        schedule = load_schedule(uow.session, load_office(uow.session, office_id))
        require_service(schedule, service_id)
        today = now.astimezone(schedule.tz).date()
        policy = policy_for(schedule.policies, today, service_id)
        last = portal_reach(policy, today)
        occupancy = load_occupancy(uow.session, schedule, today, last)
        return free_offers(schedule, occupancy, service_id, today, last, now, portal=True)


def suggestions(
    db: DeskDatabase,
    office_id: str,
    service_id: str,
    now: datetime,
    days: int = SUGGESTION_DAYS,
    limit: int = 10,
) -> list[Offer]:
    """The next free starts for a service within ``days`` (internal booking), earliest first."""
    with UnitOfWork(db.engine) as uow:
        schedule = load_schedule(uow.session, load_office(uow.session, office_id))
        require_service(schedule, service_id)
        today = now.astimezone(schedule.tz).date()
        last = today + timedelta(days=days)
        occupancy = load_occupancy(uow.session, schedule, today, last)
        offers = free_offers(schedule, occupancy, service_id, today, last, now, portal=False)
    return offers[:limit] if limit else offers


def _refusal(
    schedule: OfficeSchedule,
    session: Session,
    service_id: str,
    start: datetime,
    now: datetime,
    portal: bool,
) -> BookingRefused:
    """Why no booking can start at ``start`` (the first rule that fails)."""
    day = start.astimezone(schedule.tz).date()
    closed = office_closed(day, schedule.closures, schedule.state)
    if closed is not None:
        return BookingRefused.of("office_closed", day=day, office=schedule.name, closed=closed)
    slots = day_slots(day, schedule.templates, schedule.closures, schedule.state, schedule.tz)
    runs = [
        r
        for r in runs_for_service(slots, service_id, schedule.services[service_id])
        if r[0].start == start.astimezone(UTC)
    ]
    when = start.astimezone(schedule.tz)
    if not runs:
        return BookingRefused.of(
            "no_such_start", when=when, service=service_id, office_id=schedule.office_id
        )
    if start <= now:
        return BookingRefused.of("start_in_past", when=when)
    if portal:
        policy = policy_for(schedule.policies, now.astimezone(schedule.tz).date(), service_id)
        decision = portal_decision(policy, start, now, schedule.tz)
        if not decision.allowed:
            return BookingRefused.of("outside_window", when=when, reason=decision.why)
    occupancy = load_occupancy(session, schedule, day, day)
    if all(any((s.counter_id, s.start) in occupancy.held for s in r) for r in runs):
        return BookingRefused.of("slot_taken", when=when)
    return BookingRefused.of("online_full", when=when)


def clean_name(name: str) -> str:
    """The citizen's name as given (never altered), refused when empty or too long."""
    if not name.strip():
        raise BookingRefused.of("name_missing")
    if len(name) > MAX_NAME:
        raise BookingRefused.of("name_too_long", limit=MAX_NAME)
    problem = name_fault(name)
    if problem is not None:
        raise BookingRefused.of("name_invalid", problem=problem)
    return name


def check_text(label: str, value: str | None, limit: int) -> str | None:
    """A free-text field as given, refused when too long or holding control characters
    (a NUL cannot be stored centrally and would block the sync)."""
    if value is None:
        return None
    if len(value) > limit:
        raise BookingRefused.of("text_too_long", field=label, limit=limit)
    if any((ord(c) < 32 and c not in "\t\n\r") or c == "\x7f" for c in value):
        raise BookingRefused.of("text_control_chars", field=label)
    return value


@dataclass(frozen=True)
class _Request:
    """A booking as asked for, its texts checked."""

    office_id: str
    service_id: str
    start: datetime
    name: str
    channel: Channel
    phone: str | None
    email: str | None
    notes: str | None
    move_in: date | None
    counter_number: int | None
    appointment_id: uuid.UUID | None
    code: str | None
    event_id: uuid.UUID | None


#: Tries of a booking whose slot another booking took between reading and writing (a
#: service longer than one slot, booked at a neighbouring start at the same moment).
TRIES = 3


def book(
    db: DeskDatabase,
    office_id: str,
    service_id: str,
    start: datetime,
    name: str,
    now: datetime,
    *,
    channel: Channel = Channel.PORTAL,
    phone: str | None = None,
    email: str | None = None,
    notes: str | None = None,
    move_in: date | None = None,
    counter_number: int | None = None,
    appointment_id: uuid.UUID | None = None,
    code: str | None = None,
    event_id: uuid.UUID | None = None,
) -> Booking:
    """Book the first free counter at ``start`` (``counter_number``'s when it is free then,
    as the clerk's dialog showed it); the portal only within its window.

    The slot holds are the authority: if another booking took a slot meanwhile,
    the insert fails on the database's key and the booking is tried again, then
    refused. Bookings of one start are serialised (the portal's share at a start is a
    count), bookings of other starts run side by side, and a capacity change of the
    office waits for them (it locks the office row they share). The central service
    passes the ids and the code a counter chose offline, so both sides name the
    appointment alike (a code that is not well-formed gets a fresh one).
    """
    asked = _Request(
        office_id, service_id, start, clean_name(name), channel,
        check_text("Telefon", phone, 40), check_text("E-Mail", email, 254),
        check_text("Notiz", notes, 4000), move_in, counter_number, appointment_id, code,
        event_id,
    )  # fmt: skip
    _refuse_if_held_everywhere(db.engine, office_id, start, now)
    for attempt in range(TRIES):
        try:
            return _book_once(db, asked, now)
        except IntegrityError:
            if attempt == TRIES - 1:
                raise BookingRefused.of("slot_taken_meanwhile", when=start) from None
    raise AssertionError("unreachable")


def _book_once(db: DeskDatabase, asked: _Request, now: datetime) -> Booking:
    """One try in one transaction (IntegrityError: a slot was taken meanwhile)."""
    portal = asked.channel == Channel.PORTAL
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        office = load_office(session, asked.office_id, share=True)
        lock_start(session, asked.office_id, asked.start)
        _refuse_if_held_everywhere(session.connection(), asked.office_id, asked.start, now)
        schedule = load_schedule(session, office)
        require_service(schedule, asked.service_id)
        day = asked.start.astimezone(schedule.tz).date()
        occupancy = load_occupancy(session, schedule, day, day)
        free = free_offers(schedule, occupancy, asked.service_id, day, day, now, portal=portal)
        at = asked.start.astimezone(UTC)
        offers = [o for o in free if o.start.astimezone(UTC) == at]  # fold-safe (DST)
        if not offers:
            raise _refusal(schedule, session, asked.service_id, asked.start, now, portal)
        offer = next((o for o in offers if o.counter_number == asked.counter_number), offers[0])
        frist = None
        if asked.move_in is not None:
            later = suggestions_in(session, schedule, asked.service_id, now)
            frist = anmeldefrist.check(
                asked.move_in, offer.start, [o.start for o in later], schedule.tz
            )
        appointment, event = _insert(session, asked, offer, now)
        _record(session, asked, appointment, event, offer, now)
        uow.commit()
        return _booking(appointment, schedule, offer.counter_number, frist)


def _insert(
    session: Session, asked: _Request, offer: Offer, now: datetime
) -> tuple[Appointment, AppointmentEvent]:
    """The appointment, its slot holds and its first event (flushed: a taken slot fails
    here on the database's key)."""
    code = asked.code
    appointment = Appointment(
        id=asked.appointment_id or uuid.uuid4(),
        office_id=asked.office_id,
        counter_id=offer.counter_id,
        service_id=asked.service_id,
        starts_at=offer.start,
        ends_at=offer.end,
        status=AppointmentStatus.BOOKED,
        channel=asked.channel,
        booking_code=code if code is not None and well_formed(code) else new_code(),
        citizen_name=asked.name,
        phone=asked.phone,
        email=asked.email,
        notes=asked.notes,
        move_in_date=asked.move_in,
        fee_cents=offer.fee_cents,
        created_at=now,
        updated_at=now,
    )
    session.add(appointment)
    session.flush()
    holds = [
        SlotHold(counter_id=offer.counter_id, slot_start=s, appointment_id=appointment.id)
        for s in offer.slot_starts
    ]
    event = AppointmentEvent(
        id=asked.event_id or uuid.uuid4(),
        appointment_id=appointment.id,
        status=AppointmentStatus.BOOKED,
        at=now,
        note=f"gebucht ({asked.channel})",
    )
    session.add_all([*holds, event])
    session.flush()
    return appointment, event


def _record(
    session: Session,
    asked: _Request,
    appointment: Appointment,
    event: AppointmentEvent,
    offer: Offer,
    now: datetime,
) -> None:
    """The booking in the outbox, as the intention the central service applies."""
    args = {
        "id": str(appointment.id),
        "code": appointment.booking_code,
        "office_id": asked.office_id,
        "service_id": asked.service_id,
        "start": offer.start.isoformat(),
        "counter_number": offer.counter_number,
        "channel": str(asked.channel),
        "name": asked.name,
        "phone": asked.phone,
        "email": asked.email,
        "notes": asked.notes,
        "move_in": asked.move_in.isoformat() if asked.move_in is not None else None,
        "event_id": str(event.id),
    }
    outbox.record(session, outbox.BOOK, asked.office_id, appointment.id, args, now)


def _refuse_if_held_everywhere(
    bind: Engine | Connection, office_id: str, start: datetime, now: datetime
) -> None:
    """A future start that every counter of the office already holds cannot be booked,
    whatever the rules say: refused at once, before waiting for the start's lock, and
    again right after it, before reading the schedule (the losers of a release storm,
    P8). Anything else goes the full way."""
    if start <= now:
        return  # the full way says "in der Vergangenheit"
    with single_read(bind) as conn:  # one statement: most of a storm ends here
        row = conn.execute(_HELD_EVERYWHERE, {"office": office_id, "start": start}).one_or_none()
    if row is None or not row.counters or row.held < row.counters:
        return
    tz = ZoneInfo(row.timezone)
    raise BookingRefused.of("slot_taken", when=start.astimezone(tz))


def _counted(of: Select[int]) -> ScalarSelect[int]:
    return of.where(Counter.office_id == Office.id).scalar_subquery()


_HELD_EVERYWHERE = select(
    Office.timezone,
    _counted(select(func.count()).select_from(Counter)).label("counters"),
    _counted(
        select(func.count())
        .select_from(SlotHold)
        .join(Counter, Counter.id == SlotHold.counter_id)
        .where(SlotHold.slot_start == bindparam("start", type_=SlotHold.slot_start.type))
    ).label("held"),
).where(Office.id == bindparam("office"))


def suggestions_in(
    session: Session, schedule: OfficeSchedule, service_id: str, now: datetime
) -> list[Offer]:
    """Free internal starts within the suggestion window, inside an open unit of work."""
    today = now.astimezone(schedule.tz).date()
    last = today + timedelta(days=SUGGESTION_DAYS)
    occupancy = load_occupancy(session, schedule, today, last)
    return free_offers(schedule, occupancy, service_id, today, last, now, portal=False)


def cancel(
    db: DeskDatabase,
    code: str,
    now: datetime,
    reason: str | None = None,
    *,
    office_id: str | None = None,
    event_id: uuid.UUID | None = None,
) -> Booking:
    """Cancel a booking by its code and free its slots (audited, by booking code);
    with ``office_id`` only a booking of that office (the caller's scope)."""
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        appointment = session.scalar(
            select(Appointment)
            .where(Appointment.booking_code == code.strip().upper())
            .with_for_update()
        )
        if appointment is None or office_id not in (None, appointment.office_id):
            raise UnknownId.of("unknown_booking_code", code=code)
        if appointment.status == AppointmentStatus.CANCELLED:
            raise BookingRefused.of("already_cancelled", code=appointment.booking_code)
        if appointment.status != AppointmentStatus.BOOKED or appointment.starts_at <= now:
            raise BookingRefused.of("cancel_too_late", code=appointment.booking_code)
        appointment.status = AppointmentStatus.CANCELLED
        appointment.updated_at = now
        session.execute(delete(SlotHold).where(SlotHold.appointment_id == appointment.id))
        event = AppointmentEvent(
            id=event_id or uuid.uuid4(),
            appointment_id=appointment.id,
            status=AppointmentStatus.CANCELLED,
            at=now,
            note=reason,
        )
        session.add(event)
        session.flush()
        record(
            session,
            AuditAction.APPOINTMENT_CANCEL,
            at=now,
            entity="appointment",
            entity_id=appointment.id,
            office_id=appointment.office_id,
            old=AppointmentStatus.BOOKED.value,
            new=AppointmentStatus.CANCELLED.value,
            detail=f"Termin {appointment.booking_code} (Portal)",
        )
        args = {"code": appointment.booking_code, "reason": reason, "event_id": str(event.id)}
        outbox.record(session, outbox.CANCEL, appointment.office_id, appointment.id, args, now)
        schedule = load_schedule(session, load_office(session, appointment.office_id))
        counter = session.get(Counter, appointment.counter_id)
        number = counter.number if counter is not None else 0
        uow.commit()
        return _booking(appointment, schedule, number, None)


def _booking(
    a: Appointment,
    schedule: OfficeSchedule,
    counter_number: int,
    frist: anmeldefrist.FristCheck | None,
) -> Booking:
    return Booking(
        id=a.id,
        code=a.booking_code,
        office_id=a.office_id,
        service_id=a.service_id,
        counter_number=counter_number,
        start=a.starts_at.astimezone(schedule.tz),
        end=a.ends_at.astimezone(schedule.tz),
        citizen_name=a.citizen_name,
        channel=a.channel,
        status=a.status,
        fee_cents=a.fee_cents,
        frist=frist,
    )
