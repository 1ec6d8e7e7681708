"""Writing the append-only audit log: one door every service uses inside its unit of work."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desk.domain.audit import AuditAction
from desk.store import outbox
from desk.store.models import AuditEntry


def _text(value: Any) -> str | None:
    """An old or new value as text: strings as they are, anything else as sorted JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def record(
    session: Session,
    action: AuditAction,
    *,
    at: datetime,
    entity: str,
    entity_id: str | uuid.UUID,
    user_id: uuid.UUID | None = None,
    office_id: str | None = None,
    counter_number: int | None = None,
    old: Any = None,
    new: Any = None,
    detail: str | None = None,
) -> AuditEntry | None:
    """Add an audit row to the caller's session (it commits with the change itself).

    ``old``/``new`` are the value before and after (text or JSON-able); they and
    ``detail`` must hold no personal data of citizens. On a counter's replica nothing
    is written: the central service writes the audit row when it applies the
    operation (with its own clock), and the replica receives it with the next pull.
    """
    if outbox.is_replica(session):
        return None
    entry = AuditEntry(
        id=uuid.uuid4(),
        at=at,
        user_id=user_id,
        office_id=office_id,
        counter_number=counter_number,
        action=str(action),
        entity=entity,
        entity_id=str(entity_id),
        detail=detail,
        old_value=_text(old),
        new_value=_text(new),
    )
    session.add(entry)
    return entry
