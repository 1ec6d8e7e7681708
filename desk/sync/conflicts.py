"""The sync conflicts of a PC: operations of this counter the central service refused
(the citizen's data kept in their arguments), listed for the clerk and marked resolved
once the clerk has dealt with them (the status bar counts the open ones)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desk.services.database import DeskDatabase
from desk.store.models import SyncConflict
from desk.store.uow import UnitOfWork


@dataclass(frozen=True)
class ConflictInfo:
    """One open conflict: what was refused (kind and arguments), why (the stored detail
    with its code and parameters) and when."""

    id: uuid.UUID
    kind: str
    args: dict[str, Any]
    detail: dict[str, Any]
    created_at: datetime


def open_conflicts(db: DeskDatabase) -> list[ConflictInfo]:
    """The conflicts not yet resolved, oldest first."""
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.scalars(
            select(SyncConflict)
            .where(SyncConflict.resolved_at.is_(None))
            .order_by(SyncConflict.created_at)
        ).all()
        return [
            ConflictInfo(
                row.id, row.kind, _loaded(row.payload), _loaded(row.reason), row.created_at
            )
            for row in rows
        ]


def resolve_conflict(db: DeskDatabase, conflict_id: uuid.UUID, now: datetime) -> bool:
    """Mark a conflict resolved (the clerk dealt with it); False if it was not open."""
    with UnitOfWork(db.engine, write=True) as uow:
        row = uow.session.get(SyncConflict, conflict_id)
        if row is None or row.resolved_at is not None:
            return False
        row.resolved_at = now
        uow.commit()
        return True


def _loaded(text: str) -> dict[str, Any]:
    """A stored JSON object (anything else as its text under "reason")."""
    try:
        value = json.loads(text)
    except ValueError:
        return {"reason": text}
    return value if isinstance(value, dict) else {"reason": str(value)}
