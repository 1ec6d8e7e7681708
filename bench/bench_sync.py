"""Benchmark: sync latency with and without NOTIFY (P2), pull cost against central size (P1).

Run: ``.venv/bin/python bench/bench_sync.py``. Uses PostgreSQL on 127.0.0.1:5432 (user
postgres; ``--pg-admin`` for another server), in databases of its own, dropped at the end.

P2 — a counter's replica is kept in step by a ``SyncRunner``; 200 portal bookings commit
centrally one after another, each timed from just before its COMMIT until its row can be
read in the replica's SQLite file:

- ``notify``: the runner as the app runs it, NOTIFY listener on, interval 3600 s (only a
  wake-up can bring the row); target p95 ≤ 100 ms;
- ``poll``: the listener left out (NOTIFY cut), interval 1 s; each booking commits at a
  random phase of the interval. The floor is a ``SELECT 1`` round trip to the central.

P1 — one replica round (``SyncEngine.sync_once``) that brings 10 central changes, from a
central with ``--rows`` appointments (1,000,000; built with INSERT … SELECT
generate_series, with their events and slot holds, through the change-log triggers) and
from one with 1,000; median over ``--runs`` rounds each, and the ratio (target ≤ 1.5).
"""

from __future__ import annotations

import argparse
import logging
import random
import sqlite3
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import psycopg

from desk.domain.localtime import parse_now
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import new_code
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import Appointment, AppointmentEvent, SlotHold
from desk.store.uow import UnitOfWork
from desk.sync import runner as runner_module
from desk.sync.engine import SyncEngine, SyncReport, SyncStatus
from desk.sync.runner import SyncRunner

from support.db import LOCAL_PG_ADMIN_URL, conninfo, scratch_database, select_one, sqlite_file
from support.office import add_office as add_bench_office
from support.office import rolling_policy
from support.stats import median_ms, percentile, verdict

NOW = parse_now("2024-03-20T10:30")
OFFICE = "bb-bench"
SERVICE = "abholung"
COUNTERS = 10
PG_ADMIN_URL = LOCAL_PG_ADMIN_URL
P2_TARGET_MS = 100.0
P1_TARGET_RATIO = 1.5


# ------------------------------------------------------------------ databases


@contextmanager
def replica_of(db: DeskDatabase) -> Iterator[tuple[DeskDatabase, Path, SyncEngine]]:
    """An empty SQLite file made a replica of ``db`` by its first round."""
    with sqlite_file("bd-bench-sync-", "counter.sqlite") as (url, path):
        upgrade_database(url)
        local = open_database(url)
        try:
            engine = SyncEngine(local, db)
            engine.sync_once(NOW)
            yield local, path, engine
        finally:
            local.dispose()


def add_office(db: DeskDatabase) -> list[uuid.UUID]:
    """An office open Monday to Friday 7–19 with 5-minute slots at COUNTERS counters."""
    counters = add_bench_office(
        db,
        OFFICE,
        name="Bürgerbüro Bench",
        counters=COUNTERS,
        services={SERVICE: ("Abholung", 5)},
        weekdays=range(5),
        opens=clock(7),
        closes=clock(19),
        slot_minutes=5,
        policy=rolling_policy(portal_share_percent=100),
    )
    return list(counters.values())


def future_slots(counters: list[uuid.UUID]) -> Iterator[tuple[uuid.UUID, datetime]]:
    """Free (counter, start) pairs on the weekdays after NOW."""
    day = NOW.date() + timedelta(days=1)
    while True:
        if day.weekday() < 5:
            first = NOW.replace(year=day.year, month=day.month, day=day.day, hour=7, minute=0)
            for step in range(12 * 12):
                for counter in counters:
                    yield counter, first + timedelta(minutes=5 * step)
        day += timedelta(days=1)


