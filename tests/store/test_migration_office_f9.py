"""Migration 0012: every office gets the F9 setting "ask" (offices that existed before
too), new offices get it by default, and the way back drops the column again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text

from desk.store.database import make_engine
from desk.store.migrate import alembic_config, current_revision

INSERT = (
    "INSERT INTO office (id, name, kind, street, postcode, city, state, timezone,"
    " ticket_prefix) VALUES (:id, 'Bürgerbüro', 'buergerbuero', 'Markt 1', '39104',"
    " 'Magdeburg', 'ST', 'Europe/Berlin', 'W')"
)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def migrate(engine: Engine, to: str, down: bool = False) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, to)


def settings(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, call_next_with_current FROM office ORDER BY id"))
        return {row.id: row.call_next_with_current for row in rows}


def office_columns(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return {c["name"] for c in inspect(conn).get_columns("office")}


def test_offices_ask_after_0012_and_the_way_back_drops_the_setting(engine: Engine) -> None:
    migrate(engine, "0011")
    assert "call_next_with_current" not in office_columns(engine)
    with engine.begin() as conn:
        conn.execute(text(INSERT), {"id": "bb-vorher"})
    migrate(engine, "0012")
    assert current_revision(engine) == "0012"
    with engine.begin() as conn:
        conn.execute(text(INSERT), {"id": "bb-nachher"})  # a plain insert: the default
    assert settings(engine) == {"bb-nachher": "ask", "bb-vorher": "ask"}
    with engine.connect() as conn:
        [column] = [
            c for c in inspect(conn).get_columns("office") if c["name"] == "call_next_with_current"
        ]
        assert column["nullable"] is False
    migrate(engine, "0011", down=True)
    assert "call_next_with_current" not in office_columns(engine)
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM office")) == 2  # no office lost
