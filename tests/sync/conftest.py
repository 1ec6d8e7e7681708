"""Fixtures for the sync tests: small central PostgreSQL databases and SQLite replicas.

A central database here holds one or more tiny offices (no demo city), so that a
fresh replica's initial sync costs well under a second. Databases made by
``central_factory`` live for the whole test module and are dropped at its end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from desk.domain.localtime import parse_now
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import Booking, book, new_code
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store import outbox
from desk.store.models import (
    Appointment,
    AppointmentEvent,
    SlotHold,
)
from desk.store.uow import UnitOfWork
from desk.sync.central import OpResult, PendingOp, apply_op
from desk.sync.engine import SyncEngine
from desk.sync.operations import Caller
from tests import builders
from tests.conftest import DEMO_NOW_ISO, libpq_conninfo

#: The fixed "now" of every sync test (a Wednesday, local office time).
NOW = parse_now(DEMO_NOW_ISO)
SERVICE = "abholung"
SCRIPT = Path(sys.executable).with_name("buergerdesk")


@dataclass
class Central:
    """A central PostgreSQL database and the ids of its offices' counters."""

    url: str
    db: DeskDatabase
    counters: dict[str, dict[int, uuid.UUID]] = field(default_factory=dict)

    @property
    def conninfo(self) -> str:
        """A libpq URI for raw psycopg connections."""
        return libpq_conninfo(self.url)


@dataclass
class Replica:
    """A counter's local SQLite database and its sync engine."""

    url: str
    db: DeskDatabase
    engine: SyncEngine


def add_office(
    db: DeskDatabase,
    office_id: str,
    *,
    counters: int = 1,
    opens: time = time(8),
    closes: time = time(12),
    slot_minutes: int = 15,
) -> dict[int, uuid.UUID]:
    """A minimal office open Monday to Friday, offering ``SERVICE`` (5 min) and no
    walk-in hour, with a rolling 14-day portal policy; returns counter number → id."""
    return builders.add_office(
        db,
        office_id,
        counters=counters,
        opens=opens,
        closes=closes,
        slot_minutes=slot_minutes,
        services=((SERVICE, 5),),
        walk_in=False,
    )


@pytest.fixture(scope="module")
def central_factory(pg_admin_url: str) -> Iterator[Callable[..., Central]]:
    """Makes migrated central databases with the given minimal offices (module lifetime)."""
    admin = libpq_conninfo(pg_admin_url)
    made: list[tuple[str, DeskDatabase]] = []

    def create(offices: dict[str, int] | None = None, **office_options: object) -> Central:
        name = f"bd_sync_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        url = make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
        upgrade_database(url)
        db = open_database(url)
        made.append((name, db))
        central = Central(url, db)
        for office_id, counters in (offices or {"bb-sync": 1}).items():
            central.counters[office_id] = add_office(
                db,
                office_id,
                counters=counters,
                **office_options,  # type: ignore[arg-type]
            )
        return central

    yield create
    with psycopg.connect(admin, autocommit=True) as conn:
        for name, db in made:
            db.dispose()
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture(scope="module")
def replica_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., Replica]]:
    """Makes SQLite replicas of a central database; ``synced`` runs the initial copy."""
    made: list[DeskDatabase] = []

    def create(central: Central, *, synced: bool = True) -> Replica:
        path = tmp_path_factory.mktemp("replica") / "local.sqlite"
        url = f"sqlite:///{path}"
        upgrade_database(url)
        db = open_database(url)
        made.append(db)
        replica = Replica(url, db, SyncEngine(db, central.db))
        if synced:
            replica.engine.sync_once(NOW)
        return replica

    yield create
    for db in made:
        db.dispose()


# ------------------------------------------------------------------ helpers


