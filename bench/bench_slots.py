"""Benchmark: the portal's offered slots (rolling 14 days) on a seeded SQLite and PostgreSQL.

Run: ``.venv/bin/python bench/bench_slots.py``. For each backend it seeds the demo city
at 2024-03-20 10:30 into a database of its own (a temporary SQLite file; a PostgreSQL
database on 127.0.0.1:5432, user postgres, created and dropped here), then measures
two floors and ``offered_slots(db, office, "anmeldung", now)``:

- floor ``select1``: a ``SELECT 1`` round trip through the same engine;
- floor ``read14d``: reading all appointments of bb-mitte for the 14 days in one select,
  the least any answer must do.

Each line: backend, what, median ms over the runs, ratio to the read14d floor, and for
offered_slots whether the 50 ms target per query is met.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desk.domain.localtime import local_day_bounds, parse_now
from desk.services.booking import offered_slots
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.demo import seed_demo_city
from desk.store.models import Appointment

NOW = parse_now("2024-03-20T10:30")
BUERGERBUEROS = ("bb-mitte", "bb-nord", "bb-sued", "bb-west")
TARGET_MS = 50.0
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``action`` in milliseconds, after one warm-up run."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@contextmanager
def sqlite_city() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="bd-bench-") as folder:
        yield f"sqlite:///{Path(folder) / 'bench.sqlite'}"


@contextmanager
def postgres_city() -> Iterator[str]:
    name = f"bd_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield PG_URL.format(name=name)
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def select_one(db: DeskDatabase) -> None:
    with db.engine.connect() as conn:
        conn.execute(text("SELECT 1")).scalar()


def read_fourteen_days(db: DeskDatabase, office: str = "bb-mitte") -> int:
    start, _ = local_day_bounds(NOW.date())
    _, end = local_day_bounds(NOW.date() + timedelta(days=14))
    with Session(db.engine) as session:
        rows = session.execute(
            select(Appointment.counter_id, Appointment.starts_at, Appointment.ends_at).where(
                Appointment.office_id == office,
                Appointment.starts_at >= start,
                Appointment.starts_at < end,
            )
        ).all()
    return len(rows)


def line(backend: str, what: str, ms: float, floor: float, target: bool = False) -> None:
    verdict = ""
    if target:
        verdict = "  target<50ms: " + ("met" if ms <= TARGET_MS else "MISSED")
    print(f"{backend:<10} {what:<28} {ms:9.2f} ms  x{ms / floor:7.1f}{verdict}")


def bench(backend: str, url: str, runs: int) -> bool:
    """Seed, measure and print; True when every offered_slots median meets the target."""
    seeded = time.perf_counter()
    upgrade_database(url)
    db = open_database(url)
    try:
        seed_demo_city(db, NOW)
        print(f"{backend:<10} {'seed (once)':<28} {(time.perf_counter() - seeded) * 1000:9.0f} ms")
        rows = read_fourteen_days(db)
        select1 = median_ms(lambda: select_one(db), runs)
        floor = median_ms(lambda: read_fourteen_days(db), runs)
        line(backend, "floor select1", select1, floor)
        line(backend, f"floor read14d ({rows} rows)", floor, floor)
        met = True
        for office in BUERGERBUEROS:
            count = len(offered_slots(db, office, "anmeldung", NOW))
            ms = median_ms(lambda o=office: offered_slots(db, o, "anmeldung", NOW), runs)
            line(backend, f"offered_slots {office} ({count})", ms, floor, target=True)
            met = met and ms <= TARGET_MS
        all_four = median_ms(
            lambda: [offered_slots(db, o, "anmeldung", NOW) for o in BUERGERBUEROS], runs
        )
        line(backend, "offered_slots all four", all_four, floor)
        return met
    finally:
        db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per median")
    args = parser.parse_args(argv)
    print(f"{'backend':<10} {'what':<28} {'median':>12}  {'/floor':>8}")
    results = []
    with sqlite_city() as url:
        results.append(bench("sqlite", url, args.runs))
    with postgres_city() as url:
        results.append(bench("postgresql", url, args.runs))
    print("all offered_slots medians within 50 ms:", "yes" if all(results) else "no")
    return 0


if __name__ == "__main__":
    sys.exit(main())
