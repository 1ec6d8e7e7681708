"""Booking use cases at the service level, on SQLite and PostgreSQL: multi-slot holds,
cancelling, the booking's event, and the internal suggestions."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk.domain.errors import BookingRefused
from desk.domain.holidays_de import holiday_name
from desk.domain.localtime import BERLIN
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import Booking, book, cancel, suggestions
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import (
    Appointment,
    AppointmentEvent,
    Counter,
    Office,
    OfficeService,
    OpeningTemplate,
    OpeningTemplateService,
    Service,
    SlotHold,
)
from tests.conftest import libpq_conninfo

OFFICE = "bb-eins"
COUNTER_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")


def at(day: str, clock: str) -> datetime:
    """A local Berlin time, e.g. at("2024-03-25", "10:15")."""
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), BERLIN)


def add_one_counter_office(db: DeskDatabase) -> None:
    """An office with ONE counter, 15-minute slots Mo–Fr 9–12, Anmeldung and Personalausweis."""
    with Session(db.engine) as s, s.begin():
        s.add(
            Office(
                id=OFFICE,
                name="Bürgerbüro Eins",
                kind="buergerbuero",
                street="Am Schalter 1",
                postcode="06108",
                city="Saalfurt",
            )
        )
        s.add_all(
            [
                Service(id="anmeldung", name="Anmeldung einer Wohnung", duration_minutes=15),
                Service(id="personalausweis", name="Personalausweis", duration_minutes=20),
            ]
        )
        s.flush()
        s.add(Counter(id=COUNTER_ID, office_id=OFFICE, number=1, name="Schalter 1"))
        s.add_all(
            OfficeService(office_id=OFFICE, service_id=sid)
            for sid in ("anmeldung", "personalausweis")
        )
        s.flush()
        for weekday in range(5):
            template = OpeningTemplate(
                office_id=OFFICE,
                counter_id=COUNTER_ID,
                weekday=weekday,
                opens=time(9),
                closes=time(12),
                slot_minutes=15,
                valid_from=date(2024, 1, 1),
            )
            s.add(template)
            s.flush()
            s.add_all(
                OpeningTemplateService(template_id=template.id, service_id=sid)
                for sid in ("anmeldung", "personalausweis")
            )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def office_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DeskDatabase]:
    """One small office per backend, shared by the module: every test uses its own day."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('services') / 'services.sqlite'}"
    else:
        admin_url = str(request.getfixturevalue("pg_admin_url"))
        name = f"bd_services_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(libpq_conninfo(admin_url), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

        def drop() -> None:
            with psycopg.connect(libpq_conninfo(admin_url), autocommit=True) as conn:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )

        request.addfinalizer(drop)
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    upgrade_database(url)
    db = open_database(url)
    add_one_counter_office(db)
    yield db
    db.dispose()


def holds_of(db: DeskDatabase, appointment_id: uuid.UUID) -> list[datetime]:
    with Session(db.engine) as s:
        return list(
            s.scalars(
                select(SlotHold.slot_start)
                .where(SlotHold.appointment_id == appointment_id)
                .order_by(SlotHold.slot_start)
            )
        )


def internal(
    db: DeskDatabase, service: str, start: datetime, now: datetime, name: str = "Anna Müller"
) -> Booking:
    """An internal booking (at the counter): no portal policy needed."""
    return book(db, OFFICE, service, start, name, now, channel=Channel.COUNTER)


# --------------------------------------------------------------------------


def test_personalausweis_holds_two_slots_and_blocks_its_second(office_db: DeskDatabase) -> None:
    now = at("2024-03-22", "08:00")
    ausweis = internal(office_db, "personalausweis", at("2024-03-25", "10:00"), now)
    assert (ausweis.start, ausweis.end) == (at("2024-03-25", "10:00"), at("2024-03-25", "10:30"))
    assert holds_of(office_db, ausweis.id) == [
        at("2024-03-25", "10:00"),
        at("2024-03-25", "10:15"),
    ]

    with pytest.raises(BookingRefused, match="bereits vergeben"):
        internal(office_db, "anmeldung", at("2024-03-25", "10:15"), now, "Zweite Person")
    with pytest.raises(BookingRefused, match="bereits vergeben"):
        internal(office_db, "personalausweis", at("2024-03-25", "09:45"), now, "Dritte Person")
    # The neighbours on either side stay free.
    before = internal(office_db, "anmeldung", at("2024-03-25", "09:45"), now, "Vorher")
    after = internal(office_db, "anmeldung", at("2024-03-25", "10:30"), now, "Nachher")
    assert before.counter_number == after.counter_number == ausweis.counter_number == 1

    with Session(office_db.engine) as s:
        starting_at_second = s.scalars(
            select(Appointment).where(
                Appointment.counter_id == COUNTER_ID,
                Appointment.starts_at == at("2024-03-25", "10:15"),
            )
        ).all()
    assert starting_at_second == []


