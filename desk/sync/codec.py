"""Rows as JSON-safe dicts and back, driven by the table's column types."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Table

from desk.store.types import UTCDateTime


def encode_value(value: Any) -> Any:
    """One column value as JSON: UUID, dates and times as ISO strings."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def encode_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row dict with JSON-safe values."""
    return {key: encode_value(value) for key, value in row.items()}


def decode_row(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    """A JSON row back to Python values for ``table``'s columns (unknown keys dropped)."""
    row: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in data:
            continue
        value = data[column.name]
        if value is not None and isinstance(value, str):
            kind = column.type
            if isinstance(kind, UTCDateTime):
                value = datetime.fromisoformat(value)
            else:
                python_type = _python_type(kind)
                if python_type is uuid.UUID:
                    value = uuid.UUID(value)
                elif python_type is date:
                    value = date.fromisoformat(value)
                elif python_type is time:
                    value = time.fromisoformat(value)
        row[column.name] = value
    return row


def _python_type(kind: Any) -> type | None:
    try:
        return kind.python_type
    except NotImplementedError:
        return None
