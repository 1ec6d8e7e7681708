"""Unit of work: one session and one transaction per use case (Cosmic Python's shape)."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desk.store.database import IMMEDIATE


class UnitOfWork:
    """``with UnitOfWork(engine) as uow: ...; uow.commit()`` — rolls back unless committed.

    ``write=True`` marks a unit that will write after reading: on SQLite it takes
    the write lock at its start, so concurrent writers queue instead of failing.
    """

    def __init__(self, engine: Engine, *, write: bool = False) -> None:
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
