"""Databases for the benchmarks: throwaway PostgreSQL databases and temporary SQLite files."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.engine import make_url

from desk.services.database import DeskDatabase, upgrade_database

#: The local server (user postgres, trust), the default of every benchmark.
LOCAL_PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
#: The admin URL of the tests (``BUERGERDESK_TEST_PG``), else the local server.
PG_ADMIN_URL = os.environ.get("BUERGERDESK_TEST_PG", LOCAL_PG_ADMIN_URL)


def conninfo(url: str) -> str:
    """A libpq URI for psycopg from a SQLAlchemy URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def scratch_database(admin_url: str, prefix: str, *, migrate: bool = True) -> Iterator[str]:
    """A fresh database named ``prefix`` + 12 hex digits on the admin URL's server, migrated
    to head unless ``migrate`` is false; yields its SQLAlchemy URL and drops it afterwards
    (with FORCE, so connections left open do not keep it)."""
    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    admin = conninfo(admin_url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        if migrate:
            upgrade_database(url)
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@contextmanager
def sqlite_file(prefix: str, name: str = "bench.sqlite") -> Iterator[tuple[str, Path]]:
    """(URL, path) of a SQLite file ``name`` in a temporary folder named with ``prefix``,
    removed afterwards; the file itself is not created (nor migrated) here."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        path = Path(folder) / name
        yield f"sqlite:///{path}", path


def select_one(db: DeskDatabase) -> None:
    """The floor: one ``SELECT 1`` round trip through the engine's pool."""
    with db.engine.connect() as conn:
        conn.execute(text("SELECT 1")).scalar()


def server_version(db: DeskDatabase) -> str:
    """The PostgreSQL server's version, e.g. ``16.2``."""
    with db.engine.connect() as conn:
        return str(conn.execute(text("SHOW server_version")).scalar()).split()[0]
