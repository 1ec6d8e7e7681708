"""Benchmark P2 through the central service: a portal booking → visible in a counter's
SQLite replica. Target: p95 ≤ 100 ms.

Run: ``.venv/bin/python bench/bench_service_p2.py``. Uses PostgreSQL on 127.0.0.1:5432
(user postgres), or the admin URL in ``BUERGERDESK_TEST_PG``, or ``--pg-admin``, in a
database of its own, migrated here and dropped at the end.

``buergerdesk serve`` runs as a process with TLS (a CA of our own) on the real clock, over
one office (10 counters, open every day 7–19 in 5-minute slots, rolling 14-day window,
all of it bookable online). A portal device and a counter device are enrolled through
the service. The counter is set up as a PC's sync runs it: a ``SyncEngine`` over a
``RemoteLink`` with an empty SQLite replica (first copy before timing), and an
``EventStream`` whose wake-up (``hello``/``change``) lets a small thread loop run
``sync_once``. No periodic poll: only a push can bring a booking.

``--bookings`` portal bookings (``POST /v1/portal/bookings``, one at a time, 30–80 ms
apart, each on a start the portal offered), each timed from just before the POST until
a thread that polls the replica's SQLite every 2 ms (its own connection) sees the row
(by the citizen's name, known before the POST). Also reported: the POST's own round
trip, the first wake-up of the stream after the POST, and the sync rounds.

Floors in the same run:

- ``direct + LISTEN``: the same booking's rows (appointment, slot hold, event) written
  straight into PostgreSQL on a raw psycopg connection, timed from just before the
  first INSERT until a raw LISTEN connection has the notification;
- ``GET /health``: the service's bare round trip (one small query);
- for the breakdown, ``book() in process + LISTEN``: the service's booking function
  without HTTP, to the notification.

Exits 1 only if a booking was refused or never became visible.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import httpx
import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from desk.domain.localtime import now_local
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import book, new_code
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.sync.engine import SyncEngine
from desk.sync.remote import EventStream, RemoteLink

from support.db import PG_ADMIN_URL, conninfo, scratch_database
from support.office import add_office, rolling_policy
from support.service import (
    Device,
    Process,
    Tls,
    bench_conninfo,
    enroll,
    line,
    load,
    pct,
    served,
    tls_files,
    verdict,
)

OFFICE = "bb-p2"
SERVICE = "abholung"
COUNTERS = 10
TARGET_P95_MS = 100.0
POLL_SECONDS = 0.002
VISIBLE_TIMEOUT = 10.0


# ------------------------------------------------------------------ setting up


def add_p2_office(db: DeskDatabase) -> dict[int, uuid.UUID]:
    """COUNTERS counters open every day 7–19 in 5-minute slots, all bookable online."""
    return add_office(
        db,
        OFFICE,
        name="Bürgerbüro P2",
        counters=COUNTERS,
        services={SERVICE: ("Abholung", 5)},
        weekdays=range(7),
        opens=clock(7),
        closes=clock(19),
        slot_minutes=5,
        policy=rolling_policy(portal_share_percent=100),
    )


def offered_starts(service: Process, tls: Tls, portal: Device) -> list[str]:
    """The starts the portal offers now, from an hour ahead (ISO texts, as sent)."""
    with httpx.Client(base_url=service.url, verify=tls.context(), timeout=30) as http:
        response = http.get("/v1/portal/slots", params={"service": SERVICE}, headers=portal.headers)
    response.raise_for_status()
    soon = now_local() + timedelta(hours=1)
    return [s["start"] for s in response.json() if datetime.fromisoformat(s["start"]) > soon]


# ------------------------------------------------------------------ the counter


class Poller(threading.Thread):
    """Polls the replica's SQLite file every 2 ms for the watched citizen's name."""

    def __init__(self, path: Path) -> None:
        super().__init__(name="sqlite-poller", daemon=True)
        self._path = path
        self._lock = threading.Lock()
        self._target: str | None = None
        self.found_at = 0.0
        self.found = threading.Event()
        self._stop_event = threading.Event()

    def watch(self, name: str) -> None:
        with self._lock:
            self._target = name
            self.found.clear()

    def stop(self) -> None:
        self._stop_event.set()

    def run(self) -> None:
        with sqlite3.connect(self._path, timeout=30) as conn:
            while not self._stop_event.is_set():
                with self._lock:
                    target = self._target
                if target is not None:
                    row = conn.execute(
                        "SELECT 1 FROM appointment WHERE citizen_name = ?", (target,)
                    ).fetchone()
                    if row:
                        at = time.perf_counter()
                        with self._lock:
                            if self._target == target:
                                self.found_at, self._target = at, None
                                self.found.set()
                time.sleep(POLL_SECONDS)


@dataclass
class Counter:
    """A counter PC's sync: engine, push stream, the loop that runs a round per wake-up."""

    engine: SyncEngine
    stream: EventStream | None = None
    wake: threading.Event = field(default_factory=threading.Event)
    wakes: list[float] = field(default_factory=list)
    rounds: list[tuple[float, float]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def woken(self) -> None:
        self.wakes.append(time.perf_counter())
        self.wake.set()

    def loop(self) -> None:
        while not self.stop.is_set():
            if not self.wake.wait(0.5):
                continue
            self.wake.clear()
            began = time.perf_counter()
            try:
                self.engine.sync_once(now_local(), woken=True)
            except Exception as err:
                self.failures.append(repr(err))
            self.rounds.append((began, time.perf_counter()))


def start_counter(service: Process, tls: Tls, device: Device, url: str) -> Counter:
    """An empty replica, its first copy through the service, then stream and loop."""
    upgrade_database(url)
    link = RemoteLink(service.url, device.token, device.id, ca=str(tls.ca))
    engine = SyncEngine(open_database(url), link)
    engine.sync_once(now_local())
    counter = Counter(engine)
    stream = counter.stream = EventStream(service.url, device.token, counter.woken, ca=str(tls.ca))
    counter.thread = threading.Thread(target=counter.loop, name="sync-loop", daemon=True)
    counter.thread.start()
    stream.start()
    if not stream.connected.wait(10):
        raise RuntimeError("the counter's push stream did not connect")
    return counter


def stop_counter(counter: Counter) -> None:
    if counter.stream is not None:
        counter.stream.stop()
    counter.stop.set()
    if counter.thread is not None:
        counter.thread.join(10)
    counter.engine.link.close()
    counter.engine.local.dispose()


# ------------------------------------------------------------------ the measurement


@dataclass
class Timings:
    """Per booking, ms from just before the POST."""

    visible: list[float] = field(default_factory=list)
    answered: list[float] = field(default_factory=list)
    woken: list[float] = field(default_factory=list)
    rounds: list[float] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    lost: int = 0


def through_service(
    service: Process,
    tls: Tls,
    portal: Device,
    counter: Counter,
    poller: Poller,
    starts: list[str],
    rng: random.Random,
) -> Timings:
    """One portal booking per start, one at a time; POST → row in the replica."""
    timings = Timings()
    with httpx.Client(
        base_url=service.url, verify=tls.context(), timeout=30, headers=portal.headers
    ) as http:
        http.get("/v1/portal/slots", params={"service": SERVICE})  # the connection is open
        for i, start in enumerate(starts):
            name = f"Bench Bürgerin P2-{i:03d}"
            poller.watch(name)
            time.sleep(0.005)  # the poller is watching
            began = time.perf_counter()
            response = http.post(
                "/v1/portal/bookings", json={"service": SERVICE, "start": start, "name": name}
            )
            answered = time.perf_counter()
            if response.status_code != 200:
                timings.refused.append(f"{response.status_code} {response.text[:120]}")
                poller.watch("")
                continue
            if not poller.found.wait(VISIBLE_TIMEOUT):
                timings.lost += 1
                continue
            timings.visible.append((poller.found_at - began) * 1000)
            timings.answered.append((answered - began) * 1000)
            woken = [w for w in counter.wakes if w >= began]
            if woken:
                timings.woken.append((woken[0] - began) * 1000)
            time.sleep(rng.uniform(0.03, 0.08))
    timings.rounds = [(end - began) * 1000 for began, end in counter.rounds]
    timings.failures = list(counter.failures)
    return timings


def direct_with_listen(
    url: str, counters: dict[int, uuid.UUID], starts: list[datetime], runs: int
) -> list[float]:
    """The floor: the booking's rows straight into PostgreSQL (raw psycopg, one
    transaction), ms from just before the first INSERT to the LISTEN notification."""
    info = bench_conninfo(conninfo(url))
    counter_id = counters[COUNTERS]
    times = []
    with (
        psycopg.connect(info, autocommit=True) as listen,
        psycopg.connect(info) as writer,
    ):
        listen.execute(sql.SQL("LISTEN {}").format(sql.Identifier(f"bd_{OFFICE}")))
        for start in starts[:runs]:
            now = now_local()
            appointment_id = uuid.uuid4()
            began = time.perf_counter()
            with writer.transaction():
                writer.execute(
                    "INSERT INTO appointment (id, office_id, counter_id, service_id, starts_at,"
                    " ends_at, status, channel, booking_code, citizen_name, created_at,"
                    " updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    (
                        appointment_id,
                        OFFICE,
                        counter_id,
                        SERVICE,
                        start,
                        start + timedelta(minutes=5),
                        AppointmentStatus.BOOKED.value,
                        Channel.PORTAL.value,
                        new_code(),
                        "Bench Bürgerin direkt",
                        now,
                        now,
                    ),
                )
                writer.execute(
                    "INSERT INTO slot_hold (counter_id, slot_start, appointment_id)"
                    " VALUES (%s, %s, %s)",
                    (counter_id, start, appointment_id),
                )
                writer.execute(
                    "INSERT INTO appointment_event (id, appointment_id, status, at, note)"
                    " VALUES (%s, %s, %s, %s, %s)",
                    (uuid.uuid4(), appointment_id, AppointmentStatus.BOOKED.value, now, "gebucht"),
                )
            times.append(first_notification(listen, began))
    return times


