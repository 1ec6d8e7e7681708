"""Download: central changes since the cursor, applied locally in one transaction.

The cursor is the PostgreSQL snapshot of the previous pull. A change is new if
its transaction was not visible in that snapshot — so a transaction that commits
late (after later ones) is still picked up, which an ``updated_at`` or id cursor
would skip. The rows are read in the same REPEATABLE READ snapshot that becomes
the next cursor, and the reads cost in proportion to the changes (index on xid).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, delete, select, text
from sqlalchemy.orm import Session

from desk.domain.localtime import local_day_bounds
from desk.domain.status import AppointmentStatus
from desk.store import outbox
from desk.store.models import Appointment, SlotHold, SyncState
from desk.sync.horizon import cursor_behind_horizon
from desk.sync.rows import (
    ACTIVITY_TABLES,
    APPEND_ONLY_TABLES,
    REFERENCE_TABLES,
    read_all,
    read_by_ids,
    table,
    upsert,
)

CURSOR_KEY = "cursor"

#: Reference tables whose rows may vanish centrally (nothing local depends on them).
PRUNABLE_REFERENCE = (
    "closure",
    "released_slot",
    "booking_policy",
    "opening_template_service",
    "opening_template",  # the capacity editor deletes templates that had not begun yet
    "office_service",
)

NEW_CHANGES = text(
    "SELECT DISTINCT entity, entity_id FROM change_log "
    "WHERE xid >= (pg_snapshot_xmin(CAST(:prev AS pg_snapshot))::text)::bigint "
    "AND NOT pg_visible_in_snapshot((xid::text)::xid8, CAST(:prev AS pg_snapshot))"
)


@dataclass
class ChangeBatch:
    """Central rows to apply locally, and the snapshot they were read in."""

    snapshot: str
    reference: dict[str, list[dict[str, Any]]] | None = None
    activity: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    holds: list[dict[str, Any]] = field(default_factory=list)
    deleted: dict[str, list[uuid.UUID]] = field(default_factory=dict)
    full: bool = False  # everything read again (the cursor was older than the log)

    @property
    def size(self) -> int:
        """How many rows the batch carries."""
        rows = sum(len(v) for v in self.activity.values()) + len(self.holds)
        return rows + sum(len(v) for v in (self.reference or {}).values())


def fetch_changes(
    central: Engine, cursor: str | None, since: date, office_id: str | None = None
) -> ChangeBatch:
    """Read what changed centrally since ``cursor`` (everything from ``since`` if None);
    with ``office_id`` only what a device of that office may hold (desk/sync/scope.py)."""
    snapshot_engine = central.execution_options(isolation_level="REPEATABLE READ")
    with Session(snapshot_engine) as session, session.begin():
        snapshot = session.scalar(text("SELECT pg_current_snapshot()::text"))
        assert snapshot is not None
        batch = ChangeBatch(snapshot)
        if cursor is not None and cursor_behind_horizon(session, cursor):
            batch.full = True  # the log no longer reaches back to the cursor
            cursor = None
        if cursor is None:
            batch.reference = {name: read_all(session, name) for name in REFERENCE_TABLES}
            _initial_activity(session, batch, since)
            return _scoped(session, batch, office_id)
        ids: dict[str, list[uuid.UUID]] = {
            name: [] for name in ACTIVITY_TABLES + APPEND_ONLY_TABLES
        }
        reference = False
        for entity, entity_id in session.execute(NEW_CHANGES, {"prev": cursor}):
            if entity == "reference":
                reference = True
            elif entity in ids and entity_id:
                ids[entity].append(uuid.UUID(entity_id))
        if reference:
            batch.reference = {name: read_all(session, name) for name in REFERENCE_TABLES}
        for name, wanted in ids.items():
            batch.activity[name] = read_by_ids(session, name, wanted) if wanted else []
            if name in APPEND_ONLY_TABLES:
                continue  # never deleted
            found = {row["id"] for row in batch.activity[name]}
            batch.deleted[name] = [i for i in set(wanted) if i not in found]
        appointments = [row["id"] for row in batch.activity["appointment"]]
        batch.holds = read_by_ids(session, "slot_hold", appointments, "appointment_id")
        return _scoped(session, batch, office_id)


def _scoped(session: Session, batch: ChangeBatch, office_id: str | None) -> ChangeBatch:
    if office_id is None:
        return batch
    from desk.sync.scope import limit_to_office

    return limit_to_office(session, batch, office_id)


def _initial_activity(session: Session, batch: ChangeBatch, since: date) -> None:
    start, _ = local_day_bounds(since)
    appointment, ticket, call = table("appointment"), table("ticket"), table("call")
    batch.activity["appointment"] = [
        dict(r)
        for r in session.execute(
            select(appointment).where(appointment.c.starts_at >= start)
        ).mappings()
    ]
    ids = [row["id"] for row in batch.activity["appointment"]]
    batch.activity["appointment_event"] = read_by_ids(
        session, "appointment_event", ids, "appointment_id"
    )
    batch.holds = read_by_ids(session, "slot_hold", ids, "appointment_id")
    batch.activity["ticket"] = [
        dict(r)
        for r in session.execute(select(ticket).where(ticket.c.service_day >= since)).mappings()
    ]
    batch.activity["call"] = [
        dict(r) for r in session.execute(select(call).where(call.c.called_at >= start)).mappings()
    ]
    for name in APPEND_ONLY_TABLES:
        t = table(name)
        batch.activity[name] = [
            dict(r) for r in session.execute(select(t).where(t.c.at >= start)).mappings()
        ]


def _prune(session: Session, name: str, central_rows: list[dict[str, Any]]) -> int:
    """Delete local rows of a reference table that the central copy no longer has."""
    t = table(name)
    keys = [c.name for c in t.primary_key.columns]
    wanted = {tuple(row[k] for k in keys) for row in central_rows}
    local = [tuple(row) for row in session.execute(select(*(t.c[k] for k in keys)))]
    gone = [key for key in local if key not in wanted]
    for key in gone:
        session.execute(delete(t).where(*(t.c[k] == v for k, v in zip(keys, key, strict=True))))
    return len(gone)


def _slots_of(session: Session, ids: set[uuid.UUID]) -> set[tuple[uuid.UUID, datetime]]:
    """(counter, start) of the holding local appointments among ``ids``."""
    if not ids:
        return set()
    query = select(Appointment.counter_id, Appointment.starts_at).where(
        Appointment.id.in_(list(ids)), Appointment.status != AppointmentStatus.CANCELLED
    )
    return {(row[0], row[1]) for row in session.execute(query)}


def apply_changes(session: Session, batch: ChangeBatch, now: datetime) -> int:
    """Apply a batch inside the caller's local transaction and advance the cursor there.

    Rows with a waiting local operation are not overwritten; central holds that
    collide with a waiting local booking are left out until that booking is settled.
    """
    waiting = outbox.pending_entities(session)
    held_by_waiting = _slots_of(session, waiting)
    deferred: set[uuid.UUID] = set()
    applied = 0
    if batch.reference is not None:
        for name in REFERENCE_TABLES:
            applied += upsert(session, name, batch.reference[name])
        for name in PRUNABLE_REFERENCE:
            applied += _prune(session, name, batch.reference[name])
    for name in reversed(ACTIVITY_TABLES):  # rows deleted centrally (dependants first)
        gone = [i for i in batch.deleted.get(name, []) if i not in waiting]
        if gone:
            t = table(name)
            applied += session.execute(delete(t).where(t.c.id.in_(gone))).rowcount  # type: ignore[attr-defined]
    for name in ACTIVITY_TABLES:
        rows = [r for r in batch.activity.get(name, []) if r.get("id") not in waiting]
        if name == "appointment":  # the waiting local booking keeps its slot until settled
            kept = [
                r
                for r in rows
                if r["status"] == AppointmentStatus.CANCELLED
                or (r["counter_id"], r["starts_at"]) not in held_by_waiting
            ]
            deferred = {r["id"] for r in rows} - {r["id"] for r in kept}
            rows = kept
        if name == "appointment_event":
            rows = [
                r
                for r in rows
                if r["appointment_id"] not in waiting and r["appointment_id"] not in deferred
            ]
        applied += upsert(session, name, rows)
        if name == "appointment" and rows:
            settled = [r["id"] for r in rows]
            session.execute(delete(SlotHold).where(SlotHold.appointment_id.in_(settled)))
            holds = [h for h in batch.holds if h["appointment_id"] in set(settled)]
            upsert(session, "slot_hold", holds, keep=True)
    for name in APPEND_ONLY_TABLES:  # insert-or-ignore: an audit row is never updated
        applied += upsert(session, name, batch.activity.get(name, []), keep=True)
    session.merge(SyncState(key=CURSOR_KEY, value=batch.snapshot))
    session.merge(SyncState(key="last_pull", value=now.isoformat()))
    return applied
