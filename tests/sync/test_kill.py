"""R1: the sync process is killed (SIGKILL, as by a power cut) at each injected crash point
with bookings waiting; a later normal round finishes the job. Nothing is lost, nothing is
applied twice, the outbox drains and the SQLite file stays intact (DESIGN.md §4.1, §4.2).

Everything goes through the central service, a real ``buergerdesk serve`` process, as the
enrolled counter PC. The first round of kills runs the real ``buergerdesk sync --once``
console script. The rest run in processes forked from a small ``python -c`` worker that
has the imports done already (a fresh interpreter per kill costs about a second): each
forked child opens its own connections, runs ``SyncEngine.sync_once`` and kills itself at
the point.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk.device_credential import DeviceCredential, save_credential
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import new_code
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import (
    AppliedOp,
    Appointment,
    AppointmentEvent,
    OutboxOp,
    SlotHold,
    SyncConflict,
    SyncState,
)
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from desk.sync.faults import KILL_AT, POINTS
from desk.sync.pull import CURSOR_KEY
from desk.sync.remote import RemoteLink
from tests.conftest import DEMO_NOW_ISO
from tests.service_fixtures import Service
from tests.sync.conftest import (
    NOW,
    SCRIPT,
    SERVICE,
    Central,
    Replica,
    count,
    insert_local_bookings,
    slot,
)

OFFICE = "bb-kill"
LOCAL_COUNTERS = (1, 2, 3)  # counter bookings made on the PC
CENTRAL_COUNTER = 4  # portal bookings made centrally meanwhile
KILLS = 50
SOAK_KILLS = 200
CLI_KILLS = len(POINTS)  # the first cycle through the console script

WORKER = r"""
import os, sys, traceback
from desk.domain.localtime import parse_now
from desk.services.database import open_database
from desk.sync.connect import remote_link
from desk.sync.engine import SyncEngine

local_url, central_url, now_iso = sys.argv[1:4]
for line in sys.stdin:
    point = line.strip()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.environ["BUERGERDESK_SYNC_KILL_AT"] = point
            local = open_database(local_url)
            link = remote_link(central_url, training=True)  # the enrolled device
            SyncEngine(local, link).sync_once(parse_now(now_iso))
        except BaseException:
            traceback.print_exc()
            code = 3
        sys.stderr.flush()
        os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status), flush=True)
