"""The statistics' SQL: aggregates per local day, hour and metric, in the database.

Every query groups in the database (GROUP BY, window functions) and returns one
row per day, hour, metric or number of days, never one row per appointment. The
same statements run on SQLite and PostgreSQL.

The local day and hour come from desk.services.reports.clock.

The 90th percentile has one definition on both: the nearest rank, i.e. the
⌈0.9·n⌉-th smallest of the n values (PostgreSQL's ``percentile_disc(0.9)``),
found with the CUME_DIST() window function that both databases have.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    Select,
    case,
    cast,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from desk.domain.status import AppointmentStatus, Channel, TicketStatus
from desk.services.reports.clock import LocalClock
from desk.store.models import Appointment, AppointmentEvent, Ticket

S = AppointmentStatus
#: A grouped statement; its rows are read by position.
Query = Select[*tuple[Any, ...]]
#: Metrics of the duration query (values: seconds; the horizon: days).
TICKET_WAIT, TICKET_SERVICE = "ticket_wait", "ticket_service"
APPOINTMENT_WAIT, APPOINTMENT_SERVICE = "appointment_wait", "appointment_service"
HORIZON = "horizon"
#: The duration metrics in the order of Figures' fields.
METRICS = (TICKET_WAIT, TICKET_SERVICE, APPOINTMENT_WAIT, APPOINTMENT_SERVICE, HORIZON)
#: States an appointment has after being called (only these have waits or service times).
STEPPED = (S.CALLED, S.IN_SERVICE, S.DONE, S.NO_SHOW)
#: The percentile the statistics report.
P90 = 0.9
#: Online horizon buckets in days ahead: (lowest, highest or None for "and more").
HORIZON_BUCKETS: tuple[tuple[int, int | None], ...] = (
    (0, 0),
    (1, 1),
    (2, 3),
    (4, 7),
    (8, 14),
    (15, 28),
    (29, 42),
    (43, 91),
    (92, 183),
    (184, None),
)


def in_period(office_id: str, since: datetime, until: datetime) -> list[ColumnElement[bool]]:
    """Appointments of the office starting in [since, until)."""
    return [
        Appointment.office_id == office_id,
        Appointment.starts_at >= since,
        Appointment.starts_at < until,
    ]


def ticket_days(office_id: str, first: date, last: date) -> list[ColumnElement[bool]]:
    """Tickets of the office issued on the local days first..last."""
    return [Ticket.office_id == office_id, Ticket.service_day.between(first, last)]


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def appointment_counts(clock: LocalClock, where: Sequence[ColumnElement[bool]]) -> Query:
    """Per local day: booked online, booked internally, done, cancelled, no-show."""
    rows = (
        select(
            clock.day(Appointment.starts_at).label("day"), Appointment.channel, Appointment.status
        )
        .where(*where)
        .subquery()
    )
    return select(
        rows.c.day,
        _count_if(rows.c.channel == Channel.PORTAL),
        _count_if(rows.c.channel != Channel.PORTAL),
        _count_if(rows.c.status == S.DONE),
        _count_if(rows.c.status == S.CANCELLED),
        _count_if(rows.c.status == S.NO_SHOW),
    ).group_by(rows.c.day)


def ticket_counts(where: Sequence[ColumnElement[bool]]) -> Query:
    """Per service day: tickets issued, done, no-show."""
    return (
        select(
            Ticket.service_day,
            func.count(),
            _count_if(Ticket.status == TicketStatus.DONE),
            _count_if(Ticket.status == TicketStatus.NO_SHOW),
        )
        .where(*where)
        .group_by(Ticket.service_day)
    )


def _samples(
    clock: LocalClock,
    appointments: Sequence[ColumnElement[bool]],
    tickets: Sequence[ColumnElement[bool]],
) -> Any:
    """(metric, day, value) of every measured wait, service time and online horizon."""
    wanted = (S.CHECKED_IN, S.CALLED, S.IN_SERVICE, S.DONE)
    e = AppointmentEvent
    # One row per appointment with its first stamp of each step; a CTE read twice,
    # which both backends compute once.
    steps = (
        select(
            clock.day(Appointment.starts_at).label("day"),
            Appointment.status,
            *(func.min(case((e.status == step, e.at))).label(step) for step in wanted),
        )
        .join(e, e.appointment_id == Appointment.id)
        .where(*appointments, Appointment.status.in_(STEPPED), e.status.in_(wanted))
        .group_by(Appointment.id, Appointment.starts_at, Appointment.status)
        .cte("steps")
    )
    c = steps.c
    waited = clock.seconds(c[S.CHECKED_IN], c[S.CALLED])
    served = clock.seconds(c[S.IN_SERVICE], c[S.DONE])
    ahead = clock.days_between(Appointment.created_at, Appointment.starts_at)

    def sample(metric: str, day: Any, value: Any) -> Any:
        return select(
            literal(metric).label("metric"), day.label("day"), cast(value, Float).label("value")
        )

    return union_all(
        sample(
            TICKET_WAIT, Ticket.service_day, clock.seconds(Ticket.issued_at, Ticket.called_at)
        ).where(*tickets, Ticket.called_at.is_not(None)),
        sample(
            TICKET_SERVICE, Ticket.service_day, clock.seconds(Ticket.called_at, Ticket.finished_at)
        ).where(
            *tickets,
            Ticket.status == TicketStatus.DONE,
            Ticket.called_at.is_not(None),
            Ticket.finished_at.is_not(None),
        ),
        sample(APPOINTMENT_WAIT, c.day, waited).where(
            c[S.CHECKED_IN].is_not(None), c[S.CALLED].is_not(None)
        ),
        sample(APPOINTMENT_SERVICE, c.day, served).where(
            c.status == S.DONE, c[S.IN_SERVICE].is_not(None), c[S.DONE].is_not(None)
        ),
        sample(HORIZON, clock.day(Appointment.starts_at), ahead).where(
            *appointments, Appointment.channel == Channel.PORTAL
        ),
    ).cte("samples")


def durations(
    clock: LocalClock,
    appointments: Sequence[ColumnElement[bool]],
    tickets: Sequence[ColumnElement[bool]],
) -> Query:
    """Per metric and day, in that order: count, sum, the day's p90 and (in one row per
    metric) the period's p90. The order keeps the period's means the same to the last
    bit when the planner changes its mind (a hash aggregate after new table statistics).
    The nearest rank ⌈0.9·n⌉ is the smallest value whose CUME_DIST()
    (the share of values not above it) reaches 0.9: one sorted window per p90."""
    s = _samples(clock, appointments, tickets)
    ranked = select(
        s.c.metric,
        s.c.day,
        s.c.value,
        func.cume_dist().over(partition_by=s.c.metric, order_by=s.c.value).label("ca"),
        func.cume_dist().over(partition_by=(s.c.metric, s.c.day), order_by=s.c.value).label("cd"),
    ).subquery()
    r = ranked.c
    return (
        select(
            r.metric,
            r.day,
            func.count(),
            func.sum(r.value),
            func.min(case((r.cd >= P90, r.value))),
            func.min(case((r.ca >= P90, r.value))),
        )
        .group_by(r.metric, r.day)
        .order_by(r.metric, r.day)
    )  # one order: the same float sums


def horizon_days(clock: LocalClock, where: Sequence[ColumnElement[bool]]) -> Query:
    """(days ahead, count) of online bookings, one row per distinct number of days."""
    ahead = clock.days_between(Appointment.created_at, Appointment.starts_at)
    rows = (
        select(cast(ahead, Integer).label("ahead"))
        .where(*where, Appointment.channel == Channel.PORTAL)
        .subquery()
    )
    return select(rows.c.ahead, func.count()).group_by(rows.c.ahead)


def per_hour(
    clock: LocalClock,
    appointments: Sequence[ColumnElement[bool]],
    tickets: Sequence[ColumnElement[bool]],
) -> Query:
    """(kind, local hour, count): appointments (not cancelled) by the hour they start,
    tickets by the hour they were issued."""
    rows = union_all(
        select(
            literal("appointments").label("kind"), clock.hour(Appointment.starts_at).label("hour")
        ).where(*appointments, Appointment.status != S.CANCELLED),
        select(literal("tickets").label("kind"), clock.hour(Ticket.issued_at).label("hour")).where(
            *tickets
        ),
    ).subquery()
    return select(rows.c.kind, rows.c.hour, func.count()).group_by(rows.c.kind, rows.c.hour)


def earliest_booking(session: Session, where: Sequence[ColumnElement[bool]]) -> datetime | None:
    """When the first of the period's appointments was booked (bounds the local clock)."""
    return session.scalar(select(func.min(Appointment.created_at)).where(*where))
