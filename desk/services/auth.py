"""Sign-in and roles: who works at this PC, and whether they may change capacity.

Passwords are checked against their scrypt hashes; a wrong user name and a wrong
password get the same answer, so the sign-in does not tell which user names exist.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cache

from sqlalchemy import func, select

from desk.domain.errors import RequestRefused
from desk.domain.passwords import hash_password, verify_password
from desk.domain.status import Role
from desk.services.database import DeskDatabase
from desk.store.models import User
from desk.store.uow import UnitOfWork

WRONG = "Benutzername oder Passwort falsch"


@cache
def _dummy_hash() -> str:
    """Compared against when the user name is unknown, so both answers take as long
    (made on first use: importing this module costs no scrypt round)."""
    return hash_password("-", salt=b"buergerdesk-none")


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


def authenticate(db: DeskDatabase, username: str, password: str) -> UserInfo:
    """The user with this name and password, else RequestRefused (one message for all)."""
    with UnitOfWork(db.engine) as uow:
        user = uow.session.scalar(select(User).where(User.username == username.strip()))
        stored = user.password_hash if user is not None else _dummy_hash()
        if not verify_password(password, stored) or user is None:
            raise RequestRefused(WRONG)
        if not user.active:
            raise RequestRefused("Dieses Konto ist gesperrt; bitte die Teamleitung fragen")
        return UserInfo(user.id, user.username, user.display_name, user.role, user.office_id)


def require_team_lead(db: DeskDatabase, user_id: uuid.UUID, action: str) -> None:
    """Refuse ``action`` unless the user is an active team lead."""
    with UnitOfWork(db.engine) as uow:
        user = uow.session.get(User, user_id)
        if user is None or not user.active:
            raise NotAllowed(f"{action}: unbekannter oder gesperrter Benutzer")
        if user.role != Role.TEAM_LEAD:
            raise NotAllowed(
                f"{action} darf nur die Teamleitung ({user.display_name} ist Sachbearbeitung)"
            )
