"""The local outbox: every clerk action on a replica writes its operation here,
in the same SQLite transaction as its effect, so nothing queued is ever lost."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.store.models import OutboxOp, SyncState

ROLE_KEY = "role"
REPLICA = "replica"

#: Operation kinds (intentions a counter sends; desk/sync/operations/ defines each:
#: how the central service checks and applies it, and how a refusal is withdrawn).
#: The names of version 1, whose payloads were rows, are not reused.
BOOK = "book"
STATUS = "step"
CANCEL = "cancel"
TICKET_ISSUE = "issue"
TICKET_CALL = "call"
TICKET_STEP = "ticket_step"


def is_replica(session: Session) -> bool:
    """Whether this database is a counter's replica of a central database."""
    return session.get(SyncState, ROLE_KEY) is not None


def record(
    session: Session,
    kind: str,
    office_id: str,
    entity_id: uuid.UUID,
    payload: dict[str, Any],
    at: datetime | None = None,
) -> uuid.UUID | None:
    """Queue an operation (its kind and arguments, never rows) if this is a replica
    (else nothing); returns its op id. ``at``: the counter's time of the action, which
    the central side keeps only as "done offline at" beside its own."""
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
            **({"created_at": at} if at is not None else {}),
        )
    )
    return op_id


def pending(session: Session, limit: int = 100) -> list[OutboxOp]:
    """The oldest waiting operations, in the order they were made."""
    return list(session.scalars(select(OutboxOp).order_by(OutboxOp.seq).limit(limit)))


def pending_entities(session: Session) -> set[uuid.UUID]:
    """Ids of rows that still have a waiting operation (never overwritten by a pull)."""
    return set(session.scalars(select(OutboxOp.entity_id)))
