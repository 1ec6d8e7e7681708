"""Life-cycle steps taken at a counter PC reach the central database exactly once, with
their stamped events and the call for the display, and from there the other PCs
(DESIGN.md §2, §4)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desk.domain.errors import RequestRefused
from desk.domain.status import AppointmentStatus, Channel
from desk.services.appointments.lifecycle import Action, history, perform
from desk.services.database import DeskDatabase
from desk.store import outbox
from desk.store.models import (
    AppliedOp,
    Appointment,
    AppointmentEvent,
    Call,
    OutboxOp,
    SyncConflict,
    User,
)
from desk.store.uow import UnitOfWork
from desk.sync.rows import as_dict
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

OFFICE = "bb-lifecycle"
DAY = NOW.date() + timedelta(days=1)  # Thursday
CLERK = uuid.UUID("6a1f2a4e-8f0e-4c1d-9d3b-2f5e6c7a8b90")
S = AppointmentStatus


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    made = central_factory({OFFICE: 2})
    with UnitOfWork(made.db.engine) as uow:  # a clerk, copied to the PCs as reference data
        uow.session.add(
            User(
                id=CLERK,
                username="sb.abgleich",
                display_name="Sachbearbeitung Abgleich",
                role="clerk",
                password_hash="x",
                office_id=OFFICE,
            )
        )
        uow.commit()
    return made


@pytest.fixture(scope="module")
def pcs(central: Central, replica_factory: Callable[..., Replica]) -> tuple[Replica, Replica]:
    """Counter PC A, where the clerk works, and PC B at the next counter."""
    return replica_factory(central), replica_factory(central)


def rows(db: DeskDatabase, model: type, appointment_id: uuid.UUID) -> list[dict[str, object]]:
    """Every row of ``model`` about an appointment, as column dicts sorted by id."""
    with UnitOfWork(db.engine) as uow:
        found = uow.session.scalars(
            select(model).where(model.appointment_id == appointment_id)  # type: ignore[attr-defined]
        )
        return sorted((as_dict(r) for r in found), key=lambda r: str(r["id"]))


def waiting(db: DeskDatabase) -> list[tuple[str, uuid.UUID, dict[str, object]]]:
    with UnitOfWork(db.engine) as uow:
        return [(o.kind, o.entity_id, json.loads(o.payload)) for o in outbox.pending(uow.session)]


def waiting_ids(db: DeskDatabase) -> list[uuid.UUID]:
    with UnitOfWork(db.engine) as uow:
        return [o.op_id for o in outbox.pending(uow.session)]


def offline_times(central: Central, op_ids: list[uuid.UUID]) -> list[datetime | None]:
    """The counter's time of each operation, as the central side kept it."""
    with UnitOfWork(central.db.engine) as uow:
        kept = {
            op.op_id: op.client_at
            for op in uow.session.scalars(select(AppliedOp).where(AppliedOp.op_id.in_(op_ids)))
        }
    return [kept.get(i) for i in op_ids]


