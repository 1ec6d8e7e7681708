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
import sys
import time
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.demo.seed import seed_demo_city
from desk.domain.localtime import local_day_bounds, parse_now
from desk.services.appointments.booking import offered_slots
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import Appointment

from support.db import LOCAL_PG_ADMIN_URL, scratch_database, select_one, sqlite_file
from support.stats import median_ms

NOW = parse_now("2024-03-20T10:30")
BUERGERBUEROS = ("bb-mitte", "bb-nord", "bb-sued", "bb-west")
TARGET_MS = 50.0


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
    with sqlite_file("bd-bench-") as (url, _path):
        results.append(bench("sqlite", url, args.runs))
    with scratch_database(LOCAL_PG_ADMIN_URL, "bd_bench_", migrate=False) as url:
        results.append(bench("postgresql", url, args.runs))
    print("all offered_slots medians within 50 ms:", "yes" if all(results) else "no")
    return 0


if __name__ == "__main__":
    sys.exit(main())