def commit_booking(db: DeskDatabase, counter_id: uuid.UUID, start: datetime) -> tuple[str, float]:
    """A portal booking in a transaction of its own; (id as stored in SQLite, time just
    before COMMIT)."""
    with UnitOfWork(db.engine) as uow:
        appointment = Appointment(
            id=uuid.uuid4(),
            office_id=OFFICE,
            counter_id=counter_id,
            service_id=SERVICE,
            starts_at=start,
            ends_at=start + timedelta(minutes=5),
            status=AppointmentStatus.BOOKED,
            channel=Channel.PORTAL,
            booking_code=new_code(),
            citizen_name="Bench Bürgerin",
            created_at=NOW,
            updated_at=NOW,
        )
        uow.session.add(appointment)
        uow.session.flush()
        uow.session.add(
            SlotHold(counter_id=counter_id, slot_start=start, appointment_id=appointment.id)
        )
        uow.session.add(
            AppointmentEvent(
                id=uuid.uuid4(),
                appointment_id=appointment.id,
                status=AppointmentStatus.BOOKED,
                at=NOW,
                note="gebucht (portal)",
            )
        )
        uow.session.flush()
        before = time.perf_counter()
        uow.commit()
        return appointment.id.hex, before


# ------------------------------------------------------------------------- P2


class NoListener:
    """Stands in for the NOTIFY listener when NOTIFY is cut."""

    def __init__(self, *_args: Any, **_kwargs: Any) -> None:
        pass

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


def wait_visible(path: Path, row_id: str, timeout: float = 30.0) -> float:
    """Poll the replica's SQLite file (own read connection) until the row is there."""
    deadline = time.perf_counter() + timeout
    with sqlite3.connect(path, timeout=30) as conn:
        while True:
            found = conn.execute("SELECT 1 FROM appointment WHERE id = ?", (row_id,)).fetchone()
            now = time.perf_counter()
            if found:
                return now
            if now > deadline:
                raise TimeoutError(f"booking {row_id} not visible after {timeout} s")
            time.sleep(0.0005)


def latencies(
    central_url: str,
    mode: str,
    bookings: int,
    slots: Iterator[tuple[uuid.UUID, datetime]],
    rng: random.Random,
) -> list[float]:
    """Commit-to-visible times in ms for ``bookings`` central bookings."""
    db = open_database(central_url)
    failures: list[SyncStatus] = []
    first = threading.Event()
    try:
        with replica_of(db) as (local, path, _engine):
            interval = 3600.0 if mode == "notify" else 1.0

            def reported(_report: SyncReport) -> None:
                first.set()

            real = runner_module.NotifyListener
            if mode == "poll":
                runner_module.NotifyListener = NoListener  # type: ignore[assignment,misc]
            runner = SyncRunner(
                local, central_url, lambda: NOW, reported, failures.append, interval
            )
            try:
                runner.start([OFFICE])
                if not first.wait(30):
                    raise RuntimeError("the runner's first round did not finish")
                time.sleep(1.0)  # let the listener connect
                times = []
                for _ in range(bookings):
                    if mode == "poll":
                        time.sleep(rng.uniform(0, interval))
                    row_id, before = commit_booking(db, *next(slots))
                    times.append((wait_visible(path, row_id) - before) * 1000)
                    time.sleep(0.05)
            finally:
                runner.stop()
                runner_module.NotifyListener = real  # type: ignore[misc]
    finally:
        db.dispose()
    if failures:
        raise RuntimeError(f"{len(failures)} rounds failed: {failures[0]}")
    return times


def bench_latency(admin_url: str, bookings: int) -> None:
    print(f"P2: commit → visible in the replica's SQLite, {bookings} central bookings each")
    rng = random.Random(20240320)
    with scratch_database(admin_url, "bd_bench_sync_") as url:
        db = open_database(url)
        slots = future_slots(add_office(db))
        floor = median_ms(lambda: select_one(db), 50)
        db.dispose()
        print(f"  floor: SELECT 1 round trip to central          {floor:8.2f} ms")
        for mode, label in (
            ("notify", "NOTIFY on, interval 3600 s"),
            ("poll", "NOTIFY cut, poll 1 s"),
        ):
            started = time.perf_counter()
            times = latencies(url, mode, bookings, slots, rng)
            p50, p95 = percentile(times, 0.50), percentile(times, 0.95)
            target = ""
            if mode == "notify":
                met = verdict(p95 <= P2_TARGET_MS)
                target = f"  target p95≤{P2_TARGET_MS:.0f}ms: {met}"
            print(
                f"  {label:<28} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  "
                f"max {max(times):8.1f} ms  ({time.perf_counter() - started:.0f} s){target}"
            )


# ------------------------------------------------------------------------- P1

