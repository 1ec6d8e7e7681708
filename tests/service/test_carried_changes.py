"""Changes carried in the push event: the service reads an office's changes once, from
the cursor the office's counters are at, and sends them in the event; a counter at
that cursor applies them without a request of its own, a counter elsewhere pulls as
before, and nobody gets a batch that does not start at its own cursor."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from desk.domain.status import Channel
from desk.services.appointments.booking import book
from desk.services.database import open_database, upgrade_database
from desk.store.models import Appointment
from desk.sync.carried import CarriedBatches
from desk.sync.engine import SyncEngine
from desk.sync.pull import CURSOR_KEY
from desk.sync.remote import EventStream, RemoteLink
from tests.service_fixtures import Service
from tests.sync.conftest import NOW, SERVICE, Central, count, slot

OFFICE = "bb-traeger"


@pytest.fixture(scope="module")
def service(central_factory: Callable[..., Central], service_factory) -> Service:
    return service_factory(central_factory({OFFICE: 2}))


@dataclass
class Counter:
    """A counter PC as the app wires it: its link and its push stream share the carried
    batches."""

    engine: SyncEngine
    stream: EventStream
    carried: CarriedBatches
    woken: threading.Event = field(default_factory=threading.Event)

    @property
    def cursor(self) -> str | None:
        return self.engine._get(CURSOR_KEY)


@pytest.fixture
def counters(service: Service, tmp_path: Path) -> Iterator[list[Counter]]:
    made: list[Counter] = []
    for n in (1, 2):
        device = service.enroll(OFFICE, counter=n)
        url = f"sqlite:///{tmp_path / f'counter{n}.sqlite'}"
        upgrade_database(url)
        carried = CarriedBatches()
        link = RemoteLink(service.url, device.token, device.id, ca=str(service.ca),
                          send_now=True, carried=carried)  # fmt: skip
        engine = SyncEngine(open_database(url), link)
        engine.sync_once(NOW)
        woken = threading.Event()
        stream = EventStream(service.url, device.token, woken.set, ca=str(service.ca),
                             carried=carried)  # fmt: skip
        made.append(Counter(engine, stream, carried, woken))
    for _ in range(5):  # both at the cursor of the office's newest answer
        for counter in made:
            counter.engine.sync_once(NOW)
        if len({c.cursor for c in made}) == 1:
            break
    for counter in made:
        counter.stream.start()
        assert counter.stream.connected.wait(10)
    yield made
    for counter in made:
        counter.stream.stop()
        counter.engine.link.close()
        counter.engine.local.dispose()


def _book(central: Central, name: str, minutes: int) -> uuid.UUID:
    start = slot(NOW.date() + timedelta(days=1), 9) + timedelta(minutes=minutes)
    return book(central.db, OFFICE, SERVICE, start, name, NOW, channel=Channel.PORTAL).id


def _wait_carried(counter: Counter, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if counter.cursor and counter.carried.holds(counter.cursor):
            return True
        time.sleep(0.02)
    return False


def test_a_booking_reaches_both_counters_in_the_event_itself(service, counters) -> None:
    assert counters[0].cursor == counters[1].cursor, "set-up: one cursor for the office"
    made = _book(service.central, "Getragen Eins", 0)

    for counter in counters:
        assert _wait_carried(counter), "no changes carried for the counter's cursor"
        before = counter.cursor
        counter.engine.sync_once(NOW, woken=True)  # the round the push wakes, as the runner's
        assert counter.carried.taken == 1  # applied from the event, no download of its own
        assert count(counter.engine.local, Appointment, Appointment.id == made) == 1
        assert counter.cursor != before


def test_a_round_of_its_own_reads_afresh_and_leaves_the_carried_batch(service, counters) -> None:
    """A timer's or the clerk's round does not trust a shared or carried answer: it may be
    older than a commit whose notification is still on its way (R7 under load)."""
    counter = counters[0]
    made = _book(service.central, "Getragen Drei", 30)
    assert _wait_carried(counter)
    counter.engine.sync_once(NOW)
    assert counter.carried.taken == 0
    assert count(counter.engine.local, Appointment, Appointment.id == made) == 1


def test_a_counter_at_another_cursor_is_handed_nothing_and_pulls(service, counters) -> None:
    first, second = counters
    first.engine.sync_once(NOW)  # moves on by itself: its cursor is now the office's newest
    wrong = _book(service.central, "Getragen Zwei", 15)
    assert _wait_carried(first)
    if second.cursor != first.cursor:
        # the event was read from the first counter's cursor: none for the second
        assert not second.carried.holds(second.cursor or "")
    second.engine.sync_once(NOW)
    assert count(second.engine.local, Appointment, Appointment.id == wrong) == 1
    first.engine.sync_once(NOW)
    assert count(first.engine.local, Appointment, Appointment.id == wrong) == 1


def test_a_carried_batch_is_never_applied_from_another_cursor() -> None:
    carried = CarriedBatches()
    assert carried.offer('{"from": "10:12:", "batch": {"snapshot": "12:12:"}}')
    assert not carried.offer("kein JSON")
    assert not carried.offer('{"from": "10:12:"}')
    assert carried.take("11:12:") is None
    assert carried.take("10:12:") == {"snapshot": "12:12:"}
    assert carried.take("10:12:") is None  # used once
