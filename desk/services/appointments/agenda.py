"""A day's appointments of an office, as immutable rows in local time."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from desk.domain.localtime import local_day_bounds
from desk.domain.refusals import Reason
from desk.domain.slots import office_closed
from desk.services.database import DeskDatabase
from desk.services.offices import get_office
from desk.services.schedule import load_office, load_schedule
from desk.store.models import Appointment, Counter, Service
from desk.store.uow import UnitOfWork


@dataclass(frozen=True)
class AppointmentRow:
    """One appointment for display; times are aware and local to the office."""

    id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    counter_id: uuid.UUID
    counter_number: int
    counter_name: str
    service_id: str
    service_name: str
    citizen_name: str
    status: str
    channel: str
    booking_code: str


def appointments_query() -> Select[Appointment, int, str, str]:
    """Appointments with their counter's number and name and their service's name."""
    return (
        select(Appointment, Counter.number, Counter.name, Service.name)
        .join(Counter, Counter.id == Appointment.counter_id)
        .join(Service, Service.id == Appointment.service_id)
    )


def rows_of(
    session: Session, query: Select[Appointment, int, str, str], tz: ZoneInfo
) -> list[AppointmentRow]:
    """Run an ``appointments_query`` and turn its rows into display rows in ``tz``."""
    return [
        AppointmentRow(
            id=a.id,
            starts_at=a.starts_at.astimezone(tz),
            ends_at=a.ends_at.astimezone(tz),
            counter_id=a.counter_id,
            counter_number=number,
            counter_name=counter_name,
            service_id=a.service_id,
            service_name=service_name,
            citizen_name=a.citizen_name,
            status=a.status,
            channel=a.channel,
            booking_code=a.booking_code,
        )
        for a, number, counter_name, service_name in session.execute(query).all()
    ]


def day_appointments(db: DeskDatabase, office_id: str, day: date) -> list[AppointmentRow]:
    """The office's appointments on a local day (cancelled included), by time and counter."""
    office = get_office(db, office_id)
    tz = ZoneInfo(office.timezone)
    start, end = local_day_bounds(day, tz)
    query = (
        appointments_query()
        .where(
            Appointment.office_id == office_id,
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
        )
        .order_by(Appointment.starts_at, Counter.number)
    )
    with UnitOfWork(db.engine) as uow:
        return rows_of(uow.session, query, tz)


def office_closed_why(db: DeskDatabase, office_id: str, day: date) -> Reason | None:
    """Why the office is closed on ``day`` by code (holiday, closure, no opening hours),
    else None."""
    with UnitOfWork(db.engine) as uow:
        schedule = load_schedule(uow.session, load_office(uow.session, office_id))
    reason = office_closed(day, schedule.closures, schedule.state)
    if reason is None and not any(t.valid_on(day) for t in schedule.templates):
        reason = Reason.of("closed_no_hours")
    return reason


def office_closed_reason(db: DeskDatabase, office_id: str, day: date) -> str | None:
    """:func:`office_closed_why` in German, else None."""
    reason = office_closed_why(db, office_id, day)
    return None if reason is None else str(reason)
