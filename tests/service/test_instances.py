"""More than one machine: the service keeps no state of its own beyond PostgreSQL, so
two instances serve one city; each LISTENs once, and a counter connected to one
receives by push what was booked through the other."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import time, timedelta

import pytest

from desk.domain.localtime import at_local
from desk.store.models import Appointment
from desk.sync.engine import SyncEngine
from desk.sync.remote import EventStream
from tests.service_fixtures import Service
from tests.sync.conftest import NOW, Central, get


@pytest.fixture(scope="module")
def city(central_factory: Callable[..., Central]) -> Central:
    return central_factory({"bb-zwei": 2})


def test_a_booking_through_one_instance_reaches_a_counter_on_the_other_by_push(
    city: Central, service_factory: Callable[..., Service], remote_replica
) -> None:
    one, two = service_factory(city), service_factory(city)
    assert one.url != two.url
    one.user("leitung", None, "team_lead")
    one.user("sb.zwei", "bb-zwei")
    counter = one.sign_in(one.enroll("bb-zwei", counter=1), "sb.zwei")
    portal = one.enroll("bb-zwei", kind="portal")
    engine: SyncEngine = remote_replica(one, counter)
    # the same session works at the other instance: sessions live in PostgreSQL
    with two.http(counter) as http:
        assert http.get("/v1/device").status_code == 200
    woken = threading.Event()
    stream = EventStream(one.url, counter.token, woken.set, ca=str(one.ca), retry_seconds=0.2)
    stream.start()
    try:
        assert stream.connected.wait(10)
        woken.clear()
        start = at_local(NOW.date() + timedelta(days=1), time(9, 30))
        with two.http(portal) as http:  # booked through the other instance
            made = http.post(
                "/v1/portal/bookings",
                json={"service": "abholung", "start": start.isoformat(), "name": "Zwei Wege"},
                headers={"X-Buergerdesk-Now": NOW.isoformat()},
            )
        assert made.status_code == 200, made.text
        assert woken.wait(10), "no push from the instance the counter is connected to"
        engine.sync_once(NOW)
        code = made.json()["code"]
        found = [a for a in _appointments(engine) if a.booking_code == code]
        assert len(found) == 1 and found[0].citizen_name == "Zwei Wege"
        assert get(city.db, Appointment, found[0].id) is not None
    finally:
        stream.stop()


def _appointments(engine: SyncEngine) -> list[Appointment]:
    from sqlalchemy import select

    from desk.store.uow import UnitOfWork

    with UnitOfWork(engine.local.engine) as uow:
        rows = list(uow.session.scalars(select(Appointment)))
        for row in rows:
            uow.session.expunge(row)
        return rows
