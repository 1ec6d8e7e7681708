"""The service's pool pings only connections that sat idle, and replaces one the server
dropped meanwhile, so a request after a database restart does not fail."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from desk.store import database
from desk.store.database import make_engine
from tests.conftest import libpq_conninfo


def _backend_pid(engine: object) -> int:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(admin_url: str, pid: int) -> None:
    with psycopg.connect(libpq_conninfo(admin_url), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_connection_dropped_while_idle_is_replaced(
    pg_url: str, pg_admin_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(pg_url, pool=(1, 0))
    try:
        first = _backend_pid(engine)
        _terminate(pg_admin_url, first)
        monkeypatch.setattr(database, "PING_AFTER_IDLE", 0.0)
        second = _backend_pid(engine)  # would raise without the ping
        assert second != first
    finally:
        engine.dispose()


def test_a_busy_connection_is_not_pinged(pg_url: str, pg_admin_url: str) -> None:
    """Used within PING_AFTER_IDLE: no ping, so a dropped one fails this request once
    and the pool starts over for the next."""
    engine = make_engine(pg_url, pool=(1, 0))
    try:
        first = _backend_pid(engine)
        _terminate(pg_admin_url, first)
        with pytest.raises(Exception, match=r"terminat|closed|connection"):
            _backend_pid(engine)
        assert _backend_pid(engine) != first
    finally:
        engine.dispose()
