"""Kontingentsprechstunde: when walk-in tickets may be issued, the quota, the call order.

Bürgerbüros take walk-ins Monday to Friday 8:00–9:00 local time (a ticket can
be issued up to 8:59:59), not on public holidays or closures, until the day's
quota is used up. Walk-in-only offices issue tickets during all opening hours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time

from desk.domain.status import OfficeKind, TicketReason

REASON_LABELS_DE: dict[str, str] = {
    TicketReason.LOST_OR_STOLEN: "Verlust/Diebstahl",
    TicketReason.URGENT_DOCUMENT: "dringendes Dokument",
    TicketReason.REGISTRATION: "Anmeldung",
    TicketReason.OTHER: "Sonstiges",
}


@dataclass(frozen=True)
class WalkInRules:
    """An office's walk-in settings; ``hours`` are the day's opening intervals."""

    kind: OfficeKind
    walk_in_from: time | None = time(8)
    walk_in_until: time | None = time(9)
    quota: int | None = None
    hours: Sequence[tuple[time, time]] = ()


def ticket_code(prefix: str, number: int) -> str:
    """The displayed number: W-001, W-017, W-120."""
    return f"{prefix}-{number:03d}"


def refusal(
    rules: WalkInRules, now: datetime, closed_reason: str | None, issued_today: int
) -> str | None:
    """Why no ticket can be issued at local ``now`` (None: a ticket may be issued)."""
    if rules.kind == OfficeKind.APPOINTMENT_ONLY:
        return "dieser Standort bietet keine Sprechstunde ohne Termin an"
    if closed_reason is not None:
        return f"heute keine Sprechstunde: {closed_reason}"
    clock = now.timetz().replace(tzinfo=None)
    if rules.kind == OfficeKind.WALK_IN_ONLY:
        if not any(opens <= clock < closes for opens, closes in rules.hours):
            return "außerhalb der Öffnungszeiten"
    else:
        start, end = rules.walk_in_from, rules.walk_in_until
        if now.weekday() >= 5 or start is None or end is None:
            return "die Sprechstunde ohne Termin ist Montag bis Freitag"
        if not start <= clock < end:
            return f"die Sprechstunde ohne Termin ist von {start:%H:%M} bis {end:%H:%M} Uhr"
    if rules.quota is not None and issued_today >= rules.quota:
        return f"das Tageskontingent von {rules.quota} Wartenummern ist ausgeschöpft"
    return None


def call_key(reason: str, number: int) -> tuple[int, int]:
    """Call order: lost or stolen documents first, then by ticket number."""
    return (0 if reason == TicketReason.LOST_OR_STOLEN else 1, number)
