"""Rows of the demo city's generated activity: appointments, their stamped history,
walk-in tickets. The seeding writes them, and the benchmarks build years of history with
the same builders."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from desk.demo import bookings
from desk.demo.city import demo_id
from desk.domain.status import AppointmentStatus

#: Demo life cycles: (state, minutes after the start) stamped after "booked".
_DEMO_STEPS: dict[str, tuple[tuple[AppointmentStatus, int], ...]] = {
    AppointmentStatus.DONE: (
        (AppointmentStatus.CHECKED_IN, -6),
        (AppointmentStatus.CALLED, 0),
        (AppointmentStatus.IN_SERVICE, 1),
    ),
    AppointmentStatus.IN_SERVICE: (
        (AppointmentStatus.CHECKED_IN, -4),
        (AppointmentStatus.CALLED, 0),
        (AppointmentStatus.IN_SERVICE, 1),
    ),
    AppointmentStatus.NO_SHOW: ((AppointmentStatus.NO_SHOW, 15),),
}


def appointment_events(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The stamped history of a demo appointment: booked, then its steps to its state."""
    status = AppointmentStatus(row["status"])
    events: list[tuple[AppointmentStatus, datetime, Any, str | None]] = [
        (AppointmentStatus.BOOKED, row["created_at"], None, f"gebucht ({row['channel']})")
    ]
    for step, minutes in _DEMO_STEPS.get(status, ()):
        counter = (
            None
            if step in (AppointmentStatus.CHECKED_IN, AppointmentStatus.NO_SHOW)
            else (row["counter_id"])
        )
        events.append((step, row["starts_at"] + timedelta(minutes=minutes), counter, None))
    if status == AppointmentStatus.DONE:
        events.append((status, row["ends_at"], row["counter_id"], None))
    if status == AppointmentStatus.CANCELLED:
        events.append((status, row["created_at"] + timedelta(days=2), None, "vom Bürger abgesagt"))
    return [
        {
            "id": demo_id("event", str(row["id"]), step.value),
            "appointment_id": row["id"],
            "status": step.value,
            "at": at,
            "counter_id": counter,
            "user_id": None,
            "note": note,
        }
        for step, at, counter, note in events
    ]


def appointment_row(
    office_id: str, a: bookings.DemoAppointment, booked_at: datetime
) -> dict[str, Any]:
    """The appointment table's row of a generated demo appointment."""
    return {
        "id": a.id,
        "office_id": office_id,
        "counter_id": demo_id("counter", office_id, a.counter_number),
        "service_id": a.service_id,
        "starts_at": a.starts_at,
        "ends_at": a.ends_at,
        "status": a.status.value,
        "channel": a.channel.value,
        "booking_code": a.booking_code,
        "citizen_name": a.citizen_name,
        "phone": a.phone,
        "email": None,
        "notes": None,
        "move_in_date": None,
        "fee_cents": None,
        "created_at": booked_at,
        "updated_at": booked_at,
    }


def ticket_row(office_id: str, t: bookings.DemoTicket) -> dict[str, Any]:
    """The ticket table's row of a generated demo walk-in ticket."""
    return {
        "id": t.id,
        "office_id": office_id,
        "service_day": t.service_day,
        "number": t.number,
        "code": t.code,
        "reason": t.reason.value,
        "status": t.status.value,
        "issued_at": t.issued_at,
        "called_at": t.called_at,
        "finished_at": t.finished_at,
        "recall_count": 0,
        "counter_id": (
            demo_id("counter", office_id, t.counter_number)
            if t.counter_number is not None
            else None
        ),
    }
