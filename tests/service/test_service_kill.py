"""R1 on the other side: the central service is killed (SIGKILL) after its push committed
and before the answer left. The counter sees the service gone, keeps its operations, and
when the service is back, the retry is answered from applied_op: nothing is lost, nothing
applied twice (DESIGN.md §4.1). Three kills in ``make test``, forty in ``make soak``."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk.domain.errors import DatabaseUnavailable
from desk.services.database import open_database, upgrade_database
from desk.store.models import AppliedOp, Appointment, AppointmentEvent, OutboxOp, SyncConflict
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from desk.sync.faults import SERVICE_KILL_AT
from desk.sync.remote import RemoteLink
from tests.service_fixtures import Service, Tls, free_port, start_service, stop_service
from tests.sync.conftest import NOW, Central, count, insert_local_bookings, slot

OFFICE = "bb-dienst-kill"
KILLS = 3
SOAK_KILLS = 40


def starts(central: Central) -> Iterator[tuple[uuid.UUID, datetime]]:
    """Fresh (counter, start) pairs on the weekdays after NOW."""
    day = NOW.date() + timedelta(days=1)
    while True:
        if day.weekday() < 5:
            for step in range(12 * 12):
                for number in (1, 2, 3):
                    yield (
                        central.counters[OFFICE][number],
                        slot(day, 7) + timedelta(minutes=5 * step),
                    )
        day += timedelta(days=1)


def run(central: Central, tls: Tls, folder: Path, kills: int) -> None:
    port, log = free_port(), folder / "serve.log"
    service: Service | None = start_service(central, tls, training=True, log=log, port=port)
    assert service is not None
    dying: Service | None = None
    try:  # a failure anywhere below leaves no service process behind
        device = service.enroll(OFFICE)
    except BaseException:
        stop_service(service)
        raise
    url = f"sqlite:///{folder / 'local.sqlite'}"
    upgrade_database(url)
    local = open_database(url)
    link = RemoteLink(service.url, device.token, device.id, ca=str(service.ca), send_now=True)
    engine = SyncEngine(local, link)
    made: list[uuid.UUID] = []
    slots = starts(central)
    try:
        engine.sync_once(NOW)
        for i in range(kills):
            stop_service(service)
            service = None
            dying = start_service(
                central,
                tls,
                training=True,
                log=log,
                port=port,
                env={SERVICE_KILL_AT: "after_commit"},
            )
            new = insert_local_bookings(
                local, OFFICE, [(*next(slots), f"Dienst-Kill {i}.{j}") for j in range(1 + i % 3)]
            )
            made += new
            with pytest.raises(DatabaseUnavailable):
                engine.sync_once(NOW)
            assert dying.process.wait(15) == -9, f"kill {i}: the service did not die at its point"
            stop_service(dying)
            dying = None
            assert count(local, OutboxOp) == len(new), f"kill {i}: the counter lost its queue"
            assert count(central.db, Appointment, Appointment.id.in_(new)) == len(new), (
                f"kill {i}: the batch was not committed before the kill"
            )
            service = start_service(central, tls, training=True, log=log, port=port)
            report = engine.sync_once(NOW)
            assert (report.pushed, report.rejected, report.status.waiting) == (len(new), 0, 0)
    finally:
        link.close()
        local.dispose()
        for left in (service, dying):
            if left is not None:
                stop_service(left)
    assert count(local, SyncConflict) == 0
    with UnitOfWork(central.db.engine) as uow:
        s = uow.session
        rows = s.scalar(
            select(func.count()).select_from(Appointment).where(Appointment.id.in_(made))
        )
        events = s.scalar(
            select(func.count())
            .select_from(AppointmentEvent)
            .where(AppointmentEvent.appointment_id.in_(made))
        )
        applied = s.scalar(select(func.count()).select_from(AppliedOp))
    assert rows == events == applied == len(made)  # each once, nothing twice


@pytest.fixture
def central(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: 3}, opens=clock(7), closes=clock(19), slot_minutes=5)


def test_a_service_killed_after_commit_loses_nothing_and_applies_nothing_twice(
    central: Central, tls: Tls, tmp_path: Path
) -> None:
    run(central, tls, tmp_path, KILLS)


@pytest.mark.soak
def test_forty_service_kills_lose_nothing(central: Central, tls: Tls, tmp_path: Path) -> None:
    run(central, tls, tmp_path, SOAK_KILLS)
