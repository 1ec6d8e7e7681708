"""Alembic migrations on SQLite and PostgreSQL: from empty to head, idempotent,
reversible, and equal to the models; and the checks that refuse an unready database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select, table, text
from sqlalchemy.exc import IntegrityError

from desk.domain.errors import DatabaseNotReady
from desk.services.database import open_database, upgrade_database
from desk.store.database import make_engine
from desk.store.migrate import (
    CENTRAL_ONLY_TABLES,
    alembic_config,
    current_revision,
    ensure_ready,
    head_revision,
    include_object,
    upgrade,
)
from desk.store.models import Base

MODEL_TABLES = set(Base.metadata.tables)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def _schema(engine: Engine) -> dict[str, object]:
    """Tables with their columns, indexes, unique and check constraints, as comparable data."""
    with engine.connect() as conn:
        inspector = inspect(conn)
        shape: dict[str, object] = {}
        for name in sorted(inspector.get_table_names()):
            shape[name] = {
                "columns": [
                    (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(name)
                ],
                "indexes": sorted(
                    (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                    for i in inspector.get_indexes(name)
                ),
                "unique": sorted(str(u["name"]) for u in inspector.get_unique_constraints(name)),
                "checks": sorted(str(c["name"]) for c in inspector.get_check_constraints(name)),
            }
        return shape


def _version_rows(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(text("SELECT version_num FROM alembic_version")))


def _downgrade_to_base(engine: Engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")


def test_empty_database_has_no_revision(engine: Engine) -> None:
    assert current_revision(engine) is None


def test_upgrade_from_empty_reaches_head(engine: Engine) -> None:
    before, after = upgrade(engine)
    assert before is None
    assert after == head_revision()
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    central = CENTRAL_ONLY_TABLES if engine.dialect.name == "postgresql" else set()
    assert tables == MODEL_TABLES | {"alembic_version"} | central
    assert _version_rows(engine) == [head_revision()]


def test_second_upgrade_returns_head_twice_and_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    schema_before = _schema(engine)
    assert upgrade(engine) == (head_revision(), head_revision())
    assert _schema(engine) == schema_before
    assert _version_rows(engine) == [head_revision()]


def test_upgrade_database_by_url_is_idempotent(db_url: str) -> None:
    assert upgrade_database(db_url) == (None, head_revision())
    assert upgrade_database(db_url) == (head_revision(), head_revision())
    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.dispose()


def test_migrated_schema_equals_the_models(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_holding_index_is_unique_and_partial(engine: Engine) -> None:
    upgrade(engine)
    indexes = {i["name"]: i for i in inspect(engine).get_indexes("appointment")}
    holding = indexes["uq_appointment_counter_start_holding"]
    assert holding["unique"]
    assert holding["column_names"] == ["counter_id", "starts_at"]
    where = holding.get("dialect_options", {})
    predicate = where.get("postgresql_where") or where.get("sqlite_where")
    assert predicate is not None
    assert "cancelled" in str(predicate)


def test_downgrade_to_base_then_upgrade_again(engine: Engine) -> None:
    upgrade(engine)
    schema_at_head = _schema(engine)

    _downgrade_to_base(engine)
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

    assert upgrade(engine) == (None, head_revision())
    assert _schema(engine) == schema_at_head
    assert _version_rows(engine) == [head_revision()]


def test_ensure_ready_refuses_an_empty_database(engine: Engine) -> None:
    with pytest.raises(DatabaseNotReady, match="db upgrade"):
        ensure_ready(engine)


def test_ensure_ready_accepts_a_migrated_database(engine: Engine) -> None:
    upgrade(engine)
    ensure_ready(engine)


def test_ensure_ready_refuses_an_unknown_revision(engine: Engine) -> None:
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'zzzz'"))
    with pytest.raises(DatabaseNotReady, match="zzzz"):
        ensure_ready(engine)


def test_open_database_refuses_an_unmigrated_database(db_url: str) -> None:
    # The SQLite file must exist for this check to reach the revision test.
    db = open_database(db_url, ready=False, create=True)
    db.dispose()
    with pytest.raises(DatabaseNotReady, match="noch nicht eingerichtet"):
        open_database(db_url)


def test_open_database_on_missing_sqlite_file_refuses_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "fehlt" / "buergerdesk.db"
    with pytest.raises(DatabaseNotReady, match="gibt es nicht"):
        open_database(f"sqlite:///{path}")
    assert not path.exists()
    assert not path.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_missing_sqlite_file_is_refused_also_without_ready(tmp_path: Path) -> None:
    path = tmp_path / "buergerdesk.db"
    with pytest.raises(DatabaseNotReady):
        open_database(f"sqlite:///{path}", ready=False)
    assert not path.exists()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    upgrade_database(sqlite_url)
    db = open_database(sqlite_url)
    try:
        with db.engine.connect() as conn:
            assert conn.scalar(text("PRAGMA journal_mode")) == "wal"
            assert conn.scalar(text("PRAGMA foreign_keys")) == 1
            assert conn.scalar(text("PRAGMA synchronous")) == 2  # FULL
    finally:
        db.dispose()


def test_sqlite_refuses_a_counter_of_an_unknown_office(sqlite_url: str) -> None:
    upgrade_database(sqlite_url)
    db = open_database(sqlite_url)
    try:
        counter = Base.metadata.tables["counter"]
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(
                counter.insert().values(
                    id=uuid.uuid4(),
                    office_id="gibt-es-nicht",
                    number=1,
                    name="Schalter 1",
                    active=True,
                )
            )
        with db.engine.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(table("counter"))) == 0
    finally:
        db.dispose()


def test_written_out_head_matches_the_migration_scripts() -> None:
    from desk.store.migrate import HEAD

    assert head_revision() == HEAD
