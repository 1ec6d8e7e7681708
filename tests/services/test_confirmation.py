"""The citizen's confirmation on SQLite and PostgreSQL: the printed lines and the .ics file
(RFC 5545), read back with icalendar, also for appointments on DST days."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar, Event

from desk.domain.errors import UnknownId
from desk.domain.localtime import BERLIN, parse_now
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import Booking, book, new_code
from desk.services.appointments.confirmation import Confirmation, load_confirmation, to_ics
from desk.services.appointments.lifecycle import Action, perform
from desk.services.database import DeskDatabase
from desk.store.models import Appointment
from desk.store.uow import UnitOfWork
from tests.builders import add_office
from tests.conftest import DEMO_NOW_ISO

NOW = parse_now(DEMO_NOW_ISO)
OFFICE = "bb-ics"
SPRING, AUTUMN = date(2024, 3, 31), date(2024, 10, 27)  # Sundays of the DST switches
#: Left-over template text (booking codes cannot spell these: no O, I or L in them).
PLACEHOLDERS = ("todo", "fixme", "example", "lorem", "placeholder")


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), BERLIN)


@dataclass
class Office:
    db: DeskDatabase
    counters: dict[int, uuid.UUID]


@pytest.fixture(scope="module")
def office(fresh_db: DeskDatabase) -> Office:
    """Open Wednesday, Thursday and Sunday 01:00–12:00 (Sundays for the DST switches)."""
    counters = add_office(
        fresh_db, OFFICE, counters=2, weekdays=(2, 3, 6), opens=time(1), closes=time(12)
    )
    return Office(fresh_db, counters)


def booking(office: Office, start: datetime, service: str = "abholung") -> Booking:
    return book(office.db, OFFICE, service, start, "Zoë Weiß", NOW, channel=Channel.PHONE)


def the_event(data: bytes) -> Event:
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def instant(event: Event, name: str) -> datetime:
    """An event's date-time property as an aware UTC instant (RFC 5545 semantics)."""
    value = event.decoded(name)
    assert isinstance(value, datetime) and value.tzinfo is not None, name
    return value.astimezone(UTC)


def test_confirmation_lines_state_what_the_citizen_needs(office: Office):
    booked = booking(office, local(date(2024, 3, 21), 9, 15))

    c = load_confirmation(office.db, booked.id)

    assert c.booking_code == booked.code
    day = date(2024, 3, 21)
    assert (c.starts_at, c.ends_at) == (local(day, 9, 15), local(day, 9, 30))
    assert c.starts_at.tzinfo == BERLIN
    assert c.when == "Donnerstag, 21. März 2024, 09:15–09:30 Uhr"
    lines = c.lines()
    assert lines[0] == "Terminbestätigung"
    assert "Bürgerbüro bb-ics" in lines
    assert "Marktplatz 1, 06108 Saalfurt" in lines
    assert f"Termin: {c.when}" in lines
    assert f"Buchungsnummer: {booked.code}" in lines
    assert "Für: Zoë Weiß" in lines
    assert "Anliegen: Abholung" in lines
    text = "\n".join(lines).lower()
    assert not [p for p in PLACEHOLDERS if p in text]


