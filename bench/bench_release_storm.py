"""Benchmark P8: release storm, 1,000 concurrent portal bookings on 100 slots.

Run: ``.venv/bin/python bench/bench_release_storm.py``. Uses PostgreSQL on 127.0.0.1:5432
(user postgres), or the admin URL in ``BUERGERDESK_TEST_PG``, or ``--pg-admin``, in a
database of its own, migrated here and dropped at the end.

The office: 10 counters open only on Monday 2024-03-25, 08:00–10:30 in 15-minute slots
(10 start times × 10 counters = 100 slots), portal share 100 %, under a weekly release
policy that opens that week on Wednesday 2024-03-20 at 10:30. At exactly that moment
``--workers`` spawned processes (each with its own connection, started together at a
barrier) make 1,000 booking attempts through ``desk.services.appointments.booking.book`` with
``channel=Channel.PORTAL``, the path ``buergerdesk portal book`` takes.

Attempts: the 1,000 are dealt evenly over the 10 start times (100 each, shuffled with a
fixed seed) and round-robin over the workers; each worker makes its attempts back to back.
A refused attempt (BookingRefused) gives up and is not retried, so every attempt is one
``book`` call and one latency sample, and each start time gets 100 attempts for its 10
counters: exactly 100 must succeed.

Reported: successes and refusals, p50/p95/p99 of an attempt (all, won, refused) and a
``SELECT 1`` floor alone and under the same concurrency. Exits 1 unless exactly 100
attempts succeeded and the central holds exactly 100 appointments, each on its own slot.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter as Tally
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any

from sqlalchemy import func, select

from desk.domain.errors import BookingRefused
from desk.domain.localtime import parse_now
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import book, offered_slots, suggestions
from desk.services.database import DeskDatabase, open_database
from desk.store.models import Appointment, SlotHold
from desk.store.uow import UnitOfWork

from support.db import PG_ADMIN_URL, scratch_database, select_one
from support.office import add_office
from support.stats import percentile, percentiles, timed_ms
from support.workers import closing_queues, spawn_context, spawned

#: The release moment: Wednesday 10:30 opens the next week (Monday 25 March).
NOW = parse_now("2024-03-20T10:30")
STORM_DAY = date(2024, 3, 25)
OFFICE = "bb-p8"
SERVICE = "abholung"
COUNTERS = 10
STARTS = 10
SLOTS = COUNTERS * STARTS
ATTEMPTS = 1000
FLOOR_STEPS = 20
TIMEOUT = 300.0
CPUS = os.cpu_count() or 1


# ------------------------------------------------------------------ databases


def add_storm_office(db: DeskDatabase) -> None:
    """COUNTERS counters open on STORM_DAY only, STARTS 15-minute slots each from 08:00;
    weekly release on Wednesday 10:30, portal share 100 %."""
    closes = (datetime.combine(STORM_DAY, clock(8)) + timedelta(minutes=15 * STARTS)).time()
    add_office(
        db,
        OFFICE,
        name="Bürgerbüro Freigabe",
        kind="appointment_only",
        counters=COUNTERS,
        services={SERVICE: ("Abholung", 5)},
        weekdays=(STORM_DAY.weekday(),),
        opens=clock(8),
        closes=closes,
        slot_minutes=15,
        valid_from=STORM_DAY,
        valid_until=STORM_DAY,
        policy={
            "kind": "weekly_release",
            "release_weekday": NOW.weekday(),
            "release_time": NOW.time(),
            "min_lead_minutes": 0,
            "portal_share_percent": 100,
        },
    )


def storm_starts(db: DeskDatabase) -> list[datetime]:
    """The start times the portal offers at the release moment, after checking that it
    offers nothing a minute before and that exactly SLOTS counter slots are free."""
    before = offered_slots(db, OFFICE, SERVICE, NOW - timedelta(minutes=1))
    if before:
        raise RuntimeError(f"{len(before)} starts offered before the release")
    starts = [o.start for o in offered_slots(db, OFFICE, SERVICE, NOW)]
    free = suggestions(db, OFFICE, SERVICE, NOW, days=14, limit=0)
    if len(starts) != STARTS or len(free) != SLOTS:
        raise RuntimeError(f"{len(starts)} starts and {len(free)} slots, not {STARTS}/{SLOTS}")
    return starts


# ------------------------------------------------------------------ citizens


def citizens(url: str, worker: int, starts: list[datetime], barrier: Any, results: Any) -> None:
    """One portal front end: warm up, time FLOOR_STEPS floors together with the others,
    then one ``book`` per start in ``starts``, giving up on a refusal. Reports (worker,
    floor times, [(outcome, code or message, ms)]) or (worker, error, [])."""
    db = open_database(url)
    try:
        offered_slots(db, OFFICE, SERVICE, NOW - timedelta(days=1))  # warm-up, read-only
        barrier.wait(timeout=TIMEOUT)
        floors = []
        for _ in range(FLOOR_STEPS):
            floors.append(timed_ms(lambda: select_one(db)))
        barrier.wait(timeout=TIMEOUT)
        attempts = []
        for i, start in enumerate(starts):
            started = time.perf_counter()
            try:
                booking = book(
                    db,
                    OFFICE,
                    SERVICE,
                    start,
                    f"Bürgerin {worker}-{i}",
                    NOW,
                    channel=Channel.PORTAL,
                )
                outcome = ("won", booking.code)
            except BookingRefused as refused:
                outcome = ("refused", str(refused))
            except Exception as err:
                outcome = ("error", repr(err))
            attempts.append((*outcome, (time.perf_counter() - started) * 1000))
        results.put((worker, floors, attempts))
    except Exception as err:
        results.put((worker, repr(err), []))
    finally:
        db.dispose()


def storm(
    url: str, starts: list[datetime], workers: int
) -> tuple[list[float], list[tuple[str, str, float]], float]:
    """Run the storm; (floor times, attempts, seconds from start to the last answer)."""
    dealt = [start for start in starts for _ in range(ATTEMPTS // len(starts))]
    random.Random(20240320).shuffle(dealt)
    ctx = spawn_context()
    barrier = ctx.Barrier(workers + 1)
    results = ctx.Queue()
    arguments = [(url, w, dealt[w::workers], barrier, results) for w in range(workers)]
    with closing_queues([results]), spawned(ctx, citizens, arguments, TIMEOUT) as processes:
        barrier.wait(timeout=TIMEOUT)  # all warmed up: the floor runs
        barrier.wait(timeout=TIMEOUT)  # the storm begins
        began = time.perf_counter()
        outcome = [results.get(timeout=TIMEOUT) for _ in processes]
        took = time.perf_counter() - began
    failed = [what for _, what, _ in outcome if isinstance(what, str)]
    if failed:
        raise RuntimeError(f"{len(failed)} workers failed: {failed[0]}")
    floors = [t for _, times, _ in outcome for t in times]
    return floors, [a for _, _, attempts in outcome for a in attempts], took


# ------------------------------------------------------------------ checking


@dataclass(frozen=True)
class Held:
    """What the central holds for the storm day after the storm."""

    appointments: int
    portal: int
    distinct_slots: int
    holds: int
    appointments_with_one_hold: int
    codes: frozenset[str]
    offered_after: int


def held(db: DeskDatabase) -> Held:
    """Count the storm day's appointments and slot holds on the central."""
    day_start = datetime.combine(STORM_DAY, clock(0), NOW.tzinfo)
    day_end = day_start + timedelta(days=1)
    on_day = (
        Appointment.office_id == OFFICE,
        Appointment.starts_at >= day_start,
        Appointment.starts_at < day_end,
        Appointment.status != AppointmentStatus.CANCELLED,
    )
    with UnitOfWork(db.engine) as uow:
        s = uow.session
        rows = s.execute(
            select(Appointment.counter_id, Appointment.starts_at, Appointment.channel).where(
                *on_day
            )
        ).all()
        codes = frozenset(s.scalars(select(Appointment.booking_code).where(*on_day)))
        holds = s.scalar(
            select(func.count())
            .select_from(SlotHold)
            .where(SlotHold.slot_start >= day_start, SlotHold.slot_start < day_end)
        )
        per_appointment = Tally(
            s.scalars(
                select(SlotHold.appointment_id).join(
                    Appointment, Appointment.id == SlotHold.appointment_id
                )
            )
        )
    return Held(
        appointments=len(rows),
        portal=sum(1 for _, _, channel in rows if channel == Channel.PORTAL),
        distinct_slots=len({(counter, start) for counter, start, _ in rows}),
        holds=holds or 0,
        appointments_with_one_hold=sum(1 for n in per_appointment.values() if n == 1),
        codes=codes,
        offered_after=len(offered_slots(db, OFFICE, SERVICE, NOW)),
    )