def in_process_with_listen(url: str, starts: list[str], runs: int) -> list[float]:
    """The service's ``book()`` without HTTP: ms from the call to the notification."""
    info = bench_conninfo(conninfo(url))
    db = open_database(url)
    times = []
    try:
        book(db, OFFICE, SERVICE, datetime.fromisoformat(starts[0]), "Warm-up", now_local())
        with psycopg.connect(info, autocommit=True) as listen:
            listen.execute(sql.SQL("LISTEN {}").format(sql.Identifier(f"bd_{OFFICE}")))
            for start in starts[1 : runs + 1]:
                began = time.perf_counter()
                book(
                    db,
                    OFFICE,
                    SERVICE,
                    datetime.fromisoformat(start),
                    "Bench Bürgerin im Prozess",
                    now_local(),
                    channel=Channel.PORTAL,
                )
                times.append(first_notification(listen, began))
    finally:
        db.dispose()
    return times


def first_notification(listen: psycopg.Connection[Any], began: float) -> float:
    """ms from ``began`` to the first notification; the rest of the burst is drained."""
    got = None
    for _ in listen.notifies(timeout=5.0, stop_after=1):
        got = time.perf_counter()
    if got is None:
        raise RuntimeError("no notification within 5 s")
    for _ in listen.notifies(timeout=0.03):
        pass
    return (got - began) * 1000


