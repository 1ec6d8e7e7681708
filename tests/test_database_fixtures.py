"""Self-check of the database fixtures in conftest.py."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import create_engine, inspect, make_url, text


def test_db_url_connects(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("select 1")).scalar_one() == 1
    finally:
        engine.dispose()


def _public_tables(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(inspect(conn).get_table_names(schema="public"))
    finally:
        engine.dispose()


def test_pg_databases_are_fresh_and_distinct(
    pg_url: str, pg_database_factory: Callable[[], str]
) -> None:
    other_url = pg_database_factory()
    assert make_url(pg_url).database != make_url(other_url).database
    assert _public_tables(pg_url) == []
    assert _public_tables(other_url) == []

    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE marker (id integer PRIMARY KEY)"))
    finally:
        engine.dispose()
    assert _public_tables(pg_url) == ["marker"]
    assert _public_tables(other_url) == []