def figures(label: str, times: list[float], floor: float | None = None) -> str:
    """One report line: p50/p95/p99 in ms, and the p99 against a floor's p95."""
    if not times:
        return f"  {label:<30} (none)"
    p50, p95, p99 = percentiles(times, 0.50, 0.95, 0.99)
    line = f"  {label:<30} p50 {p50:8.2f}  p95 {p95:8.2f}  p99 {p99:8.2f} ms  ({len(times)})"
    if floor is not None:
        line += f"  p99/floor {p99 / floor:6.0f}"
    return line


def why(message: str) -> str:
    """A refusal's kind, for the tally."""
    kinds = ("bereits vergeben", "soeben vergeben", "online ausgebucht")
    return next((kind for kind in kinds if kind in message), message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pg-admin", default=PG_ADMIN_URL, metavar="URL")
    parser.add_argument("--workers", type=int, default=25, help="concurrent booking processes")
    args = parser.parse_args(argv)

    with scratch_database(args.pg_admin, "bd_bench_storm_") as url:
        db = open_database(url)
        try:
            add_storm_office(db)
            starts = storm_starts(db)
            select_one(db)
            alone = []
            for _ in range(200):
                alone.append(timed_ms(lambda: select_one(db)))
            print(
                f"P8: release storm, {ATTEMPTS} portal bookings by {args.workers} processes"
                f" on {SLOTS} slots ({STARTS} starts × {COUNTERS} counters) at"
                f" {NOW:%d.%m.%Y %H:%M}; {CPUS} CPUs, load before {os.getloadavg()[0]:.1f}"
            )
            floors, attempts, took = storm(url, starts, args.workers)
            after = held(db)
        finally:
            db.dispose()

    won = [a for a in attempts if a[0] == "won"]
    refused = [a for a in attempts if a[0] == "refused"]
    errors = [a for a in attempts if a[0] == "error"]
    floor = percentile(alone, 0.95)
    print(figures("floor SELECT 1, alone", alone))
    print(figures(f"floor SELECT 1, {args.workers} at once", floors))
    print(figures("attempt (all)", [a[2] for a in attempts], floor))
    print(figures("attempt won", [a[2] for a in won], floor))
    print(figures("attempt refused", [a[2] for a in refused], floor))
    print(f"  storm took {took:.1f} s ({len(attempts) / took:.0f} attempts/s)")
    reasons = Tally(why(message) for _, message, _ in refused)
    print(f"  won {len(won)}, refused {len(refused)}, errors {len(errors)}")
    print(f"  refusals: {dict(reasons.most_common(4))}")
    if errors:
        print(f"  first error: {errors[0][1]}")
    checks = {
        f"exactly {SLOTS} attempts won": len(won) == SLOTS,
        "every attempt answered": len(attempts) == ATTEMPTS and not errors,
        f"central holds {SLOTS} appointments": after.appointments == SLOTS,
        "all booked by the portal": after.portal == SLOTS,
        "no slot held twice": after.distinct_slots == after.appointments == after.holds,
        "one hold per appointment": after.appointments_with_one_hold == SLOTS,
        "the winners' codes are stored": after.codes == {code for _, code, _ in won},
        "nothing offered afterwards": after.offered_after == 0,
    }
    for check, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {check}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