def test_the_slot_hold_key_refuses_a_second_hold_of_a_slot(office_db: DeskDatabase) -> None:
    """The database itself, not only Python, keeps a held slot from being held twice."""
    now = at("2024-03-22", "08:00")
    ausweis = internal(office_db, "personalausweis", at("2024-03-26", "10:00"), now)
    other = internal(office_db, "anmeldung", at("2024-03-26", "11:00"), now, "Andere Person")
    with pytest.raises(IntegrityError), Session(office_db.engine) as s, s.begin():
        s.add(
            SlotHold(
                counter_id=COUNTER_ID,
                slot_start=at("2024-03-26", "10:15"),  # the Personalausweis's second slot
                appointment_id=other.id,
            )
        )
    assert holds_of(office_db, ausweis.id)[1] == at("2024-03-26", "10:15")


def test_cancel_deletes_the_holds_and_frees_both_slots(office_db: DeskDatabase) -> None:
    now = at("2024-03-22", "08:00")
    ausweis = internal(office_db, "personalausweis", at("2024-03-27", "10:00"), now)
    assert len(holds_of(office_db, ausweis.id)) == 2

    cancelled = cancel(office_db, ausweis.code, now, reason="verhindert")
    assert cancelled.status == AppointmentStatus.CANCELLED
    assert holds_of(office_db, ausweis.id) == []

    second = internal(office_db, "anmeldung", at("2024-03-27", "10:15"), now, "Zweite Person")
    first = internal(office_db, "anmeldung", at("2024-03-27", "10:00"), now, "Erste Person")
    assert holds_of(office_db, second.id) == [at("2024-03-27", "10:15")]
    assert holds_of(office_db, first.id) == [at("2024-03-27", "10:00")]
    with pytest.raises(BookingRefused, match="bereits storniert"):
        cancel(office_db, ausweis.code, now)


def test_booking_and_cancelling_write_their_events(office_db: DeskDatabase) -> None:
    now = at("2024-03-22", "08:00")
    booking = internal(office_db, "anmeldung", at("2024-03-28", "09:00"), now)
    later = now + timedelta(hours=1)
    cancel(office_db, booking.code, later)
    with Session(office_db.engine) as s:
        events = s.execute(
            select(AppointmentEvent.status, AppointmentEvent.at, AppointmentEvent.note)
            .where(AppointmentEvent.appointment_id == booking.id)
            .order_by(AppointmentEvent.at)
        ).all()
    assert [(e.status, e.at) for e in events] == [
        (AppointmentStatus.BOOKED, now),
        (AppointmentStatus.CANCELLED, later),
    ]
    assert events[0].note is not None and "counter" in events[0].note


def test_suggestions_are_the_earliest_free_starts_up_to_the_limit(office_db: DeskDatabase) -> None:
    # Thursday before Easter, 10:20: the 10:15 slot has begun; the 10:45 slot is taken.
    now = at("2024-03-28", "10:20")
    internal(office_db, "anmeldung", at("2024-03-28", "10:45"), at("2024-03-22", "08:00"))

    everything = suggestions(office_db, OFFICE, "anmeldung", now, days=7, limit=500)
    starts = [o.start for o in everything]
    assert starts == sorted(starts)
    assert all(s > now for s in starts)
    assert at("2024-03-28", "10:45") not in starts
    assert starts[:3] == [
        at("2024-03-28", "10:30"),
        at("2024-03-28", "11:00"),
        at("2024-03-28", "11:15"),
    ]
    days = {s.astimezone(BERLIN).date() for s in starts}
    assert not [d for d in days if holiday_name(d) is not None or d.weekday() >= 5]
    # Karfreitag and Ostermontag are skipped; the Tuesday after Easter is offered.
    assert date(2024, 3, 29) not in days and date(2024, 4, 1) not in days
    assert date(2024, 4, 2) in days

    first_five = suggestions(office_db, OFFICE, "anmeldung", now, days=7, limit=5)
    assert [o.start for o in first_five] == starts[:5]


def test_suggestions_never_lie_in_the_past(office_db: DeskDatabase) -> None:
    # 11:10: the 11:00 slot has begun, 11:45 is too short for 20 minutes, then Easter.
    now = at("2024-03-28", "11:10")
    offers = suggestions(office_db, OFFICE, "personalausweis", now, days=6, limit=3)
    assert [o.start for o in offers] == [
        at("2024-03-28", "11:15"),
        at("2024-03-28", "11:30"),
        at("2024-04-02", "09:00"),
    ]
    assert all(o.end - o.start == timedelta(minutes=30) for o in offers)
