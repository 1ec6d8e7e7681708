"""Round trips between a counter's replica and the central database (DESIGN.md §4.1, §4.7)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import create_engine, select

from desk.domain.errors import DatabaseUnavailable
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import book, cancel
from desk.services.database import DeskDatabase
from desk.store.models import AppliedOp, Appointment, AppointmentEvent, OutboxOp, SyncState
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from desk.sync.rows import as_dict
from tests.sync.conftest import (
    NOW,
    SERVICE,
    Central,
    Replica,
    book_at,
    count,
    get,
    holder_at,
    holds_of,
    slot,
)

OFFICE = "bb-rt"
DAY = NOW.date() + timedelta(days=1)  # Thursday
UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/x"


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: 2})


@pytest.fixture(scope="module")
def replica(central: Central, replica_factory: Callable[..., Replica]) -> Replica:
    return replica_factory(central)


def test_initial_sync_makes_an_empty_database_a_replica(central: Central, replica: Replica):
    assert get(replica.db, SyncState, "role") is not None
    assert count(replica.db, OutboxOp) == 0
    with UnitOfWork(replica.db.engine) as uow:
        cursor = uow.session.get(SyncState, "cursor")
        assert cursor is not None and cursor.value.count(":") == 2  # a pg_snapshot


def test_counter_booking_reaches_central_exactly_once(central: Central, replica: Replica):
    before = replica.engine.status()
    assert before.waiting == 0

    booked = book_at(replica.db, OFFICE, slot(DAY, 8), "Erika Mustermann")
    assert count(replica.db, OutboxOp) == 1
    assert replica.engine.status().waiting == 1
    assert get(central.db, Appointment, booked.id) is None

    report = replica.engine.sync_once(NOW)

    assert (report.pushed, report.rejected) == (1, 0)
    assert report.status.waiting == 0
    assert report.status.connected is True
    assert report.status.last_sync == NOW
    assert report.status.conflicts == 0
    assert count(replica.db, OutboxOp) == 0
    there = get(central.db, Appointment, booked.id)
    assert isinstance(there, Appointment)
    assert there.booking_code == booked.code
    assert there.citizen_name == "Erika Mustermann"
    assert there.status == AppointmentStatus.BOOKED
    assert there.channel == Channel.COUNTER
    assert count(central.db, Appointment, Appointment.booking_code == booked.code) == 1
    assert count(central.db, AppointmentEvent, AppointmentEvent.appointment_id == booked.id) == 1
    counter = central.counters[OFFICE][1]
    assert holds_of(central.db, booked.id) == [(counter, slot(DAY, 8))]
    assert holds_of(replica.db, booked.id) == holds_of(central.db, booked.id)
    assert count(central.db, AppliedOp) == 1

    again = replica.engine.sync_once(NOW)
    assert (again.pushed, again.rejected, again.pulled) == (0, 0, 0)
    assert count(central.db, Appointment, Appointment.booking_code == booked.code) == 1
    assert count(central.db, AppliedOp) == 1


def test_central_booking_appears_locally_after_next_sync(central: Central, replica: Replica):
    online = book_at(central.db, OFFICE, slot(DAY, 9), "Portal Person", Channel.PORTAL)
    assert get(replica.db, Appointment, online.id) is None

    report = replica.engine.sync_once(NOW)

    assert (report.pushed, report.rejected) == (0, 0)
    assert report.pulled == 2  # the appointment and its event
    here = get(replica.db, Appointment, online.id)
    assert isinstance(here, Appointment)
    assert here.booking_code == online.code
    assert here.citizen_name == "Portal Person"
    assert here.channel == Channel.PORTAL
    assert holds_of(replica.db, online.id) == [(central.counters[OFFICE][1], slot(DAY, 9))]
    assert count(replica.db, AppointmentEvent, AppointmentEvent.appointment_id == online.id) == 1


def test_counter_cancellation_frees_the_central_holds(central: Central, replica: Replica):
    start = slot(DAY, 10)
    counter = central.counters[OFFICE][1]
    booked = book_at(replica.db, OFFICE, start, "Storno Kandidat")
    replica.engine.sync_once(NOW)
    assert holder_at(central.db, counter, start) == booked.id

    cancel(replica.db, booked.code, NOW, reason="Bürger hat abgesagt")
    assert replica.engine.status().waiting == 1
    assert holds_of(replica.db, booked.id) == []
    assert holder_at(central.db, counter, start) == booked.id  # not yet synced

    report = replica.engine.sync_once(NOW)

    assert (report.pushed, report.rejected, report.status.waiting) == (1, 0, 0)
    there = get(central.db, Appointment, booked.id)
    assert isinstance(there, Appointment)
    assert there.status == AppointmentStatus.CANCELLED
    assert holds_of(central.db, booked.id) == []
    assert holder_at(central.db, counter, start) is None
    with UnitOfWork(central.db.engine) as uow:
        statuses = sorted(
            uow.session.scalars(
                select(AppointmentEvent.status).where(AppointmentEvent.appointment_id == booked.id)
            )
        )
    assert statuses == [AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED]
    # the freed slot can be booked centrally again, on the same counter
    rebooked = book_at(central.db, OFFICE, start, "Nachrücker", Channel.PORTAL)
    assert holder_at(central.db, counter, start) == rebooked.id
    replica.engine.sync_once(NOW)
    assert holder_at(replica.db, counter, start) == rebooked.id
    local = get(replica.db, Appointment, booked.id)
    assert isinstance(local, Appointment) and local.status == AppointmentStatus.CANCELLED


def test_offline_round_is_visible_and_queued_changes_go_out_later(
    central: Central, replica: Replica
):
    unreachable = DeskDatabase(create_engine(UNREACHABLE), "zentral (nicht erreichbar)")
    offline = SyncEngine(replica.db, unreachable)
    booked = book_at(replica.db, OFFICE, slot(DAY, 11), "Offline Gebucht")
    first, later = NOW + timedelta(minutes=1), NOW + timedelta(minutes=2)

    with pytest.raises(DatabaseUnavailable, match="nicht erreichbar"):
        offline.sync_once(first)
    with pytest.raises(DatabaseUnavailable):
        offline.sync_once(later)

    status = offline.status()
    assert status.connected is False
    assert status.offline_since == first  # the first failure, not the latest
    assert status.waiting == 1
    assert status.last_sync == NOW
    assert SyncEngine.offline_status(replica.db, later).offline_since == first
    assert get(central.db, Appointment, booked.id) is None

    back = NOW + timedelta(minutes=3)
    report = replica.engine.sync_once(back)
    assert (report.pushed, report.rejected) == (1, 0)
    assert report.status.connected is True
    assert report.status.offline_since is None
    assert report.status.waiting == 0
    assert report.status.last_sync == back
    assert replica.engine.status().connected is True
    assert get(central.db, Appointment, booked.id) is not None
    unreachable.dispose()


def test_every_column_arrives_unchanged(central: Central, replica: Replica):
    booked = book(
        replica.db,
        OFFICE,
        SERVICE,
        slot(DAY, 11, 30),
        "Voll Ständig",
        NOW,
        channel=Channel.COUNTER,
        phone="+49 345 1234567",
        email="voll.staendig@example.org",
        notes="Dolmetscher mitbringen",
        move_in=NOW.date() - timedelta(days=3),
    )
    replica.engine.sync_once(NOW)
    local, there = get(replica.db, Appointment, booked.id), get(central.db, Appointment, booked.id)
    assert isinstance(local, Appointment) and isinstance(there, Appointment)
    assert as_dict(there) == as_dict(local)
    assert there.move_in_date == NOW.date() - timedelta(days=3)
    assert there.created_at == NOW


def test_offline_booking_and_its_cancellation_go_out_in_order(central: Central, replica: Replica):
    start = slot(DAY, 11, 45)
    booked = book_at(replica.db, OFFICE, start, "Hin und Zurück")
    cancel(replica.db, booked.code, NOW)
    assert replica.engine.status().waiting == 2

    report = replica.engine.sync_once(NOW)

    assert (report.pushed, report.rejected, report.status.conflicts) == (2, 0, 0)
    there = get(central.db, Appointment, booked.id)
    assert isinstance(there, Appointment) and there.status == AppointmentStatus.CANCELLED
    assert holds_of(central.db, booked.id) == []
    assert count(central.db, AppointmentEvent, AppointmentEvent.appointment_id == booked.id) == 2


def test_central_change_notifies_the_office_channel(central: Central):
    with psycopg.connect(central.conninfo, autocommit=True) as conn:
        conn.execute(f'LISTEN "bd_{OFFICE}"')
        book_at(central.db, OFFICE, slot(DAY, 11, 15), "Benachrichtigt", Channel.PORTAL)
        got = {(n.channel, n.payload) for n in conn.notifies(timeout=2.0, stop_after=2)}
    # the appointment and its event, both on the office's channel
    assert got == {(f"bd_{OFFICE}", "appointment"), (f"bd_{OFFICE}", "appointment_event")}
