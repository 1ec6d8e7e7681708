"""The counter calendar: a day as rows of time × columns of counters, and a week summary.

Every cell says what that time at that counter is: closed, free for the portal,
free for internal booking only, released by hand for the portal, or held by an
appointment. Rows are stepped in UTC from the earliest opening, so a DST day has
no missing and no doubled hour.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import NamedTuple

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session

from desk.domain.cells import CELL_LABELS_DE as CELL_LABELS_DE
from desk.domain.cells import CellKind
from desk.domain.localtime import local_day_bounds
from desk.domain.policy import policy_for, portal_capacity, portal_decision
from desk.domain.slots import Slot, closed_reason, day_slots
from desk.domain.status import HOLDING_STATES
from desk.services.appointments.agenda import (
    AppointmentRow,
    appointments_query,
    day_appointments,
    rows_of,
)
from desk.services.database import DeskDatabase
from desk.services.schedule import (
    Occupancy,
    OfficeSchedule,
    load_occupancy,
    load_office,
    load_schedule,
)
from desk.store.models import Appointment, Counter
from desk.store.uow import UnitOfWork

MAX_SEARCH_HITS = 200


@dataclass(frozen=True)
class GridCounter:
    """A column of the calendar."""

    id: uuid.UUID
    number: int
    name: str


class GridCell(NamedTuple):
    """What one row of one counter shows: its kind, and the appointment holding it."""

    kind: CellKind
    appointment: AppointmentRow | None
    head: bool  # the appointment's first row
    rows: int  # how many rows the appointment spans (1 for free time)
    title: str = ""  # an appointment's first line: start time and service


@dataclass(frozen=True)
class DayGrid:
    """A day of one office: row start times (local), counters, cell kinds, appointments."""

    office_id: str
    day: date
    step_minutes: int
    times: tuple[datetime, ...]
    counters: tuple[GridCounter, ...]
    cells: dict[tuple[int, int], CellKind]  # (counter number, row) → kind
    appointments: tuple[AppointmentRow, ...]
    closed: str | None

    def row_of(self, moment: datetime) -> int | None:
        """The row whose period contains ``moment``, or None outside the day's rows."""
        if not self.times:
            return None
        # on the time line (POSIX seconds): arithmetic on two times of one zone would be
        # wall-clock time, wrong on DST days
        step = self.step_minutes * 60
        first, at = self.times[0].timestamp(), moment.timestamp()
        if at < first or at >= self.times[-1].timestamp() + step:
            return None
        return int((at - first) // step)

    def rows_spanned(self, row: AppointmentRow) -> tuple[int, int] | None:
        """(first row, number of rows) an appointment covers, or None if outside."""
        first = self.row_of(row.starts_at)
        if first is None:
            return None
        real = row.ends_at.timestamp() - row.starts_at.timestamp()
        length = max(1, math.ceil(real / (self.step_minutes * 60)))
        return first, min(length, len(self.times) - first)

    @cached_property
    def layout(self) -> dict[tuple[int, int], GridCell]:
        """(row, counter number) → GridCell for every cell; ``day_grid`` computes it on
        the caller's (worker) thread, so a view only looks cells up."""
        layout = {
            (row, number): GridCell(kind, None, False, 1)
            for (number, row), kind in self.cells.items()
        }
        for appointment in self.appointments:
            if appointment.status not in HOLDING_STATES:
                continue
            span = self.rows_spanned(appointment)
            if span is None:
                continue
            first, rows = span
            number = appointment.counter_number
            title = f"{appointment.starts_at:%H:%M} {appointment.service_name}"
            for offset in range(rows):
                layout[(first + offset, number)] = GridCell(
                    CellKind.BOOKED, appointment, offset == 0, rows, title
                )
        return layout

    @cached_property
    def row_labels(self) -> tuple[str, ...]:
        """Each row's local start time as HH:MM (the calendar's row headers)."""
        return tuple(f"{moment:%H:%M}" for moment in self.times)


@dataclass(frozen=True)
class WeekCell:
    """One counter on one day of the week summary."""

    appointments: int
    free: int
    online_free: int
    closed: str | None


@dataclass(frozen=True)
class WeekSummary:
    """Days × counters with counts and free capacity."""

    office_id: str
    days: tuple[date, ...]
    counters: tuple[GridCounter, ...]
    cells: dict[tuple[date, int], WeekCell]


def day_grid(db: DeskDatabase, office_id: str, day: date, now: datetime) -> DayGrid:
    """The calendar of one office on a local day, as seen at ``now``."""
    with UnitOfWork(db.engine) as uow:
        schedule = load_schedule(uow.session, load_office(uow.session, office_id))
        occupancy = load_occupancy(uow.session, schedule, day, day)
        counters = _counters(uow.session, office_id)
    appointments = day_appointments(db, office_id, day)
    grid = _grid(schedule, occupancy, counters, appointments, day, now)
    grid.layout, grid.row_labels  # noqa: B018  (computed here, off the GUI thread)
    return grid


def week_summary(db: DeskDatabase, office_id: str, monday: date, now: datetime) -> WeekSummary:
    """Per day (Monday to Saturday) and counter: appointments, free and online-free slots."""
    days = tuple(monday + timedelta(days=i) for i in range(6))
    with UnitOfWork(db.engine) as uow:
        schedule = load_schedule(uow.session, load_office(uow.session, office_id))
        occupancy = load_occupancy(uow.session, schedule, days[0], days[-1])
        counters = _counters(uow.session, office_id)
        start, _ = local_day_bounds(days[0], schedule.tz)
        _, end = local_day_bounds(days[-1], schedule.tz)
        held = rows_of(
            uow.session,
            _appointments_query(office_id)
            .where(Appointment.starts_at >= start, Appointment.starts_at < end)
            .where(Appointment.status.in_(HOLDING_STATES)),
            schedule.tz,
        )
    cells: dict[tuple[date, int], WeekCell] = {}
    for day in days:
        todays = [a for a in held if a.starts_at.date() == day]
        grid = _grid(schedule, occupancy, counters, todays, day, now)
        for counter in counters:
            kinds = [k for (n, _r), k in grid.cells.items() if n == counter.number]
            free = sum(k in (CellKind.ONLINE, CellKind.INTERNAL, CellKind.RELEASED) for k in kinds)
            online = sum(k in (CellKind.ONLINE, CellKind.RELEASED) for k in kinds)
            count = sum(a.counter_number == counter.number for a in todays)
            closed = grid.closed if grid.closed else (None if kinds else "geschlossen")
            if kinds and all(k == CellKind.CLOSED for k in kinds) and not count:
                closed = "geschlossen"
            cells[(day, counter.number)] = WeekCell(count, free, online, closed)
    return WeekSummary(office_id, days, counters, cells)


def search(
    db: DeskDatabase, office_id: str, text: str, now: datetime, limit: int = MAX_SEARCH_HITS
) -> list[AppointmentRow]:
    """Appointments of an office whose booking code or citizen name matches ``text``
    (code: from its start, with or without the dash; name: anywhere, any case).

    Upcoming first: today's and later ones ascending (the next one on top), then the
    past ones descending (the latest first); within a start by counter number."""
    needle = " ".join(text.split())
    if len(needle) < 2:
        return []
    code = needle.upper().replace("-", "").replace(" ", "")
    code_pattern = f"{code[:4]}-{code[4:]}" if len(code) > 4 else code
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    with UnitOfWork(db.engine) as uow:
        schedule = load_schedule(uow.session, load_office(uow.session, office_id))
        today, _ = local_day_bounds(now.astimezone(schedule.tz).date(), schedule.tz)
        upcoming = Appointment.starts_at >= today
        query = (
            _appointments_query(office_id)
            .where(
                or_(
                    Appointment.booking_code.startswith(code_pattern, autoescape=True),
                    _name_matches(db, needle, escaped),
                )
            )
            .order_by(
                case((upcoming, 0), else_=1),
                case((upcoming, Appointment.starts_at)).asc(),
                Appointment.starts_at.desc(),
                Counter.number,
            )
            .limit(limit)
        )
        return rows_of(uow.session, query, schedule.tz)


def _name_matches(db: DeskDatabase, needle: str, escaped: str) -> ColumnElement[bool]:
    """The citizen name contains ``needle`` in any case, umlauts included (SQLite's own
    case folding knows ASCII only; the connection registers Python's casefold)."""
    if db.engine.dialect.name == "sqlite":
        folded = escaped.casefold()
        return func.casefold(Appointment.citizen_name).like(f"%{folded}%", escape="\\")
    return Appointment.citizen_name.ilike(f"%{escaped}%", escape="\\")


def _appointments_query(office_id: str) -> Select[Appointment, int, str, str]:
    return appointments_query().where(Appointment.office_id == office_id)


def _counters(session: Session, office_id: str) -> tuple[GridCounter, ...]:
    rows = session.scalars(
        select(Counter)
        .where(Counter.office_id == office_id, Counter.active.is_(True))
        .order_by(Counter.number)
    )
    return tuple(GridCounter(c.id, c.number, c.name) for c in rows)


def _grid(
    schedule: OfficeSchedule,
    occupancy: Occupancy,
    counters: Sequence[GridCounter],
    appointments: Sequence[AppointmentRow],
    day: date,
    now: datetime,
) -> DayGrid:
    closed = closed_reason(day, schedule.closures, schedule.state)
    slots = day_slots(day, schedule.templates, schedule.closures, schedule.state, schedule.tz)
    holding = [a for a in appointments if a.status in HOLDING_STATES]
    lengths = [int((s.end - s.start).total_seconds() // 60) for s in slots]
    step = math.gcd(*lengths) if lengths else 15
    bounds = [s.start for s in slots] + [s.end for s in slots]
    bounds += [a.starts_at.astimezone(UTC) for a in holding]
    bounds += [a.ends_at.astimezone(UTC) for a in holding]
    times: list[datetime] = []
    if bounds:
        first, last = min(bounds), max(bounds)
        moment = first
        while moment < last:
            times.append(moment.astimezone(schedule.tz))
            moment += timedelta(minutes=step)
    grid = DayGrid(
        schedule.office_id,
        day,
        step,
        tuple(times),
        tuple(counters),
        {},
        tuple(appointments),
        closed,
    )
    cells = grid.cells
    for counter in counters:
        for row in range(len(times)):
            cells[(counter.number, row)] = CellKind.CLOSED
    _mark_free(grid, schedule, occupancy, slots, now)
    for appointment in holding:
        span = grid.rows_spanned(appointment)
        if span is None:
            continue
        for row in range(span[0], span[0] + span[1]):
            cells[(appointment.counter_number, row)] = CellKind.BOOKED
    return grid


def _mark_free(
    grid: DayGrid,
    schedule: OfficeSchedule,
    occupancy: Occupancy,
    slots: Sequence[Slot],
    now: datetime,
) -> None:
    """Free slots: released ones, then as many as the portal's share allows at each
    start (lowest counter numbers first, as the portal books), the rest internal."""
    by_start: dict[datetime, list[Slot]] = {}
    for slot in slots:
        by_start.setdefault(slot.start, []).append(slot)
    today = now.astimezone(schedule.tz).date()
    for start, at_start in by_start.items():
        service = min(at_start[0].services) if at_start[0].services else ""
        policy = policy_for(schedule.policies, today, service)
        online_left = 0
        if start > now and portal_decision(policy, start, now, schedule.tz).allowed:
            share = portal_capacity(len(at_start), policy)
            online_left = max(0, share - occupancy.portal_starts.get(start, 0))
        for slot in sorted(at_start, key=lambda s: s.counter_number):
            if (slot.counter_id, slot.start) in occupancy.held:
                continue
            if (slot.counter_id, slot.start) in occupancy.released and start > now:
                kind = CellKind.RELEASED
            elif online_left > 0:
                kind = CellKind.ONLINE
                online_left -= 1
            else:
                kind = CellKind.INTERNAL
            first = grid.row_of(slot.start.astimezone(schedule.tz))
            last = grid.row_of((slot.end - timedelta(seconds=1)).astimezone(schedule.tz))
            if first is None or last is None:
                continue
            for row in range(first, last + 1):
                grid.cells[(slot.counter_number, row)] = kind
