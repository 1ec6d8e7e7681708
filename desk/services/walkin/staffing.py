"""Staffing advisor for the walk-in hour: measured demand per weekday, Erlang C advice.

Demand comes from the past weeks' tickets issued inside the walk-in window on days
the hour was open (Monday to Friday, no public holiday, no office closure), counted
from the first such day with a ticket on (earlier days are taken as "not yet using
Bürgerdesk", later days without a ticket as a real zero). Service time is the mean
of ``finished_at − called_at`` of served tickets. Both are aggregated in SQL.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from desk.domain import erlang
from desk.domain.errors import RequestRefused
from desk.domain.localtime import at_local
from desk.domain.slots import closed_reason
from desk.domain.status import TicketStatus
from desk.services.database import DeskDatabase
from desk.services.reports.clock import elapsed_seconds
from desk.services.schedule import OfficeSchedule, load_office, load_schedule
from desk.store.models import Ticket
from desk.store.uow import UnitOfWork

WEEKDAYS = range(5)  # Monday to Friday
MAX_COUNTERS = 50  # beyond this the advice reads "more than 50"
FALLBACK_SERVICE_MINUTES = 15.0  # an office that offers no service at all


@dataclass(frozen=True)
class WalkInDemand:
    """What was measured for one weekday's walk-in hour, and what is planned next."""

    weekday: int  # 0 = Monday
    days_observed: int
    tickets: int
    arrivals_per_hour: float
    served: int
    service_minutes: float
    service_measured: bool  # False: no served ticket, the office's default is used
    planned_day: date | None  # the next walk-in day of this weekday
    planned_counters: int
    quota_days: int = 0  # observed days with the quota used up: demand was higher


@dataclass(frozen=True)
class WeekdayAdvice:
    """Erlang C's advice for one weekday (``None``s: nothing observed)."""

    demand: WalkInDemand
    traffic: float  # Erlang: mean number of counters busy
    counters_needed: int | None  # None: no data, or more than MAX_COUNTERS
    expected_share: float | None  # share waiting ≤ threshold with the planned counters

    @property
    def has_data(self) -> bool:
        """Whether at least one walk-in day of this weekday was observed."""
        return self.demand.days_observed > 0

    @property
    def understaffed(self) -> bool:
        """Fewer counters planned than the target needs."""
        if not self.has_data:
            return False
        needed = self.counters_needed
        return needed is None or self.demand.planned_counters < needed


@dataclass(frozen=True)
class StaffingAdvice:
    """The advisor's table for an office: Monday to Friday, and how it was computed."""

    office_id: str
    office_name: str
    first_day: date  # the period asked for; tickets count from first_ticket_day on
    first_ticket_day: date | None
    last_day: date
    walk_in_from: time
    walk_in_until: time
    default_service_minutes: float
    target_share: float
    threshold_minutes: float
    days: tuple[WeekdayAdvice, ...]

    def with_targets(self, target_share: float, threshold_minutes: float) -> StaffingAdvice:
        """The same measurements judged against another target (pure, no database)."""
        return replace(
            self,
            target_share=target_share,
            threshold_minutes=threshold_minutes,
            days=advise([d.demand for d in self.days], target_share, threshold_minutes),
        )


def advise(
    demands: Sequence[WalkInDemand], target_share: float, threshold_minutes: float
) -> tuple[WeekdayAdvice, ...]:
    """Counters needed and the expected share with the planned counters, per weekday."""
    if not math.isfinite(threshold_minutes) or threshold_minutes <= 0:
        raise erlang.StaffingInputRefused.of("staffing_threshold", value=repr(threshold_minutes))
    if not 0 < target_share < 1:
        raise erlang.StaffingInputRefused.of("staffing_target", value=repr(target_share))
    return tuple(_advise_one(d, target_share, threshold_minutes) for d in demands)


def _advise_one(demand: WalkInDemand, target: float, threshold: float) -> WeekdayAdvice:
    rate, service = demand.arrivals_per_hour, demand.service_minutes
    traffic = erlang.offered_traffic(rate, service)
    if demand.days_observed == 0:
        return WeekdayAdvice(demand, traffic, None, None)
    needed = erlang.counters_needed(rate, service, target, threshold, MAX_COUNTERS)
    planned = demand.planned_counters
    if traffic == 0.0:
        share = 1.0
    elif planned == 0:
        share = 0.0
    else:
        share = erlang.service_level(planned, traffic, service, threshold)
    return WeekdayAdvice(demand, traffic, needed, share)


