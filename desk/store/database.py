"""Engines for the local SQLite and the central PostgreSQL, with friendly errors."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError, NoSuchModuleError

from desk.domain.errors import RequestRefused
from desk.private_files import private_dir, tighten_sqlite

SUPPORTED = ("sqlite", "postgresql")
QUERY_PASSWORD = re.compile(r"([?&]password=)[^&]*", re.I)

#: Execution option of write units of work: SQLite takes the write lock at BEGIN.
IMMEDIATE = "buergerdesk_immediate"


def parse_url(url: str) -> URL:
    """Parse and check a database URL; only SQLite and PostgreSQL (psycopg 3) are served."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise RequestRefused(
            f"Ungültige Datenbank-URL {mask(url)!r}: erwartet sqlite:///PFAD "
            "oder postgresql+psycopg://BENUTZER@HOST/DATENBANK"
        ) from None
    if parsed.get_backend_name() not in SUPPORTED:
        raise RequestRefused(
            f"Datenbank {parsed.get_backend_name()!r} wird nicht unterstützt: "
            "nur sqlite:/// und postgresql+psycopg://"
        )
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise RequestRefused("Eine SQLite-Datenbank braucht einen Dateipfad: sqlite:///PFAD")
    if parsed.get_backend_name() == "sqlite" and parsed.query:
        # mode=ro, uri=true …: the app writes its database (migrations, sync, WAL), and a
        # read-only opening would only fail half-way through a command
        raise RequestRefused(
            "Eine SQLite-URL ohne Parameter angeben (sqlite:///PFAD): "
            f"{'&'.join(sorted(parsed.query))} wird nicht unterstützt"
        )
    return parsed


def mask(url: str | URL) -> str:
    """The URL for display, with any password replaced by ***."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except ArgumentError:
        return "<ungültige URL>"
    shown = parsed.render_as_string(hide_password=True)
    return QUERY_PASSWORD.sub(r"\1***", shown)  # libpq takes one as a parameter too


def describe(url: URL) -> str:
    """How to name a database to a person: the SQLite file, or the masked server URL."""
    path = sqlite_path(url)
    if path is not None:
        return f"SQLite {path}"
    return f"PostgreSQL {mask(url)}"


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for PostgreSQL."""
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    return Path(url.database)


def make_engine(
    url: str | URL, *, create_dirs: bool = False, pool: tuple[int, int] | None = None
) -> Engine:
    """An engine for a checked URL; SQLite gets WAL, foreign keys and a busy timeout.
    ``pool`` (size, overflow) bounds a PostgreSQL engine's connections."""
    parsed = url if isinstance(url, URL) else parse_url(url)
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if create_dirs and path is not None:
            private_dir(path.parent)
        connect_args["timeout"] = 15
    else:
        connect_args["connect_timeout"] = 5
        connect_args.setdefault("application_name", "buergerdesk")
    try:
        options: dict[str, Any] = {}
        if pool is not None and parsed.get_backend_name() == "postgresql":
            options = {"pool_size": pool[0], "max_overflow": pool[1]}
        engine = create_engine(parsed, connect_args=connect_args, **options)
        if options:
            _ping_when_idle(engine)
    except NoSuchModuleError:
        raise RequestRefused(f"Kein Treiber für {mask(parsed)!r}") from None
    if parsed.get_backend_name() == "sqlite":
        database = sqlite_path(parsed)
        if database is not None:  # before the pragmas: WAL's side files copy its modes
            event.listen(engine, "connect", lambda _conn, _record: tighten_sqlite(database))
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


#: A pooled connection idle longer than this is pinged before use (one round trip).
PING_AFTER_IDLE = 2.0


def _ping_when_idle(engine: Engine) -> None:
    """Pessimistic disconnect handling for the service's pool, but only for connections
    that sat idle: a busy pool's connections were just used and would each pay a round
    trip (``pool_pre_ping`` pings every checkout). One that dies while busy fails its
    request, and SQLAlchemy then drops every older connection of the pool."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE:
            return
        try:
            alive = engine.dialect.do_ping(dbapi)
        except Exception:  # any failure: the pool replaces the connection and retries
            alive = False
        if not alive:
            raise DisconnectionError("connection lost while idle in the pool")


def _sqlite_begin(conn: Connection) -> None:
    """Emit BEGIN ourselves: IMMEDIATE for write units of work, so that a read
    followed by a write never fails on a lock upgrade (SQLAlchemy's SQLite recipe)."""
    immediate = conn.get_execution_options().get(IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver leaves transactions to us
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # SQLite's lower()/LIKE fold ASCII only: "özdemir" must find "Özdemir" (search)
    dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)


def _casefold(text: str | None) -> str | None:
    return text.casefold() if text is not None else None
