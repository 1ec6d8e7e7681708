"""R2 lost ack, for real: the server connection is terminated right after COMMIT
(``pg_terminate_backend``) 100 times (500 in ``make soak``), and nothing is duplicated.

The replica's engine reaches the central database through ``PgProxy``, which withholds
the CommandComplete of the push's COMMIT, terminates that backend and drops the client
connection: the central database holds the batch, the counter PC still has it queued.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from datetime import time as clock

import psycopg
import pytest
from sqlalchemy import select, text

from desk.domain.errors import DatabaseUnavailable
from desk.domain.status import TicketReason
from desk.services.appointments.booking import cancel
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.walkin import tickets as walkin
from desk.store.models import (
    AppliedOp,
    Appointment,
    AppointmentEvent,
    Call,
    Office,
    OutboxOp,
    SlotHold,
    SyncConflict,
    Ticket,
)
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from tests.conftest import libpq_conninfo
from tests.sync.conftest import NOW, Central, Replica, count, insert_local_bookings, slot
from tests.sync.pgproxy import ALIVE, PgProxy

OFFICE = "bb-term"
COUNTERS = 4
RUNS = 100
SOAK_RUNS = 500
BOOKINGS = 2  # per run, plus the cancellation of one booking of the run before
TICKET_EVERY = 10  # runs; a PC's number block holds 100 tickets a day

State = dict[str, Counter[tuple[object, ...]]]


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    made = central_factory({OFFICE: COUNTERS}, opens=clock(7), closes=clock(19), slot_minutes=5)
    with UnitOfWork(made.db.engine) as uow:
        office = uow.session.get(Office, OFFICE)
        assert office is not None
        office.walk_in_quota = 1000
        office.walk_in_from = clock(7)
        office.walk_in_until = clock(19)
        uow.commit()
    return made


@pytest.fixture(scope="module")
def proxy(central: Central, pg_admin_url: str) -> Iterator[PgProxy]:
    with PgProxy.to(central.url, libpq_conninfo(pg_admin_url)) as made:
        yield made


@pytest.fixture(scope="module")
def replica(
    central: Central, proxy: PgProxy, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Replica]:
    """A counter PC whose engine reaches the central database only through the proxy."""
    url = f"sqlite:///{tmp_path_factory.mktemp('replica') / 'local.sqlite'}"
    upgrade_database(url)
    local = open_database(url)
    through_proxy = open_database(proxy.url(central.url))
    try:
        made = Replica(url, local, SyncEngine(local, through_proxy))
        cuts = proxy.cuts
        made.engine.sync_once(NOW)  # the initial copy, unarmed
        assert proxy.cuts == cuts
        yield made
    finally:
        through_proxy.dispose()
        local.dispose()


@pytest.fixture(scope="module")
def free_slots(central: Central) -> Iterator[tuple[uuid.UUID, datetime]]:
    """Fresh (counter, start) pairs on the weekdays from the day after tomorrow on."""

    def generate() -> Iterator[tuple[uuid.UUID, datetime]]:
        day = NOW.date() + timedelta(days=2)
        while True:
            if day.weekday() < 5:
                for number in range(1, COUNTERS + 1):
                    for step in range(12 * 12):
                        start = slot(day, 7) + timedelta(minutes=5 * step)
                        yield central.counters[OFFICE][number], start
            day += timedelta(days=1)

    return generate()


def queued(db: DeskDatabase) -> list[uuid.UUID]:
    """Op ids waiting in the outbox, oldest first."""
    with UnitOfWork(db.engine) as uow:
        return list(uow.session.scalars(select(OutboxOp.op_id).order_by(OutboxOp.seq)))


def code_of(db: DeskDatabase, appointment_id: uuid.UUID) -> str:
    with UnitOfWork(db.engine) as uow:
        code = uow.session.scalar(
            select(Appointment.booking_code).where(Appointment.id == appointment_id)
        )
    assert code is not None
    return code


#: Per table, how many leading columns of ``state`` make a natural key (one row each).
KEYS = {"appointment": 1, "slot_hold": 2, "appointment_event": 2, "ticket": 2, "call": 1}


def state(db: DeskDatabase) -> State:
    """The office's rows as multisets (a duplicated row counts twice); the leading
    columns are a natural key: an appointment's id, a hold's counter and slot, an
    event's appointment and status, a ticket's day and number, a call's ticket."""
    mine = select(Appointment.id).where(Appointment.office_id == OFFICE)
    queries = {
        "appointment": select(Appointment.id, Appointment.status, Appointment.booking_code).where(
            Appointment.office_id == OFFICE
        ),
        "slot_hold": select(
            SlotHold.counter_id, SlotHold.slot_start, SlotHold.appointment_id
        ).where(SlotHold.appointment_id.in_(mine)),
        "appointment_event": select(AppointmentEvent.appointment_id, AppointmentEvent.status).where(
            AppointmentEvent.appointment_id.in_(mine)
        ),
        "ticket": select(Ticket.service_day, Ticket.number, Ticket.id, Ticket.status).where(
            Ticket.office_id == OFFICE
        ),
        "call": select(Call.ticket_id, Call.id).where(Call.office_id == OFFICE),
    }
    with UnitOfWork(db.engine) as uow:
        return {
            name: Counter(tuple(row) for row in uow.session.execute(query))
            for name, query in queries.items()
        }


