"""The counter's own steps reach the central database like any other (issue: the walk-in
rush): a ticket's no-show after its recalls taken back by the clerk, and a called ticket
put back into the queue; the central side checks the rules with its own clock."""

from __future__ import annotations

from sqlalchemy import select

from desk.domain.audit import AuditAction
from desk.domain.status import TicketReason, TicketStatus
from desk.services.walkin import steps as ticket_steps
from desk.services.walkin import tickets as walkin
from desk.services.walkin.queue import waiting_queue
from desk.store.models import AuditEntry, SyncConflict
from desk.store.uow import UnitOfWork
from tests.sync.conftest import Central, Replica, count
from tests.sync.test_ticket_steps_sync import OFFICE, at, central, pcs, state  # noqa: F401

T = TicketStatus


def test_a_no_show_taken_back_at_a_counter_is_taken_back_centrally(
    central: Central,  # noqa: F811
    pcs: tuple[Replica, Replica],  # noqa: F811
):
    a, b = pcs
    issued = walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, 0))
    a.engine.sync_once(at(8, 1))
    assert a.engine.call_next(OFFICE, 1, at(8, 2)).id == issued.id
    ticket_steps.recall(a.db, issued.id, at(8, 3), 1, 2)
    ticket_steps.recall(a.db, issued.id, at(8, 4), 1, 2)
    ticket_steps.no_show(a.db, issued.id, at(8, 5), 2)
    ticket_steps.undo_no_show(a.db, issued.id, at(8, 6), 1)

    report = a.engine.sync_once(at(8, 7))

    assert (report.rejected, count(a.db, SyncConflict)) == (0, 0)
    status, _called, finished, counter, recalls = state(central.db, issued.id)
    assert (status, finished, counter, recalls) == (
        T.CALLED, None, central.counters[OFFICE][1], 2,
    )  # fmt: skip
    with UnitOfWork(central.db.engine) as uow:
        audited = list(
            uow.session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity_id == str(issued.id))
                .order_by(AuditEntry.at)
            )
        )
    assert audited[-2:] == [AuditAction.TICKET_NO_SHOW, AuditAction.TICKET_NO_SHOW_UNDONE]
    b.engine.sync_once(at(8, 8))
    assert state(b.db, issued.id)[0] == T.CALLED


def test_a_ticket_put_back_waits_at_its_old_place_centrally(
    central: Central,  # noqa: F811
    pcs: tuple[Replica, Replica],  # noqa: F811
):
    a, b = pcs
    first, second = (
        walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, m)) for m in range(2)
    )
    a.engine.sync_once(at(8, 3))
    assert a.engine.call_next(OFFICE, 1, at(8, 4)).id == first.id
    ticket_steps.requeue(a.db, first.id, at(8, 5))

    a.engine.sync_once(at(8, 6))

    assert state(central.db, first.id) == (T.WAITING, None, None, None, 0)
    assert [e.code for e in waiting_queue(central.db, OFFICE, at(8, 6))] == [
        first.code,
        second.code,
    ]
    assert b.engine.call_next(OFFICE, 2, at(8, 7)).id == first.id
