"""Sign-in and roles: who works at this PC, and whether they may change capacity.

Passwords are checked against their argon2id hashes; a wrong user name and a wrong
password get the same answer, so the sign-in does not tell which user names exist.
Repeated failures hold the user and the device off (desk.services.admin.sign_in_guard).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import func, select, update

from desk.domain.errors import RequestRefused
from desk.domain.passwords import hash_password, needs_rehash, verify_password
from desk.domain.refusals import german
from desk.domain.status import Role
from desk.services.admin import sign_in_guard
from desk.services.admin.sign_in_guard import Subject
from desk.services.database import DeskDatabase
from desk.store.models import User
from desk.store.uow import UnitOfWork

WRONG = german("wrong_password")


@cache
def _dummy_hash() -> str:
    """Compared against when the user name is unknown, so both answers take as long
    (made on first use: importing this module costs no hashing round)."""
    return hash_password("-")


class NotAllowed(RequestRefused):
    """The signed-in user's role does not allow the action."""


@dataclass(frozen=True)
class UserInfo:
    """A signed-in user (never the password hash)."""

    id: uuid.UUID
    username: str
    display_name: str
    role: str
    office_id: str | None

    @property
    def team_lead(self) -> bool:
        """Whether the user may change capacity, policy, quota, closures and users."""
        return self.role == Role.TEAM_LEAD


def has_users(db: DeskDatabase) -> bool:
    """Whether sign-in is needed (a database without users runs without it)."""
    with UnitOfWork(db.engine) as uow:
        return bool(uow.session.scalar(select(func.count()).select_from(User)))


def authenticate(
    db: DeskDatabase,
    username: str,
    password: str,
    *,
    device: Subject | None = None,
    now: datetime | None = None,
) -> UserInfo:
    """The user with this name and password, else RequestRefused (one message for a
    wrong name or password; SignInHeld while the user or ``device`` is held off after
    failures). A blocked device still lets an active team lead try, whose sign-in lifts
    the block (audited). A hash of older parameters is replaced by today's on success.
    ``now`` is the real clock unless a test gives one."""
    now = now if now is not None else datetime.now(UTC)
    with UnitOfWork(db.engine) as uow:
        user = uow.session.scalar(select(User).where(User.username == username.strip()))
        stored = user.password_hash if user is not None else None
        info = (
            UserInfo(user.id, user.username, user.display_name, user.role, user.office_id)
            if user is not None
            else None
        )
        active = user is not None and user.active
    lead = active and info is not None and info.team_lead
    subjects = [device] if device is not None else []
    if info is not None:
        subjects.insert(0, Subject("user", info.id, info.username, info.office_id))
    spared = {device.key} if device is not None and lead else set()
    guarded = sign_in_guard.check(db, subjects, now, spared=spared)
    if not verify_password(password, stored or _dummy_hash()) or info is None or stored is None:
        sign_in_guard.note_failure(db, subjects, now)
        raise RequestRefused.of("wrong_password")
    if not active:
        raise RequestRefused.of("account_locked")
    sign_in_guard.clear(db, guarded & {subjects[0].key})
    if device is not None and device.key in guarded & spared:
        sign_in_guard.lift_now(db, device, info.id, now)
    if needs_rehash(stored):
        _rehash(db, info.id, stored, password)
    return info


def _rehash(db: DeskDatabase, user_id: uuid.UUID, old: str, password: str) -> None:
    """Store the password under today's parameters, unless it changed meanwhile."""
    hashed = hash_password(password)  # before the write lock: hashing takes a while
    with UnitOfWork(db.engine, write=True) as uow:
        uow.session.execute(
            update(User)
            .where(User.id == user_id, User.password_hash == old)
            .values(password_hash=hashed)
        )
        uow.commit()


def require_team_lead(db: DeskDatabase, user_id: uuid.UUID, action: str) -> None:
    """Refuse ``action`` unless the user is an active team lead."""
    with UnitOfWork(db.engine) as uow:
        user = uow.session.get(User, user_id)
        if user is None or not user.active:
            raise NotAllowed.of("not_allowed_user", action=action)
        if user.role != Role.TEAM_LEAD:
            raise NotAllowed.of("team_lead_only", action=action, name=user.display_name)