def assert_once_and_alike(central: Central, replica: Replica, booked: uuid.UUID, run: int) -> None:
    """Central and local hold the same rows (``booked`` among them), none twice,
    and no conflict arose."""
    assert count(replica.db, SyncConflict) == 0, f"run {run}"
    there, here = state(central.db), state(replica.db)
    assert booked in {row[0] for row in there["appointment"]}, f"run {run}"
    for name, rows in there.items():
        assert rows == here[name], f"run {run}: {name} differs"
        keys = Counter(row[: KEYS[name]] for row in rows.elements())
        assert set(keys.values()) <= {1}, f"run {run}: {name} duplicated"


def make_local_work(
    replica: Replica,
    free_slots: Iterator[tuple[uuid.UUID, datetime]],
    run: int,
    last: uuid.UUID | None,
) -> uuid.UUID:
    """Bookings, a cancellation and now and then a walk-in ticket and its call, all
    queued in the replica's outbox; returns a booking for the next run to cancel."""
    wanted = [(*next(free_slots), f"Abbruch {run} Nr. {i}") for i in range(BOOKINGS)]
    booked = insert_local_bookings(replica.db, OFFICE, wanted)
    if last is not None:
        cancel(replica.db, code_of(replica.db, last), NOW)
    if run % TICKET_EVERY == 0:
        walkin.issue_ticket(replica.db, OFFICE, TicketReason.OTHER, NOW)
        walkin.call_next(replica.db, OFFICE, 1, NOW)
    return booked[0]


def lose_acks(central: Central, replica: Replica, proxy: PgProxy, free_slots, runs: int) -> None:
    all_ops: list[uuid.UUID] = []
    last: uuid.UUID | None = None
    for run in range(runs):
        last = make_local_work(replica, free_slots, run, last)
        ops = queued(replica.db)
        assert ops and not set(ops) & set(all_ops), f"run {run}"
        applied_before = count(central.db, AppliedOp)
        cuts = proxy.cuts

        proxy.arm()
        try:
            with pytest.raises(DatabaseUnavailable):
                replica.engine.sync_once(NOW)
        finally:
            proxy.disarm()

        assert proxy.cuts == cuts + 1, f"run {run}: no COMMIT was cut"
        assert proxy.terminated[-1][1], f"run {run}: backend not terminated"
        assert queued(replica.db) == ops, f"run {run}: the ack was not lost"
        assert count(central.db, AppliedOp) == applied_before + len(ops), f"run {run}"
        assert count(central.db, AppliedOp, AppliedOp.op_id.in_(ops)) == len(ops), f"run {run}"

        report = replica.engine.sync_once(NOW)  # the retry, answered from applied_op

        assert (report.pushed, report.rejected) == (len(ops), 0), f"run {run}"
        assert report.status.connected and report.status.waiting == 0, f"run {run}"
        assert count(central.db, AppliedOp) == applied_before + len(ops), f"run {run}"
        assert_once_and_alike(central, replica, last, run)
        all_ops += ops

    assert count(central.db, AppliedOp, AppliedOp.op_id.in_(all_ops)) == len(all_ops)
    assert proxy.cuts >= runs and not proxy.errors
    with UnitOfWork(replica.db.engine) as uow:
        assert uow.session.scalar(text("PRAGMA integrity_check")) == "ok"


def test_the_proxy_passes_long_messages_and_cuts_a_commit_only_when_armed(
    central: Central, proxy: PgProxy
):
    big = "x" * 300_000  # each row spans several recv() calls
    with psycopg.connect(libpq_conninfo(proxy.url(central.url))) as conn:
        pid = conn.info.backend_pid
        rows = conn.execute("SELECT %s::text, g FROM generate_series(1, 3) g", (big,))
        assert rows.fetchall() == [(big, 1), (big, 2), (big, 3)]
        conn.execute("CREATE TABLE proxy_probe (n int)")
        conn.commit()  # unarmed: acknowledged
        conn.execute("INSERT INTO proxy_probe VALUES (1)")
        proxy.arm()
        with pytest.raises(psycopg.OperationalError):
            conn.commit()
        assert conn.closed
    assert pid in proxy.pids and proxy.terminated[-1] == (pid, True)
    with psycopg.connect(central.conninfo, autocommit=True) as admin:
        assert admin.execute("SELECT n FROM proxy_probe").fetchall() == [(1,)]  # committed
        assert admin.execute(ALIVE, (pid,)).fetchall() == []
        admin.execute("DROP TABLE proxy_probe")


def test_commit_acks_lost_to_terminated_backends(
    central: Central, replica: Replica, proxy: PgProxy, free_slots
):
    lose_acks(central, replica, proxy, free_slots, RUNS)


@pytest.mark.soak
def test_commit_acks_lost_to_terminated_backends_soak(
    central: Central, replica: Replica, proxy: PgProxy, free_slots
):
    lose_acks(central, replica, proxy, free_slots, SOAK_RUNS)