def staffing_advice(
    db: DeskDatabase,
    office_id: str,
    now: datetime,
    weeks: int = 8,
    target_share: float = 0.8,
    threshold_minutes: float = 20,
) -> StaffingAdvice:
    """Per weekday Monday–Friday: walk-ins measured over the past ``weeks`` weeks and the
    counters Erlang C advises so that ``target_share`` wait at most ``threshold_minutes``."""
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 52:
        raise erlang.StaffingInputRefused.of("staffing_weeks", value=repr(weeks))
    with UnitOfWork(db.engine) as uow:
        session = uow.session
        office = load_office(session, office_id)
        if office.walk_in_from is None or office.walk_in_until is None:
            raise RequestRefused.of("no_walk_in_hour", office=office.name)
        schedule = load_schedule(session, office)
        window = (office.walk_in_from, office.walk_in_until)
        today = now.astimezone(schedule.tz).date()
        first = today - timedelta(days=7 * weeks - 1)
        last = today if at_local(today, window[1], schedule.tz) <= now else today - timedelta(1)
        days = [first + timedelta(k) for k in range((last - first).days + 1)]
        days = [d for d in days if _walk_in_day(schedule, d)]
        per_day = _tickets_per_day(session, office_id, schedule, days, window)
        start = min(per_day, default=last + timedelta(1))
        default, quota = _default_service_minutes(schedule), office.walk_in_quota
        demands = [
            _demand(
                schedule,
                weekday,
                [d for d in days if d.weekday() == weekday and d >= start],
                per_day,
                _next_walk_in_day(schedule, weekday, today, now, window),
                window,
                default,
                quota,
            )
            for weekday in WEEKDAYS
        ]
        return StaffingAdvice(
            office_id=office.id,
            office_name=office.name,
            first_day=first,
            first_ticket_day=min(per_day, default=None),
            last_day=last,
            walk_in_from=window[0],
            walk_in_until=window[1],
            default_service_minutes=default,
            target_share=target_share,
            threshold_minutes=threshold_minutes,
            days=advise(demands, target_share, threshold_minutes),
        )


#: per service day: tickets issued in the window, served tickets, their service seconds
DayCounts = dict[date, tuple[int, int, float]]


def _demand(
    schedule: OfficeSchedule,
    weekday: int,
    observed: list[date],
    per_day: DayCounts,
    planned_day: date | None,
    window: tuple[time, time],
    default: float,
    quota: int | None,
) -> WalkInDemand:
    """One weekday's measured walk-in demand over the ``observed`` days."""
    counts = [per_day.get(d, (0, 0, 0.0)) for d in observed]
    tickets, served = sum(c[0] for c in counts), sum(c[1] for c in counts)
    seconds = sum(c[2] for c in counts)
    measured = served > 0 and seconds > 0
    return WalkInDemand(
        weekday,
        len(observed),
        tickets,
        tickets / (len(observed) * _hours(window)) if observed else 0.0,
        served,
        seconds / served / 60.0 if measured else default,
        measured,
        planned_day,
        _planned_counters(schedule, planned_day, window),
        sum(1 for c in counts if quota is not None and c[0] >= quota),
    )


def _tickets_per_day(
    session: Session,
    office_id: str,
    schedule: OfficeSchedule,
    days: Sequence[date],
    window: tuple[time, time],
) -> DayCounts:
    """One GROUP BY over the tickets issued inside the walk-in window of ``days``."""
    if not days:
        return {}
    inside = or_(
        *(
            and_(
                Ticket.service_day == day,
                Ticket.issued_at >= at_local(day, window[0], schedule.tz).astimezone(UTC),
                Ticket.issued_at < at_local(day, window[1], schedule.tz).astimezone(UTC),
            )
            for day in days
        )
    )
    served = and_(
        Ticket.status == TicketStatus.DONE,
        Ticket.called_at.is_not(None),
        Ticket.finished_at.is_not(None),
    )
    sqlite = session.get_bind().dialect.name == "sqlite"
    seconds = elapsed_seconds(sqlite, Ticket.called_at, Ticket.finished_at)
    rows = session.execute(
        select(
            Ticket.service_day,
            func.count(),
            func.count(case((served, 1))),
            func.coalesce(func.sum(case((served, seconds))), 0),
        )
        .where(Ticket.office_id == office_id, inside)
        .group_by(Ticket.service_day)
    )
    return {day: (int(n), int(done), float(secs)) for day, n, done, secs in rows}


def _hours(window: tuple[time, time]) -> float:
    start = window[0].hour * 60 + window[0].minute
    return (window[1].hour * 60 + window[1].minute - start) / 60.0


def _walk_in_day(schedule: OfficeSchedule, day: date) -> bool:
    """Monday to Friday, no public holiday, the office not closed."""
    return (
        day.weekday() in WEEKDAYS and closed_reason(day, schedule.closures, schedule.state) is None
    )


def _next_walk_in_day(
    schedule: OfficeSchedule, weekday: int, today: date, now: datetime, window: tuple[time, time]
) -> date | None:
    """The next day of ``weekday`` whose walk-in hour has not ended (within 8 weeks)."""
    day = today + timedelta(days=(weekday - today.weekday()) % 7)
    if day == today and at_local(today, window[1], schedule.tz) <= now:
        day += timedelta(days=7)
    for _ in range(8):
        if _walk_in_day(schedule, day):
            return day
        day += timedelta(days=7)
    return None


def _planned_counters(schedule: OfficeSchedule, day: date | None, window: tuple[time, time]) -> int:
    """Counters staffed on ``day`` from the walk-in hour on, minus counter closures.

    The appointments of a Bürgerbüro start when the walk-in hour ends: a counter whose
    hours begin by the end of the window and go on after it serves the walk-in hour first
    (8:00–9:00, then appointments from 9:00); one that opens later is a late shift."""
    if day is None:
        return 0
    return len(
        {
            t.counter_id
            for t in schedule.templates
            if t.valid_on(day)
            and t.opens <= window[1] < t.closes
            and not any(c.closes(day, t.counter_id) for c in schedule.closures)
        }
    )


def _default_service_minutes(schedule: OfficeSchedule) -> float:
    """The office's default: the mean duration of the services it offers."""
    if not schedule.services:
        return FALLBACK_SERVICE_MINUTES
    return sum(schedule.services.values()) / len(schedule.services)