def test_steps_at_a_counter_reach_central_once_and_the_other_pc(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, b = pcs
    assert get(a.db, User, CLERK) is not None  # the clerk came down with the first sync
    booked = book_at(a.db, OFFICE, slot(DAY, 9), "Zoë Weiß-Öztürk")
    a.engine.sync_once(NOW)
    assert waiting(a.db) == []

    t = slot(DAY, 8, 50)
    steps = [
        (Action.CHECK_IN, None, t),
        (Action.CALL, 2, t + timedelta(minutes=10)),
        (Action.START, 2, t + timedelta(minutes=11)),
        (Action.DONE, 2, t + timedelta(minutes=23)),
    ]
    for action, counter, at in steps:
        perform(a.db, booked.id, action, at, counter_number=counter, user_id=CLERK)

    queued = waiting(a.db)
    queued_ids = waiting_ids(a.db)
    assert [(kind, entity) for kind, entity, _p in queued] == [(outbox.STATUS, booked.id)] * 4
    assert [p["action"] for _k, _e, p in queued] == [
        Action.CHECK_IN,
        Action.CALL,
        Action.START,
        Action.DONE,
    ]
    assert [p["call_id"] is not None for _k, _e, p in queued] == [False, True, False, False]
    with pytest.raises(RequestRefused):  # refused locally: nothing more queued
        perform(a.db, booked.id, Action.CHECK_IN, t + timedelta(hours=1), user_id=CLERK)
    assert len(waiting(a.db)) == 4
    there = get(central.db, Appointment, booked.id)
    assert isinstance(there, Appointment) and there.status == S.BOOKED  # not yet synced

    pushed_at = NOW + timedelta(minutes=1)
    report = a.engine.sync_once(pushed_at)

    assert (report.pushed, report.rejected, report.status.waiting) == (4, 0, 0)
    assert count(a.db, SyncConflict) == 0
    there = get(central.db, Appointment, booked.id)
    assert isinstance(there, Appointment)
    assert there.status == S.DONE
    # the central side stamps with its own clock, an instant per operation in order;
    # the counter's times are kept beside, as "done offline at"
    central_at = [pushed_at + timedelta(microseconds=i) for i in range(4)]
    assert there.updated_at == central_at[-1]
    assert offline_times(central, [op_id for op_id in queued_ids]) == [s[2] for s in steps]
    local_events = rows(a.db, AppointmentEvent, booked.id)
    central_events = rows(central.db, AppointmentEvent, booked.id)
    assert central_events == local_events
    assert sorted(e["status"] for e in central_events) == sorted(
        [S.BOOKED, S.CHECKED_IN, S.CALLED, S.IN_SERVICE, S.DONE]
    )
    stamped = {
        e["status"]: (e["at"], e["counter_id"], e["user_id"])
        for e in central_events
        if e["status"] != S.BOOKED
    }
    counter2 = central.counters[OFFICE][2]
    assert stamped == {
        S.CHECKED_IN: (central_at[0], None, CLERK),
        S.CALLED: (central_at[1], counter2, CLERK),
        S.IN_SERVICE: (central_at[2], counter2, CLERK),
        S.DONE: (central_at[3], counter2, CLERK),
    }
    [call] = rows(central.db, Call, booked.id)
    assert rows(a.db, Call, booked.id) == [call]
    assert (call["display_code"], call["counter_id"], call["called_at"]) == (
        booked.code,
        counter2,
        central_at[1],
    )
    assert call["office_id"] == OFFICE and call["user_id"] == CLERK
    assert count(central.db, AppliedOp, AppliedOp.kind == outbox.STATUS) == 4

    # once more: nothing to push, nothing doubled on either side
    again = a.engine.sync_once(NOW + timedelta(minutes=2))
    assert (again.pushed, again.rejected) == (0, 0)
    assert rows(central.db, AppointmentEvent, booked.id) == central_events
    assert rows(central.db, Call, booked.id) == [call]
    assert rows(a.db, AppointmentEvent, booked.id) == central_events
    assert rows(a.db, Call, booked.id) == [call]

    # the next PC pulls the finished appointment, its history and the call
    b.engine.sync_once(NOW + timedelta(minutes=3))
    here = get(b.db, Appointment, booked.id)
    assert isinstance(here, Appointment) and here.status == S.DONE
    assert rows(b.db, AppointmentEvent, booked.id) == central_events
    assert rows(b.db, Call, booked.id) == [call]
    seen = [(e.status, e.at, e.counter_name, e.user_name) for e in history(b.db, booked.id)]
    assert seen == [(e.status, e.at, e.counter_name, e.user_name) for e in history(a.db, booked.id)]
    assert seen[-1] == (S.DONE, central_at[3], "Schalter 2", "Sachbearbeitung Abgleich")


def test_a_call_and_a_recall_are_two_calls_centrally(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, b = pcs
    booked = book_at(a.db, OFFICE, slot(DAY, 9, 15), "Recall Kandidatin")
    t = slot(DAY, 9, 16)
    perform(a.db, booked.id, Action.CALL, t, counter_number=1, user_id=CLERK)
    perform(a.db, booked.id, Action.RECALL, t + timedelta(minutes=2), counter_number=1)
    perform(a.db, booked.id, Action.DONE, t + timedelta(minutes=6), counter_number=1)

    report = a.engine.sync_once(NOW)

    assert (report.pushed, report.rejected) == (4, 0)  # the booking and three steps
    calls = rows(central.db, Call, booked.id)
    assert sorted((c["called_at"], c["display_code"]) for c in calls) == [
        (NOW + timedelta(microseconds=1), booked.code),  # the central side's instants
        (NOW + timedelta(microseconds=2), booked.code),
    ]
    there = get(central.db, Appointment, booked.id)
    assert isinstance(there, Appointment) and there.status == S.DONE
    b.engine.sync_once(NOW)
    assert rows(b.db, Call, booked.id) == calls


def test_a_no_show_before_the_start_by_the_central_clock_is_refused_centrally(
    central: Central, pcs: tuple[Replica, Replica]
):
    """A PC whose clock runs ahead marks a no-show; the central service's own time says
    the appointment has not begun: refused there, kept as a conflict at the PC."""
    a, _b = pcs
    booked = book_at(a.db, OFFICE, slot(DAY, 9, 15), "Uhr Vorlauf")
    perform(a.db, booked.id, Action.NO_SHOW, slot(DAY, 9, 20), counter_number=1)
    assert slot(DAY, 9, 15) > NOW  # the central service's time in this test

    report = a.engine.sync_once(NOW)

    assert (report.pushed, report.rejected) == (2, 1)  # the booking went through
    there = get(central.db, Appointment, booked.id)
    assert isinstance(there, Appointment) and there.status == S.BOOKED


def test_a_cancellation_at_a_counter_frees_the_slot_centrally(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, _b = pcs
    start = slot(DAY, 10)
    first = book_at(a.db, OFFICE, start, "Erste")
    second = book_at(a.db, OFFICE, start, "Zweite")
    a.engine.sync_once(NOW)
    counter = central.counters[OFFICE][first.counter_number]
    assert holder_at(central.db, counter, start) == first.id

    perform(a.db, first.id, Action.CANCEL, NOW, user_id=CLERK, reason="Bürger hat abgesagt")
    assert holds_of(a.db, first.id) == []
    report = a.engine.sync_once(NOW + timedelta(minutes=1))

    assert (report.pushed, report.rejected) == (1, 0)
    assert holds_of(central.db, first.id) == []
    assert holder_at(central.db, counter, start) is None
    assert holder_at(central.db, central.counters[OFFICE][second.counter_number], start) == (
        second.id
    )
    [event] = [
        e for e in rows(central.db, AppointmentEvent, first.id) if e["status"] == S.CANCELLED
    ]
    assert (event["note"], event["user_id"]) == ("Bürger hat abgesagt", CLERK)
    again = book_at(central.db, OFFICE, start, "Nachrückerin", Channel.PORTAL)
    assert holder_at(central.db, counter, start) == again.id
    assert count(a.db, OutboxOp) == 0
