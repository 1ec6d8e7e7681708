"""Ticket number blocks: a counter PC issues offline only from its own block for the day,
so numbers of two PCs never collide; the central database hands the blocks out."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.store.models import SyncState, Ticket, TicketLease

BLOCK = 100
CLIENT_KEY = "client_id"


def client_id(session: Session) -> uuid.UUID:
    """This replica's id (made once, kept in sync_state)."""
    row = session.get(SyncState, CLIENT_KEY)
    if row is None:
        row = SyncState(key=CLIENT_KEY, value=str(uuid.uuid4()))
        session.add(row)
        session.flush()
    return uuid.UUID(row.value)


def highest_taken(session: Session, office_id: str, day: date) -> int:
    """The highest number issued or leased for an office and day (0 if none)."""
    issued = (
        session.scalar(
            select(func.max(Ticket.number)).where(
                Ticket.office_id == office_id, Ticket.service_day == day
            )
        )
        or 0
    )
    leased = (
        session.scalar(
            select(func.max(TicketLease.last_number)).where(
                TicketLease.office_id == office_id, TicketLease.service_day == day
            )
        )
        or 0
    )
    return max(issued, leased)


def lease_block(
    session: Session, office_id: str, day: date, client: uuid.UUID, now: datetime
) -> TicketLease:
    """Central: the client's block for the day, leased now if it has none (caller locks)."""
    lease = session.scalar(
        select(TicketLease).where(
            TicketLease.office_id == office_id,
            TicketLease.service_day == day,
            TicketLease.client_id == client,
        )
    )
    if lease is None:
        first = highest_taken(session, office_id, day) + 1
        lease = TicketLease(
            office_id=office_id,
            service_day=day,
            first_number=first,
            last_number=first + BLOCK - 1,
            client_id=client,
            leased_at=now,
        )
        session.add(lease)
        session.flush()
    return lease


def own_lease(session: Session, office_id: str, day: date) -> TicketLease | None:
    """Local: this replica's block for an office and day, if it holds one."""
    return session.scalar(
        select(TicketLease).where(
            TicketLease.office_id == office_id,
            TicketLease.service_day == day,
            TicketLease.client_id == client_id(session),
        )
    )