"""


@dataclass
class Killer:
    """Runs killed sync processes against one replica."""

    local_url: str
    central_url: str
    env: dict[str, str]
    worker: subprocess.Popen[str] | None = None
    by_cli: int = 0
    by_fork: int = 0

    def kill_via_cli(self, point: str) -> int:
        done = subprocess.run(
            [
                str(SCRIPT),
                "sync",
                "--url",
                self.local_url,
                "--central",
                self.central_url,
                "--once",
                "--now",
                DEMO_NOW_ISO,
            ],
            env={**self.env, KILL_AT: point},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == -9, f"{point}: exit {done.returncode}\n{done.stderr}"
        self.by_cli += 1
        return done.returncode

    def kill_via_fork(self, point: str) -> int:
        if self.worker is None:
            self.worker = subprocess.Popen(
                [sys.executable, "-c", WORKER, self.local_url, self.central_url, NOW.isoformat()],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=self.env,
            )
        assert self.worker.stdin is not None and self.worker.stdout is not None
        self.worker.stdin.write(point + "\n")
        self.worker.stdin.flush()
        answer = self.worker.stdout.readline().strip()
        assert answer == "-9", f"{point}: the forked sync ended with {answer!r}, not SIGKILL"
        self.by_fork += 1
        return int(answer)

    def close(self) -> None:
        if self.worker is not None:
            self.worker.communicate(timeout=30)  # closes its pipes, waits for it
            assert self.worker.returncode == 0


@dataclass
class Ledger:
    """What the test made, to check against at the end."""

    local: list[uuid.UUID] = field(default_factory=list)
    central: list[uuid.UUID] = field(default_factory=list)
    kills: dict[str, int] = field(default_factory=lambda: dict.fromkeys(POINTS, 0))


@pytest.fixture
def central(central_factory: Callable[..., Central]) -> Central:
    return central_factory(
        {OFFICE: len(LOCAL_COUNTERS) + 1}, opens=clock(7), closes=clock(19), slot_minutes=5
    )


@pytest.fixture
def pc(
    central: Central, service_factory: Callable[..., Service], tmp_path: Path
) -> Iterator[tuple[Replica, dict[str, str], str]]:
    """A counter PC enrolled with a training service: its replica (synced through the
    service), its environment (data folder with the device credential) and the URL."""
    service = service_factory(central)
    device = service.enroll(OFFICE)
    data = tmp_path / "data"
    env = {
        **os.environ,
        "BUERGERDESK_DATA_DIR": str(data),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # the token in the file
    }
    env.pop(KILL_AT, None)
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        save_credential(
            DeviceCredential(
                service.url, str(device.id), OFFICE, "counter", None, device.token, str(service.ca)
            )
        )
    finally:
        os.environ.clear()
        os.environ.update(saved)
    url = f"sqlite:///{tmp_path / 'local.sqlite'}"
    upgrade_database(url)
    local = open_database(url)
    link = RemoteLink(service.url, device.token, device.id, ca=str(service.ca), send_now=True)
    replica = Replica(url, local, SyncEngine(local, link))
    replica.engine.sync_once(NOW)
    yield replica, env, service.url
    link.close()
    local.dispose()


@pytest.fixture
def replica(pc: tuple[Replica, dict[str, str], str]) -> Replica:
    return pc[0]


@pytest.fixture
def killer(pc: tuple[Replica, dict[str, str], str]) -> Iterator[Killer]:
    replica, env, url = pc
    made = Killer(replica.url, url, env)
    yield made
    made.close()


def slots(central: Central, counters: tuple[int, ...]) -> Iterator[tuple[uuid.UUID, datetime]]:
    """Fresh (counter, start) pairs on weekdays from tomorrow on."""
    day = NOW.date() + timedelta(days=1)
    while True:
        if day.weekday() < 5:
            for step in range(12 * 12):
                for number in counters:
                    yield (
                        central.counters[OFFICE][number],
                        slot(day, 7) + timedelta(minutes=5 * step),
                    )
        day += timedelta(days=1)


def book_centrally(db: DeskDatabase, counter_id: uuid.UUID, start: datetime) -> uuid.UUID:
    """A portal booking written straight into the central database."""
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
            citizen_name="Portal Nutzerin",
            created_at=NOW,
            updated_at=NOW,
        )
        uow.session.add(appointment)
        uow.session.flush()
        uow.session.add_all(
            [
                SlotHold(counter_id=counter_id, slot_start=start, appointment_id=appointment.id),
                AppointmentEvent(
                    id=uuid.uuid4(),
                    appointment_id=appointment.id,
                    status=AppointmentStatus.BOOKED,
                    at=NOW,
                    note="gebucht (portal)",
                ),
            ]
        )
        uow.commit()
        return appointment.id


def cursor_of(db: DeskDatabase) -> str | None:
    with UnitOfWork(db.engine) as uow:
        row = uow.session.get(SyncState, CURSOR_KEY)
        return row.value if row else None


def ids_in(db: DeskDatabase, wanted: list[uuid.UUID]) -> set[uuid.UUID]:
    with UnitOfWork(db.engine) as uow:
        return set(uow.session.scalars(select(Appointment.id).where(Appointment.id.in_(wanted))))


def appointment_ids(db: DeskDatabase) -> set[uuid.UUID]:
    with UnitOfWork(db.engine) as uow:
        return set(
            uow.session.scalars(select(Appointment.id).where(Appointment.office_id == OFFICE))
        )


def run_kills(central: Central, replica: Replica, killer: Killer, kills: int) -> Ledger:
    ledger = Ledger()
    rng = random.Random(20240320 + kills)
    local_slots = slots(central, LOCAL_COUNTERS)
    central_slots = slots(central, (CENTRAL_COUNTER,))
    for i in range(kills):
        point = POINTS[i % len(POINTS)]
        wanted = [(*next(local_slots), f"Kill {i} Buchung {j}") for j in range(rng.randint(1, 3))]
        new = insert_local_bookings(replica.db, OFFICE, wanted)
        ledger.local += new
        if i % 5 == 4:
            ledger.central.append(book_centrally(central.db, *next(central_slots)))
        waiting, cursor = count(replica.db, OutboxOp), cursor_of(replica.db)

        if i < CLI_KILLS:
            killer.kill_via_cli(point)
        else:
            killer.kill_via_fork(point)
        ledger.kills[point] += 1

        # the process died exactly where it was told to
        if point in ("after_central_commit", "before_outbox_delete"):
            assert count(replica.db, OutboxOp) == waiting, f"kill {i} at {point}"
            assert ids_in(central.db, new) == set(new), f"kill {i} at {point}: not committed"
        else:
            assert count(replica.db, OutboxOp) == 0, f"kill {i} at {point}"
            moved = cursor_of(replica.db) != cursor
            assert moved == (point == "after_download"), f"kill {i} at {point}: cursor"

        report = replica.engine.sync_once(NOW)
        assert report.rejected == 0, f"kill {i} at {point}: {report}"
        assert report.status.waiting == 0, f"kill {i} at {point}: {report}"
        assert report.status.conflicts == 0, f"kill {i} at {point}: {report}"
    return ledger


def assert_nothing_lost_nothing_twice(central: Central, replica: Replica, ledger: Ledger) -> None:
    made = set(ledger.local)
    assert len(made) == len(ledger.local)
    here, there = appointment_ids(replica.db), appointment_ids(central.db)
    assert here == there
    lost = made - there
    assert not lost, f"{len(lost)} counter bookings never reached central"
    assert set(ledger.central) <= here, "central bookings missing on the PC"
    assert there == made | set(ledger.central)
    with UnitOfWork(central.db.engine) as uow:
        s = uow.session
        rows = s.scalar(select(func.count()).select_from(Appointment)) or 0
        distinct = s.scalar(select(func.count(func.distinct(Appointment.id)))) or 0
        codes = s.scalar(select(func.count(func.distinct(Appointment.booking_code)))) or 0
        events = dict(
            s.execute(
                select(AppointmentEvent.appointment_id, func.count()).group_by(
                    AppointmentEvent.appointment_id
                )
            ).all()
        )
        holds = dict(
            s.execute(
                select(SlotHold.appointment_id, func.count()).group_by(SlotHold.appointment_id)
            ).all()
        )
        statuses = set(s.scalars(select(Appointment.status).distinct()))
    assert rows == distinct == codes == len(there), "duplicated rows or booking codes"
    assert set(events) == there and set(events.values()) == {1}, "an event applied twice"
    assert set(holds) == there and set(holds.values()) == {1}
    assert statuses == {AppointmentStatus.BOOKED}
    assert count(central.db, AppliedOp) == len(made)  # one applied op per booking, once
    assert count(replica.db, OutboxOp) == 0
    assert count(replica.db, SyncConflict) == 0
    assert count(replica.db, SlotHold) == len(there)

    replica.db.dispose()
    path = replica.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_fifty_kills_lose_nothing_and_apply_nothing_twice(
    central: Central, replica: Replica, killer: Killer
):
    ledger = run_kills(central, replica, killer, KILLS)

    assert sum(ledger.kills.values()) == KILLS
    assert set(ledger.kills.values()) == {KILLS // len(POINTS), KILLS // len(POINTS) + 1}
    assert (killer.by_cli, killer.by_fork) == (CLI_KILLS, KILLS - CLI_KILLS)
    assert_nothing_lost_nothing_twice(central, replica, ledger)


@pytest.mark.soak
def test_two_hundred_kills_lose_nothing_and_apply_nothing_twice(
    central: Central, replica: Replica, killer: Killer
):
    ledger = run_kills(central, replica, killer, SOAK_KILLS)

    assert ledger.kills == dict.fromkeys(POINTS, SOAK_KILLS // len(POINTS))
    assert_nothing_lost_nothing_twice(central, replica, ledger)
