"""Users signed in on a registered device through the central service: short-lived,
revocable sessions, each bound to the device it was opened on.

The session token is returned once and stored only as its sha256 hash. A failed
sign-in says no more than the local sign-in does (auth.WRONG for every cause).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from desk.domain.errors import NotAuthenticated, RequestRefused
from desk.domain.refusals import german
from desk.domain.status import DeviceKind
from desk.services.admin.auth import UserInfo, authenticate
from desk.services.admin.devices import DeviceInfo, digest
from desk.services.admin.sign_in_guard import Subject
from desk.services.database import DeskDatabase
from desk.store.models import Device, User, UserSession
from desk.store.uow import UnitOfWork

SESSION_TTL = timedelta(hours=10)
SESSION_REFUSED = german("session_expired")
#: Devices nobody signs in on (they act as themselves), and what they are told.
NO_USERS: dict[str, str] = {
    DeviceKind.DISPLAY: "no_users_on_display",
    DeviceKind.PORTAL: "no_users_on_portal",
}


@dataclass(frozen=True)
class SessionInfo:
    """An opened session: its token (shown once), the user and when it ends."""

    token: str
    user: UserInfo
    expires_at: datetime


def _office_allows(user_office: str | None, device: DeviceInfo) -> bool:
    """City-wide users (no office) sign in anywhere, the others only in their office."""
    return user_office is None or user_office == device.office_id


def open_session(
    db: DeskDatabase,
    device: DeviceInfo,
    username: str,
    password: str,
    now: datetime,
    *,
    ttl: timedelta = SESSION_TTL,
) -> SessionInfo:
    """Sign ``username`` in on ``device`` for ``ttl``; a wrong password, or a user of
    another office, is NotAuthenticated with the one sign-in message."""
    if device.kind in NO_USERS:
        raise RequestRefused.of(NO_USERS[device.kind])
    if ttl <= timedelta(0):
        raise RequestRefused.of("session_too_short")
    try:
        guard = Subject("device", device.id, f"{device.label} {device.short_id}", device.office_id)
        user = authenticate(db, username, password, device=guard)  # before the write lock
    except RequestRefused as err:
        raise NotAuthenticated(str(err), code=err.code, params=err.params) from None
    if not _office_allows(user.office_id, device):
        raise NotAuthenticated.of("wrong_password")
    token = secrets.token_urlsafe(32)
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        row = session.get(Device, device.id)
        if row is None or row.revoked_at is not None or row.token_hash is None:
            raise NotAuthenticated.of("device_refused")
        session.add(
            UserSession(
                id=uuid.uuid4(),
                token_hash=digest(token),
                user_id=user.id,
                device_id=device.id,
                created_at=now,
                expires_at=now + ttl,
            )
        )
        uow.commit()
    return SessionInfo(token, user, now + ttl)


def session_user(db: DeskDatabase, device: DeviceInfo, token: str, now: datetime) -> UserInfo:
    """The user of an open session of ``device``, else NotAuthenticated (unknown, of
    another device, closed, expired, or the user locked or moved to another office)."""
    with UnitOfWork(db.engine) as uow:
        found = uow.session.execute(
            select(UserSession, User)
            .join(User, User.id == UserSession.user_id)
            .where(UserSession.token_hash == digest(token))
        ).first()
        if found is None:
            raise NotAuthenticated.of("session_expired")
        row, user = found
        if (
            row.device_id != device.id
            or row.revoked_at is not None
            or row.expires_at <= now
            or not user.active
            or not _office_allows(user.office_id, device)
        ):
            raise NotAuthenticated.of("session_expired")
        return UserInfo(user.id, user.username, user.display_name, user.role, user.office_id)


def close_session(db: DeskDatabase, device: DeviceInfo, token: str, now: datetime) -> None:
    """Sign out: end the session of ``device`` with this token (again: nothing happens)."""
    with UnitOfWork(db.engine, write=True) as uow:
        uow.session.execute(
            update(UserSession)
            .where(
                UserSession.token_hash == digest(token),
                UserSession.device_id == device.id,
                UserSession.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )
        uow.commit()


def has_signed_in_here(db: DeskDatabase, device_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    """Whether the user ever opened a session on the device (closed or expired ones
    count): whom an action the device recorded offline may be attributed to."""
    with UnitOfWork(db.engine) as uow:
        found = uow.session.scalar(
            select(UserSession.id)
            .where(UserSession.device_id == device_id, UserSession.user_id == user_id)
            .limit(1)
        )
        return found is not None
