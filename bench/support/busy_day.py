"""An office with two busy days (500 appointments over 6 counters each) in a temporary
SQLite database, for the day-switch benchmark (P4)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any

from sqlalchemy import insert

from desk.demo.bookings import FIRST_NAMES, LAST_NAMES
from desk.domain.localtime import at_local, parse_now
from desk.domain.status import AppointmentStatus, Channel
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import Appointment, SlotHold
from desk.store.uow import UnitOfWork

from support.db import sqlite_file
from support.office import add_office as add_bench_office
from support.office import rolling_policy

OFFICE = "bb-bench"
COUNTERS = 6
APPOINTMENTS = 500
OPENS, CLOSES, SLOT_MINUTES = clock(7), clock(21), 5
SERVICES = {"abholung": ("Abholung Ausweis/Pass", 5), "personalausweis": ("Personalausweis", 20)}
NOW = parse_now("2024-03-19T12:00")  # a Tuesday: DAY_A is "today", with mixed states
DAY_A, DAY_B = date(2024, 3, 19), date(2024, 3, 21)


# ------------------------------------------------------------------ database
def add_office(db: DeskDatabase) -> dict[int, uuid.UUID]:
    """One office, 6 counters open every day 7–21 in 5-minute slots; number → counter id."""
    return add_bench_office(
        db,
        OFFICE,
        name="Bürgerbüro Benchmark",
        counters=COUNTERS,
        services=SERVICES,
        weekdays=range(7),
        opens=OPENS,
        closes=CLOSES,
        slot_minutes=SLOT_MINUTES,
        policy=rolling_policy(portal_share_percent=60),
    )


def _status(start: datetime, end: datetime, rng: random.Random) -> AppointmentStatus:
    if end <= NOW:
        return AppointmentStatus.NO_SHOW if rng.random() < 0.08 else AppointmentStatus.DONE
    if start <= NOW:
        return AppointmentStatus.IN_SERVICE
    if start - NOW < timedelta(minutes=30) and rng.random() < 0.5:
        return AppointmentStatus.CHECKED_IN
    return AppointmentStatus.BOOKED


def add_day(db: DeskDatabase, counters: dict[int, uuid.UUID], day: date) -> int:
    """Insert exactly ``APPOINTMENTS`` appointments (and their slot holds) on ``day``."""
    rng = random.Random(f"day-paint:{day.isoformat()}")
    step = timedelta(minutes=SLOT_MINUTES)
    slots = int((at_local(day, CLOSES) - at_local(day, OPENS)) / step)
    appointments: list[dict[str, Any]] = []
    holds: list[dict[str, Any]] = []
    for number, counter_id in counters.items():
        quota = APPOINTMENTS // COUNTERS + (number <= APPOINTMENTS % COUNTERS)
        slot = 0
        for k in range(quota):
            service = "personalausweis" if rng.random() < 0.15 else "abholung"
            length = -(-SERVICES[service][1] // SLOT_MINUTES)
            gap = 1 if rng.random() < 0.3 else 0
            still_needed = quota - k - 1
            if slots - slot - length - gap < still_needed:  # keep room for the quota
                service, length, gap = "abholung", 1, 0
            start = at_local(day, OPENS) + step * slot
            end = start + step * length
            appointment_id = uuid.uuid4()
            appointments.append(
                {
                    "id": appointment_id,
                    "office_id": OFFICE,
                    "counter_id": counter_id,
                    "service_id": service,
                    "starts_at": start,
                    "ends_at": end,
                    "status": _status(start, end, rng).value,
                    "channel": rng.choice(list(Channel)).value,
                    "booking_code": f"{day:%m%d}-{number}{k:03d}",
                    "citizen_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    "created_at": start - timedelta(days=7),
                    "updated_at": start - timedelta(days=7),
                }
            )
            holds += [
                {
                    "counter_id": counter_id,
                    "slot_start": start + step * i,
                    "appointment_id": appointment_id,
                }
                for i in range(length)
            ]
            slot += length + gap
        assert slot <= slots, "the day does not hold the quota"
    with UnitOfWork(db.engine) as uow:
        uow.session.execute(insert(Appointment), appointments)
        uow.session.execute(insert(SlotHold), holds)
        uow.commit()
    return len(appointments)


@contextmanager
def bench_database() -> Iterator[DeskDatabase]:
    """A migrated temporary SQLite database with the office and its two days."""
    with sqlite_file("bd-bench-paint-") as (url, _path):
        upgrade_database(url)
        db = open_database(url)
        try:
            counters = add_office(db)
            for day in (DAY_A, DAY_B):
                add_day(db, counters, day)
            yield db
        finally:
            db.dispose()
