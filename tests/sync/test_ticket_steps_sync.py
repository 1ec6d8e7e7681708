"""Ticket steps taken at a counter PC (recall, start, finish, park, unpark, no-show) reach
the central database exactly once, with the recall's call for the display; a step on a
ticket that changed centrally meanwhile becomes a visible conflict (DESIGN.md §4)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import datetime
from datetime import time as clock

import pytest
from sqlalchemy import select

from desk.domain.status import TicketReason, TicketStatus
from desk.services.database import DeskDatabase
from desk.services.walkin import steps as ticket_steps
from desk.services.walkin import tickets as walkin
from desk.services.walkin.queue import service_minutes_today, waiting_queue
from desk.store import outbox
from desk.store.models import AppliedOp, Call, Office, OutboxOp, SyncConflict, Ticket
from desk.store.uow import UnitOfWork
from desk.sync.central import APPLIED
from tests.sync.conftest import NOW, Central, Replica, apply_ops, count, pending_ops

OFFICE = "bb-steps"
T = TicketStatus


def at(hour: int, minute: int = 0) -> datetime:
    return NOW.replace(hour=hour, minute=minute, second=0, microsecond=0)


@pytest.fixture
def central(central_factory: Callable[..., Central]) -> Central:
    made = central_factory({OFFICE: 2})
    with UnitOfWork(made.db.engine) as uow:
        office = uow.session.get(Office, OFFICE)
        assert office is not None
        office.walk_in_quota = 20
        office.walk_in_from = clock(8)
        office.walk_in_until = clock(9)
        uow.commit()
    return made


@pytest.fixture
def pcs(central: Central, replica_factory: Callable[..., Replica]) -> tuple[Replica, Replica]:
    """PC A (counter 1) and PC B (counter 2), synced before the walk-in hour."""
    a = replica_factory(central, synced=False)
    b = replica_factory(central, synced=False)
    a.engine.sync_once(at(7, 50))
    b.engine.sync_once(at(7, 51))
    return a, b


def state(db: DeskDatabase, ticket_id: uuid.UUID) -> tuple:
    with UnitOfWork(db.engine) as uow:
        t = uow.session.get(Ticket, ticket_id)
        assert t is not None
        return (t.status, t.called_at, t.finished_at, t.counter_id, t.recall_count)


def calls(db: DeskDatabase, ticket_id: uuid.UUID) -> list[tuple[uuid.UUID, datetime]]:
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.execute(
            select(Call.id, Call.called_at)
            .where(Call.ticket_id == ticket_id)
            .order_by(Call.called_at)
        )
        return [(i, when) for i, when in rows]


def test_steps_reach_the_central_exactly_once_even_when_the_ack_is_lost(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, b = pcs
    issued = walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, 0))
    a.engine.sync_once(at(8, 1))
    ticket = a.engine.call_next(OFFICE, 1, at(8, 5))  # claimed centrally, pulled to A
    assert ticket.id == issued.id
    assert state(a.db, ticket.id)[0] == T.CALLED

    recalled = ticket_steps.recall(a.db, ticket.id, at(8, 6), 1)
    ticket_steps.start_service(a.db, ticket.id, at(8, 7))
    ticket_steps.finish(a.db, ticket.id, at(8, 19))

    ops = pending_ops(a.db)
    assert [op.kind for op in ops] == [outbox.TICKET_STEP] * 3
    assert [op.args["action"] for op in ops] == ["recall", "start", "finish"]
    assert recalled.display_code == issued.code
    local_calls = calls(a.db, ticket.id)
    assert [when for _, when in local_calls] == [at(8, 5), at(8, 6)]
    # the central side applies the three steps at 8:19 by its clock, but A never hears
    # back ...
    results = apply_ops(central.db, ops, at(8, 19))
    assert [r.outcome for r in results] == [APPLIED] * 3
    recall_call = local_calls[1][0]
    central_calls = [(local_calls[0][0], at(8, 5)), (recall_call, at(8, 19))]
    # ... so A sends them again with its next round: answered, not applied again
    report = a.engine.sync_once(at(8, 20))

    assert (report.pushed, report.rejected, report.status.waiting) == (3, 0, 0)
    expected = (T.DONE, at(8, 5), at(8, 19), central.counters[OFFICE][1], 1)
    assert state(central.db, ticket.id) == expected
    assert calls(central.db, ticket.id) == central_calls  # the recall's call, exactly once
    assert count(central.db, AppliedOp, AppliedOp.op_id.in_([op.op_id for op in ops])) == 3
    assert count(a.db, OutboxOp) == 0
    assert count(a.db, SyncConflict) == 0
    assert state(a.db, ticket.id) == expected
    assert service_minutes_today(central.db, OFFICE, at(8, 20)) == pytest.approx(14.0)
    b.engine.sync_once(at(8, 21))  # and from there to the next counter
    assert state(b.db, ticket.id) == expected
    assert calls(b.db, ticket.id) == central_calls
    assert calls(a.db, ticket.id) == central_calls


def test_a_parked_ticket_returns_to_its_place_at_the_central(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, b = pcs
    first, second, third = (
        walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, m)) for m in range(3)
    )
    a.engine.sync_once(at(8, 4))
    assert a.engine.call_next(OFFICE, 1, at(8, 5)).id == first.id
    ticket_steps.park(a.db, first.id, at(8, 6))
    a.engine.sync_once(at(8, 7))
    assert state(central.db, first.id)[0] == T.PARKED
    assert [e.code for e in waiting_queue(central.db, OFFICE, at(8, 7))] == [
        second.code,
        third.code,
    ]
    assert b.engine.call_next(OFFICE, 2, at(8, 8)).id == second.id

    ticket_steps.unpark(a.db, first.id, at(8, 20))
    a.engine.sync_once(at(8, 21))

    assert state(central.db, first.id) == (T.WAITING, None, None, None, 0)
    assert b.engine.call_next(OFFICE, 2, at(8, 22)).id == first.id  # before the third
    assert count(a.db, SyncConflict) == count(b.db, SyncConflict) == 0


def test_a_step_on_a_ticket_changed_centrally_meanwhile_is_a_visible_conflict(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, b = pcs
    issued = walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, 0))
    a.engine.sync_once(at(8, 1))
    a.engine.call_next(OFFICE, 1, at(8, 5))
    b.engine.sync_once(at(8, 6))
    # B finishes the ticket and syncs; A, not synced since, marks it as not shown up
    ticket_steps.finish(b.db, issued.id, at(8, 10))
    b.engine.sync_once(at(8, 11))
    ticket_steps.no_show(a.db, issued.id, at(8, 12), 0)  # no recall limit at this PC

    report = a.engine.sync_once(at(8, 13))

    assert (report.rejected, report.status.conflicts) == (1, 1)
    with UnitOfWork(a.db.engine) as uow:
        conflict = uow.session.scalars(select(SyncConflict)).one()
        reason = json.loads(conflict.reason)["reason"]
        assert (conflict.kind, conflict.office_id) == (outbox.TICKET_STEP, OFFICE)
    assert reason == (
        f"{issued.code} ist zentral inzwischen „erledigt“ – „Nicht erschienen“ dieses Platzes "
        "wurde nicht übernommen"
    )
    # the central state stands (B's finish, stamped when B's round brought it), at the
    # central database and, after the round, at A
    assert state(central.db, issued.id)[:3] == (T.DONE, at(8, 5), at(8, 11))
    assert state(a.db, issued.id) == state(central.db, issued.id)
