"""A ticket's press id on counter PCs: issued twice locally with the same id it is one
ticket and one outbox operation; the id goes up with the ticket, comes back down with
the central row and reaches the office's other PCs; an operation whose press id the
office has already used is refused centrally."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from datetime import time as clock

import pytest

from desk.domain.status import TicketReason
from desk.services.database import DeskDatabase
from desk.services.walkin import tickets as walkin
from desk.store import leases, outbox
from desk.store.models import Office, Ticket
from desk.store.uow import UnitOfWork
from desk.sync.central import REJECTED, PendingOp
from tests.sync.conftest import NOW, Central, Replica, apply_ops, pending_ops

OFFICE = "bb-rq-sync"


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return NOW.replace(hour=hour, minute=minute, second=second, microsecond=0)


@pytest.fixture
def central(central_factory: Callable[..., Central]) -> Central:
    made = central_factory({OFFICE: 2})
    with UnitOfWork(made.db.engine) as uow:
        office = uow.session.get(Office, OFFICE)
        assert office is not None
        office.walk_in_quota, office.walk_in_from, office.walk_in_until = 20, clock(8), clock(9)
        uow.commit()
    return made


def request_of(db: DeskDatabase, ticket_id: uuid.UUID) -> uuid.UUID | None:
    with UnitOfWork(db.engine) as uow:
        ticket = uow.session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket.request_id


def free_number(db: DeskDatabase) -> int:
    """The first number of this replica's block for today (none issued from it yet)."""
    with UnitOfWork(db.engine) as uow:
        lease = leases.own_lease(uow.session, OFFICE, NOW.date())
        assert lease is not None
        return lease.first_number


def test_the_press_id_travels_with_the_ticket(
    central: Central, replica_factory: Callable[..., Replica]
) -> None:
    a = replica_factory(central, synced=False)
    b = replica_factory(central, synced=False)
    a.engine.sync_once(at(7, 50))  # the number blocks
    b.engine.sync_once(at(7, 50, 30))
    press = uuid.uuid4()
    first = walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, 5), request_id=press)
    again = walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, 5, 1), request_id=press)
    assert again.id == first.id
    issues = [op for op in pending_ops(a.db) if op.kind == outbox.TICKET_ISSUE]
    assert [op.args["request_id"] for op in issues] == [str(press)]

    a.engine.sync_once(at(8, 6))
    b.engine.sync_once(at(8, 6, 30))
    assert [request_of(db, first.id) for db in (central.db, a.db, b.db)] == [press] * 3
    # the office's other PC answers the same press with the same ticket
    on_b = walkin.issue_ticket(b.db, OFFICE, TicketReason.OTHER, at(8, 7), request_id=press)
    assert on_b.id == first.id

    forged = {
        "ticket_id": str(uuid.uuid4()),
        "office_id": OFFICE,
        "number": free_number(b.db),
        "reason": str(TicketReason.OTHER),
        "request_id": str(press),
    }
    op = PendingOp(uuid.uuid4(), outbox.TICKET_ISSUE, forged, at(8, 8))
    [result] = apply_ops(central.db, [op], at(8, 8))
    assert result.outcome == REJECTED
    assert "Zu dieser Anfrage gibt es bereits die Wartenummer W-" in str(result.detail)
    with UnitOfWork(central.db.engine) as uow:
        assert uow.session.get(Ticket, uuid.UUID(forged["ticket_id"])) is None
