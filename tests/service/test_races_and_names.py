"""R3 and R8 through the service. R3: six counter PCs press "call next" at once, over
HTTPS, until the queue is empty: every ticket is called exactly once, to one counter,
with one call row and one audit row. R8: citizens' names travel byte-exact from a
counter's SQLite through the service to PostgreSQL and back to a new replica."""

from __future__ import annotations

import threading
import uuid
from collections import Counter as Tally
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from desk.domain import walkin as rules
from desk.domain.localtime import BERLIN
from desk.domain.status import Channel, TicketReason, TicketStatus
from desk.services.appointments.booking import book
from desk.store.models import Appointment, AuditEntry, Call, Ticket
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from tests.service_fixtures import Device, Service
from tests.sync.conftest import NOW, SERVICE, Central, get, slot
from tests.sync.test_hostile_names import HOSTILE

OFFICE = "bb-rennen"
COUNTERS = 6
TICKETS = 300


@pytest.fixture(scope="module")
def city(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: COUNTERS})


@pytest.fixture(scope="module")
def service(city: Central, service_factory: Callable[..., Service]) -> Service:
    return service_factory(city)


def waiting_tickets(city: Central, count: int) -> None:
    day = NOW.astimezone(BERLIN).date()
    with UnitOfWork(city.db.engine) as uow:
        uow.session.execute(
            insert(Ticket),
            [
                {
                    "id": uuid.uuid4(),
                    "office_id": OFFICE,
                    "service_day": day,
                    "number": n,
                    "code": rules.ticket_code("W", n),
                    "reason": TicketReason.OTHER,
                    "status": TicketStatus.WAITING,
                    "issued_at": NOW,
                    "recall_count": 0,
                }
                for n in range(1, count + 1)
            ],
        )
        uow.commit()


def test_six_counters_calling_at_once_through_the_service_call_each_ticket_once(
    city: Central, service: Service
) -> None:
    waiting_tickets(city, TICKETS)
    devices = [service.enroll(OFFICE, counter=n) for n in range(1, COUNTERS + 1)]
    start = threading.Barrier(COUNTERS)
    called: list[tuple[int, str]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def racer(device: Device) -> None:
        with service.http(device) as http:
            start.wait()
            while True:
                answer = http.post(
                    "/v1/walkin/call-next",
                    json={"counter": device.counter},
                    headers={"X-Buergerdesk-Now": NOW.isoformat()},
                )
                if answer.status_code == 409 and "Keine wartende" in answer.text:
                    return
                if answer.status_code != 200:
                    with lock:
                        errors.append(answer.text)
                    return
                with lock:
                    called.append((device.counter or 0, answer.json()["code"]))

    threads = [threading.Thread(target=racer, args=(d,)) for d in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    codes = Tally(code for _counter, code in called)
    assert len(codes) == TICKETS and set(codes.values()) == {1}, "a ticket called twice"
    assert len({counter for counter, _code in called}) == COUNTERS  # all took part
    with UnitOfWork(city.db.engine) as uow:
        s = uow.session
        calls = s.scalar(select(func.count()).select_from(Call).where(Call.office_id == OFFICE))
        audit = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.office_id == OFFICE, AuditEntry.action == "ticket.call")
        )
        still = s.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(Ticket.office_id == OFFICE, Ticket.status == TicketStatus.WAITING)
        )
    assert (calls, audit, still) == (TICKETS, TICKETS, 0)


def test_names_travel_byte_exact_through_the_service(
    city: Central, service: Service, remote_replica: Callable[..., SyncEngine]
) -> None:
    device = service.enroll(OFFICE)
    counter_pc = remote_replica(service, device)
    day = NOW.date() + timedelta(days=1)
    sent = {}
    for i, name in enumerate(HOSTILE):
        start = slot(day, 8) + timedelta(minutes=15 * (i // 2))
        made = book(counter_pc.local, OFFICE, SERVICE, start, name, NOW, channel=Channel.PHONE)
        sent[made.id] = name
    report = counter_pc.sync_once(NOW)
    assert (report.pushed, report.rejected) == (len(HOSTILE), 0)
    fresh = remote_replica(service, service.enroll(OFFICE))
    for appointment_id, name in sent.items():
        for db in (city.db, counter_pc.local, fresh.local):
            row = get(db, Appointment, appointment_id)
            assert isinstance(row, Appointment)
            assert row.citizen_name.encode("utf-8") == name.encode("utf-8")
