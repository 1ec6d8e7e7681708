"""Back-off and lockout after failed sign-ins, per user and per device (OWASP
Authentication Cheat Sheet). Kept where the password is checked: on the server, or
in a standalone database. Times are the real clock's, never a client's.

A user's 3rd and 4th failure in a row hold the next try off for 1 and 2 seconds; the
5th locks the account for 15 minutes (audited), until then even the right password
is refused; a team lead can lift it earlier (audited). A device's failures count for
every user name tried on it: from the 8th on it waits, the 10th blocks sign-ins on
the device for 15 minutes (audited); meanwhile only a team lead may try there, and
their sign-in lifts the block (audited), as does the admin (``device unlock``).
Failures more than 15 minutes apart start a new count, and a sign-in that succeeds
clears the user's count."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk.domain.audit import AuditAction
from desk.domain.errors import RequestRefused
from desk.domain.localtime import BERLIN
from desk.services.audit_log import record
from desk.services.database import DeskDatabase
from desk.store.models import SignInGuard
from desk.store.uow import UnitOfWork

USER_LIMIT = 5
DEVICE_LIMIT = 10
LOCK_FOR = timedelta(minutes=15)
#: failures further apart than this do not add up
RUN_GAP = timedelta(minutes=15)


class SignInHeld(RequestRefused):
    """Sign-in refused before the password is checked: too many failures."""


@dataclass(frozen=True)
class Subject:
    """Whose failures are counted: a user or a device, with what the audit row needs."""

    kind: str  # "user" | "device"
    id: uuid.UUID
    label: str
    office_id: str | None

    @property
    def key(self) -> str:
        """The guard row's key."""
        return f"{self.kind}:{self.id}"

    @property
    def limit(self) -> int:
        """Failures in a row that lock."""
        return USER_LIMIT if self.kind == "user" else DEVICE_LIMIT


def _clock(at: datetime) -> str:
    return at.astimezone(BERLIN).strftime("%H:%M")


def _local(at: datetime) -> datetime:
    return at.astimezone(BERLIN)


def refusal(subject: Subject, guard: SignInGuard, now: datetime) -> SignInHeld | None:
    """Why ``subject`` may not try now, if it may not."""
    if guard.locked_until is None or guard.locked_until <= now:
        return None
    if guard.failures >= subject.limit:
        if subject.kind == "device":
            return SignInHeld.of("device_held", until=_local(guard.locked_until))
        return SignInHeld.of(
            "account_held", failures=guard.failures, until=_local(guard.locked_until)
        )
    wait = max(1, round((guard.locked_until - now).total_seconds()))
    return SignInHeld.of("sign_in_wait", seconds=wait)


def check(
    db: DeskDatabase, subjects: list[Subject], now: datetime, *, spared: set[str] | None = None
) -> set[str]:
    """Refuse (SignInHeld) if one of ``subjects`` (but the ``spared`` keys) is held off;
    returns the keys that have a guard row (so a success knows what to clear)."""
    keys = [s.key for s in subjects]
    with UnitOfWork(db.engine) as uow:
        guards = {
            g.subject: g
            for g in uow.session.scalars(select(SignInGuard).where(SignInGuard.subject.in_(keys)))
        }
        for subject in subjects:
            if subject.key in (spared or set()):
                continue
            guard = guards.get(subject.key)
            held = refusal(subject, guard, now) if guard is not None else None
            if held is not None:
                raise held
    return set(guards)


def _back_off(subject: Subject, failures: int) -> timedelta | None:
    """How long the next try waits after ``failures`` in a row."""
    if failures >= subject.limit:
        return LOCK_FOR
    start = subject.limit - 2
    if failures >= start:
        return timedelta(seconds=2 ** (failures - start))
    return None


def _count(session: Session, subject: Subject, now: datetime) -> None:
    guard = session.get(SignInGuard, subject.key, with_for_update=True)
    if guard is None:
        guard = SignInGuard(subject=subject.key, failures=0, last_failure_at=now)
        session.add(guard)
    elif now - guard.last_failure_at > RUN_GAP:
        guard.failures = 0
    guard.failures += 1
    guard.last_failure_at = now
    wait = _back_off(subject, guard.failures)
    guard.locked_until = now + wait if wait is not None else None
    if guard.failures == subject.limit and guard.locked_until is not None:
        record(
            session,
            AuditAction.SIGN_IN_LOCK,
            at=now,
            entity="app_user" if subject.kind == "user" else "device",
            entity_id=subject.id,
            office_id=subject.office_id,
            new={"gesperrt_bis": guard.locked_until.isoformat()},
            detail=f"Anmeldung {'von' if subject.kind == 'user' else 'am Gerät'} "
            f"{subject.label} nach {guard.failures} Fehlversuchen gesperrt bis "
            f"{_clock(guard.locked_until)} Uhr",
        )


def note_failure(db: DeskDatabase, subjects: list[Subject], now: datetime) -> None:
    """Count a failed sign-in for each subject (and lock, audited, at the limit)."""
    for _ in range(2):  # a guard row made at the same moment elsewhere: count again
        try:
            with UnitOfWork(db.engine, write=True) as uow:
                for subject in subjects:
                    _count(uow.session, subject, now)
                uow.commit()
            return
        except IntegrityError:
            continue


def clear(db: DeskDatabase, keys: set[str]) -> None:
    """A sign-in succeeded: forget the user's failures."""
    if not keys:
        return
    with UnitOfWork(db.engine, write=True) as uow:
        for key in keys:
            guard = uow.session.get(SignInGuard, key)
            if guard is not None:
                uow.session.delete(guard)
        uow.commit()


def lift_now(db: DeskDatabase, subject: Subject, by: uuid.UUID | None, now: datetime) -> bool:
    """``lift`` in a transaction of its own."""
    with UnitOfWork(db.engine, write=True) as uow:
        held = lift(uow.session, subject, by, now)
        uow.commit()
        return held


def locked(db: DeskDatabase, kind: str, now: datetime) -> dict[uuid.UUID, datetime]:
    """Users or devices (``kind``) locked now after their limit of failures, with until
    when."""
    limit = USER_LIMIT if kind == "user" else DEVICE_LIMIT
    with UnitOfWork(db.engine) as uow:
        guards = uow.session.scalars(
            select(SignInGuard).where(
                SignInGuard.subject.like(f"{kind}:%"),
                SignInGuard.failures >= limit,
                SignInGuard.locked_until > now,
            )
        ).all()
        return {
            uuid.UUID(g.subject.removeprefix(f"{kind}:")): g.locked_until
            for g in guards
            if g.locked_until is not None
        }


def locked_users(db: DeskDatabase, now: datetime) -> dict[uuid.UUID, datetime]:
    """Users locked now (after USER_LIMIT failures), with until when."""
    return locked(db, "user", now)


def lift(session: Session, subject: Subject, by: uuid.UUID | None, now: datetime) -> bool:
    """Lift a lock (in the caller's transaction, audited); False if none was held."""
    guard = session.get(SignInGuard, subject.key, with_for_update=True)
    if guard is None:
        return False
    held = guard.locked_until is not None and guard.locked_until > now
    session.delete(guard)
    if held:
        record(
            session,
            AuditAction.SIGN_IN_UNLOCK,
            at=now,
            entity="app_user" if subject.kind == "user" else "device",
            entity_id=subject.id,
            user_id=by,
            office_id=subject.office_id,
            old={"gesperrt_bis": guard.locked_until.isoformat() if guard.locked_until else None},
            detail=f"Anmeldesperre von {subject.label} aufgehoben",
        )
    return held