def health(service: Process, tls: Tls, runs: int) -> list[float]:
    """The service's bare ``GET /health`` round trip on a kept-alive connection."""
    times = []
    with httpx.Client(base_url=service.url, verify=tls.context(), timeout=30) as http:
        for _ in range(5):
            http.get("/health")
        for _ in range(runs):
            began = time.perf_counter()
            http.get("/health").raise_for_status()
            times.append((time.perf_counter() - began) * 1000)
    return times


# ------------------------------------------------------------------ report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pg-admin", default=PG_ADMIN_URL, metavar="URL")
    parser.add_argument("--bookings", type=int, default=80, help="bookings through the service")
    parser.add_argument("--floor-runs", type=int, default=50, help="runs of each floor")
    parser.add_argument("--plain", action="store_true", help="http instead of TLS")
    args = parser.parse_args(argv)
    rng = random.Random(20240320)
    began = time.perf_counter()
    print(
        f"P2 (service): portal booking through the service → row in a counter's SQLite"
        f" replica, {args.bookings} bookings one at a time; {load()}"
    )
    with (
        tls_files(args.plain) as tls,
        scratch_database(args.pg_admin, "bd_bench_") as url,
        tempfile.TemporaryDirectory(prefix="bd-bench-p2-") as folder,
    ):
        db = open_database(url)
        try:
            counters = add_p2_office(db)
            with served(url, tls) as service:
                portal = enroll(db, service, tls, OFFICE, "portal")
                device = enroll(db, service, tls, OFFICE, "counter")
                starts = offered_starts(service, tls, portal)
                wanted = args.bookings + args.floor_runs + 1
                if len(starts) < wanted + args.floor_runs:
                    raise RuntimeError(f"only {len(starts)} starts offered")
                replica = Path(folder) / "counter.sqlite"
                counter = start_counter(service, tls, device, f"sqlite:///{replica}")
                poller = Poller(replica)
                poller.start()
                try:
                    time.sleep(0.5)  # the hello round is done
                    timings = through_service(
                        service, tls, portal, counter, poller, starts[: args.bookings], rng
                    )
                finally:
                    poller.stop()
                    stop_counter(counter)
                floor_health = health(service, tls, args.floor_runs)
                tail = [datetime.fromisoformat(s) for s in starts[-args.floor_runs :]]
                floor_direct = direct_with_listen(url, counters, tail, args.floor_runs)
                in_process = in_process_with_listen(
                    url, starts[args.bookings : wanted], args.floor_runs
                )
                log_tail = service.tail(5)
        finally:
            db.dispose()
    took = time.perf_counter() - began

    database = make_url(url).database
    how = "plain http" if args.plain else "TLS"
    print(f"  database {database} (dropped), service with {how} on 127.0.0.1, real clock")
    print(line("floor: direct INSERTs + LISTEN → notification", floor_direct))
    print(line("floor: GET /health round trip", floor_health))
    print(line("book() in process + LISTEN → notification", in_process))
    print(line("POST /v1/portal/bookings answered", timings.answered))
    print(line("POST → push stream woken (hello/change)", timings.woken))
    print(line("sync_once round through the service", timings.rounds))
    print(line("POST → row in the replica's SQLite", timings.visible))
    p95 = pct(timings.visible, 0.95)
    for label, floor in (
        ("direct + LISTEN", floor_direct),
        ("GET /health", floor_health),
    ):
        f50, f95 = pct(floor, 0.50), pct(floor, 0.95)
        print(
            f"  ratio to floor {label:<16} p50 {pct(timings.visible, 0.5) / f50:6.1f}×"
            f"  p95 {p95 / f95:6.1f}×"
        )
    print(
        f"  bookings: {len(timings.visible)} visible, {len(timings.refused)} refused,"
        f" {timings.lost} never visible within {VISIBLE_TIMEOUT:.0f} s;"
        f" {len(timings.rounds)} sync rounds"
    )
    if timings.refused:
        print(f"  first refusal: {timings.refused[0]}")
    if timings.failures:
        print(f"  {len(timings.failures)} sync rounds failed, first: {timings.failures[0]}")
    ok = bool(timings.visible) and not timings.refused and not timings.lost
    met = ok and p95 <= TARGET_P95_MS
    print(f"  target p95 ≤ {TARGET_P95_MS:.0f} ms: {p95:.1f} ms → {verdict(met)}")
    logged = [x for x in log_tail.splitlines() if x.strip() and "Zentraler Dienst auf" not in x]
    if logged:
        print(f"  service log (end): {' | '.join(logged)[:400]}")
    print(f"  ran {took:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
