"""What every operation kind shares: the caller's scope, the context it is applied in,
the base class, reading JSON arguments with a clear refusal, and the central rows a
refusal sends back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.domain.errors import RequestRefused
from desk.domain.status import DeviceKind
from desk.services.database import DeskDatabase
from desk.sync.rows import read_by_ids


class BadArguments(RequestRefused):
    """An operation whose arguments do not make sense (a tampered or broken outbox row)."""


# Argument values are JSON; these read them back with a clear refusal when malformed.


def arg_uuid(args: dict[str, Any], key: str, *, optional: bool = False) -> uuid.UUID | None:
    value = args.get(key)
    if value is None and optional:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BadArguments.of("op_bad_value", key=key) from None


def need_uuid(args: dict[str, Any], key: str) -> uuid.UUID:
    value = arg_uuid(args, key)
    assert value is not None
    return value


def arg_text(args: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = args.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise BadArguments.of("op_bad_value", key=key)
    return value


def arg_int(args: dict[str, Any], key: str, *, optional: bool = False) -> int | None:
    value = args.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not -(2**31) < value < 2**31:
        raise BadArguments.of("op_bad_value", key=key)
    return value


@dataclass(frozen=True)
class Caller:
    """Who sends an operation, as the central service authenticated it.

    ``office_id`` None is an in-process link of the server side (tests, benches):
    every office, and the user an operation names is taken as given.
    """

    office_id: str | None
    kind: str = DeviceKind.COUNTER
    counter_number: int | None = None
    device_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None

    @property
    def in_process(self) -> bool:
        """Whether this is the server's own side (no device)."""
        return self.office_id is None

    def check_office(self, office_id: str) -> None:
        """Refuse another office's rows (the answer does not say whether they exist)."""
        if self.office_id is not None and office_id != self.office_id:
            raise Forbidden.of("op_other_office")

    def counter(self, number: int | None) -> int | None:
        """The counter an operation acts at: a counter PC registered for one counter
        acts only there."""
        if self.counter_number is not None and number not in (None, self.counter_number):
            raise Forbidden.of("op_other_counter", registered=self.counter_number, number=number)
        return number if number is not None else self.counter_number


class Forbidden(RequestRefused):
    """The caller's device or role does not allow the operation (HTTP 403)."""


@dataclass(frozen=True)
class Context:
    """What an operation is applied with: the database in the operation's transaction,
    the server's time, the caller and the user it acts for."""

    db: DeskDatabase
    now: datetime
    caller: Caller
    user_id: uuid.UUID | None


class Operation:
    """The definition of one kind (subclasses below; ``OPERATIONS`` lists them)."""

    kind: str
    devices: frozenset[str] = frozenset({DeviceKind.COUNTER})

    def office_of(self, session: Session, args: dict[str, Any]) -> str:
        """The office the operation acts in, read from central rows where they exist."""
        raise NotImplementedError

    def apply(self, ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
        """Check and apply centrally (inside the caller's transaction); refusals raise."""
        raise NotImplementedError

    def central_rows(self, session: Session, args: dict[str, Any]) -> dict[str, list[Any]]:
        """The central state of the rows the operation touched (sent back with a refusal)."""
        return {}

    def withdraw(self, session: Session, entity_id: uuid.UUID, args: dict[str, Any]) -> None:
        """On the counter: take back the local effect of a refused operation."""

    def follows_refused(self, session: Session, entity_id: uuid.UUID) -> bool:
        """Whether the refusal is only the echo of an earlier refused booking or ticket
        (one conflict for the clerk, not two)."""
        return False


def appointment_rows(session: Session, ids: list[uuid.UUID]) -> dict[str, list[Any]]:
    return {
        "appointment": read_by_ids(session, "appointment", ids),
        "appointment_event": read_by_ids(session, "appointment_event", ids, "appointment_id"),
        "slot_hold": read_by_ids(session, "slot_hold", ids, "appointment_id"),
        "call": read_by_ids(session, "call", ids, "appointment_id"),
    }


def ticket_rows(session: Session, ticket_id: uuid.UUID) -> dict[str, list[Any]]:
    return {
        "ticket": read_by_ids(session, "ticket", [ticket_id]),
        "call": read_by_ids(session, "call", [ticket_id], "ticket_id"),
    }


def refused_before(session: Session, kinds: tuple[str, ...], entity_id: uuid.UUID) -> bool:
    from desk.store.models import SyncConflict

    found = session.scalar(
        select(SyncConflict.id)
        .where(SyncConflict.kind.in_(kinds), SyncConflict.entity_id == entity_id)
        .limit(1)
    )
    return found is not None
