"""The way a replica reaches the central side: through the central service over
HTTPS (desk/sync/remote.py, every PC), or in process on the server itself
(``DirectLink``: what the service runs for each request, and what tests and
benches drive without HTTP). Both answer alike and raise DatabaseUnavailable
when the central side is out of reach."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any, Protocol

import psycopg
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from desk.domain.errors import DatabaseUnavailable
from desk.domain.status import OfficeKind
from desk.services.database import DeskDatabase, reason_of
from desk.services.walkin import tickets as walkin
from desk.services.walkin.tickets import TicketInfo
from desk.store import leases
from desk.store.models import Office
from desk.store.uow import UnitOfWork
from desk.sync import horizon
from desk.sync.central import OpResult, PendingOp, apply_batch
from desk.sync.operations import Caller
from desk.sync.pull import ChangeBatch, fetch_changes
from desk.sync.rows import as_dict

#: How far back a fresh replica's first copy reaches.
INITIAL_DAYS_BACK = 7


class CentralLink(Protocol):
    """What the sync engine needs of the central side."""

    display_url: str

    def client_id(self) -> uuid.UUID | None:
        """The id ticket number blocks are leased to (None: the replica's own)."""

    def push(self, ops: list[PendingOp], now: datetime) -> list[OpResult]:
        """Apply operations in order; one answer each."""

    def pull(self, cursor: str | None, now: datetime, *, fresh: bool = False) -> ChangeBatch:
        """Changes since ``cursor`` (a first copy when None); ``fresh``: read now, no
        shared or carried answer (right after this PC's own upload)."""

    def lease(self, client: uuid.UUID, days: list[date], now: datetime) -> list[dict[str, Any]]:
        """Ticket number blocks for the walk-in offices in scope, as rows."""

    def call_next(
        self, office_id: str, counter_number: int, now: datetime, user_id: uuid.UUID | None
    ) -> TicketInfo:
        """Claim the next waiting ticket centrally (exactly once across counters)."""

    def prune(self, now: datetime) -> int:
        """Prune the change log if this link is the one to do it (0 otherwise)."""

    def close(self) -> None:
        """Release connections."""


def central_failure(err: DBAPIError) -> bool:
    """Whether a database error means the central PostgreSQL is out of reach
    (a local SQLite error is a fault to report, not an outage)."""
    return isinstance(err.orig, psycopg.Error)


@contextmanager
def reaching(db: DeskDatabase) -> Iterator[None]:
    """Turn a lost central connection into DatabaseUnavailable."""
    try:
        yield
    except (OperationalError, InterfaceError) as err:
        if not central_failure(err):
            raise
        raise DatabaseUnavailable(
            f"Zentrale Datenbank {db.display_url} nicht erreichbar: {reason_of(err)}"
        ) from None


class DirectLink:
    """The central side in process: the central database and the caller's scope.

    ``training``: the time a replica passes is used (tests, training); else the
    server's clock rules.
    """

    def __init__(
        self, central: DeskDatabase, caller: Caller | None = None, *, training: bool = True
    ) -> None:
        self.central = central
        self.caller = caller or Caller(office_id=None)
        self.training = training
        self.display_url = central.display_url

    def now(self, asked: datetime) -> datetime:
        """The time the central side stamps with."""
        if self.training:
            return asked
        from desk.domain.localtime import now_local

        return now_local()

    def client_id(self) -> uuid.UUID | None:
        return self.caller.device_id

    def push(self, ops: list[PendingOp], now: datetime) -> list[OpResult]:
        stamps: list[datetime] = []
        for i in range(len(ops)):  # strictly increasing: a batch keeps its order
            stamp = self._stamp(now, i)
            stamps.append(max(stamp, stamps[-1] + timedelta(microseconds=1)) if stamps else stamp)
        with reaching(self.central):
            return apply_batch(self.central, ops, stamps, self.caller)

    def _stamp(self, now: datetime, index: int) -> datetime:
        """Each operation's own instant: the server's clock as it applies it; in
        training the given time, a microsecond apart per operation, so a batch keeps
        its order in every history."""
        if self.training:
            return now + timedelta(microseconds=index)
        return self.now(now)

    def pull(self, cursor: str | None, now: datetime, *, fresh: bool = False) -> ChangeBatch:
        since = self.now(now).date() - timedelta(days=INITIAL_DAYS_BACK)
        with reaching(self.central):
            return fetch_changes(self.central.pool, cursor, since, self.caller.office_id)

    def lease(self, client: uuid.UUID, days: list[date], now: datetime) -> list[dict[str, Any]]:
        client = self.caller.device_id or client
        with reaching(self.central), UnitOfWork(self.central.engine) as uow:
            query = select(Office).where(
                (Office.walk_in_quota.is_not(None)) | (Office.kind == OfficeKind.WALK_IN_ONLY)
            )
            if self.caller.office_id is not None:
                query = query.where(Office.id == self.caller.office_id)
            got = []
            for office_id in [o.id for o in uow.session.scalars(query)]:
                uow.session.get(Office, office_id, with_for_update=True)
                for day in days:
                    block = leases.lease_block(uow.session, office_id, day, client, self.now(now))
                    got.append(as_dict(block))
            uow.commit()
        return got

    def call_next(
        self, office_id: str, counter_number: int, now: datetime, user_id: uuid.UUID | None
    ) -> TicketInfo:
        self.caller.check_office(office_id)
        number = self.caller.counter(counter_number)
        assert number is not None
        user = user_id if self.caller.in_process else self.caller.user_id
        with reaching(self.central):
            return walkin.call_next(self.central, office_id, number, self.now(now), user_id=user)

    def prune(self, now: datetime) -> int:
        with reaching(self.central):
            return horizon.prune_change_log(self.central.pool, self.now(now))

    def close(self) -> None:
        self.central.dispose()
