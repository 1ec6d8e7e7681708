"""User management for team leads: list, add, change, lock and set passwords.

Every change is audited (old and new values, never a password or its hash). A
signed-in ``user_id`` must be an active team lead; ``user_id`` None is the city's IT
at the command line. app_user is a reference table that counters pull from the
central database, so a synced counter makes these changes there.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk.domain.audit import AuditAction
from desk.domain.errors import UnknownId
from desk.domain.passwords import hash_password
from desk.domain.status import Role
from desk.domain.users import (
    UserInvalid,
    check_password,
    checked_display_name,
    checked_role,
    checked_username,
)
from desk.services.admin import sign_in_guard
from desk.services.admin.sign_in_guard import Subject
from desk.services.audit_log import record
from desk.services.database import DeskDatabase
from desk.store.models import Office, User
from desk.store.uow import UnitOfWork

ACTION = "Benutzer verwalten"


class Keep(enum.Enum):
    """Marks an argument of ``change_user`` that stays as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class UserRow:
    """A user as the management views show it (never the password hash)."""

    id: uuid.UUID
    username: str
    display_name: str
    role: str
    office_id: str | None
    office_name: str | None
    active: bool
    #: locked after failed sign-ins until then (a team lead can lift it)
    locked_until: datetime | None = None


def _allowed(db: DeskDatabase, user_id: uuid.UUID | None) -> None:
    if user_id is not None:
        from desk.services.admin.auth import require_team_lead

        require_team_lead(db, user_id, ACTION)


def _row(session: Session, user: User) -> UserRow:
    office = session.get(Office, user.office_id) if user.office_id is not None else None
    return UserRow(
        user.id,
        user.username,
        user.display_name,
        user.role,
        user.office_id,
        office.name if office is not None else None,
        user.active,
    )


def _state(user: User) -> dict[str, Any]:
    """What the audit log keeps of a user (no password, no hash)."""
    return {
        "display_name": user.display_name,
        "role": user.role,
        "office": user.office_id,
        "active": user.active,
    }


def _check_office(session: Session, office_id: str | None) -> str | None:
    if office_id is None or not office_id.strip():
        return None
    if session.get(Office, office_id.strip()) is None:
        known = ", ".join(sorted(session.scalars(select(Office.id)))) or "keine"
        raise UserInvalid(
            "office", code="user_office_unknown", params={"office_id": office_id, "known": known}
        )
    return office_id.strip()


def _taken(username: str) -> UserInvalid:
    return UserInvalid("username", code="username_taken", params={"username": username})


def list_users(db: DeskDatabase, *, user_id: uuid.UUID | None) -> list[UserRow]:
    """All users, ordered by user name (team lead, or the IT with ``user_id`` None)."""
    _allowed(db, user_id)
    locked = sign_in_guard.locked_users(db, datetime.now(UTC))
    with UnitOfWork(db.engine) as uow:
        users = uow.session.scalars(select(User).order_by(func.lower(User.username))).all()
        return [replace(_row(uow.session, u), locked_until=locked.get(u.id)) for u in users]


def find_user(db: DeskDatabase, username: str) -> UserRow:
    """One user by name (for the command line), or UnknownId."""
    with UnitOfWork(db.engine) as uow:
        user = uow.session.scalar(select(User).where(User.username == username.strip()))
        if user is None:
            raise UnknownId.of("unknown_username", username=username.strip())
        row = _row(uow.session, user)
    return replace(row, locked_until=sign_in_guard.locked_users(db, datetime.now(UTC)).get(row.id))


def create_user(
    db: DeskDatabase,
    *,
    user_id: uuid.UUID | None,
    username: str,
    display_name: str,
    role: str,
    office_id: str | None,
    password: str,
    now: datetime,
) -> UserRow:
    """Add an active user with a password (stored only as its argon2id hash); audited."""
    _allowed(db, user_id)
    name = checked_username(username)
    shown = checked_display_name(display_name)
    kind = checked_role(role)
    check_password(password, name)
    hashed = hash_password(password)  # before the write lock: hashing takes a while
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        office = _check_office(session, office_id)
        same = select(User.id).where(func.lower(User.username) == name.lower())
        if session.scalar(same) is not None:
            raise _taken(name)
        user = User(
            id=uuid.uuid4(),
            username=name,
            display_name=shown,
            role=kind.value,
            password_hash=hashed,
            office_id=office,
            active=True,
        )
        session.add(user)
        try:
            session.flush()
        except IntegrityError:  # the same name added at the same moment elsewhere
            raise _taken(name) from None
        record(
            session,
            AuditAction.USER,
            at=now,
            entity="app_user",
            entity_id=user.id,
            user_id=user_id,
            new={"username": name, **_state(user)},
            detail=f"Benutzer {name} angelegt",
        )
        row = _row(session, user)
        uow.commit()
        return row


