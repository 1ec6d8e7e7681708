"""The local outbox: every clerk action on a replica writes its operation here,
in the same SQLite transaction as its effect, so nothing queued is ever lost."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.store.models import OutboxOp, SyncState

ROLE_KEY = "role"
REPLICA = "replica"

BOOK = "appointment.book"
STATUS = "appointment.status"
TICKET_ISSUE = "ticket.issue"
TICKET_CALL = "ticket.call"
TICKET_STEP = "ticket.step"
#: Payload key of the audit rows an operation carries: applied centrally with it (also
#: when the change itself is refused there: the log keeps what was done at the counter).
AUDIT_KEY = "audit"


def is_replica(session: Session) -> bool:
    """Whether this database is a counter's replica of a central database."""
    return session.get(SyncState, ROLE_KEY) is not None


def record(
    session: Session, kind: str, office_id: str, entity_id: uuid.UUID, payload: dict[str, Any]
) -> uuid.UUID | None:
    """Queue an operation if this is a replica (else nothing); returns its op id."""
    if not is_replica(session):
        return None
    op_id = uuid.uuid4()
    session.add(
        OutboxOp(
            op_id=op_id,
            kind=kind,
            office_id=office_id,
            entity_id=entity_id,
            payload=json.dumps(payload, ensure_ascii=False),
        )
    )
    return op_id


def pending(session: Session, limit: int = 100) -> list[OutboxOp]:
    """The oldest waiting operations, in the order they were made."""
    return list(session.scalars(select(OutboxOp).order_by(OutboxOp.seq).limit(limit)))


def pending_entities(session: Session) -> set[uuid.UUID]:
    """Ids of rows that still have a waiting operation (never overwritten by a pull)."""
    return set(session.scalars(select(OutboxOp.entity_id)))
