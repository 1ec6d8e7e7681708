"""Signing in on a PC that works through the central service.

The password is checked by the service, which answers with a short-lived session;
the password hash never leaves the server. For the case the service is out of reach,
the PC keeps a verifier (its own argon2id hash, its own salt) of each user who signed
in here online before, as cached domain logons do: such a user can sign in offline,
nobody else can. A user the service refuses or has locked loses the verifier here.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import delete, select

from desk.domain.errors import DatabaseUnavailable, NotAuthenticated, RequestRefused
from desk.domain.passwords import hash_password, verify_password
from desk.services.admin import sign_in_guard
from desk.services.admin.auth import UserInfo
from desk.services.admin.sign_in_guard import Subject
from desk.services.database import DeskDatabase
from desk.store.models import OfflineVerifier, User
from desk.store.uow import UnitOfWork
from desk.sync.remote import answer, client

OFFLINE_TIMEOUT = httpx.Timeout(5.0, connect=3.0)


class ServiceSignIn:
    """Sign-in through the service with an offline fallback; holds the session token
    that every request of this PC's sync carries (``token``)."""

    def __init__(
        self, local: DeskDatabase, central: str, device_token: str, ca: str | None
    ) -> None:
        self._local = local
        self._http = client(central, ca=ca, token=device_token, timeout=OFFLINE_TIMEOUT)
        self._lock = threading.Lock()
        self._token: str | None = None
        self.offline = False

    def token(self) -> str | None:
        """The session token of the signed-in user (None offline or signed out)."""
        with self._lock:
            return self._token

    def sign_in(self, username: str, password: str) -> UserInfo:
        """Sign in online, or offline with this PC's verifier; RequestRefused if not."""
        try:
            data = answer(
                self._http.post("/v1/sessions", json={"username": username, "password": password})
            )
        except httpx.TransportError:
            return self._offline(username, password)
        except DatabaseUnavailable:  # the service answers but cannot reach its database
            return self._offline(username, password)
        except NotAuthenticated:
            self._forget(username)
            raise
        user = _user(data["user"])
        with self._lock:
            self._token = str(data["token"])
        self.offline = False
        self._remember(user, password)
        return user

    def sign_out(self) -> None:
        """End the session on the service (quietly if it cannot be reached)."""
        with self._lock:
            token, self._token = self._token, None
        if token:
            with contextlib.suppress(httpx.HTTPError):
                self._http.delete("/v1/sessions/current", headers={"X-Buergerdesk-Session": token})

    def close(self) -> None:
        """Release the connection."""
        self._http.close()

    def _offline(self, username: str, password: str) -> UserInfo:
        """Against the kept verifier, with the same back-off and lockout as the server
        (counted in the local database)."""
        with UnitOfWork(self._local.engine) as uow:
            kept = uow.session.scalar(
                select(OfflineVerifier).where(OfflineVerifier.username == username.strip())
            )
            user = uow.session.get(User, kept.user_id) if kept is not None else None
            info = (
                UserInfo(user.id, user.username, user.display_name, user.role, user.office_id)
                if user is not None
                else None
            )
            verifier, active = (kept.verifier if kept else None), (user is not None and user.active)
        now = datetime.now(UTC)
        subjects = [Subject("user", info.id, info.username, info.office_id)] if info else []
        guarded = sign_in_guard.check(self._local, subjects, now)
        if verifier is None or info is None or not verify_password(password, verifier):
            sign_in_guard.note_failure(self._local, subjects, now)
            raise RequestRefused.of("wrong_password_offline")
        if not active:
            raise RequestRefused.of("account_locked")
        sign_in_guard.clear(self._local, guarded)
        with self._lock:
            self._token = None
        self.offline = True
        return info

    def _remember(self, user: UserInfo, password: str) -> None:
        verifier = hash_password(password)
        with UnitOfWork(self._local.engine, write=True) as uow:
            uow.session.execute(
                delete(OfflineVerifier).where(
                    (OfflineVerifier.user_id == user.id)
                    | (OfflineVerifier.username == user.username)
                )
            )
            uow.session.add(
                OfflineVerifier(
                    user_id=user.id,
                    username=user.username,
                    verifier=verifier,
                    saved_at=datetime.now(UTC),
                )
            )
            uow.commit()

    def _forget(self, username: str) -> None:
        with UnitOfWork(self._local.engine, write=True) as uow:
            uow.session.execute(
                delete(OfflineVerifier).where(OfflineVerifier.username == username.strip())
            )
            uow.commit()


def _user(data: dict[str, Any]) -> UserInfo:
    return UserInfo(
        uuid.UUID(str(data["id"])),
        str(data["username"]),
        str(data["display_name"]),
        str(data["role"]),
        data.get("office_id"),
    )
