"""Statistics of an office for team leads: appointments, walk-in tickets, waits, horizon.

Per local day (Europe/Berlin, DST-safe) of a period and for the whole period, computed
by SQL aggregates in the database (desk.services.reports.sql), never by loading
every appointment into Python. Definitions (the README's team lead's guide repeats them):

- An appointment counts on the local day it starts. ``booked_*`` count every
  appointment of the day, cancelled ones included; online = booked in the portal,
  internal = by phone or at the counter.
- No-show rate = no-shows / (served + no-shows): the share of settled appointments.
- Walk-in quota: the office's daily quota on each walk-in day (Bürgerbüro: Monday to
  Friday; walk-in-only office: days with opening hours), not on public holidays or
  office closures; None when the office has no quota.
- Waits and service times in minutes: tickets called − issued and finished − called
  (served tickets); appointments first "called" − "checked in" and "done" − "in service"
  (done appointments) from their stamped history. Appointments called without a
  check-in, or finished without "in service", are not measured.
- Online horizon: local calendar days from booking to the appointment's day, of the
  period's online bookings (cancelled ones included); 0 = booked for the same day.
- p90: the nearest rank, the ⌈0.9·n⌉-th smallest of n values (one definition on
  SQLite and PostgreSQL; equal to PostgreSQL's ``percentile_disc(0.9)``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desk.domain.errors import RequestRefused
from desk.domain.localtime import local_day_bounds
from desk.domain.slots import closed_reason
from desk.domain.status import OfficeKind
from desk.services.database import DeskDatabase
from desk.services.reports import sql as q
from desk.services.reports.clock import LocalClock
from desk.services.schedule import OfficeSchedule, load_office, load_schedule
from desk.store.uow import UnitOfWork

#: The longest period one call may cover, in days.
MAX_DAYS = 731


@dataclass(frozen=True)
class Summary:
    """Count, mean and 90th percentile of measured values (minutes or days)."""

    count: int = 0
    mean: float | None = None
    p90: float | None = None


@dataclass(frozen=True)
class Figures:
    """The figures of one local day, or of the whole period when ``day`` is None."""

    day: date | None
    booked_online: int = 0
    booked_internal: int = 0
    served: int = 0
    cancelled: int = 0
    no_show: int = 0
    tickets_issued: int = 0
    tickets_quota: int | None = None
    tickets_served: int = 0
    tickets_no_show: int = 0
    ticket_wait: Summary = Summary()
    ticket_service: Summary = Summary()
    appointment_wait: Summary = Summary()
    appointment_service: Summary = Summary()
    horizon: Summary = Summary()

    @property
    def booked(self) -> int:
        """All appointments of the day (online and internal, cancelled ones included)."""
        return self.booked_online + self.booked_internal

    @property
    def no_show_rate(self) -> float | None:
        """No-shows / (served + no-shows), 0..1; None when none was settled."""
        settled = self.served + self.no_show
        return self.no_show / settled if settled else None

    @property
    def quota_used(self) -> float | None:
        """Tickets issued / quota, 0..1 (above 1 if more were issued); None without quota."""
        return self.tickets_issued / self.tickets_quota if self.tickets_quota else None


@dataclass(frozen=True)
class HourCount:
    """Appointments (not cancelled) starting and tickets issued in one local hour."""

    hour: int
    appointments: int
    tickets: int


@dataclass(frozen=True)
class HorizonBucket:
    """Online bookings made ``low``..``high`` days ahead (``high`` None: or more)."""

    low: int
    high: int | None
    count: int

    @property
    def label(self) -> str:
        """'0', '2–3', 'ab 184' (days)."""
        if self.high is None:
            return f"ab {self.low}"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


@dataclass(frozen=True)
class OfficeStatistics:
    """An office's statistics of the local days ``first``..``last``."""

    office_id: str
    office_name: str
    first: date
    last: date
    days: tuple[Figures, ...]
    total: Figures
    hours: tuple[HourCount, ...]  # 0..23
    horizon: tuple[HorizonBucket, ...]


