"""R4: an offline booking that loses its slot centrally becomes a visible conflict
with alternatives; the citizen's data is kept, the central holder wins."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desk.domain.errors import DatabaseUnavailable
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import cancel
from desk.services.database import DeskDatabase
from desk.store import outbox
from desk.store.models import Appointment, OutboxOp, SyncConflict
from desk.store.uow import UnitOfWork
from desk.sync import link as link_module
from tests.sync.conftest import (
    NOW,
    Central,
    Replica,
    book_at,
    count,
    get,
    holder_at,
    holds_of,
    slot,
)

OFFICE = "bb-one"  # one counter: a slot is a start time
DAY = NOW.date() + timedelta(days=1)
NAME = 'Zoë O\'Connor-Straße "Mia" 李'


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: 1})


@pytest.fixture
def new_replica(central: Central, replica_factory: Callable[..., Replica]) -> Callable[[], Replica]:
    return lambda: replica_factory(central)


def conflicts(db: DeskDatabase) -> list[SyncConflict]:
    with UnitOfWork(db.engine) as uow:
        rows = list(uow.session.scalars(select(SyncConflict)))
        for row in rows:
            uow.session.expunge(row)
        return rows


def holding_at_central(central: Central, start: datetime) -> list[uuid.UUID]:
    with UnitOfWork(central.db.engine) as uow:
        return list(
            uow.session.scalars(
                select(Appointment.id).where(
                    Appointment.office_id == OFFICE,
                    Appointment.starts_at == start,
                    Appointment.status != AppointmentStatus.CANCELLED,
                )
            )
        )


def test_offline_counter_booking_loses_to_a_portal_booking(
    central: Central, new_replica: Callable[[], Replica]
):
    a = new_replica()
    start = slot(DAY, 9)
    counter = central.counters[OFFICE][1]
    offline = book_at(a.db, OFFICE, start, NAME)  # A is offline: no sync
    online = book_at(central.db, OFFICE, start, "Portal Bürger", Channel.PORTAL)

    report = a.engine.sync_once(NOW)

    assert (report.pushed, report.rejected) == (1, 1)
    assert report.status.conflicts == 1
    assert report.status.waiting == 0
    # central: the portal booking alone holds the slot
    assert holder_at(central.db, counter, start) == online.id
    assert holding_at_central(central, start) == [online.id]
    assert get(central.db, Appointment, offline.id) is None
    # the clerk sees the conflict with the citizen's data and alternatives
    (conflict,) = conflicts(a.db)
    payload = json.loads(conflict.payload)
    assert payload["name"] == NAME
    assert payload["id"] == str(offline.id)
    assert payload["code"] == offline.code
    assert conflict.entity_id == offline.id
    assert conflict.resolved_at is None
    reason = json.loads(conflict.reason)
    assert "bereits vergeben" in reason["reason"]
    alternatives = reason["alternatives"]
    assert isinstance(alternatives, list) and alternatives
    starts = [datetime.fromisoformat(s) for s in alternatives]
    assert all(s.tzinfo is not None for s in starts)
    assert start not in starts
    assert all(s > NOW for s in starts)
    assert len(set(starts)) == len(starts)
    # locally: own booking withdrawn, the central holder shown with its holds
    mine = get(a.db, Appointment, offline.id)
    assert isinstance(mine, Appointment)
    assert mine.status == AppointmentStatus.CANCELLED
    assert mine.citizen_name == NAME
    assert holds_of(a.db, offline.id) == []
    theirs = get(a.db, Appointment, online.id)
    assert isinstance(theirs, Appointment)
    assert theirs.booking_code == online.code
    assert theirs.status == AppointmentStatus.BOOKED
    assert holds_of(a.db, online.id) == [(counter, start)]
    assert holder_at(a.db, counter, start) == online.id
    assert count(a.db, OutboxOp) == 0

    again = a.engine.sync_once(NOW)
    assert (again.pushed, again.rejected, again.status.conflicts) == (0, 0, 1)
    assert len(conflicts(a.db)) == 1
    assert holder_at(a.db, counter, start) == online.id


def test_two_offline_counters_book_the_same_slot(
    central: Central, new_replica: Callable[[], Replica]
):
    a, b = new_replica(), new_replica()
    start = slot(DAY, 10)
    counter = central.counters[OFFICE][1]
    from_a = book_at(a.db, OFFICE, start, "Anna von A")
    from_b = book_at(b.db, OFFICE, start, "Bernd von B")

    report_a = a.engine.sync_once(NOW)
    report_b = b.engine.sync_once(NOW)

    assert (report_a.pushed, report_a.rejected) == (1, 0)
    assert (report_b.pushed, report_b.rejected) == (1, 1)
    assert holding_at_central(central, start) == [from_a.id]
    assert holder_at(central.db, counter, start) == from_a.id
    assert get(central.db, Appointment, from_b.id) is None
    assert conflicts(a.db) == []
    (conflict,) = conflicts(b.db)
    assert json.loads(conflict.payload)["name"] == "Bernd von B"
    assert start not in [
        datetime.fromisoformat(s) for s in json.loads(conflict.reason)["alternatives"]
    ]
    # both counters now show A's booking on the slot
    assert holder_at(b.db, counter, start) == from_a.id
    a.engine.sync_once(NOW)
    assert holder_at(a.db, counter, start) == from_a.id
    assert get(a.db, Appointment, from_b.id) is None
    local_b = get(b.db, Appointment, from_b.id)
    assert isinstance(local_b, Appointment) and local_b.status == AppointmentStatus.CANCELLED


def test_a_booking_made_during_a_round_does_not_break_the_pull(
    central: Central, new_replica: Callable[[], Replica], monkeypatch: pytest.MonkeyPatch
):
    """The app syncs on a worker thread while the clerk keeps booking. A booking
    made after the push and before the pull, on a slot the portal took centrally,
    must not turn the round into 'central unreachable' (pull.apply_changes promises
    to leave colliding central rows out until the local booking is settled)."""
    a = new_replica()
    start = slot(DAY, 11)
    counter = central.counters[OFFICE][1]
    online = book_at(central.db, OFFICE, start, "Portal Schnell", Channel.PORTAL)
    real_fetch = link_module.fetch_changes
    made: list[uuid.UUID] = []

    def clerk_books_then_fetch(*args, **kwargs):
        if not made:
            made.append(book_at(a.db, OFFICE, start, "Schalter Langsam").id)
        return real_fetch(*args, **kwargs)

    monkeypatch.setattr(link_module, "fetch_changes", clerk_books_then_fetch)
    try:
        report = a.engine.sync_once(NOW)
    except DatabaseUnavailable as err:
        pytest.fail(f"a local booking during the round was reported as: {err}")
    monkeypatch.undo()

    assert report.status.connected is True
    assert report.status.waiting == 1
    settled = a.engine.sync_once(NOW)
    assert (settled.pushed, settled.rejected) == (1, 1)
    assert holder_at(a.db, counter, start) == online.id
    assert len(conflicts(a.db)) == 1
    mine = get(a.db, Appointment, made[0])
    assert isinstance(mine, Appointment) and mine.status == AppointmentStatus.CANCELLED


def test_a_refused_booking_cancelled_offline_is_one_conflict(
    central: Central, new_replica: Callable[[], Replica]
):
    a = new_replica()
    start = slot(DAY, 11, 30)
    offline = book_at(a.db, OFFICE, start, NAME)
    cancel(a.db, offline.code, NOW, "Bürger hat abgesagt")  # still offline
    book_at(central.db, OFFICE, start, "Portal Bürger", Channel.PORTAL)

    report = a.engine.sync_once(NOW)

    assert (report.pushed, report.rejected) == (2, 2)  # booking and its cancellation
    found = [c for c in conflicts(a.db) if c.entity_id == offline.id]
    assert [c.kind for c in found] == [outbox.BOOK]
    assert NAME in json.loads(found[0].payload)["name"]
    assert count(a.db, OutboxOp) == 0
