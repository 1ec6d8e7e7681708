"""What the database itself guarantees for appointments, on SQLite and PostgreSQL:
one holding appointment per counter and start, UTC instants, exact text, known states."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from desk.domain.status import AppointmentStatus, Channel
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import Appointment, Counter, Office, Service

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2024, 3, 20, 9, 0, tzinfo=BERLIN)


@dataclass(frozen=True)
class Place:
    """A migrated database with one office, one counter and one service."""

    db: DeskDatabase
    office_id: str
    counter_id: uuid.UUID
    service_id: str


@pytest.fixture
def place(db_url: str) -> Iterator[Place]:
    upgrade_database(db_url)
    db = open_database(db_url)
    counter_id = uuid.uuid4()
    with Session(db.engine) as s, s.begin():
        s.add(
            Office(
                id="bb-test",
                name="Bürgerbüro Test",
                kind="buergerbuero",
                street="Teststraße 1",
                postcode="06108",
                city="Saalfurt",
                walk_in_quota=20,
            )
        )
        s.add(Service(id="anmeldung", name="Anmeldung einer Wohnung", duration_minutes=15))
        s.flush()
        s.add(Counter(id=counter_id, office_id="bb-test", number=1, name="Schalter 1"))
    yield Place(db, "bb-test", counter_id, "anmeldung")
    db.dispose()


def _appointment(place: Place, starts_at: datetime = START, **values: object) -> Appointment:
    fields: dict[str, object] = {
        "office_id": place.office_id,
        "counter_id": place.counter_id,
        "service_id": place.service_id,
        "starts_at": starts_at,
        # In UTC: wall-clock arithmetic on a fold=1 time would drop the fold.
        "ends_at": starts_at.astimezone(UTC) + timedelta(minutes=15),
        "status": AppointmentStatus.BOOKED.value,
        "channel": Channel.PORTAL.value,
        "booking_code": uuid.uuid4().hex[:9].upper(),
        "citizen_name": "Anna Müller",
    }
    fields.update(values)
    return Appointment(**fields)


def _add(place: Place, appointment: Appointment) -> uuid.UUID:
    with Session(place.db.engine) as s, s.begin():
        s.add(appointment)
        s.flush()
        return appointment.id


def _holding_count(place: Place) -> int:
    with Session(place.db.engine) as s:
        return len(
            s.scalars(
                select(Appointment.id).where(
                    Appointment.counter_id == place.counter_id,
                    Appointment.status != AppointmentStatus.CANCELLED.value,
                )
            ).all()
        )


# --- one holding appointment per counter and start -------------------------


def test_second_booking_of_one_slot_is_refused_by_the_database(place: Place) -> None:
    _add(place, _appointment(place))
    with pytest.raises(IntegrityError):
        _add(place, _appointment(place, citizen_name="Jürgen Schmidt"))
    assert _holding_count(place) == 1


def test_same_instant_in_another_zone_is_the_same_slot(place: Place) -> None:
    _add(place, _appointment(place))
    with pytest.raises(IntegrityError):
        _add(place, _appointment(place, starts_at=START.astimezone(UTC)))


@pytest.mark.parametrize(
    "status",
    [s.value for s in AppointmentStatus if s is not AppointmentStatus.CANCELLED],
)
def test_every_holding_state_blocks_the_slot(place: Place, status: str) -> None:
    _add(place, _appointment(place, status=status))
    with pytest.raises(IntegrityError):
        _add(place, _appointment(place))


def test_cancelled_appointment_does_not_block_the_slot(place: Place) -> None:
    _add(place, _appointment(place, status=AppointmentStatus.CANCELLED.value))
    _add(place, _appointment(place, status=AppointmentStatus.CANCELLED.value))
    _add(place, _appointment(place))
    assert _holding_count(place) == 1


def test_cancelling_the_first_booking_frees_the_slot(place: Place) -> None:
    first = _add(place, _appointment(place))
    with Session(place.db.engine) as s, s.begin():
        s.execute(
            update(Appointment)
            .where(Appointment.id == first)
            .values(status=AppointmentStatus.CANCELLED.value)
        )
    _add(place, _appointment(place, citizen_name="Jürgen Schmidt"))
    assert _holding_count(place) == 1


def test_reviving_a_cancelled_booking_of_a_taken_slot_is_refused(place: Place) -> None:
    cancelled = _add(place, _appointment(place, status=AppointmentStatus.CANCELLED.value))
    _add(place, _appointment(place))
    with pytest.raises(IntegrityError), Session(place.db.engine) as s, s.begin():
        s.execute(
            update(Appointment)
            .where(Appointment.id == cancelled)
            .values(status=AppointmentStatus.BOOKED.value)
        )


def test_next_slot_on_the_same_counter_is_free(place: Place) -> None:
    _add(place, _appointment(place))
    _add(place, _appointment(place, starts_at=START + timedelta(minutes=15)))
    assert _holding_count(place) == 2


# --- UTC round trip ---------------------------------------------------------


def _round_trip(place: Place, starts_at: datetime) -> datetime:
    appointment_id = _add(place, _appointment(place, starts_at=starts_at))
    with Session(place.db.engine) as s:
        stored = s.scalars(select(Appointment).where(Appointment.id == appointment_id)).one()
        return stored.starts_at


@pytest.mark.parametrize(
    "local",
    [
        datetime(2024, 3, 31, 3, 30, tzinfo=BERLIN),  # first hour of summer time
        datetime(2024, 10, 27, 2, 30, fold=0, tzinfo=BERLIN),  # 02:30 CEST
        datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=BERLIN),  # 02:30 CET, one hour later
        datetime(2025, 1, 1, 0, 30, tzinfo=BERLIN),  # still the old year in UTC
    ],
    ids=["spring-forward", "fall-back-fold0", "fall-back-fold1", "new-year-eve"],
)
def test_aware_time_round_trips_as_the_same_utc_instant(place: Place, local: datetime) -> None:
    stored = _round_trip(place, local)
    # Compared in UTC: PEP 495 makes == across zones False for a time in the repeated hour.
    assert stored == local.astimezone(UTC)
    assert stored.timestamp() == local.timestamp()
    assert stored.tzinfo is UTC
    assert stored.replace(tzinfo=None) == local.astimezone(UTC).replace(tzinfo=None)


def test_both_folds_of_the_repeated_hour_are_distinct_slots(place: Place) -> None:
    early = datetime(2024, 10, 27, 2, 30, fold=0, tzinfo=BERLIN)
    late = datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=BERLIN)
    _add(place, _appointment(place, starts_at=early))
    _add(place, _appointment(place, starts_at=late))
    with Session(place.db.engine) as s:
        starts = s.scalars(select(Appointment.starts_at).order_by(Appointment.starts_at)).all()
    assert starts == [
        datetime(2024, 10, 27, 0, 30, tzinfo=UTC),
        datetime(2024, 10, 27, 1, 30, tzinfo=UTC),
    ]


def test_query_by_aware_bounds_finds_the_instant(place: Place) -> None:
    _add(place, _appointment(place, starts_at=datetime(2024, 3, 31, 3, 30, tzinfo=BERLIN)))
    with Session(place.db.engine) as s:
        found = s.scalars(
            select(Appointment.id).where(
                Appointment.starts_at >= datetime(2024, 3, 31, 1, 30, tzinfo=UTC),
                Appointment.starts_at < datetime(2024, 3, 31, 1, 31, tzinfo=UTC),
            )
        ).all()
    assert len(found) == 1


def test_naive_datetime_is_refused(place: Place) -> None:
    with pytest.raises((StatementError, ValueError), match="naive"):
        _add(place, _appointment(place, starts_at=datetime(2024, 3, 20, 9, 0)))
    assert _holding_count(place) == 0


def test_naive_datetime_is_refused_in_a_query(place: Place) -> None:
    with pytest.raises((StatementError, ValueError), match="naive"), Session(place.db.engine) as s:
        s.scalars(select(Appointment).where(Appointment.starts_at >= datetime(2024, 3, 20))).all()


# --- citizen names round-trip byte-exact -------------------------------------

HOSTILE_NAMES = {
    "quotes": 'O\'Connor "der Ältere" `x` \\ %s %% ?',
    "sql": "'); DROP TABLE appointment;--",
    "eszett": "Weiß-Groß, Fuß",
    "combining": "Mu\u0308ller Zo\u0308e",  # u + combining diaeresis (not NFC)
    "arabic": "\u202bمحمد الحسن\u202c",
    "emoji": "Käthe 👩\u200d👩\u200d👧 🇩🇪",
    "whitespace": "  Anna\tMüller\r\nZeile 2  ",
    "long": "Ä" * 5_000 + "ß" * 5_000,
}


@pytest.mark.parametrize("name", list(HOSTILE_NAMES.values()), ids=list(HOSTILE_NAMES))
def test_citizen_name_round_trips_byte_exact(place: Place, name: str) -> None:
    appointment_id = _add(place, _appointment(place, citizen_name=name, notes=name))
    with Session(place.db.engine) as s:
        stored = s.scalars(select(Appointment).where(Appointment.id == appointment_id)).one()
        by_name = s.scalars(select(Appointment.id).where(Appointment.citizen_name == name)).all()
    assert stored.citizen_name.encode("utf-8") == name.encode("utf-8")
    assert stored.notes == name
    assert by_name == [appointment_id]
    with Session(place.db.engine) as s:
        assert s.scalars(select(Appointment.id)).all() == [appointment_id]


def test_ten_thousand_character_name_keeps_its_length(place: Place) -> None:
    name = HOSTILE_NAMES["long"]
    assert len(name) == 10_000
    appointment_id = _add(place, _appointment(place, citizen_name=name))
    with Session(place.db.engine) as s:
        stored = s.scalars(
            select(Appointment.citizen_name).where(Appointment.id == appointment_id)
        ).one()
    assert len(stored) == 10_000


# --- CHECK constraints ------------------------------------------------------


def test_unknown_status_is_refused(place: Place) -> None:
    with pytest.raises(IntegrityError):
        _add(place, _appointment(place, status="verschoben"))
    assert _holding_count(place) == 0


def test_unknown_channel_is_refused(place: Place) -> None:
    with pytest.raises(IntegrityError):
        _add(place, _appointment(place, channel="fax"))


def test_appointment_must_end_after_it_starts(place: Place) -> None:
    with pytest.raises(IntegrityError):
        _add(place, _appointment(place, ends_at=START))


def test_appointment_at_an_unknown_counter_is_refused(place: Place) -> None:
    with pytest.raises(IntegrityError):
        _add(place, _appointment(place, counter_id=uuid.uuid4()))


def test_booking_code_is_unique(place: Place) -> None:
    _add(place, _appointment(place, booking_code="ABCD-EFGH"))
    with pytest.raises(IntegrityError):
        _add(
            place,
            _appointment(place, starts_at=START + timedelta(hours=1), booking_code="ABCD-EFGH"),
        )
