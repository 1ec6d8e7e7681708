"""R6 through the service: the service's one LISTEN connection is cut on the server
(pg_terminate_backend) while bookings commit, their notifications are lost; when the
listener is back it wakes every stream, and the counter catches up on all of them."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

import psycopg
import pytest

from desk.domain.status import Channel
from desk.server.push import APPLICATION
from desk.services.appointments.booking import book
from desk.store.models import Appointment
from desk.sync.engine import SyncEngine
from desk.sync.remote import EventStream
from tests.service_fixtures import Service
from tests.sync.conftest import NOW, SERVICE, Central, count, slot

OFFICE = "bb-push"
BOOKINGS = 20


@pytest.fixture(scope="module")
def city(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: 2})


def listener_pids(central: Central) -> list[int]:
    with psycopg.connect(central.conninfo, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s AND datname = "
            "current_database()",
            (APPLICATION,),
        ).fetchall()
    return [pid for (pid,) in rows]


def test_bookings_made_while_the_services_listener_is_cut_reach_the_counter(
    city: Central, service_factory: Callable[..., Service], remote_replica
) -> None:
    service = service_factory(city)
    device = service.enroll(OFFICE)
    engine: SyncEngine = remote_replica(service, device)
    woken = threading.Event()

    def wake() -> None:
        woken.set()

    stream = EventStream(service.url, device.token, wake, ca=str(service.ca), retry_seconds=0.2)
    stream.start()
    try:
        assert stream.connected.wait(10)
        deadline = time.monotonic() + 10
        while not listener_pids(city) and time.monotonic() < deadline:
            time.sleep(0.05)
        (pid,) = listener_pids(city)  # one LISTEN connection for the whole instance
        with psycopg.connect(city.conninfo, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
        made: list[uuid.UUID] = []
        day = NOW.date() + timedelta(days=1)
        for i in range(BOOKINGS):  # while the listener is gone: notifications are lost
            start = slot(day, 9) + timedelta(minutes=15 * (i // 2))  # two counters
            made.append(
                book(city.db, OFFICE, SERVICE, start, f"P{i}", NOW, channel=Channel.PORTAL).id
            )
        woken.clear()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:  # the listener comes back and wakes the stream
            pids = listener_pids(city)
            if pids and pids != [pid] and woken.is_set():
                break
            time.sleep(0.05)
        assert woken.is_set(), "the reconnected listener did not wake the counter"
        engine.sync_once(NOW)
        assert count(engine.local, Appointment, Appointment.id.in_(made)) == BOOKINGS
    finally:
        stream.stop()


def test_a_booking_notifies_its_office_only_not_every_counter_of_the_city(city: Central) -> None:
    """The appointment's event has no office column; its change-log row and notification
    still name the office, so a booking wakes that office's counters and no other."""
    with psycopg.connect(city.conninfo, autocommit=True) as conn:
        conn.execute("LISTEN bd_all")
        conn.execute(f'LISTEN "bd_{OFFICE}"')
        start = slot(NOW.date() + timedelta(days=2), 11)
        book(city.db, OFFICE, SERVICE, start, "Nur hier", NOW, channel=Channel.PORTAL)
        got = {(n.channel, n.payload) for n in conn.notifies(timeout=2.0, stop_after=3)}
    assert got == {(f"bd_{OFFICE}", "appointment"), (f"bd_{OFFICE}", "appointment_event")}
    with psycopg.connect(city.conninfo) as conn:
        unnamed = conn.execute(
            "SELECT count(*) FROM change_log WHERE entity = 'appointment_event' "
            "AND office_id IS NULL"
        ).fetchone()
    assert unnamed == (0,)
