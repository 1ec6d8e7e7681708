"""Waiting outbox operations out of a damaged SQLite file: read, carry over, or export.

Reading goes as far as the damaged b-tree allows, from both ends (an error in
the middle loses only the rows on the bad pages). An operation is carried over
into the new database when it decodes and the new database will sync (it is a
replica, or a central database fills it); the central side applies each op id
once, so one that had already arrived does no harm. The rest goes to a JSON
file beside the data, never silently away.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desk.private_files import write_private
from desk.store.file_check import read_only_uri

COLUMNS = ("seq", "op_id", "kind", "office_id", "entity_id", "payload", "created_at")
ROLE_KEY = "role"  # desk.store.outbox.ROLE_KEY: a replica has it in sync_state


@dataclass(frozen=True)
class RescuedOp:
    """One outbox row as found (text as stored); ``problem`` says why it cannot replay."""

    seq: int
    op_id: str
    kind: str
    office_id: str
    entity_id: str
    payload: str
    created_at: str
    problem: str | None = None


def read_outbox(path: Path) -> tuple[list[RescuedOp], bool]:
    """The outbox rows of a damaged file in their order, and whether the table could be
    read without error (False: rows on damaged pages may be missing)."""
    try:
        conn = _open(path)
    except sqlite3.Error:
        return [], False
    rows: dict[int, RescuedOp] = {}
    complete = True
    with closing(conn):
        for order in ("ASC", "DESC"):
            try:
                for row in _rows(conn, order):
                    rows.setdefault(row.seq, row)
            except sqlite3.Error as err:
                if "no such table" in str(err):
                    return [], True  # a database that never synced
                complete = False
    return [rows[seq] for seq in sorted(rows)], complete


def carry_over(database: Path, ops: list[RescuedOp], *, central: bool) -> list[RescuedOp]:
    """Insert the replayable ``ops`` missing from ``database``'s outbox, in order; returns
    the ops that were not carried over (to be exported)."""
    if not ops:
        return []
    with closing(sqlite3.connect(database)) as conn:
        replica = _is_replica(conn)
        empty = conn.execute("SELECT count(*) FROM office").fetchone()[0] == 0
        if not (replica or (central and empty)):
            return list(ops)  # nothing would ever send them
        present = {str(r[0]) for r in conn.execute("SELECT op_id FROM outbox")}
        left = []
        with conn:
            for op in ops:
                if op.problem is not None:
                    left.append(op)
                elif op.op_id not in present:
                    conn.execute(
                        "INSERT INTO outbox (op_id, kind, office_id, entity_id, payload, "
                        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        (op.op_id, op.kind, op.office_id, op.entity_id, op.payload, op.created_at),
                    )
    return left


def export_ops(ops: list[RescuedOp], database: Path, damaged: Path, now: datetime) -> Path:
    """Write ``ops`` to ``<database stem>.ausstehend-<stamp>.json`` beside the database."""
    stamp = now.strftime("%Y-%m-%d_%H%M%S")
    target = database.with_name(f"{database.stem}.ausstehend-{stamp}.json")
    document = {
        "hinweis": "Nicht übertragene Änderungen aus einer beschädigten Datenbank",
        "beschaedigte_datei": str(damaged),
        "geschrieben": now.isoformat(),
        "operationen": [_exported(op) for op in ops],
    }
    write_private(target, json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    return target


def _exported(op: RescuedOp) -> dict[str, Any]:
    entry: dict[str, Any] = asdict(op)
    with suppress(ValueError):  # else kept as the text that was found
        entry["payload"] = json.loads(op.payload)
    return entry


def _open(path: Path) -> sqlite3.Connection:
    """Read-only if possible (the damaged copy stays as it was found)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn = sqlite3.connect(path)
    conn.text_factory = bytes
    return conn


def _rows(conn: sqlite3.Connection, order: str) -> Iterator[RescuedOp]:
    cursor = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM outbox ORDER BY seq {order}")
    for raw in cursor:
        yield _decoded(raw)


def _decoded(raw: tuple[Any, ...]) -> RescuedOp:
    values = dict(zip(COLUMNS, raw, strict=True))
    problems = []
    text: dict[str, str] = {}
    for name in COLUMNS[1:]:
        value = values[name]
        if isinstance(value, bytes):
            try:
                text[name] = value.decode("utf-8")
            except UnicodeDecodeError:
                text[name] = value.decode("utf-8", errors="replace")
                problems.append(f"{name}: unlesbare Zeichen")
        else:
            text[name] = "" if value is None else str(value)
    for name in ("op_id", "entity_id"):
        try:
            uuid.UUID(text[name])
        except ValueError:
            problems.append(f"{name}: keine gültige Kennung")
    try:
        if not isinstance(json.loads(text["payload"]), dict):
            problems.append("payload: kein JSON-Objekt")
    except ValueError:
        problems.append("payload: kein gültiges JSON")
    if not text["kind"] or not text["office_id"]:
        problems.append("kind/office_id fehlt")
    try:
        seq = int(values["seq"])
    except (TypeError, ValueError):
        raise sqlite3.DatabaseError("outbox row without a sequence number") from None
    return RescuedOp(
        seq=seq,
        op_id=text["op_id"],
        kind=text["kind"],
        office_id=text["office_id"],
        entity_id=text["entity_id"],
        payload=text["payload"],
        created_at=text["created_at"],
        problem="; ".join(problems) or None,
    )


def _is_replica(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sync_state WHERE key = ?", (ROLE_KEY,)).fetchone()
    return found is not None
