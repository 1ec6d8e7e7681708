"""The demo city's audit log: its past calls, no-shows and cancellations, as the
counters would have written them (so the team lead's Protokoll has something to show).

The demo's history has no signed-in clerks: the rows carry the counter, no user.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from desk.demo.city import OfficeSpec, demo_id
from desk.domain.audit import AuditAction
from desk.domain.status import AppointmentStatus, TicketStatus

_APPOINTMENT_ACTIONS = {
    AppointmentStatus.CALLED: AuditAction.APPOINTMENT_CALL,
    AppointmentStatus.NO_SHOW: AuditAction.APPOINTMENT_NO_SHOW,
    AppointmentStatus.CANCELLED: AuditAction.APPOINTMENT_CANCEL,
}


@cache
def _counter_numbers(office_id: str, counters: int) -> dict[Any, int]:
    """Counter id → number of a demo office (its ids are derived from the numbers)."""
    return {demo_id("counter", office_id, n): n for n in range(1, counters + 1)}


def _row(
    key: str,
    action: AuditAction,
    at: datetime,
    office_id: str,
    counter: int | None,
    entity: str,
    entity_id: Any,
    old: str,
    new: str,
    detail: str,
) -> dict[str, Any]:
    return {
        "id": demo_id("audit", key, action.value),
        "at": at,
        "user_id": None,
        "office_id": office_id,
        "counter_number": counter,
        "action": action.value,
        "entity": entity,
        "entity_id": str(entity_id),
        "detail": detail,
        "old_value": old,
        "new_value": new,
    }


def appointment_audit(
    office: OfficeSpec, appointment: dict[str, Any], events: list[dict[str, Any]], now: datetime
) -> list[dict[str, Any]]:
    """Audit rows of one demo appointment's stamped history up to ``now``."""
    numbers = _counter_numbers(office.id, office.counters)
    rows: list[dict[str, Any]] = []
    before = AppointmentStatus.BOOKED.value
    for event in sorted(events, key=lambda e: e["at"]):
        status = AppointmentStatus(event["status"])
        action = _APPOINTMENT_ACTIONS.get(status)
        if action is not None and event["at"] <= now:
            counter = numbers.get(event["counter_id"])
            if status == AppointmentStatus.CALLED:
                counter = numbers.get(appointment["counter_id"])
            rows.append(
                _row(
                    str(event["id"]),
                    action,
                    event["at"],
                    office.id,
                    counter,
                    "appointment",
                    appointment["id"],
                    before,
                    status.value,
                    f"Termin {appointment['booking_code']}",
                )
            )
        before = status.value
    return rows


def ticket_audit(office: OfficeSpec, ticket: dict[str, Any]) -> list[dict[str, Any]]:
    """The call (and a no-show) of one demo walk-in ticket."""
    if ticket["called_at"] is None:
        return []
    numbers = _counter_numbers(office.id, office.counters)
    counter = numbers.get(ticket["counter_id"])
    detail = f"Wartenummer {ticket['code']}"
    rows = [
        _row(
            str(ticket["id"]),
            AuditAction.TICKET_CALL,
            ticket["called_at"],
            office.id,
            counter,
            "ticket",
            ticket["id"],
            TicketStatus.WAITING.value,
            TicketStatus.CALLED.value,
            detail,
        )
    ]
    if ticket["status"] == TicketStatus.NO_SHOW and ticket["finished_at"] is not None:
        rows.append(
            _row(
                str(ticket["id"]),
                AuditAction.TICKET_NO_SHOW,
                ticket["finished_at"],
                office.id,
                counter,
                "ticket",
                ticket["id"],
                TicketStatus.CALLED.value,
                TicketStatus.NO_SHOW.value,
                detail,
            )
        )
    return rows
