"""The call order is one table (desk.domain.walkin.TICKET_RANKS): the Python key, the
ORDER BY of a call, the central claim's single statement and the queue agree over every
reason, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from desk.domain.localtime import BERLIN
from desk.domain.status import TicketReason, TicketStatus
from desk.domain.walkin import TICKET_RANKS, call_key
from desk.services.database import DeskDatabase
from desk.services.walkin import claim
from desk.services.walkin.order import ticket_order, ticket_order_sql
from desk.services.walkin.queue import waiting_queue
from desk.services.walkin.tickets import call_next
from desk.store.models import Ticket
from desk.store.uow import UnitOfWork
from tests.builders import add_office

NOW = datetime(2024, 3, 20, 8, 40, tzinfo=BERLIN)
#: Numbers that interleave the reasons, so that rank and number disagree often.
NUMBERS = [7, 2, 11, 5, 1, 9, 4, 12, 3, 10, 6, 8]


def waiting_tickets(db: DeskDatabase) -> tuple[str, list[tuple[str, int]]]:
    """A fresh office with twelve waiting tickets, every reason three times."""
    office = f"o-{uuid.uuid4().hex[:10]}"
    add_office(db, office, counters=1)
    reasons = list(TicketReason) * 3
    tickets = list(zip(reasons, NUMBERS, strict=True))
    with UnitOfWork(db.engine) as uow:
        for reason, number in tickets:
            uow.session.add(
                Ticket(
                    id=uuid.uuid4(),
                    office_id=office,
                    service_day=NOW.date(),
                    number=number,
                    code=f"W-{number:03d}",
                    reason=reason,
                    status=TicketStatus.WAITING,
                    issued_at=NOW.replace(minute=number),
                    recall_count=0,
                )
            )
        uow.commit()
    return office, [(str(r), n) for r, n in tickets]


def test_python_key_sql_order_queue_and_calls_agree_over_every_reason(fresh_db):
    db = fresh_db
    office, tickets = waiting_tickets(db)
    by_key = [n for _r, n in sorted(tickets, key=lambda t: call_key(*t))]
    assert len({r for r, _n in tickets}) == len(TicketReason) == len(TICKET_RANKS)

    with UnitOfWork(db.engine) as uow:
        by_sql = list(
            uow.session.scalars(
                select(Ticket.number).where(Ticket.office_id == office).order_by(*ticket_order())
            )
        )
    queued = [e.code for e in waiting_queue(db, office, NOW)]
    # on PostgreSQL the claim's one statement, on SQLite the ORM call
    called = [call_next(db, office, 1, NOW).number for _ in tickets]

    assert by_sql == by_key
    assert queued == [f"W-{n:03d}" for n in by_key]
    assert called == by_key


def test_the_claim_orders_by_the_same_expression():
    statement = str(claim._CLAIM)
    assert f"ORDER BY {ticket_order_sql()}" in statement
    for reason, rank in TICKET_RANKS.items():
        if rank != TICKET_RANKS[TicketReason.OTHER]:
            assert f"'{reason}'" in statement