def change_user(
    db: DeskDatabase,
    *,
    user_id: uuid.UUID | None,
    target_id: uuid.UUID,
    display_name: str | None = None,
    role: str | None = None,
    office_id: str | Keep | None = KEEP,
    active: bool | None = None,
    now: datetime,
) -> UserRow:
    """Change a user's name, role, office or whether the account is active; audited.

    None (KEEP for the office) leaves a value as it is; a change that changes nothing
    writes nothing. The last active team lead cannot be locked or made a clerk.
    """
    _allowed(db, user_id)
    shown = checked_display_name(display_name) if display_name is not None else None
    kind = checked_role(role) if role is not None else None
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        leads = _lock_leads(session)
        user = session.get(User, target_id, with_for_update=True)
        if user is None:
            raise UnknownId.of("unknown_user", id=target_id)
        office = user.office_id if office_id is KEEP else _check_office(session, office_id)
        before = _state(user)
        user.display_name = shown if shown is not None else user.display_name
        user.role = kind.value if kind is not None else user.role
        user.office_id = office
        user.active = active if active is not None else user.active
        after = _state(user)  # a refusal below rolls the changes back
        changed = sorted(k for k in after if after[k] != before[k])
        if not changed:
            return _row(session, user)
        if (
            user.id in leads
            and len(leads) == 1
            and not (user.active and user.role == Role.TEAM_LEAD)
        ):
            field = "role" if user.active else "active"
            raise UserInvalid(field, code="last_team_lead", params={"username": user.username})
        record(
            session,
            AuditAction.USER,
            at=now,
            entity="app_user",
            entity_id=user.id,
            user_id=user_id,
            old={k: before[k] for k in changed},
            new={k: after[k] for k in changed},
            detail=f"Benutzer {user.username} geändert",
        )
        row = _row(session, user)
        uow.commit()
        return row


def _lock_leads(session: Session) -> list[uuid.UUID]:
    """The active team leads, locked in one order for the rest of the transaction, so
    that two leads cannot demote each other at the same moment."""
    return list(
        session.scalars(
            select(User.id)
            .where(User.role == Role.TEAM_LEAD, User.active.is_(True))
            .order_by(User.id)
            .with_for_update()
        )
    )


def set_password(
    db: DeskDatabase,
    *,
    user_id: uuid.UUID | None,
    target_id: uuid.UUID,
    password: str,
    now: datetime,
) -> UserRow:
    """Give a user a new password (stored only as its hash); audited as "geändert"."""
    _allowed(db, user_id)
    with UnitOfWork(db.engine) as uow:
        user = uow.session.get(User, target_id)
        if user is None:
            raise UnknownId.of("unknown_user", id=target_id)
        username = user.username
    check_password(password, username)
    hashed = hash_password(password)
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        user = session.get(User, target_id)
        if user is None:
            raise UnknownId.of("unknown_user", id=target_id)
        user.password_hash = hashed
        record(
            session,
            AuditAction.USER,
            at=now,
            entity="app_user",
            entity_id=user.id,
            user_id=user_id,
            new={"password": "geändert"},
            detail=f"Passwort von {user.username} gesetzt",
        )
        row = _row(session, user)
        uow.commit()
        return row


def unlock_user(
    db: DeskDatabase, *, user_id: uuid.UUID | None, target_id: uuid.UUID, now: datetime
) -> UserRow:
    """Lift a user's lock after failed sign-ins (team lead, or the IT); audited."""
    _allowed(db, user_id)
    with UnitOfWork(db.engine, write=True) as uow:
        user = uow.session.get(User, target_id)
        if user is None:
            raise UnknownId.of("unknown_user", id=target_id)
        subject = Subject("user", user.id, user.username, user.office_id)
        sign_in_guard.lift(uow.session, subject, user_id, now)
        row = _row(uow.session, user)
        uow.commit()
        return row