def office_statistics(
    db: DeskDatabase,
    office_id: str,
    first: date,
    last: date,
    user_id: uuid.UUID | None = None,
) -> OfficeStatistics:
    """The office's statistics per local day of ``first``..``last`` (inclusive) and in total.

    Unknown office → UnknownId; ``first`` after ``last`` or a period longer than MAX_DAYS
    → RequestRefused. A signed-in ``user_id`` must be a team lead.
    """
    if first > last:
        raise RequestRefused.of("period_reversed", first=first, last=last)
    if (last - first).days + 1 > MAX_DAYS:
        raise RequestRefused.of("period_too_long", limit=MAX_DAYS)
    if user_id is not None:
        from desk.services.admin.auth import require_team_lead

        require_team_lead(db, user_id, "Statistik ansehen")
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        schedule = load_schedule(session, load_office(session, office_id))
        since, _ = local_day_bounds(first, schedule.tz)
        _, until = local_day_bounds(last, schedule.tz)
        appointments = q.in_period(office_id, since, until)
        tickets = q.ticket_days(office_id, first, last)
        booked_since = q.earliest_booking(session, appointments) or since
        clock = LocalClock(db.engine.dialect.name, schedule.tz, min(since, booked_since), until)
        counts = session.execute(q.appointment_counts(clock, appointments)).all()
        ticket_counts = session.execute(q.ticket_counts(tickets)).all()
        measured = session.execute(q.durations(clock, appointments, tickets)).all()
        ahead = session.execute(q.horizon_days(clock, appointments)).all()
        hourly = session.execute(q.per_hour(clock, appointments, tickets)).all()
    return _assemble(schedule, first, last, counts, ticket_counts, measured, ahead, hourly)


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _quota(schedule: OfficeSchedule, day: date) -> int | None:
    quota = schedule.walk_in.quota
    if quota is None or schedule.kind == OfficeKind.APPOINTMENT_ONLY:
        return None
    if closed_reason(day, schedule.closures, schedule.state) is not None:
        return 0
    if schedule.kind == OfficeKind.WALK_IN_ONLY:
        return quota if schedule.walk_in_rules_on(day).hours else 0
    return quota if day.weekday() < 5 else 0


def _summaries(
    measured: Sequence[Any],
) -> tuple[dict[tuple[str, date], Summary], dict[str, Summary]]:
    """Per (metric, day) and per metric; seconds become minutes, days stay days."""
    per_day: dict[tuple[str, date], Summary] = {}
    sums: dict[str, tuple[int, float, float | None]] = {}
    for metric, day, count, total, p90_day, p90_all in measured:
        unit = 1.0 if metric == q.HORIZON else 60.0
        count, total = int(count), float(total)
        per_day[(metric, _day(day))] = Summary(count, total / count / unit, float(p90_day) / unit)
        n, s, p90 = sums.get(metric, (0, 0.0, None))
        if p90_all is not None:
            p90 = float(p90_all) / unit
        sums[metric] = (n + count, s + total / unit, p90)
    return per_day, {m: Summary(n, s / n, p90) for m, (n, s, p90) in sums.items() if n}


def _assemble(
    schedule: OfficeSchedule,
    first: date,
    last: date,
    counts: Sequence[Any],
    ticket_counts: Sequence[Any],
    measured: Sequence[Any],
    ahead: Sequence[Any],
    hourly: Sequence[Any],
) -> OfficeStatistics:
    booked = {_day(row[0]): tuple(int(v or 0) for v in row[1:]) for row in counts}
    issued = {_day(row[0]): tuple(int(v or 0) for v in row[1:]) for row in ticket_counts}
    per_day, overall = _summaries(measured)
    days: list[Figures] = []
    day = first
    while day <= last:
        days.append(_day_figures(schedule, day, booked, issued, per_day))
        day += timedelta(days=1)
    per_hour = {(kind, int(hour)): int(n) for kind, hour, n in hourly}
    return OfficeStatistics(
        schedule.office_id,
        schedule.name,
        first,
        last,
        tuple(days),
        _total(days, overall),
        tuple(
            HourCount(h, per_hour.get(("appointments", h), 0), per_hour.get(("tickets", h), 0))
            for h in range(24)
        ),
        tuple(
            HorizonBucket(
                low,
                high,
                sum(int(n) for days, n in ahead if low <= days and (high is None or days <= high)),
            )
            for low, high in q.HORIZON_BUCKETS
        ),
    )


def _day_figures(
    schedule: OfficeSchedule,
    day: date,
    booked: dict[date, tuple[int, ...]],
    issued: dict[date, tuple[int, ...]],
    per_day: dict[tuple[str, date], Summary],
) -> Figures:
    online, internal, served, cancelled, no_show = booked.get(day, (0, 0, 0, 0, 0))
    t_issued, t_served, t_no_show = issued.get(day, (0, 0, 0))
    empty = Summary()
    return Figures(
        day,
        online,
        internal,
        served,
        cancelled,
        no_show,
        t_issued,
        _quota(schedule, day),
        t_served,
        t_no_show,
        per_day.get((q.TICKET_WAIT, day), empty),
        per_day.get((q.TICKET_SERVICE, day), empty),
        per_day.get((q.APPOINTMENT_WAIT, day), empty),
        per_day.get((q.APPOINTMENT_SERVICE, day), empty),
        per_day.get((q.HORIZON, day), empty),
    )


def _total(days: list[Figures], overall: dict[str, Summary]) -> Figures:
    """The period's row: sums of the days, the quota only over days that had one."""
    quotas = [d.tickets_quota for d in days if d.tickets_quota is not None]
    return Figures(
        None,
        sum(d.booked_online for d in days),
        sum(d.booked_internal for d in days),
        sum(d.served for d in days),
        sum(d.cancelled for d in days),
        sum(d.no_show for d in days),
        sum(d.tickets_issued for d in days),
        sum(quotas) if quotas else None,
        sum(d.tickets_served for d in days),
        sum(d.tickets_no_show for d in days),
        *(overall.get(m, Summary()) for m in q.METRICS),
    )
