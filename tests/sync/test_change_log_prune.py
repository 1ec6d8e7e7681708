"""The central change log is pruned; a replica whose cursor is older than the pruned
part reads everything again instead of missing the pruned changes."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import select

from desk.store.models import Appointment
from desk.store.uow import UnitOfWork
from desk.sync.horizon import LOCK_KEY, prune_change_log
from desk.sync.pull import CURSOR_KEY, fetch_changes
from tests.sync.conftest import NOW, Central, Replica, book_at, slot

OFFICE = "bb-prune"
DAY = NOW.date() + timedelta(days=1)


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: 2})


def age_log(central: Central, days: int) -> None:
    """Make every change-log row look ``days`` old."""
    with psycopg.connect(central.conninfo, autocommit=True) as conn:
        conn.execute("UPDATE change_log SET at = at - make_interval(days => %s)", (days,))


def log_rows(central: Central) -> int:
    with psycopg.connect(central.conninfo) as conn:
        row = conn.execute("SELECT count(*) FROM change_log").fetchone()
        assert row is not None
        return int(row[0])


def horizon(central: Central) -> int:
    with psycopg.connect(central.conninfo) as conn:
        row = conn.execute("SELECT pruned_below_xid FROM change_log_horizon").fetchone()
        assert row is not None
        return int(row[0])


def local_ids(replica: Replica) -> set[uuid.UUID]:
    with UnitOfWork(replica.db.engine) as uow:
        return set(
            uow.session.scalars(select(Appointment.id).where(Appointment.office_id == OFFICE))
        )


def cursor_of(replica: Replica) -> str:
    cursor = replica.engine._get(CURSOR_KEY)
    assert cursor is not None
    return cursor


def test_a_replica_behind_the_pruned_log_reads_everything_again(
    central: Central, replica_factory: Callable[..., Replica]
):
    behind = replica_factory(central)
    booked = [book_at(central.db, OFFICE, slot(DAY, 9, 15 * i), f"Bürger {i}") for i in range(3)]
    assert log_rows(central) > 0
    age_log(central, 30)

    pruned = prune_change_log(central.db.engine, NOW)

    assert pruned > 0
    assert horizon(central) > 0
    # the log no longer holds the three bookings; only a full read can bring them
    assert fetch_changes(central.db.engine, cursor_of(behind), DAY).full
    behind.engine.sync_once(NOW)
    assert {b.id for b in booked} <= local_ids(behind)
    # and from then on the cursor is ahead of the horizon again: no full reads
    assert not fetch_changes(central.db.engine, cursor_of(behind), DAY).full


def test_recent_changes_stay_and_an_up_to_date_replica_keeps_its_cursor(
    central: Central, replica_factory: Callable[..., Replica]
):
    current = replica_factory(central)
    before = log_rows(central)
    book_at(central.db, OFFICE, slot(DAY, 10), "Neu")
    assert prune_change_log(central.db.engine, NOW) == 0  # nothing is 14 days old
    assert log_rows(central) > before
    batch = fetch_changes(central.db.engine, cursor_of(current), DAY)
    assert not batch.full
    assert len(batch.activity["appointment"]) == 1


def test_a_transaction_still_open_is_never_pruned(
    central: Central, replica_factory: Callable[..., Replica]
):
    replica = replica_factory(central)
    late_id = uuid.uuid4()
    with psycopg.connect(central.conninfo) as slow:
        slow.execute(
            "INSERT INTO appointment (id, office_id, counter_id, service_id, starts_at, ends_at,"
            " status, channel, booking_code, citizen_name, created_at, updated_at)"
            " VALUES (%s, %s, %s, 'abholung', %s, %s, 'booked', 'portal', 'LATE-0001', 'Spät',"
            " now(), now())",
            (
                late_id,
                OFFICE,
                central.counters[OFFICE][2],
                slot(DAY, 11),
                slot(DAY, 11, 15),
            ),
        )
        age_log(central, 30)  # the open transaction's own log row is not visible yet
        prune_change_log(central.db.engine, NOW)
        slow.commit()
    with psycopg.connect(central.conninfo) as conn:
        kept = conn.execute(
            "SELECT count(*) FROM change_log WHERE entity_id = %s", (str(late_id),)
        ).fetchone()
    assert kept is not None and kept[0] == 1
    replica.engine.sync_once(NOW)
    assert late_id in local_ids(replica)


def test_a_prune_running_elsewhere_is_not_waited_for(central: Central):
    with psycopg.connect(central.conninfo) as other:
        other.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        age_log(central, 30)
        assert prune_change_log(central.db.engine, NOW) == 0
    assert prune_change_log(central.db.engine, NOW) > 0
