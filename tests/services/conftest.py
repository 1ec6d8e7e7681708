"""Fixtures for the clerk service tests: a fresh database per backend and module, for
tests that write (the seeded demo city is read-only), and the demo city itself."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from desk.services.database import DeskDatabase, open_database, upgrade_database
from tests.conftest import libpq_conninfo


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fresh_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DeskDatabase]:
    """An empty, migrated database shared by one test module (each test uses its own
    office, slots or appointments), once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('clerk') / 'clerk.sqlite'}"
    else:
        admin_url = str(request.getfixturevalue("pg_admin_url"))
        name = f"bd_clerk_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(libpq_conninfo(admin_url), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

        def drop() -> None:
            with psycopg.connect(libpq_conninfo(admin_url), autocommit=True) as conn:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )

        request.addfinalizer(drop)
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    upgrade_database(url)
    db = open_database(url)
    yield db
    db.dispose()


@pytest.fixture
def demo(demo_url: str) -> Iterator[DeskDatabase]:
    """The seeded demo city on each backend (read only)."""
    db = open_database(demo_url)
    yield db
    db.dispose()
