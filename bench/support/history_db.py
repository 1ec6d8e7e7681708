"""A year of the demo city's history in one SQLite file, built once and kept (for the
cold-start benchmark): the demo city at ``now``, then older blocks of 28 days from the
demo city's own generators until the wanted number of appointments stand.

Rows are made by ``desk.demo.seed``'s own row builders (appointment, ticket, the
appointment's stamped history), so the history looks exactly like the seeding's.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, text

from desk.demo.bookings import appointments_for_day, booking_code, open_days, tickets_for_day
from desk.demo.city import OFFICES, demo_id
from desk.demo.rows import appointment_events, appointment_row, ticket_row
from desk.demo.seed import PAST_DAYS, seed_demo_city
from desk.domain.status import HOLDING_STATES
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import Appointment, AppointmentEvent, Base, SlotHold, Ticket

STEP_DAYS = 28  # older history is added in blocks of this many days
CHUNK = 20_000
DEFAULT_DB = Path(tempfile.gettempdir()) / "bd-bench-cold-start.sqlite"


def count_appointments(db: DeskDatabase) -> int:
    """All appointments in the database."""
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Appointment)).scalar_one())


def insert_chunked(conn: Connection, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Bulk insert (executemany) in chunks of ``CHUNK`` rows."""
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(model), rows[start : start + CHUNK])


def unique_code(code: str, taken: set[str], key: object) -> str:
    """``code``, or (on the rare clash of random codes) another one derived from ``key``."""
    rng = random.Random(str(key))
    while code in taken:
        code = booking_code(rng)
    taken.add(code)
    return code


def seed_history(
    conn: Connection, first: date, last: date, now: datetime, taken: set[str]
) -> tuple[int, int]:
    """The demo city's appointments (past states, events, slot holds, walk-in tickets) on
    the days ``first``..``last``; returns (appointments, events) inserted."""
    appointments: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    holds: list[dict[str, Any]] = []
    tickets: list[dict[str, Any]] = []
    for office in OFFICES:
        step = timedelta(minutes=office.slot_minutes)
        for day in open_days(office, first, last):
            for a in appointments_for_day(office, day, now):
                row = appointment_row(office.id, a, a.starts_at - timedelta(days=10))
                row["booking_code"] = unique_code(a.booking_code, taken, a.id)
                appointments.append(row)
                events += appointment_events(row)
                if a.status in HOLDING_STATES:
                    counter_id = demo_id("counter", office.id, a.counter_number)
                    holds += [
                        {
                            "counter_id": counter_id,
                            "slot_start": a.starts_at + step * k,
                            "appointment_id": a.id,
                        }
                        for k in range((a.ends_at - a.starts_at) // step)
                    ]
            tickets += [ticket_row(office.id, t) for t in tickets_for_day(office, day, now)]
    insert_chunked(conn, Appointment, appointments)
    insert_chunked(conn, AppointmentEvent, events)
    insert_chunked(conn, SlotHold, holds)
    insert_chunked(conn, Ticket, tickets)
    return len(appointments), len(events)


def build_database(path: Path, now: datetime, target: int) -> None:
    """The demo city at ``now`` (its usual 28 days back and 21 ahead), then older history
    in 28-day blocks until ``target`` appointments stand."""
    url = f"sqlite:///{path}"
    started = time.perf_counter()
    upgrade_database(url)
    db = open_database(url)
    events = 0
    try:
        seed_demo_city(db, now)
        count = count_appointments(db)
        with db.engine.connect() as conn:
            taken = set(conn.execute(select(Appointment.booking_code)).scalars())
        last = now.date() - timedelta(days=PAST_DAYS + 1)
        while count < target:
            first = last - timedelta(days=STEP_DAYS - 1)
            with db.engine.begin() as conn:
                added, stamped = seed_history(conn, first, last, now, taken)
            count, events = count + added, events + stamped
            print(f"  history from {first}: {count} appointments")
            last = first - timedelta(days=1)
        with db.engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        db.dispose()
    took = time.perf_counter() - started
    print(f"  built in {took:.0f} s: {count} appointments, {events} history events added")


def prepare_database(now: datetime, target: int) -> Path:
    """The benchmark database: at ``$BENCH_DB`` or in the temporary folder; reused when
    a ``.done`` mark says it was built for these settings, else (re)built now."""
    mark = f"{now.isoformat()} {target}\n"
    path = Path(os.environ.get("BENCH_DB") or DEFAULT_DB).resolve()
    done = path.with_name(path.name + ".done")
    building = path.with_name(path.name + ".building")
    stale = done.exists() and done.read_text(encoding="utf-8") != mark
    if stale or building.exists() or (path.exists() and not done.exists() and path == DEFAULT_DB):
        for leftover in (path, *path.parent.glob(path.name + "-*"), done, building):
            leftover.unlink(missing_ok=True)
    if not path.exists():
        print(f"building {path} (once) …")
        path.parent.mkdir(parents=True, exist_ok=True)
        building.write_text("building\n", encoding="utf-8")
        build_database(path, now, target)
        done.write_text(mark, encoding="utf-8")
        building.unlink()
    upgrade_database(f"sqlite:///{path}")  # a reused file may predate a migration
    return path


def describe_database(path: Path, office_id: str) -> str:
    """Size and counts of the benchmark database, for the report."""
    db = open_database(f"sqlite:///{path}")
    try:
        with db.engine.connect() as conn:
            first, last = conn.execute(
                select(func.min(Appointment.starts_at), func.max(Appointment.starts_at))
            ).one()
            office = conn.execute(
                select(func.count()).where(Appointment.office_id == office_id)
            ).scalar_one()
            events = conn.execute(select(func.count()).select_from(AppointmentEvent)).scalar_one()
        total = count_appointments(db)
    finally:
        db.dispose()
    size = path.stat().st_size / 2**20
    return (
        f"{path} ({size:.0f} MiB): {total} appointments ({office} in {office_id}), "
        f"{events} events, {str(first)[:10]} … {str(last)[:10]}"
    )
