"""Slots: bookable periods per counter, derived from opening templates.

A day's slots come from the templates valid on that day, minus public holidays
and closures (whole office or one counter). Slot boundaries are stepped in UTC
from the local opening time, so a DST day has no missing and no doubled hour.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from desk.domain.holidays_de import DEFAULT_STATE, holiday_name
from desk.domain.localtime import BERLIN
from desk.domain.refusals import Reason


@dataclass(frozen=True)
class Template:
    """Öffnungszeit of one counter on one weekday (0 = Monday)."""

    counter_id: uuid.UUID
    counter_number: int
    weekday: int
    opens: time
    closes: time
    slot_minutes: int
    services: frozenset[str]
    valid_from: date = date.min
    valid_until: date | None = None

    def valid_on(self, day: date) -> bool:
        """Whether the template applies on ``day``."""
        return (
            day.weekday() == self.weekday
            and self.valid_from <= day
            and (self.valid_until is None or day <= self.valid_until)
        )


@dataclass(frozen=True)
class Closure:
    """A closed day or period of the office (counter_id None) or of one counter."""

    starts_on: date
    ends_on: date
    reason: str
    counter_id: uuid.UUID | None = None

    def closes(self, day: date, counter_id: uuid.UUID | None = None) -> bool:
        """Whether this closure shuts ``counter_id`` (or the whole office) on ``day``."""
        if not self.starts_on <= day <= self.ends_on:
            return False
        return self.counter_id is None or self.counter_id == counter_id


@dataclass(frozen=True, order=True, slots=True)
class Slot:
    """One bookable period at one counter; times are aware UTC."""

    start: datetime
    counter_number: int
    end: datetime
    counter_id: uuid.UUID
    services: frozenset[str]


def office_closed(
    day: date, closures: Iterable[Closure], state: str = DEFAULT_STATE
) -> Reason | None:
    """Why the whole office is closed on ``day``, by code: a public holiday or an office
    closure, with its name; else None."""
    name = holiday_name(day, state)
    if name is not None:
        return Reason.of("closed_holiday", name=name)
    for closure in closures:
        if closure.counter_id is None and closure.closes(day):
            return Reason.of("closed_closure", name=closure.reason)
    return None


def closed_reason(day: date, closures: Iterable[Closure], state: str = DEFAULT_STATE) -> str | None:
    """:func:`office_closed` in German ("Feiertag (…)", "geschlossen (…)"), else None."""
    closed = office_closed(day, closures, state)
    return None if closed is None else str(closed)


def day_slots(
    day: date,
    templates: Sequence[Template],
    closures: Sequence[Closure] = (),
    state: str = DEFAULT_STATE,
    tz: ZoneInfo = BERLIN,
) -> list[Slot]:
    """All slots of an office on a local day, sorted by start and counter."""
    if closed_reason(day, closures, state) is not None:
        return []
    slots: list[Slot] = []
    for template in templates:
        if not template.valid_on(day):
            continue
        if any(c.closes(day, template.counter_id) for c in closures):
            continue
        step = timedelta(minutes=template.slot_minutes)
        start = datetime.combine(day, template.opens, tz).astimezone(UTC)
        closes = datetime.combine(day, template.closes, tz).astimezone(UTC)
        while start + step <= closes:
            slots.append(
                Slot(
                    start,
                    template.counter_number,
                    start + step,
                    template.counter_id,
                    template.services,
                )
            )
            start += step
    slots.sort(key=_slot_key)
    return slots


def _slot_key(slot: Slot) -> tuple[datetime, int]:
    return slot.start, slot.counter_number


def slots_needed(service_minutes: int, slot: Slot) -> int:
    """How many consecutive slots a service of that length takes (at least one)."""
    length = int((slot.end - slot.start).total_seconds() // 60)
    return max(1, -(-service_minutes // length))


def runs_for_service(
    slots: Sequence[Slot], service_id: str, service_minutes: int
) -> list[tuple[Slot, ...]]:
    """Every run of consecutive slots at one counter long enough for the service.

    Each run starts at a slot that offers the service; all its slots offer it
    and touch end to start.
    """
    by_counter: dict[uuid.UUID, list[Slot]] = {}
    for slot in slots:
        by_counter.setdefault(slot.counter_id, []).append(slot)
    runs: list[tuple[Slot, ...]] = []
    for counter_slots in by_counter.values():  # already in start order (day_slots sorts)
        for i, first in enumerate(counter_slots):
            need = slots_needed(service_minutes, first)
            run = tuple(counter_slots[i : i + need])
            if len(run) < need or any(service_id not in s.services for s in run):
                continue
            if all(a.end == b.start for a, b in pairwise(run)):
                runs.append(run)
    runs.sort(key=lambda r: (r[0].start, r[0].counter_number))
    return runs
