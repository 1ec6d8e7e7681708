"""R6: NOTIFY wake-ups survive a cut connection. The listener's backend is terminated on
the server, 100 bookings commit while it is gone (their notifications are lost), and the
listener's reconnect must catch up on them (DESIGN.md §4.6)."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from datetime import time as clock

import psycopg
import pytest
from sqlalchemy import func, select

from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import new_code
from desk.services.database import DeskDatabase, open_database
from desk.store.models import Appointment, AppointmentEvent, SlotHold
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncReport, SyncStatus
from desk.sync.link import DirectLink
from desk.sync.listen import NotifyListener, channels
from desk.sync.runner import SyncRunner
from tests.sync.conftest import NOW, SERVICE, Central, Replica, slot

OFFICE = "bb-notify"
COUNTERS = 4
BOOKINGS = 100
ARRIVAL_SECONDS = 30.0

LISTENERS = (
    "SELECT pid, backend_start FROM pg_stat_activity "
    "WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
)


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: COUNTERS}, opens=clock(7), closes=clock(19), slot_minutes=5)


@pytest.fixture
def replica(central: Central, replica_factory: Callable[..., Replica]) -> Replica:
    return replica_factory(central)


@pytest.fixture
def runner(central: Central, replica: Replica) -> Iterator[tuple[SyncRunner, threading.Event]]:
    """A runner that syncs only on NOTIFY (and once at its start): interval one hour."""
    first_round = threading.Event()
    statuses: list[SyncStatus] = []

    def reported(_report: SyncReport) -> None:
        first_round.set()

    made = SyncRunner(
        replica.db,
        lambda: DirectLink(open_database(central.url)),  # the central side, in process
        lambda: NOW,
        reported,
        statuses.append,
        3600,
        wake_ups=lambda wake: NotifyListener(central.conninfo, channels([OFFICE]), wake),
    )
    made.start()
    try:
        yield made, first_round
    finally:
        made.stop()
    assert statuses == [], f"a round failed: {statuses}"


def starts() -> Iterator[tuple[int, datetime]]:
    """(counter number, start) pairs on the weekdays after NOW."""
    day = NOW.date() + timedelta(days=1)
    while True:
        if day.weekday() < 5:
            for step in range(12 * 12):
                for number in range(1, COUNTERS + 1):
                    yield number, slot(day, 7) + timedelta(minutes=5 * step)
        day += timedelta(days=1)


def commit_booking(central: Central, number: int, start: datetime) -> uuid.UUID:
    """One portal booking in a transaction of its own (appointment, hold, event)."""
    counter_id = central.counters[OFFICE][number]
    with UnitOfWork(central.db.engine) as uow:
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
            citizen_name=f"Portal {number} {start:%d%H%M}",
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
        uow.commit()
        return appointment.id


def arrived(db: DeskDatabase, ids: list[uuid.UUID]) -> int:
    with UnitOfWork(db.engine) as uow:
        return (
            uow.session.scalar(
                select(func.count()).select_from(Appointment).where(Appointment.id.in_(ids))
            )
            or 0
        )


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def listeners(central: Central) -> list[tuple[int, datetime]]:
    with psycopg.connect(central.conninfo, autocommit=True) as conn:
        return [(pid, started) for pid, started in conn.execute(LISTENERS)]


def test_bookings_committed_while_the_listener_is_cut_arrive_after_it_reconnects(
    central: Central, replica: Replica, runner: tuple[SyncRunner, threading.Event]
):
    _runner, first_round = runner
    slots = starts()
    assert first_round.wait(20), "the runner's first round did not finish"
    assert wait_for(lambda: len(listeners(central)) == 1, 10), "the listener never connected"

    # the push path works: one booking arrives by NOTIFY alone (the interval is an hour)
    probe = [commit_booking(central, *next(slots))]
    assert wait_for(lambda: arrived(replica.db, probe) == 1, 10), "NOTIFY did not wake a round"

    with psycopg.connect(central.conninfo, autocommit=True) as conn:
        cut = conn.execute(
            f"SELECT pg_terminate_backend(pid) FROM ({LISTENERS}) AS listener"
        ).fetchall()
        assert cut == [(True,)]
        assert wait_for(lambda: listeners(central) == [], 5), "the listener was not cut"

        made = [commit_booking(central, *next(slots)) for _ in range(BOOKINGS)]
        last_commit = conn.execute("SELECT clock_timestamp()").fetchone()[0]

    assert wait_for(lambda: arrived(replica.db, made) == BOOKINGS, ARRIVAL_SECONDS), (
        f"only {arrived(replica.db, made)} of {BOOKINGS} bookings arrived within "
        f"{ARRIVAL_SECONDS:.0f} s of the cut"
    )
    back = listeners(central)
    assert len(back) == 1, "the listener did not reconnect"
    # all 100 committed before the new LISTEN: none of them could have been notified
    assert back[0][1] > last_commit, "the listener came back before the last commit (inconclusive)"
