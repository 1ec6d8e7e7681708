"""R5: the central PostgreSQL goes down (``pg_ctl stop -m fast``) behind the running central
service while two counters keep issuing tickets, calling and booking; when it comes back
everything arrives exactly once through the service (DESIGN.md §4.2, §4.7). The test runs
its own cluster, since it stops the server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import func, select

from desk.domain.errors import DatabaseUnavailable
from desk.domain.status import Channel, TicketReason, TicketStatus
from desk.services.appointments.booking import book
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.walkin import tickets as walkin
from desk.store.models import Appointment, AppointmentEvent, Call, Office, OutboxOp, Ticket
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from desk.sync.remote import RemoteLink
from tests.conftest import ThrowawayCluster, _pg_bindir, libpq_conninfo
from tests.service_fixtures import Service, Tls, start_service, stop_service
from tests.sync.conftest import NOW, SERVICE, Central, Replica, add_office, count, slot

OFFICE = "bb-outage"
TICKETS_EACH = 50  # 100 tickets in all
BOOKINGS_EACH = 10  # 20 bookings in all
QUOTA = 2 * TICKETS_EACH  # exactly used up, never exceeded
DAY = NOW.date()
TOMORROW = DAY + timedelta(days=1)


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return NOW.replace(hour=hour, minute=minute, second=second, microsecond=0)


class StoppableCluster(ThrowawayCluster):
    """A private cluster that can be stopped and started again on the same port."""

    def halt(self) -> None:
        done = self._run("pg_ctl", "-D", str(self.datadir), "stop", "-m", "fast", "-w")
        assert done.returncode == 0, done.stdout + done.stderr

    def resume(self) -> None:
        d = str(self.datadir)
        options = f"-p {self.port} -k {d} -c listen_addresses=127.0.0.1"
        done = self._run("pg_ctl", "-D", d, "-l", f"{d}/log", "-w", "-o", options, "start")
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def cluster() -> Iterator[StoppableCluster]:
    bindir = _pg_bindir()
    if bindir is None:
        pytest.fail("no initdb/pg_ctl for a private PostgreSQL cluster", pytrace=False)
    made = StoppableCluster(bindir)
    try:
        made.start()
        yield made
    finally:
        made.stop()


@pytest.fixture
def central(cluster: StoppableCluster) -> Iterator[tuple[DeskDatabase, dict[int, uuid.UUID]]]:
    url = cluster.admin_url.rsplit("/", 1)[0] + "/bd_central"
    with psycopg.connect(libpq_conninfo(cluster.admin_url), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier("bd_central")))
    upgrade_database(url)
    db = open_database(url)
    counters = add_office(db, OFFICE, counters=2, slot_minutes=5)
    with UnitOfWork(db.engine) as uow:
        office = uow.session.get(Office, OFFICE)
        assert office is not None
        office.walk_in_quota = QUOTA
        office.walk_in_from = clock(8)
        office.walk_in_until = clock(9)
        uow.commit()
    yield db, counters
    db.dispose()


@pytest.fixture
def service(
    cluster: StoppableCluster,
    central: tuple[DeskDatabase, dict[int, uuid.UUID]],
    tls: Tls,
    tmp_path: Path,
) -> Iterator[Service]:
    """The central service (training: the test's times) in front of the private cluster."""
    url = cluster.admin_url.rsplit("/", 1)[0] + "/bd_central"
    made = start_service(
        Central(url, central[0], {OFFICE: central[1]}), tls, training=True, log=tmp_path / "s.log"
    )
    yield made
    stop_service(made)


@pytest.fixture
def replicas(service: Service, tmp_path: Path) -> Iterator[tuple[Replica, Replica]]:
    """Counter PCs A (counter 1) and B (counter 2), enrolled with the service."""
    made, links = [], []
    for name, number in (("a", 1), ("b", 2)):
        url = f"sqlite:///{tmp_path / f'{name}.sqlite'}"
        upgrade_database(url)
        db = open_database(url)
        device = service.enroll(OFFICE, counter=number)
        links.append(
            RemoteLink(service.url, device.token, device.id, ca=str(service.ca), send_now=True)
        )
        made.append(Replica(url, db, SyncEngine(db, links[-1])))
    yield made[0], made[1]
    for replica, link in zip(made, links, strict=True):
        link.close()
        replica.db.dispose()


def ticket_rows(db: DeskDatabase) -> dict[uuid.UUID, tuple[int, str]]:
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.execute(
            select(Ticket.id, Ticket.number, Ticket.status).where(Ticket.office_id == OFFICE)
        )
        return {i: (n, s) for i, n, s in rows}


def appointment_ids(db: DeskDatabase) -> set[uuid.UUID]:
    with UnitOfWork(db.engine) as uow:
        return set(
            uow.session.scalars(select(Appointment.id).where(Appointment.office_id == OFFICE))
        )


def test_two_counters_work_through_an_outage_and_everything_arrives_once(
    cluster: StoppableCluster,
    central: tuple[DeskDatabase, dict[int, uuid.UUID]],
    replicas: tuple[Replica, Replica],
):
    central_db, counters = central
    a, b = replicas
    a.engine.sync_once(at(7, 50))
    b.engine.sync_once(at(7, 50, 30))

    cluster.halt()

    tickets: dict[uuid.UUID, int] = {}
    for i in range(TICKETS_EACH):
        for pc, offset in ((a, 0), (b, 15)):
            made = walkin.issue_ticket(
                pc.db, OFFICE, TicketReason.OTHER, at(8, 0, offset) + i * 30 * timedelta(seconds=1)
            )
            tickets[made.id] = made.number
    bookings: list[uuid.UUID] = []
    for i in range(BOOKINGS_EACH):
        for pc, hour in ((a, 8), (b, 9)):  # distinct slots: A books 8:00–8:45, B 9:00–9:45
            start = slot(TOMORROW, hour, 5 * i)
            made = book(
                pc.db,
                OFFICE,
                SERVICE,
                start,
                f"Offline {hour}-{i}",
                at(8, 26),
                channel=Channel.COUNTER,
            )
            bookings.append(made.id)
    called = {
        "a": a.engine.call_next(OFFICE, 1, at(8, 27)),
        "b": b.engine.call_next(OFFICE, 2, at(8, 27, 30)),
    }
    assert len(set(tickets.values())) == 2 * TICKETS_EACH, "ticket numbers collide offline"

    for pc, noticed, when in ((a, at(8, 27), at(8, 30)), (b, at(8, 27, 30), at(8, 30, 30))):
        with pytest.raises(DatabaseUnavailable, match="nicht erreichbar"):
            pc.engine.sync_once(when)
        with pytest.raises(DatabaseUnavailable):
            pc.engine.sync_once(when + timedelta(minutes=5))
        status = pc.engine.status()
        assert status.connected is False
        assert status.offline_since == noticed  # the first failure: the call above
        assert status.waiting == TICKETS_EACH + BOOKINGS_EACH + 1
        assert status.conflicts == 0

    cluster.resume()
    central_db.dispose()  # the test's own connections died with the server

    for pc, when in ((a, at(8, 45)), (b, at(8, 45, 30)), (a, at(8, 46))):
        report = pc.engine.sync_once(when)
        assert report.rejected == 0
        assert report.status.connected is True
        assert report.status.offline_since is None
        assert report.status.waiting == 0
        assert pc.engine.status().offline_since is None

    there = ticket_rows(central_db)
    assert {i: n for i, (n, _s) in there.items()} == tickets
    with UnitOfWork(central_db.engine) as uow:
        s = uow.session
        numbers = s.execute(
            select(Ticket.number, func.count())
            .where(Ticket.office_id == OFFICE)
            .group_by(Ticket.number)
        ).all()
        events = s.scalar(
            select(func.count())
            .select_from(AppointmentEvent)
            .where(AppointmentEvent.appointment_id.in_(bookings))
        )
        calls = s.execute(select(Call.ticket_id, Call.counter_id, Call.offline)).all()
    assert len(numbers) == 2 * TICKETS_EACH and {n for _, n in numbers} == {1}
    assert appointment_ids(central_db) == set(bookings)
    assert count(central_db, Appointment) == 2 * BOOKINGS_EACH
    assert events == 2 * BOOKINGS_EACH
    assert sorted(calls) == sorted(
        [
            (called["a"].id, counters[1], True),
            (called["b"].id, counters[2], True),
        ]
    )
    assert there[called["a"].id][1] == there[called["b"].id][1] == TicketStatus.CALLED
    for pc in (a, b):
        assert count(pc.db, OutboxOp) == 0
        assert ticket_rows(pc.db) == there
        assert appointment_ids(pc.db) == set(bookings)
