"""What a time at a counter is in the counter calendar (free for whom, closed, booked)."""

from __future__ import annotations

from enum import StrEnum


class CellKind(StrEnum):
    """What a time at a counter is."""

    CLOSED = "closed"
    ONLINE = "online"
    INTERNAL = "internal"
    RELEASED = "released"
    BOOKED = "booked"


CELL_LABELS_DE: dict[CellKind, str] = {
    CellKind.CLOSED: "geschlossen",
    CellKind.ONLINE: "frei (online buchbar)",
    CellKind.INTERNAL: "frei (nur intern)",
    CellKind.RELEASED: "frei (zusätzlich freigegeben)",
    CellKind.BOOKED: "belegt",
}