def test_ics_has_one_event_at_the_appointments_time_and_place(office: Office):
    booked = booking(office, local(date(2024, 3, 21), 10), "personalausweis")
    confirmation = load_confirmation(office.db, booked.id)
    stamped = NOW + timedelta(minutes=1)

    data = to_ics(confirmation, stamped)

    assert isinstance(data, bytes)
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert "Bürgerdesk" in str(calendar["PRODID"])
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Berlin"]
    event = the_event(data)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["DTEND"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == local(date(2024, 3, 21), 10)
    assert instant(event, "DTSTART") == booked.start.astimezone(UTC)
    assert (
        instant(event, "DTEND")
        == booked.end.astimezone(UTC)
        == datetime(2024, 3, 21, 9, 30, tzinfo=UTC)
    )
    assert instant(event, "DTSTAMP") == stamped.astimezone(UTC)
    location = str(event["LOCATION"])
    assert "Marktplatz 1" in location and "06108 Saalfurt" in location
    assert "Bürgerbüro bb-ics" in location
    assert "Personalausweis" in str(event["SUMMARY"])
    assert booked.code in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    text = data.decode("utf-8").lower()
    assert not [p for p in PLACEHOLDERS if p in text]
    assert data.count(b"\r\n") > 10  # RFC 5545 line ends


def test_uid_is_stable_and_unique_per_appointment(office: Office):
    first = booking(office, local(date(2024, 3, 21), 10, 30))
    second = booking(office, local(date(2024, 3, 21), 10, 30))
    assert first.counter_number != second.counter_number

    def uid(booked: Booking, stamped: datetime) -> str:
        return str(the_event(to_ics(load_confirmation(office.db, booked.id), stamped))["UID"])

    assert uid(first, NOW) == uid(first, NOW + timedelta(days=3))
    assert uid(first, NOW) != uid(second, NOW)
    assert str(first.id) in uid(first, NOW) and "@" in uid(first, NOW)


def test_a_cancelled_appointment_is_a_cancelled_event(office: Office):
    booked = booking(office, local(date(2024, 3, 21), 11))
    perform(office.db, booked.id, Action.CANCEL, NOW, reason="Bürger hat abgesagt")

    confirmation = load_confirmation(office.db, booked.id)
    event = the_event(to_ics(confirmation, NOW))

    assert confirmation.status == AppointmentStatus.CANCELLED
    assert str(event["STATUS"]) == "CANCELLED"
    assert instant(event, "DTSTART") == booked.start.astimezone(UTC)


@pytest.mark.parametrize(
    ("day", "hour", "minute", "service"),
    [
        (SPRING, 1, 45, "personalausweis"),  # 01:45 CET to 03:15 CEST: across the gap
        (SPRING, 3, 0, "abholung"),  # the first slot after the gap
        (AUTUMN, 2, 45, "personalausweis"),  # the first 02:45 to the second 02:15
        (AUTUMN, 3, 0, "abholung"),
    ],
    ids=["spring-across", "spring-after", "autumn-across", "autumn-after"],
)
def test_dst_days_keep_the_real_time(
    office: Office, day: date, hour: int, minute: int, service: str
):
    now = local(day - timedelta(days=1), 12)
    booked = book(
        office.db, OFFICE, service, local(day, hour, minute), "DST", now, channel=Channel.COUNTER
    )
    confirmation = load_confirmation(office.db, booked.id)

    event = the_event(to_ics(confirmation, now))

    assert event["DTSTART"].params.get("TZID") == "Europe/Berlin"
    assert instant(event, "DTSTART") == booked.start.astimezone(UTC)
    assert instant(event, "DTEND") == booked.end.astimezone(UTC)
    assert instant(event, "DTEND") > instant(event, "DTSTART")


def test_an_appointment_in_the_repeated_hour(office: Office):
    """02:15 after the clocks went back (CET) is not the first 02:15 (CEST)."""
    start = datetime(2024, 10, 27, 1, 15, tzinfo=UTC)  # 02:15 CET, the second one
    appointment_id = uuid.uuid4()
    with UnitOfWork(office.db.engine) as uow:
        uow.session.add(
            Appointment(
                id=appointment_id,
                office_id=OFFICE,
                counter_id=office.counters[2],
                service_id="abholung",
                starts_at=start,
                ends_at=start + timedelta(minutes=15),
                status=AppointmentStatus.BOOKED,
                channel=Channel.COUNTER,
                booking_code=new_code(),
                citizen_name="Zweite Stunde",
                created_at=NOW,
                updated_at=NOW,
            )
        )
        uow.commit()
    confirmation = load_confirmation(office.db, appointment_id)
    assert confirmation.starts_at.utcoffset() == timedelta(hours=1)
    assert confirmation.when == "Sonntag, 27. Oktober 2024, 02:15–02:30 Uhr"

    event = the_event(to_ics(confirmation, NOW))

    assert instant(event, "DTSTART") == start
    assert instant(event, "DTEND") == start + timedelta(minutes=15)


def test_unknown_appointment(office: Office):
    nobody = uuid.uuid4()
    with pytest.raises(UnknownId, match=str(nobody)):
        load_confirmation(office.db, nobody)


def test_to_ics_works_on_a_confirmation_alone():
    """No database needed: the file is made from the confirmation's values."""
    c = Confirmation(
        appointment_id=uuid.UUID("12345678-1234-4234-8234-123456789abc"),
        booking_code="ABCD-EFGH",
        office_name="Bürgerbüro Mitte",
        address="Marktplatz 1, 06108 Saalfurt",
        counter_name="Schalter 3",
        service_name="Reisepass beantragen",
        starts_at=local(date(2024, 7, 4), 14, 40),
        ends_at=local(date(2024, 7, 4), 15),
        citizen_name="Max Muster",
        status=AppointmentStatus.BOOKED,
    )
    event = the_event(to_ics(c, NOW))
    assert str(event["UID"]) == "12345678-1234-4234-8234-123456789abc@buergerdesk.termin"
    assert event.decoded("DTSTART") == local(date(2024, 7, 4), 14, 40)
    assert instant(event, "DTSTART") == datetime(2024, 7, 4, 12, 40, tzinfo=UTC)
    assert c.when == "Donnerstag, 4. Juli 2024, 14:40–15:00 Uhr"
