"""An appointment confirmation for the citizen: as an iCalendar file (RFC 5545) and as
plain lines for a printed slip."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from desk.domain.errors import UnknownId
from desk.domain.localtime import time_span
from desk.services.database import DeskDatabase
from desk.store.models import Appointment, Counter, Office, Service
from desk.store.uow import UnitOfWork

PRODID = "-//Bürgerdesk//Terminbestätigung//DE"
UID_DOMAIN = "buergerdesk.termin"
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


@dataclass(frozen=True)
class Confirmation:
    """What a confirmation states; times local to the office."""

    appointment_id: uuid.UUID
    booking_code: str
    office_name: str
    address: str
    counter_name: str
    service_name: str
    starts_at: datetime
    ends_at: datetime
    citizen_name: str
    status: str

    @property
    def when(self) -> str:
        """E.g. "Donnerstag, 21. März 2024, 09:15–09:30 Uhr"."""
        s = self.starts_at
        return (
            f"{WEEKDAYS[s.weekday()]}, {s.day}. {MONTHS[s.month - 1]} {s.year}, "
            f"{time_span(s, self.ends_at)} Uhr"
        )

    def lines(self) -> list[str]:
        """The printed confirmation, line by line."""
        return [
            "Terminbestätigung",
            self.office_name,
            self.address,
            "",
            f"Termin: {self.when}",
            f"Anliegen: {self.service_name}",
            f"Buchungsnummer: {self.booking_code}",
            f"Für: {self.citizen_name}",
            "",
            "Bitte bringen Sie Ihre Unterlagen und diese Buchungsnummer mit.",
            "Absagen bitte mit der Buchungsnummer online oder telefonisch.",
        ]


def load_confirmation(db: DeskDatabase, appointment_id: uuid.UUID) -> Confirmation:
    """The confirmation of one appointment, read from the database."""
    with UnitOfWork(db.engine) as uow:
        s = uow.session
        found = s.get(Appointment, appointment_id)
        if found is None:
            raise UnknownId.of("unknown_appointment", id=appointment_id)
        office = s.get(Office, found.office_id)
        counter = s.get(Counter, found.counter_id)
        service = s.get(Service, found.service_id)
        assert office is not None and counter is not None and service is not None
        tz = ZoneInfo(office.timezone)
        return Confirmation(
            appointment_id=found.id,
            booking_code=found.booking_code,
            office_name=office.name,
            address=f"{office.street}, {office.postcode} {office.city}",
            counter_name=counter.name,
            service_name=service.name,
            starts_at=found.starts_at.astimezone(tz),
            ends_at=found.ends_at.astimezone(tz),
            citizen_name=found.citizen_name,
            status=found.status,
        )


def to_ics(confirmation: Confirmation, stamped: datetime) -> bytes:
    """An iCalendar file with one event (UID from the appointment id, the office's time
    zone as VTIMEZONE, the office's address as location)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{confirmation.appointment_id}@{UID_DOMAIN}")
    event.add("dtstamp", stamped)
    event.add("dtstart", _ical_time(confirmation.starts_at))
    event.add("dtend", _ical_time(confirmation.ends_at))
    event.add("summary", f"{confirmation.service_name} – {confirmation.office_name}")
    event.add("location", f"{confirmation.office_name}, {confirmation.address}")
    event.add(
        "description",
        f"Buchungsnummer {confirmation.booking_code}\n"
        "Bitte bringen Sie Ihre Unterlagen und die Buchungsnummer mit.",
    )
    event.add("status", "CANCELLED" if confirmation.status == "cancelled" else "CONFIRMED")
    calendar.add_component(event)
    year = confirmation.starts_at.year
    calendar.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    return bytes(calendar.to_ical())


def _ical_time(moment: datetime) -> datetime:
    """A time as written to the file: local with its TZID, except in the hour repeated when
    the clocks go back, whose second pass RFC 5545 (3.3.5) cannot name locally: in UTC."""
    if moment.fold and moment.replace(fold=0).utcoffset() != moment.utcoffset():
        return moment.astimezone(UTC)
    return moment
