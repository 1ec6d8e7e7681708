"""Benchmark P8 through the central service: a release storm, 1,000 concurrent portal
booking attempts on 100 free slots. Targets: exactly 100 won, no slot twice, p99 ≤ 100 ms
and ≥ 1,000 attempts/s.

Run: ``.venv/bin/python bench/bench_service_p8.py``. Uses PostgreSQL on 127.0.0.1:5432
(user postgres), or the admin URL in ``BUERGERDESK_TEST_PG``, or ``--pg-admin``, in a
database of its own, migrated here and dropped at the end.

The office is the one of bench_release_storm.py: 10 counters open on one day only
(the next working day at least two days ahead), 08:00–10:30 in 15-minute slots
(10 starts × 10 counters = 100 slots), everything bookable online, here under a rolling
14-day window so that ``buergerdesk serve`` runs on the real clock. ``--devices`` portal
devices are enrolled through the service.

The storm: ``--connections`` kept-alive TLS connections, each in an ``httpx.AsyncClient``
of its own (a shared client's pool costs the 2 cores ~3 ms of CPU per request, see
support/service.py), and as many workers, each making its share of the 1,000 attempts
back to back (worker w as portal device w mod ``--devices``). The 1,000 are dealt evenly
over the 10 starts (100 per start, i.e. 10 per slot; shuffled with a fixed seed) and
round-robin over the workers. An attempt is one ``POST /v1/portal/bookings``; a refusal
(409) is not retried. Latency is each POST's round trip; throughput is 1,000 over the
storm's wall time. Before the storm every worker reads ``/v1/portal/slots`` once. The
service's CPU time, this process's and the machine's are read around the storm.

Checked in PostgreSQL afterwards: exactly 100 appointments not cancelled, at most one
per (counter, starts_at), one slot hold each, and their codes are the winners'.

Floors in the same run, same client shape (as many connections and workers, the same
dealing over 100 slots, 10 attempts each):

- (a) direct: one ``INSERT … ON CONFLICT DO NOTHING`` per attempt into a table keyed by
  the slot, straight into PostgreSQL from as many concurrent psycopg connections;
- (b) bare app: a plain FastAPI ``def`` endpoint doing that one INSERT through a
  psycopg_pool pool (20–25 connections, as the service's pool), on uvicorn with TLS in a
  process of its own, as ``buergerdesk serve`` runs (see ``floor_app``).

Exits 1 unless exactly 100 attempts won and the central holds exactly 100 appointments,
each on its own slot.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections import Counter as Tally
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import httpx
import psycopg
from pydantic import BaseModel
from sqlalchemy.engine import make_url

from desk.domain.holidays_de import holiday_name
from desk.domain.localtime import now_local
from desk.services.database import open_database

from support.db import PG_ADMIN_URL, conninfo, scratch_database
from support.office import add_office, rolling_policy
from support.service import (
    CPUS,
    CpuShare,
    Device,
    Process,
    Sampler,
    Tls,
    bench_conninfo,
    enroll_many,
    floor_process,
    line,
    load,
    one_connection,
    pct,
    run_floor_app,
    served,
    tls_files,
    verdict,
)

OFFICE = "bb-p8"
SERVICE = "abholung"
COUNTERS = 10
STARTS = 10
SLOTS = COUNTERS * STARTS
ATTEMPTS = 1000
TARGET_P99_MS = 100.0
TARGET_RATE = 1000.0
FLOOR_TABLE = "bench_storm_floor"  # (a)
APP_TABLE = "bench_storm_app"  # (b)
SEED = 20240320


# ------------------------------------------------------------------ the office


def storm_day(today: date) -> date:
    """The next day at least two days ahead that is no public holiday."""
    day = today + timedelta(days=2)
    while holiday_name(day) is not None:
        day += timedelta(days=1)
    return day


def add_storm_office(url: str, day: date) -> None:
    """COUNTERS counters open on ``day`` only, STARTS 15-minute slots each from 08:00."""
    db = open_database(url)
    try:
        closes = (datetime.combine(day, clock(8)) + timedelta(minutes=15 * STARTS)).time()
        add_office(
            db,
            OFFICE,
            name="Bürgerbüro Freigabe",
            kind="appointment_only",
            counters=COUNTERS,
            services={SERVICE: ("Abholung", 5)},
            weekdays=(day.weekday(),),
            opens=clock(8),
            closes=closes,
            slot_minutes=15,
            valid_from=day,
            valid_until=day,
            policy=rolling_policy(portal_share_percent=100),
        )
    finally:
        db.dispose()


# ------------------------------------------------------------------ the storm shape


@dataclass
class Outcome:
    """What a storm gave: per attempt (won, ms, detail), its wall time, errors."""

    attempts: list[tuple[bool, float, str]] = field(default_factory=list)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def won(self) -> list[tuple[bool, float, str]]:
        return [a for a in self.attempts if a[0]]

    @property
    def times(self) -> list[float]:
        return [a[1] for a in self.attempts]

    @property
    def rate(self) -> float:
        return len(self.attempts) / self.seconds if self.seconds else 0.0


def dealt(choices: int, workers: int) -> list[list[int]]:
    """ATTEMPTS attempts dealt evenly over ``choices`` (shuffled, fixed seed), then
    round-robin over the workers."""
    attempts = [c for c in range(choices) for _ in range(ATTEMPTS // choices)]
    random.Random(SEED).shuffle(attempts)
    return [attempts[w::workers] for w in range(workers)]


Attempt = Callable[[int, int, int], Awaitable[tuple[bool, str]]]


async def storm(shares: list[list[int]], attempt: Attempt) -> Outcome:
    """Run every worker's share back to back, all workers at once; ``attempt(worker, i,
    choice)`` → (won, detail). An exception counts as an error, not as an attempt."""
    outcome = Outcome()

    async def worker(w: int, share: list[int]) -> None:
        for i, choice in enumerate(share):
            began = time.perf_counter()
            try:
                won, detail = await attempt(w, i, choice)
            except Exception as err:
                outcome.errors.append(repr(err))
                continue
            outcome.attempts.append((won, (time.perf_counter() - began) * 1000, detail))

    began = time.perf_counter()
    await asyncio.gather(*(worker(w, share) for w, share in enumerate(shares)))
    outcome.seconds = time.perf_counter() - began
    return outcome


# ------------------------------------------------------------------ floor (a)


def make_floor_tables(url: str) -> None:
    with psycopg.connect(bench_conninfo(conninfo(url)), autocommit=True) as conn:
        for table in (FLOOR_TABLE, APP_TABLE):
            conn.execute(f"CREATE TABLE {table} (slot int PRIMARY KEY, attempt text NOT NULL)")


async def direct_floor(url: str, connections: int) -> Outcome:
    """(a) one INSERT per attempt from ``connections`` concurrent connections."""
    info = bench_conninfo(conninfo(url))
    conns = [
        await psycopg.AsyncConnection.connect(info, autocommit=True) for _ in range(connections)
    ]
    try:
        for conn in conns:
            await conn.execute("SELECT 1")

        async def attempt(w: int, i: int, slot: int) -> tuple[bool, str]:
            cursor = await conns[w].execute(
                f"INSERT INTO {FLOOR_TABLE} (slot, attempt) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                (slot, f"{w}-{i}"),
            )
            return cursor.rowcount == 1, str(slot)

        return await storm(dealt(SLOTS, connections), attempt)
    finally:
        for conn in conns:
            await conn.close()


# ------------------------------------------------------------------ floor (b)


class FloorAttempt(BaseModel):
    """One attempt at the bare app."""

    slot: int
    attempt: str


def floor_app(dsn: str) -> Any:
    """(b) the bare service: FastAPI, a plain ``def`` endpoint, one INSERT through a
    psycopg_pool pool of 20–25 connections (the service's pool is 20 + 5)."""
    from fastapi import FastAPI, HTTPException
    from psycopg_pool import ConnectionPool

    pool = ConnectionPool(dsn, min_size=20, max_size=25, open=False)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        pool.open(wait=True)
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(lifespan=lifespan)

    @app.get("/ready")
    def ready() -> dict[str, bool]:
        return {"ok": True}

    @app.post("/book")
    def book(body: FloorAttempt) -> dict[str, bool]:
        with pool.connection() as conn:
            cursor = conn.execute(
                f"INSERT INTO {APP_TABLE} (slot, attempt) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                (body.slot, body.attempt),
            )
            won = cursor.rowcount == 1
        if not won:
            raise HTTPException(status_code=409, detail="vergeben")
        return {"won": True}

    return app


@asynccontextmanager
async def clients(url: str, tls: Tls, connections: int) -> AsyncIterator[list[httpx.AsyncClient]]:
    """The portal front end: one kept-alive connection per worker, each in a client of
    its own (``support.service.one_connection``)."""
    made = [one_connection(url, tls) for _ in range(connections)]
    try:
        yield made
    finally:
        for http in made:
            await http.aclose()


async def warm(https: list[httpx.AsyncClient], path: str, **kw: Any) -> None:
    """Every connection opened (TLS handshakes done) before the storm."""
    for answer in await asyncio.gather(*(http.get(path, **kw) for http in https)):
        answer.raise_for_status()


async def app_floor(app: Process, tls: Tls, connections: int) -> Outcome:
    """(b) the same storm against the bare app."""
    async with clients(app.url, tls, connections) as https:
        await warm(https, "/ready")

        async def attempt(w: int, i: int, slot: int) -> tuple[bool, str]:
            response = await https[w].post("/book", json={"slot": slot, "attempt": f"{w}-{i}"})
            if response.status_code not in (200, 409):
                raise RuntimeError(f"{response.status_code} {response.text[:100]}")
            return response.status_code == 200, str(slot)

        return await storm(dealt(SLOTS, connections), attempt)


# ------------------------------------------------------------------ the service


async def service_storm(
    service: Process, tls: Tls, portals: list[Device], connections: int
) -> tuple[Outcome, list[str], Tally[str]]:
    """The storm through ``POST /v1/portal/bookings``; (outcome, starts, refusal kinds)."""
    refusals: Tally[str] = Tally()
    async with clients(service.url, tls, connections) as https:
        for w, http in enumerate(https):
            http.headers.update(portals[w % len(portals)].headers)
        response = await https[0].get("/v1/portal/slots", params={"service": SERVICE})
        response.raise_for_status()
        starts = [s["start"] for s in response.json()]
        if len(starts) != STARTS:
            raise RuntimeError(f"{len(starts)} starts offered, not {STARTS}")
        await warm(https, "/v1/portal/slots", params={"service": SERVICE})

        async def attempt(w: int, i: int, start: int) -> tuple[bool, str]:
            response = await https[w].post(
                "/v1/portal/bookings",
                json={"service": SERVICE, "start": starts[start], "name": f"Bürgerin {w}-{i}"},
            )
            if response.status_code == 200:
                return True, str(response.json()["code"])
            if response.status_code == 409:
                refusals[why(str(response.json().get("detail")))] += 1
                return False, ""
            raise RuntimeError(f"{response.status_code} {response.text[:100]}")

        outcome = await storm(dealt(STARTS, connections), attempt)
    return outcome, starts, refusals


def why(message: str) -> str:
    """A refusal's kind, for the tally."""
    kinds = ("bereits vergeben", "soeben vergeben", "online ausgebucht", "nicht mehr frei")
    return next((kind for kind in kinds if kind in message), message[:60])


@dataclass(frozen=True)
class Held:
    """What PostgreSQL holds for the storm office afterwards."""

    appointments: int
    distinct_slots: int
    most_on_one_slot: int
    holds: int
    codes: frozenset[str]
    floor_a: int
    floor_b: int


def held(url: str) -> Held:
    with psycopg.connect(bench_conninfo(conninfo(url))) as conn:
        row = conn.execute(
            "SELECT count(*), count(DISTINCT (counter_id, starts_at)) FROM appointment"
            " WHERE office_id = %s AND status <> 'cancelled'",
            (OFFICE,),
        ).fetchone()
        most = conn.execute(
            "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM appointment"
            " WHERE office_id = %s AND status <> 'cancelled' GROUP BY counter_id, starts_at) t",
            (OFFICE,),
        ).fetchone()
        holds = conn.execute(
            "SELECT count(*) FROM slot_hold h JOIN appointment a ON a.id = h.appointment_id"
            " WHERE a.office_id = %s",
            (OFFICE,),
        ).fetchone()
        codes = conn.execute(
            "SELECT booking_code FROM appointment WHERE office_id = %s AND status <> 'cancelled'",
            (OFFICE,),
        ).fetchall()
        floor_a = conn.execute(f"SELECT count(*) FROM {FLOOR_TABLE}").fetchone()
        floor_b = conn.execute(f"SELECT count(*) FROM {APP_TABLE}").fetchone()
    assert row and most and holds and floor_a and floor_b
    return Held(
        appointments=int(row[0]),
        distinct_slots=int(row[1]),
        most_on_one_slot=int(most[0]),
        holds=int(holds[0]),
        codes=frozenset(str(c) for (c,) in codes),
        floor_a=int(floor_a[0]),
        floor_b=int(floor_b[0]),
    )


# ------------------------------------------------------------------ report


def figures(label: str, outcome: Outcome) -> str:
    return (
        line(label, outcome.times)
        + f"\n  {'':<48} {outcome.rate:6.0f} attempts/s, {len(outcome.won)} won,"
        f" {len(outcome.attempts) - len(outcome.won)} refused, {len(outcome.errors)} errors,"
        f" {outcome.seconds:.2f} s"
    )


def print_ratios(outcome: Outcome, floor_a: Outcome, floor_b: Outcome) -> None:
    """The storm's p50, p99 and throughput against each floor."""
    p50, p99 = pct(outcome.times, 0.50), pct(outcome.times, 0.99)
    for label, floor in (("(a) direct", floor_a), ("(b) bare app", floor_b)):
        print(
            f"  ratio to floor {label:<13} p50 {p50 / pct(floor.times, 0.5):6.1f}×"
            f"  p99 {p99 / pct(floor.times, 0.99):6.1f}×"
            f"  throughput {outcome.rate / floor.rate:6.2f}×"
        )


def print_cpu(cpu: CpuShare, floor_cpu: CpuShare) -> None:
    """Where the CPU went in the storm and in the bare app's run, against the budget the
    target rate leaves on this machine."""
    print(f"  {cpu.text(ATTEMPTS, 'attempt')}")
    print(f"  bare app's {floor_cpu.text(ATTEMPTS, 'attempt').replace('service', 'app', 1)}")
    budget = CPUS / TARGET_RATE * 1000
    print(
        f"  at {TARGET_RATE:.0f}/s the {CPUS} CPUs give {budget:.1f} ms per attempt to share"
        f" between client, service and PostgreSQL; the bare app's run used"
        f" {floor_cpu.machine / ATTEMPTS * 1000:.1f} ms, the service's"
        f" {cpu.machine / ATTEMPTS * 1000:.1f} ms"
    )


def checked(after: Held, outcome: Outcome, floor_a: Outcome, floor_b: Outcome) -> dict[str, bool]:
    """What PostgreSQL holds after the storm, against what must hold."""
    codes = {a[2] for a in outcome.won}
    return {
        f"exactly {SLOTS} attempts won": len(outcome.won) == SLOTS,
        "every attempt answered": len(outcome.attempts) == ATTEMPTS and not outcome.errors,
        f"PostgreSQL holds {SLOTS} appointments": after.appointments == SLOTS,
        "no slot twice (max per counter and start = 1)": after.most_on_one_slot == 1
        and after.distinct_slots == after.appointments,
        "one slot hold per appointment": after.holds == after.appointments,
        "the winners' codes are stored": after.codes == codes,
        f"floors: {SLOTS} rows each": after.floor_a == SLOTS == after.floor_b
        and len(floor_a.won) == SLOTS == len(floor_b.won),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pg-admin", default=PG_ADMIN_URL, metavar="URL")
    parser.add_argument("--connections", type=int, default=25, help="client connections")
    parser.add_argument("--devices", type=int, default=5, help="portal devices")
    parser.add_argument("--plain", action="store_true", help="http instead of TLS")
    parser.add_argument("--serve-floor", nargs=4, metavar=("PORT", "CERT", "KEY", "DSN"))
    args = parser.parse_args(argv)
    if args.serve_floor:  # the floor app's own process (see floor_process)
        port, cert, key, dsn = args.serve_floor
        run_floor_app(floor_app(dsn), int(port), cert, key)
        return 0

    began = time.perf_counter()
    day = storm_day(now_local().date())
    print(
        f"P8 (service): release storm, {ATTEMPTS} portal booking attempts through the service"
        f" on {SLOTS} slots ({STARTS} starts × {COUNTERS} counters on {day:%d.%m.%Y}),"
        f" {args.connections} connections, {args.devices} portal devices; {load()}"
    )
    with tls_files(args.plain) as tls, scratch_database(args.pg_admin, "bd_bench_") as url:
        dbname = str(make_url(url).database)
        add_storm_office(url, day)
        make_floor_tables(url)
        floor_a = asyncio.run(direct_floor(url, args.connections))
        with (
            floor_process(Path(__file__), tls, bench_conninfo(conninfo(url))) as app,
            CpuShare(app.pid) as floor_cpu,
        ):
            floor_b = asyncio.run(app_floor(app, tls, args.connections))
        with served(url, tls) as service:
            db = open_database(url)
            try:
                portals = enroll_many(db, service, tls, [(OFFICE, "portal")] * args.devices)
            finally:
                db.dispose()
            with (
                Sampler(service.pid, conninfo(url), dbname) as sampler,
                CpuShare(service.pid) as cpu,
            ):
                outcome, _starts, refusals = asyncio.run(
                    service_storm(service, tls, portals, args.connections)
                )
            logged = [x for x in service.tail(5).splitlines() if "Zentraler Dienst" not in x]
        after = held(url)
    took = time.perf_counter() - began

    how = "plain http" if args.plain else "TLS"
    print(f"  database {dbname} (dropped), service and bare app with {how} on 127.0.0.1")
    print(figures("floor (a) direct INSERT, psycopg", floor_a))
    print(figures("floor (b) bare FastAPI+uvicorn INSERT", floor_b))
    print(figures("service POST /v1/portal/bookings", outcome))
    print(line("  won", [a[1] for a in outcome.won]))
    print(line("  refused", [a[1] for a in outcome.attempts if not a[0]]))
    p99 = pct(outcome.times, 0.99)
    print_ratios(outcome, floor_a, floor_b)
    print(f"  refusals: {dict(refusals.most_common(4))}")
    print_cpu(cpu, floor_cpu)
    print(f"  service: {sampler.text()}")
    if outcome.errors:
        print(f"  first error: {outcome.errors[0]}")
    if logged:
        print(f"  service log (end): {' | '.join(logged)[:400]}")
    checks = checked(after, outcome, floor_a, floor_b)
    for check, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {check}")
    met_p99 = p99 <= TARGET_P99_MS
    met_rate = outcome.rate >= TARGET_RATE
    print(f"  target p99 ≤ {TARGET_P99_MS:.0f} ms: {p99:.1f} ms → {verdict(met_p99)}")
    print(f"  target ≥ {TARGET_RATE:.0f} attempts/s: {outcome.rate:.0f}/s → {verdict(met_rate)}")
    print(f"  ran {took:.0f} s")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
