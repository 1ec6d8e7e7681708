"""What a counter is working on: its called or in-service tickets and the parked ones."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from desk.domain.status import TicketStatus
from desk.services.database import DeskDatabase
from desk.services.schedule import load_office
from desk.store.models import Counter, Ticket
from desk.store.uow import UnitOfWork


@dataclass(frozen=True)
class WorkTicket:
    """A ticket at a counter (called, in service) or parked (sent to fetch a document)."""

    id: uuid.UUID
    code: str
    status: str
    reason: str
    called_at: datetime | None
    recall_count: int


def counter_tickets(
    db: DeskDatabase, office_id: str, counter_number: int, now: datetime
) -> tuple[list[WorkTicket], list[WorkTicket]]:
    """(this counter's called/in-service tickets of today, the office's parked tickets)."""
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        tz = ZoneInfo(load_office(session, office_id).timezone)
        day = now.astimezone(tz).date()
        counter_id = session.scalar(
            select(Counter.id).where(
                Counter.office_id == office_id, Counter.number == counter_number
            )
        )
        today = select(Ticket).where(Ticket.office_id == office_id, Ticket.service_day == day)
        mine = session.scalars(
            today.where(
                Ticket.counter_id == counter_id,
                Ticket.status.in_([TicketStatus.CALLED, TicketStatus.IN_SERVICE]),
            ).order_by(Ticket.called_at)
        ).all()
        parked = session.scalars(
            today.where(Ticket.status == TicketStatus.PARKED).order_by(Ticket.number)
        ).all()

        def work(t: Ticket) -> WorkTicket:
            called = t.called_at.astimezone(tz) if t.called_at is not None else None
            return WorkTicket(t.id, t.code, t.status, t.reason, called, t.recall_count or 0)

        return [work(t) for t in mine], [work(t) for t in parked]
