"""Sync data on the wire: change batches and operation results as JSON and back."""

from __future__ import annotations

import uuid
from typing import Any

from desk.sync.central import OpResult, PendingOp
from desk.sync.codec import decode_row, encode_row
from desk.sync.pull import ChangeBatch
from desk.sync.rows import table


def _encode_tables(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {name: [encode_row(r) for r in rows] for name, rows in tables.items()}


def decode_tables(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """JSON rows by table back to Python values (unknown tables are refused)."""
    return {name: [decode_row(table(name), r) for r in rows] for name, rows in data.items()}


def batch_to_json(batch: ChangeBatch) -> dict[str, Any]:
    """A change batch as one JSON document."""
    return {
        "snapshot": batch.snapshot,
        "full": batch.full,
        "reference": None if batch.reference is None else _encode_tables(batch.reference),
        "activity": _encode_tables(batch.activity),
        "holds": [encode_row(h) for h in batch.holds],
        "deleted": {name: [str(i) for i in ids] for name, ids in batch.deleted.items()},
    }


def batch_from_json(data: dict[str, Any]) -> ChangeBatch:
    """A change batch back from its JSON document."""
    reference = data.get("reference")
    return ChangeBatch(
        snapshot=str(data["snapshot"]),
        reference=None if reference is None else decode_tables(reference),
        activity=decode_tables(data.get("activity", {})),
        holds=[decode_row(table("slot_hold"), h) for h in data.get("holds", [])],
        deleted={
            name: [uuid.UUID(i) for i in ids] for name, ids in data.get("deleted", {}).items()
        },
        full=bool(data.get("full")),
    )


def op_to_json(op: PendingOp) -> dict[str, Any]:
    """An operation as the counter sends it."""
    return {
        "op_id": str(op.op_id),
        "kind": op.kind,
        "args": op.args,
        "made_at": op.made_at.isoformat() if op.made_at is not None else None,
    }


def result_to_json(result: OpResult) -> dict[str, Any]:
    """An operation's answer as the service sends it."""
    return {
        "op_id": str(result.op_id),
        "outcome": result.outcome,
        "detail": result.detail,
        "rows": result.rows,
    }


def result_from_json(data: dict[str, Any]) -> OpResult:
    """An operation's answer back from JSON (rows stay JSON: ``decode_tables``)."""
    return OpResult(
        uuid.UUID(str(data["op_id"])),
        str(data["outcome"]),
        dict(data.get("detail") or {}),
        dict(data.get("rows") or {}),
    )
