"""R2: a lost acknowledgement. The central database committed a batch, the counter never
heard back and still has the operations in its outbox; the retry must change nothing."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from datetime import time as clock

import pytest
from sqlalchemy import func, select, text

from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.booking import cancel
from desk.services.database import DeskDatabase
from desk.store import outbox
from desk.store.models import (
    AppliedOp,
    Appointment,
    AppointmentEvent,
    OutboxOp,
    SlotHold,
    SyncConflict,
)
from desk.store.uow import UnitOfWork
from desk.sync.central import APPLIED, REJECTED, OpResult, PendingOp
from desk.sync.engine import BATCH as ENGINE_BATCH
from tests.sync.conftest import (
    NOW,
    Central,
    Replica,
    apply_ops,
    book_at,
    count,
    insert_local_bookings,
    pending_ops,
    slot,
)

OFFICE = "bb-ack"
COUNTERS = 4
BATCH = 20
REPEATS = 20  # 100 runs took about 26 s here, over the 20 s budget


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: COUNTERS}, opens=clock(7), closes=clock(19), slot_minutes=5)


@pytest.fixture(scope="module")
def replica(central: Central, replica_factory: Callable[..., Replica]) -> Replica:
    return replica_factory(central)


@pytest.fixture(scope="module")
def free_slots(central: Central) -> Iterator[tuple[uuid.UUID, datetime]]:
    """Fresh (counter, start) pairs on weekdays from the day after tomorrow on
    (tomorrow is left to the tests that book through ``booking.book``)."""

    def generate() -> Iterator[tuple[uuid.UUID, datetime]]:
        day = NOW.date() + timedelta(days=2)
        while True:
            if day.weekday() < 5:
                for number in range(1, COUNTERS + 1):
                    for step in range(12 * 12):
                        start = slot(day, 7) + timedelta(minutes=5 * step)
                        yield central.counters[OFFICE][number], start
            day += timedelta(days=1)

    return generate()


def apply_without_ack(central: Central, ops: list[PendingOp]) -> list[OpResult]:
    """What the central side did for a push whose acknowledgement was lost."""
    return apply_ops(central.db, ops)


def central_counts(central: Central) -> dict[str, int]:
    with UnitOfWork(central.db.engine) as uow:
        s = uow.session
        counts = {
            model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Appointment, AppointmentEvent, SlotHold, AppliedOp)
        }
        counts["change_log"] = s.scalar(text("SELECT count(*) FROM change_log")) or 0
    return counts


def codes_at_central(central: Central, ids: list[uuid.UUID]) -> dict[str, int]:
    with UnitOfWork(central.db.engine) as uow:
        rows = uow.session.execute(
            select(Appointment.booking_code, func.count())
            .where(Appointment.id.in_(ids))
            .group_by(Appointment.booking_code)
        )
        return {code: n for code, n in rows}


def codes_at(db: DeskDatabase, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.execute(
            select(Appointment.id, Appointment.booking_code).where(Appointment.id.in_(ids))
        )
        return {i: code for i, code in rows}


def assert_exactly_once(
    central: Central, replica: Replica, ids: list[uuid.UUID], op_ids: list[uuid.UUID]
) -> None:
    assert count(replica.db, OutboxOp) == 0
    assert count(replica.db, SyncConflict) == 0
    assert count(central.db, Appointment, Appointment.id.in_(ids)) == len(ids)
    local_codes = codes_at(replica.db, ids)
    assert codes_at_central(central, ids) == {code: 1 for code in local_codes.values()}
    assert len(local_codes) == len(ids)
    assert count(central.db, AppointmentEvent, AppointmentEvent.appointment_id.in_(ids)) == len(ids)
    assert count(central.db, SlotHold, SlotHold.appointment_id.in_(ids)) == len(ids)
    assert count(central.db, AppliedOp, AppliedOp.op_id.in_(op_ids)) == len(op_ids)
    assert count(
        replica.db,
        Appointment,
        Appointment.id.in_(ids),
        Appointment.status == AppointmentStatus.BOOKED,
    ) == len(ids)


def test_lost_ack_for_twenty_counter_bookings(central: Central, replica: Replica):
    day: date = NOW.date() + timedelta(days=1)
    booked = [
        book_at(replica.db, OFFICE, slot(day, 7) + timedelta(minutes=5 * i), f"Bürger {i}")
        for i in range(BATCH)
    ]
    ids = [b.id for b in booked]
    ops = pending_ops(replica.db)
    assert [op.args["id"] for op in ops] == [str(i) for i in ids]
    applied_before = count(central.db, AppliedOp)

    results = apply_without_ack(central, ops)

    assert [r.outcome for r in results] == [APPLIED] * BATCH
    assert count(replica.db, OutboxOp) == BATCH  # the ack was lost
    report = replica.engine.sync_once(NOW)
    assert (report.pushed, report.rejected, report.status.waiting) == (BATCH, 0, 0)
    assert count(central.db, AppliedOp) == applied_before + BATCH
    assert_exactly_once(central, replica, ids, [op.op_id for op in ops])


def test_partly_lost_ack(central: Central, replica: Replica, free_slots):
    wanted = [(*next(free_slots), f"Teilweise {i}") for i in range(BATCH)]
    ids = insert_local_bookings(replica.db, OFFICE, wanted)
    ops = pending_ops(replica.db)
    apply_without_ack(central, ops[: BATCH // 2])

    report = replica.engine.sync_once(NOW)

    assert (report.pushed, report.rejected) == (BATCH, 0)
    assert_exactly_once(central, replica, ids, [op.op_id for op in ops])


def test_lost_ack_across_several_push_batches(central: Central, replica: Replica, free_slots):
    many = 2 * ENGINE_BATCH + 10
    wanted = [(*next(free_slots), f"Viele {i}") for i in range(many)]
    ids = insert_local_bookings(replica.db, OFFICE, wanted)
    ops = pending_ops(replica.db)
    apply_without_ack(central, ops[: ENGINE_BATCH + 5])  # beyond the first batch

    report = replica.engine.sync_once(NOW)

    assert (report.pushed, report.rejected) == (many, 0)
    assert_exactly_once(central, replica, ids, [op.op_id for op in ops])


def test_lost_ack_repeated(central: Central, replica: Replica, free_slots):
    started = time.perf_counter()
    for run in range(REPEATS):
        wanted = [(*next(free_slots), f"Lauf {run} Nr. {i}") for i in range(BATCH)]
        ids = insert_local_bookings(replica.db, OFFICE, wanted)
        ops = pending_ops(replica.db)
        assert len(ops) == BATCH
        applied_before = count(central.db, AppliedOp)
        assert all(r.outcome == APPLIED for r in apply_without_ack(central, ops))

        report = replica.engine.sync_once(NOW)

        assert (report.pushed, report.rejected) == (BATCH, 0), f"run {run}"
        assert count(central.db, AppliedOp) == applied_before + BATCH, f"run {run}"
        assert_exactly_once(central, replica, ids, [op.op_id for op in ops])
    print(f"\nlost ack: {REPEATS} runs of {BATCH} ops in {time.perf_counter() - started:.1f} s")


def test_applying_one_operation_twice_changes_nothing(central: Central, replica: Replica):
    start = slot(NOW.date() + timedelta(days=1), 12)
    booked = book_at(replica.db, OFFICE, start, "Zweimal Gesendet")
    cancel(replica.db, booked.code, NOW)
    ops = pending_ops(replica.db)
    assert [op.kind for op in ops] == [outbox.BOOK, outbox.CANCEL]

    for op in ops:
        first = apply_without_ack(central, [op])[0]
        assert first.outcome == APPLIED, first.detail
        counts = central_counts(central)
        second = apply_without_ack(central, [op])[0]
        assert (second.op_id, second.outcome, second.detail) == (
            first.op_id,
            first.outcome,
            first.detail,
        )
        assert central_counts(central) == counts, op.kind

    cancelled = count(
        central.db,
        Appointment,
        Appointment.id == booked.id,
        Appointment.status == AppointmentStatus.CANCELLED,
    )
    assert cancelled == 1
    replica.engine.sync_once(NOW)
    assert count(replica.db, OutboxOp) == 0
    assert count(replica.db, SyncConflict) == 0


def test_a_refused_operation_is_refused_the_same_way_twice(central: Central, replica: Replica):
    start = slot(NOW.date() + timedelta(days=1), 12, 30)
    booked = book_at(replica.db, OFFICE, start, "Verlierer")
    for number in range(COUNTERS):  # the central service would book another free counter
        book_at(central.db, OFFICE, start, f"Gewinner {number}", Channel.PORTAL)
    (op,) = pending_ops(replica.db)

    first = apply_without_ack(central, [op])[0]
    assert first.outcome == REJECTED
    assert first.detail["alternatives"]
    counts = central_counts(central)
    second = apply_without_ack(central, [op])[0]
    assert (second.outcome, second.detail) == (first.outcome, first.detail)
    assert central_counts(central) == counts

    report = replica.engine.sync_once(NOW)
    assert (report.pushed, report.rejected) == (1, 1)
    assert count(replica.db, SyncConflict, SyncConflict.op_id == op.op_id) == 1
    assert count(central.db, Appointment, Appointment.id == booked.id) == 0
