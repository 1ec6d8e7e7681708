"""Unit of work: one session and one transaction per use case (Cosmic Python's shape)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from desk.store.database import IMMEDIATE


class UnitOfWork:
    """``with UnitOfWork(engine) as uow: ...; uow.commit()`` — rolls back unless committed.

    ``write=True`` marks a unit that will write after reading: on SQLite it takes
    the write lock at its start, so concurrent writers queue instead of failing.
    Given a Connection inside a transaction (the central service applying one
    operation), the unit works in a savepoint of it: its commit releases the
    savepoint and the caller's transaction decides.
    """

    def __init__(self, engine: Engine | Connection, *, write: bool = False) -> None:
        if isinstance(engine, Connection):
            self._factory = sessionmaker(
                engine, expire_on_commit=False, join_transaction_mode="create_savepoint"
            )
        else:
            bind = engine.execution_options(**{IMMEDIATE: True}) if write else engine
            self._factory = sessionmaker(bind, expire_on_commit=False)
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The session of the open unit of work."""
        if self._session is None:
            raise RuntimeError("unit of work is not open")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None

    def commit(self) -> None:
        """Make the work durable."""
        self.session.commit()


@contextmanager
def transaction(bind: Engine | Connection) -> Iterator[Connection]:
    """A Core connection in a transaction of its own, or in a savepoint of the
    caller's when given a Connection (the central service's exactly-once unit)."""
    if isinstance(bind, Connection):
        with bind.begin_nested():
            yield bind
    else:
        with bind.begin() as conn:
            yield conn
