"""R7 / DESIGN.md §4.3: the download cursor never skips a change, also when central
transactions commit out of order, and a pull costs in proportion to the changes. The
replica pulls through the central service (a real process over HTTPS), as a counter does."""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import select

from desk.domain.status import Channel
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import Appointment
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from desk.sync.remote import RemoteLink
from tests.service_fixtures import Service
from tests.sync.conftest import NOW, Central, Replica, book_at, slot

OFFICE = "bb-cur"
DAY = NOW.date() + timedelta(days=1)
SEEDED = 12
TRANSACTIONS = 5
MAX_RUNS = 1000
BUDGET_SECONDS = 30.0
UPDATE = "UPDATE appointment SET notes = %s WHERE id = %s"


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: 1})


@pytest.fixture(scope="module")
def ids(central: Central) -> list[uuid.UUID]:
    return [
        book_at(
            central.db,
            OFFICE,
            slot(DAY, 8) + timedelta(minutes=15 * i),
            f"Bürger {i}",
            Channel.PORTAL,
        ).id
        for i in range(SEEDED)
    ]


@pytest.fixture(scope="module")
def replica(
    central: Central,
    ids: list[uuid.UUID],
    service_factory: Callable[..., Service],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Replica]:
    """A counter PC of the office, enrolled with a training service, its first copy made."""
    service = service_factory(central)
    device = service.enroll(OFFICE)
    url = f"sqlite:///{tmp_path_factory.mktemp('cursor') / 'local.sqlite'}"
    upgrade_database(url)
    db = open_database(url)
    link = RemoteLink(service.url, device.token, device.id, ca=str(service.ca), send_now=True)
    made = Replica(url, db, SyncEngine(db, link))
    made.engine.sync_once(NOW)
    yield made
    link.close()
    db.dispose()


@pytest.fixture
def connect(central: Central) -> Iterator[Callable[[], psycopg.Connection]]:
    """Raw connections to the central database (not autocommit), closed afterwards."""
    opened: list[psycopg.Connection] = []

    def open_one() -> psycopg.Connection:
        conn = psycopg.connect(central.conninfo)
        opened.append(conn)
        return conn

    yield open_one
    for conn in opened:
        if not conn.closed:
            conn.close()  # rolls back what is still open


def notes(db: DeskDatabase, wanted: list[uuid.UUID]) -> dict[uuid.UUID, str | None]:
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.execute(
            select(Appointment.id, Appointment.notes).where(Appointment.id.in_(wanted))
        )
        return {i: n for i, n in rows}


def test_seeded_appointments_are_in_the_replica(replica: Replica, ids: list[uuid.UUID]):
    assert notes(replica.db, ids) == {i: None for i in ids}


def test_a_sync_without_changes_pulls_nothing(
    central: Central, replica: Replica, ids: list[uuid.UUID], connect
):
    replica.engine.sync_once(NOW)
    assert [replica.engine.sync_once(NOW).pulled for _ in range(3)] == [0, 0, 0]

    with connect() as conn:
        for i, appointment in enumerate(ids[:7]):
            conn.execute(UPDATE, (f"Änderung {i}", appointment))
    assert replica.engine.sync_once(NOW).pulled == 7
    assert replica.engine.sync_once(NOW).pulled == 0

    # a long-running, unrelated writer holds the snapshot's xmin back: still 0
    idle = connect()
    idle.execute(UPDATE, ("lange offen", ids[-1]))
    assert [replica.engine.sync_once(NOW).pulled for _ in range(3)] == [0, 0, 0]
    with connect() as conn:
        conn.execute(UPDATE, ("daneben", ids[0]))
    assert replica.engine.sync_once(NOW).pulled == 1
    assert replica.engine.sync_once(NOW).pulled == 0
    idle.rollback()
    assert replica.engine.sync_once(NOW).pulled == 0
    assert notes(replica.db, [ids[-1]]) == {ids[-1]: None}


def test_a_transaction_committing_after_a_later_one_is_not_skipped(
    replica: Replica, ids: list[uuid.UUID], connect
):
    x, y = ids[0], ids[1]
    before = notes(replica.db, [x])[x]
    t1, t2 = connect(), connect()
    t1.execute(UPDATE, ("aus T1", x))  # T1 starts first (lower xid), stays open
    t2.execute(UPDATE, ("aus T2", y))
    t2.commit()

    report = replica.engine.sync_once(NOW)

    assert report.pulled == 1
    assert notes(replica.db, [x, y]) == {x: before, y: "aus T2"}

    t1.commit()
    report = replica.engine.sync_once(NOW)

    assert report.pulled == 1
    assert notes(replica.db, [x, y]) == {x: "aus T1", y: "aus T2"}
    assert replica.engine.sync_once(NOW).pulled == 0


def test_randomised_commit_orders_never_lose_a_change(
    replica: Replica, ids: list[uuid.UUID], connect
):
    """As many randomised interleavings as fit the budget (at least 50)."""
    runs = randomised_runs(replica, ids, connect, MAX_RUNS, BUDGET_SECONDS)
    assert runs >= 50


@pytest.mark.soak
def test_a_thousand_randomised_commit_orders_never_lose_a_change(
    replica: Replica, ids: list[uuid.UUID], connect
):
    """R7 in full: 1,000 randomised interleavings, no time budget (``make soak``)."""
    assert randomised_runs(replica, ids, connect, MAX_RUNS, None) == MAX_RUNS


def randomised_runs(
    replica: Replica,
    ids: list[uuid.UUID],
    connect: Callable[[], psycopg.Connection],
    max_runs: int,
    budget: float | None,
) -> int:
    """Interleave writes, commits, rollbacks and syncs at random; after every sync the
    replica holds exactly the committed values. Returns the number of runs done."""
    seed = int(os.environ.get("BD_SYNC_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    targets = ids[2 : 2 + TRANSACTIONS]
    conns = [connect() for _ in targets]
    replica.engine.sync_once(NOW)
    committed = notes(replica.db, targets)
    started = time.perf_counter()
    runs = syncs = 0
    while runs < max_runs and (budget is None or time.perf_counter() - started < budget):
        value = {t: f"lauf {runs} / {n}" for n, t in enumerate(targets)}
        to_write = list(range(TRANSACTIONS))
        open_: list[int] = []
        steps: list[str] = []
        while to_write or open_:
            moves = [("write", n) for n in to_write] + [("end", n) for n in open_]
            if rng.random() < 0.35:
                moves = [("sync", -1)]
            move, n = rng.choice(moves)
            steps.append(f"{move}{n if n >= 0 else ''}")
            if move == "write":
                conns[n].execute(UPDATE, (value[targets[n]], targets[n]))
                to_write.remove(n)
                open_.append(n)
            elif move == "end":
                open_.remove(n)
                if rng.random() < 0.2:
                    conns[n].rollback()
                    steps[-1] = f"rollback{n}"
                else:
                    conns[n].commit()
                    committed[targets[n]] = value[targets[n]]
            else:
                replica.engine.sync_once(NOW)
                syncs += 1
                assert notes(replica.db, targets) == committed, (seed, runs, steps)
        replica.engine.sync_once(NOW)
        syncs += 1
        assert notes(replica.db, targets) == committed, (seed, runs, steps)
        runs += 1
    elapsed = time.perf_counter() - started
    print(f"\ncursor: {runs} randomised runs, {syncs} syncs in {elapsed:.1f} s (seed {seed})")
    for conn in conns:
        conn.rollback()
    return runs
