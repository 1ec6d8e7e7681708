"""Collisions: booked appointments whose slot a capacity change takes away.

An appointment fits a plan when the plan still has slots at its counter that
tile its time exactly and offer its service; it collides when it fitted before
the change and does not after. Colliding appointments are never dropped: the
team lead decides to move or keep each one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import pairwise

from desk.domain.slots import Slot, closed_reason
from desk.domain.what_if import Plan


@dataclass(frozen=True)
class Booked:
    """An existing appointment as the collision check needs it (no personal data)."""

    id: uuid.UUID
    code: str
    service_id: str
    counter_id: uuid.UUID
    counter_number: int
    start: datetime
    end: datetime


def fits(plan: Plan, booked: Booked) -> bool:
    """Whether the plan still has the appointment's slots: same counter, tiling its
    time exactly, each offering its service."""
    return _fits(plan.slots(booked.start.astimezone(plan.tz).date()), booked)


def _fits(slots: list[Slot], booked: Booked) -> bool:
    start, end = booked.start.astimezone(UTC), booked.end.astimezone(UTC)
    run = [s for s in slots if s.counter_id == booked.counter_id and start <= s.start < end]
    if not run or run[0].start != start or run[-1].end != end:
        return False
    if any(a.end != b.start for a, b in pairwise(run)):
        return False
    return all(booked.service_id in s.services for s in run)


def collision_reason(plan: Plan, booked: Booked) -> str:
    """Why the appointment no longer fits the plan, in words for the team lead."""
    day = booked.start.astimezone(plan.tz).date()
    office = closed_reason(day, plan.closure_rules, plan.state)
    if office is not None:
        return f"Standort {office}"
    for closure in plan.closure_rules:
        if closure.counter_id == booked.counter_id and closure.closes(day, booked.counter_id):
            return f"Schalter {booked.counter_number} geschlossen ({closure.reason})"
    slots = [s for s in plan.slots(day) if s.counter_id == booked.counter_id]
    if not slots:
        return f"Schalter {booked.counter_number} an diesem Tag nicht besetzt"
    start, end = booked.start.astimezone(UTC), booked.end.astimezone(UTC)
    if start < slots[0].start or end > slots[-1].end:
        return "außerhalb der neuen Öffnungszeit"
    covering = [s for s in slots if s.start < end and s.end > start]
    if covering and any(booked.service_id not in s.services for s in covering):
        return "Dienstleistung an diesem Schalter nicht mehr angeboten"
    return "Terminraster geändert"


def collisions(before: Plan, after: Plan, booked: list[Booked]) -> list[tuple[Booked, str]]:
    """The appointments the change takes the slot from (fitting before, not after).

    Each day's slots are computed once per plan; a day the change leaves alone is skipped.
    """
    days: dict[date, tuple[list[Slot], list[Slot]]] = {}
    found: list[tuple[Booked, str]] = []
    for b in booked:
        day = b.start.astimezone(after.tz).date()
        if day not in days:
            days[day] = (before.slots(day), after.slots(day))
        old, new = days[day]
        if old != new and _fits(old, b) and not _fits(new, b):
            found.append((b, collision_reason(after, b)))
    return found
