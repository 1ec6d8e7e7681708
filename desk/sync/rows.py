"""Reading and upserting whole rows by table, for moving them between databases."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from desk.store.models import Base

REFERENCE_TABLES = (
    "office",
    "counter",
    "service",
    "office_service",
    "app_user",
    "opening_template",
    "opening_template_service",
    "booking_policy",
    "closure",
    "released_slot",
)
ACTIVITY_TABLES = ("appointment", "appointment_event", "ticket", "call")
#: Activity tables whose rows are never changed or deleted once written (the audit
#: log): pulled with insert-or-ignore, never updated, never removed.
APPEND_ONLY_TABLES = ("audit_entry",)
CHUNK = 500


def table(name: str) -> Table:
    """The model table of that name."""
    return Base.metadata.tables[name]


def as_dict(obj: Any) -> dict[str, Any]:
    """An ORM object's column values keyed by column name."""
    return {c.name: getattr(obj, c.key) for c in obj.__table__.columns}


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    """Slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def read_all(session: Session, name: str) -> list[dict[str, Any]]:
    """Every row of a table as dicts."""
    return [dict(r) for r in session.execute(select(table(name))).mappings()]


def read_by_ids(
    session: Session, name: str, ids: Sequence[Any], column: str = "id"
) -> list[dict[str, Any]]:
    """Rows whose ``column`` is one of ``ids``."""
    t = table(name)
    rows: list[dict[str, Any]] = []
    for part in chunks(list(ids)):
        rows += [
            dict(r) for r in session.execute(select(t).where(t.c[column].in_(part))).mappings()
        ]
    return rows


def read_holds_at(session: Session, slots: Sequence[tuple[Any, Any]]) -> list[dict[str, Any]]:
    """The slot holds on the given (counter_id, slot_start) pairs."""
    t = table("slot_hold")
    rows: list[dict[str, Any]] = []
    for part in chunks(list(slots)):
        query = select(t).where(tuple_(t.c.counter_id, t.c.slot_start).in_(part))
        rows += [dict(r) for r in session.execute(query).mappings()]
    return rows


def upsert(
    session: Session, name: str, rows: Sequence[dict[str, Any]], *, keep: bool = False
) -> int:
    """Insert rows, or update them where the primary key exists (``keep``: leave those)."""
    if not rows:
        return 0
    t = table(name)
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else pg_insert
    keys = [c.name for c in t.primary_key.columns]
    others = [c.name for c in t.columns if c.name not in keys]
    statement = insert(t)
    if keep or not others:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    else:
        statement = statement.on_conflict_do_update(
            index_elements=keys, set_={name: statement.excluded[name] for name in others}
        )
    for part in chunks(list(rows)):
        session.execute(statement, list(part))
    return len(rows)