def slot(day: date, hour: int, minute: int = 0) -> datetime:
    """A local start time in the office's time zone."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=NOW.tzinfo)


def book_at(
    db: DeskDatabase,
    office_id: str,
    start: datetime,
    name: str,
    channel: Channel = Channel.COUNTER,
) -> Booking:
    """Book ``SERVICE`` at ``start`` (at NOW) through the booking service."""
    return book(db, office_id, SERVICE, start, name, NOW, channel=channel)


def insert_local_bookings(
    db: DeskDatabase, office_id: str, wanted: list[tuple[uuid.UUID, datetime, str]]
) -> list[uuid.UUID]:
    """Write appointments, their holds, events and outbox operations the way
    ``booking.book`` does (same arguments), in one local transaction and
    without the name length check; ``wanted`` is (counter, start, name)."""
    ids: list[uuid.UUID] = []
    with UnitOfWork(db.engine, write=True) as uow:
        s = uow.session
        for counter_id, start, name in wanted:
            appointment = Appointment(
                id=uuid.uuid4(),
                office_id=office_id,
                counter_id=counter_id,
                service_id=SERVICE,
                starts_at=start,
                ends_at=start + timedelta(minutes=5),
                status=AppointmentStatus.BOOKED,
                channel=Channel.COUNTER,
                booking_code=new_code(),
                citizen_name=name,
                created_at=NOW,
                updated_at=NOW,
            )
            hold = SlotHold(counter_id=counter_id, slot_start=start, appointment_id=appointment.id)
            event = AppointmentEvent(
                id=uuid.uuid4(),
                appointment_id=appointment.id,
                status=AppointmentStatus.BOOKED,
                at=NOW,
                note="gebucht (counter)",
            )
            s.add_all([appointment, hold, event])
            payload = {
                "id": str(appointment.id),
                "code": appointment.booking_code,
                "office_id": office_id,
                "service_id": SERVICE,
                "start": start.isoformat(),
                "counter_number": None,
                "channel": str(Channel.COUNTER),
                "name": name,
                "phone": None,
                "email": None,
                "notes": None,
                "move_in": None,
                "event_id": str(event.id),
            }
            assert outbox.record(s, outbox.BOOK, office_id, appointment.id, payload) is not None
            ids.append(appointment.id)
        uow.commit()
    return ids


def count(db: DeskDatabase, model: type, *where: object) -> int:
    """How many rows of ``model`` match."""
    with UnitOfWork(db.engine) as uow:
        query = select(func.count()).select_from(model)
        for condition in where:
            query = query.where(condition)  # type: ignore[arg-type]
        return uow.session.scalar(query) or 0


def get(db: DeskDatabase, model: type, key: object) -> object | None:
    """One row by primary key (detached)."""
    with UnitOfWork(db.engine) as uow:
        row = uow.session.get(model, key)
        if row is not None:
            uow.session.expunge(row)
        return row


def holds_of(db: DeskDatabase, appointment_id: uuid.UUID) -> list[tuple[uuid.UUID, datetime]]:
    """(counter, slot start) of every hold of an appointment, sorted."""
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.execute(
            select(SlotHold.counter_id, SlotHold.slot_start).where(
                SlotHold.appointment_id == appointment_id
            )
        )
        return sorted((r[0], r[1]) for r in rows)


def holder_at(db: DeskDatabase, counter_id: uuid.UUID, start: datetime) -> uuid.UUID | None:
    """The appointment holding a counter's slot, if any."""
    with UnitOfWork(db.engine) as uow:
        return uow.session.scalar(
            select(SlotHold.appointment_id).where(
                SlotHold.counter_id == counter_id, SlotHold.slot_start == start
            )
        )


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Call the real ``buergerdesk`` console script with data and logs in tmp_path."""
    assert SCRIPT.exists(), "the console script is missing: pip install -e ."

    def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        env = dict(
            os.environ, BUERGERDESK_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen"
        )
        return subprocess.run(
            [str(SCRIPT), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            check=False,
        )

    return run


def pending_ops(db: DeskDatabase, limit: int = 1000) -> list[PendingOp]:
    """The replica's waiting operations, as the engine sends them."""
    with UnitOfWork(db.engine) as uow:
        return [
            PendingOp(o.op_id, o.kind, json.loads(o.payload), o.created_at)
            for o in outbox.pending(uow.session, limit)
        ]


def apply_ops(central: DeskDatabase, ops: list[PendingOp], now: datetime = NOW) -> list[OpResult]:
    """Apply operations centrally as the in-process side does (no acknowledgement)."""
    return [apply_op(central, op, now, Caller(office_id=None)) for op in ops]
