"""Reading the audit log (team leads only): filtered in SQL, newest first.

There is deliberately no function here (or anywhere) that changes or deletes an
audit row; the database refuses both (migration 0007).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, or_, select

from desk.domain.audit import AUDIT_LABELS_DE, AuditAction
from desk.domain.localtime import BERLIN
from desk.domain.status import STATUS_LABELS_DE
from desk.domain.ticket_steps import TICKET_STATUS_LABELS_DE
from desk.services.admin.auth import require_team_lead
from desk.services.database import DeskDatabase
from desk.store.models import AuditEntry, Office, User
from desk.store.uow import UnitOfWork

#: The most rows one query returns (the viewer asks to narrow the filter beyond it).
MAX_LIMIT = 5000

#: An ISO 8601 date and time as stored for a moment (e.g. a released slot's start).
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

#: Status words shown in German, per audited entity.
_VALUE_LABELS: dict[str, dict[str, str]] = {
    "appointment": {str(k): v for k, v in STATUS_LABELS_DE.items()},
    "ticket": {str(k): v for k, v in TICKET_STATUS_LABELS_DE.items()},
}


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as the team lead reads it (local time, German labels)."""

    id: uuid.UUID
    at: datetime
    user_id: uuid.UUID | None
    user_name: str | None
    role: str | None
    office_id: str | None
    office_name: str | None
    counter_number: int | None
    action: str
    action_label: str
    entity: str
    entity_id: str
    old: str | None
    new: str | None
    detail: str | None
    old_value: str | None = None  # the values as stored (JSON of a change's fields), for
    new_value: str | None = None  # a face that words them in its own language

    @property
    def subject(self) -> str:
        """What the entry is about: its description, else entity and id."""
        return self.detail or f"{self.entity} {self.entity_id}"


@dataclass(frozen=True)
class AuditActor:
    """A user who can appear in the log, for the viewer's user filter."""

    id: uuid.UUID
    display_name: str
    role: str


def action_label(action: str) -> str:
    """The German name of an audited action (the code itself if unknown)."""
    return AUDIT_LABELS_DE.get(action, action)


def value_label(entity: str, value: str | None, tz: ZoneInfo = BERLIN) -> str | None:
    """An old or new value for people: a status in German, a moment in local time
    (``tz``), anything else as stored."""
    if value is None:
        return None
    label = _VALUE_LABELS.get(entity, {}).get(value)
    if label is not None:
        return label
    if _MOMENT.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            return f"{moment.astimezone(tz):%d.%m.%Y %H:%M}"
    if value.startswith("{"):  # a JSON object (capacity, users): "key: value · key: value"
        try:
            fields = json.loads(value)
        except ValueError:
            return value
        if isinstance(fields, dict):
            return " · ".join(f"{k}: {_plain(v)}" for k, v in fields.items())
    return value


def _plain(value: object) -> str:
    """A JSON value for people: yes/no in German, lists comma-separated."""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if value is None:
        return "–"
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with its wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filters(
    office_id: str | None,
    since: datetime | None,
    until: datetime | None,
    actions: Iterable[str] | None,
    actor: uuid.UUID | None,
    text: str | None,
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if office_id is not None:  # the office's rows and the city-wide ones (users)
        where.append(or_(AuditEntry.office_id == office_id, AuditEntry.office_id.is_(None)))
    if since is not None:
        where.append(AuditEntry.at >= since)
    if until is not None:
        where.append(AuditEntry.at < until)
    if actions is not None:
        where.append(AuditEntry.action.in_([str(a) for a in actions]))
    if actor is not None:
        where.append(AuditEntry.user_id == actor)
    words = (text or "").strip()
    if words:
        pattern = _like(words)
        where.append(
            or_(
                *(
                    column.ilike(pattern, escape="\\")
                    for column in (
                        AuditEntry.detail,
                        AuditEntry.entity_id,
                        AuditEntry.old_value,
                        AuditEntry.new_value,
                        User.display_name,
                    )
                )
            )
        )
    return where


def audit_entries(
    db: DeskDatabase,
    *,
    user_id: uuid.UUID,
    office_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    actions: Iterable[AuditAction | str] | None = None,
    actor: uuid.UUID | None = None,
    text: str | None = None,
    limit: int = 500,
) -> list[AuditRow]:
    """The audit entries matching every given filter, newest first (team lead only).

    ``since``/``until`` bound the time half-open; ``office_id`` keeps that office's
    rows and the city-wide ones; ``actor`` is the acting user; ``text`` is searched
    in the description, the object id, the old and new value and the user's name.
    """
    require_team_lead(db, user_id, "Das Protokoll einsehen")
    where = _filters(office_id, since, until, actions, actor, text)
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.execute(
            select(AuditEntry, User.display_name, User.role, Office.name, Office.timezone)
            .outerjoin(User, User.id == AuditEntry.user_id)
            .outerjoin(Office, Office.id == AuditEntry.office_id)
            .where(*where)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(max(1, min(limit, MAX_LIMIT)))
        ).all()
        result = []
        for e, name, role, office_name, tz_name in rows:
            tz = ZoneInfo(tz_name) if tz_name else BERLIN
            result.append(
                AuditRow(
                    id=e.id,
                    at=e.at.astimezone(tz),
                    user_id=e.user_id,
                    user_name=name,
                    role=role,
                    office_id=e.office_id,
                    office_name=office_name,
                    counter_number=e.counter_number,
                    action=e.action,
                    action_label=action_label(e.action),
                    entity=e.entity,
                    entity_id=e.entity_id,
                    old=value_label(e.entity, e.old_value, tz),
                    new=value_label(e.entity, e.new_value, tz),
                    detail=e.detail,
                    old_value=e.old_value,
                    new_value=e.new_value,
                )
            )
        return result


def audit_actors(db: DeskDatabase, *, user_id: uuid.UUID) -> list[AuditActor]:
    """Every user, by name, for the viewer's user filter (team lead only)."""
    require_team_lead(db, user_id, "Das Protokoll einsehen")
    with UnitOfWork(db.engine) as uow:
        users = uow.session.scalars(select(User).order_by(User.display_name))
        return [AuditActor(u.id, u.display_name, u.role) for u in users]