BULK_APPOINTMENTS = """
INSERT INTO appointment (id, office_id, counter_id, service_id, starts_at, ends_at, status,
                         channel, booking_code, citizen_name, created_at, updated_at)
SELECT gen_random_uuid(), %(office)s, (%(counters)s::uuid[])[1 + i %% %(n_counters)s],
       %(service)s, t, t + interval '5 minutes', 'done', 'portal',
       'Z' || lpad(to_hex(i), 7, '0'), 'Bürger ' || i, t - interval '7 days', t
FROM generate_series(0, %(rows)s - 1) AS i,
     LATERAL (SELECT %(base)s::timestamptz
                     - (i / %(n_counters)s) * interval '5 minutes' AS t) AS at_time
"""
BULK_EVENTS = """
INSERT INTO appointment_event (id, appointment_id, status, at, note)
SELECT gen_random_uuid(), id, 'done', ends_at, 'erledigt' FROM appointment
"""
BULK_HOLDS = """
INSERT INTO slot_hold (counter_id, slot_start, appointment_id)
SELECT counter_id, starts_at, id FROM appointment
"""


def fill(url: str, counters: list[uuid.UUID], rows: int) -> float:
    """Bulk-insert ``rows`` past appointments (older than the replicas' 7 days) with an
    event and a hold each, through the triggers; returns seconds taken."""
    started = time.perf_counter()
    base = datetime.combine(NOW.date() - timedelta(days=8), clock(19), NOW.tzinfo)
    with psycopg.connect(conninfo(url), autocommit=False) as conn:
        conn.execute(
            BULK_APPOINTMENTS,
            {
                "office": OFFICE,
                "counters": [str(c) for c in counters],
                "n_counters": len(counters),
                "service": SERVICE,
                "rows": rows,
                "base": base,
            },
        )
        conn.execute(BULK_EVENTS)
        conn.execute(BULK_HOLDS)
        conn.commit()
    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def pull_cost(url: str, counters: list[uuid.UUID], runs: int) -> tuple[float, float, int]:
    """Median and p95 ms of a replica round that brings 10 central bookings; rows pulled."""
    db = open_database(url)
    slots = future_slots(counters)
    try:
        with replica_of(db) as (_local, _path, engine):
            times, pulled = [], 0
            for run in range(runs + 1):
                for _ in range(10):
                    commit_booking(db, *next(slots))
                started = time.perf_counter()
                report = engine.sync_once(NOW)
                took = (time.perf_counter() - started) * 1000
                if run:  # the first round warms up
                    times.append(took)
                    pulled = report.pulled
    finally:
        db.dispose()
    return statistics.median(times), percentile(times, 0.95), pulled


def bench_pull(admin_url: str, rows: int, runs: int) -> None:
    print(f"P1: one replica round bringing 10 central bookings, median of {runs} rounds")
    results = {}
    for size in (1000, rows):
        with scratch_database(admin_url, "bd_bench_sync_") as url:
            db = open_database(url)
            counters = add_office(db)
            floor = median_ms(lambda db=db: select_one(db), 50)
            db.dispose()
            built = fill(url, counters, size)
            with psycopg.connect(conninfo(url)) as conn:
                log_rows = conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
            median, p95, pulled = pull_cost(url, counters, runs)
            results[size] = median
            print(
                f"  {size:>9,} appointments (change_log {log_rows:,} rows,"
                f" built in {built:5.1f} s):"
                f" median {median:7.1f} ms  p95 {p95:7.1f} ms  ({pulled} rows pulled;"
                f" floor SELECT 1 {floor:.2f} ms)"
            )
    ratio = results[rows] / results[1000]
    met = verdict(ratio <= P1_TARGET_RATIO)
    print(f"  ratio {rows:,} / 1,000: {ratio:.2f}  target ≤{P1_TARGET_RATIO}: {met}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pg-admin", default=PG_ADMIN_URL, metavar="URL")
    parser.add_argument("--bookings", type=int, default=200, help="P2 bookings per mode")
    parser.add_argument("--rows", type=int, default=1_000_000, help="P1 large central size")
    parser.add_argument("--runs", type=int, default=20, help="P1 timed rounds per size")
    parser.add_argument("--skip", choices=("p1", "p2"), help="leave one part out")
    args = parser.parse_args(argv)
    logging.getLogger("apscheduler").setLevel(logging.ERROR)  # skipped runs are expected
    if args.skip != "p2":
        bench_latency(args.pg_admin, args.bookings)
    if args.skip != "p1":
        bench_pull(args.pg_admin, args.rows, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
