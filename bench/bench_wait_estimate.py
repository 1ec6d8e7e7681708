"""Benchmark: how far off is the waiting-time estimate? (issue 19, point 6)

Run: ``.venv/bin/python bench/bench_wait_estimate.py``. The demo city is seeded into a
temporary SQLite file at 2024-03-19 07:55 (the README's demo start): four weeks of walk-in
tickets of the four Bürgerbüros with their issue, call and finish times. At each ticket's
issue time the office's state is rebuilt from those times, as the service reads it
(desk.services.walkin.wait): who waits (issued, not yet called; in call order), which
counters are with somebody and since when, which called somebody in the last 30 minutes
(in the first half hour of the walk-in hour: all counters), the last 50 served tickets
of the past 28 days. From it each ticket's call is estimated

- ``one``: desk.domain.wait_estimate.call_times (what every screen shows), and
- ``zms``: ZMS's straight line, mean service time ÷ counters × position,

and compared with the actual call: mean absolute error in minutes (of ``one``'s expected
time), the mean signed error (bias: below 0 too short), how often the actual wait fell
inside ``one``'s range as shown and the range's mean width.

The demo's history is a queue (desk.demo.walk_in_queue: a crowd from the door, then
arrivals through the hour; the office's counters call in call order as they free up;
lognormal service times). Two more lines replay the same tickets (issue times, reasons,
service minutes) called in call order by the first free of N counters: the office's own
(it must equal the seeded history: a check of this replay) and a short-staffed three.
"""

from __future__ import annotations

import heapq
import statistics
import sys
import time
from collections import deque
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from datetime import time as clock
from itertools import groupby

from sqlalchemy import select

from desk.demo.city import OFFICES
from desk.demo.seed import seed_demo_city
from desk.domain import walkin
from desk.domain.localtime import BERLIN, at_local, parse_now
from desk.domain.status import TicketStatus
from desk.domain.wait_estimate import call_times, service_profile, serving_counters, straight_line
from desk.services.database import open_database, upgrade_database
from desk.services.walkin.wait import ACTIVE_WINDOW, DEFAULT_MINUTES, HISTORY, SAMPLES
from desk.store.models import Ticket

from support.db import sqlite_file

NOW = parse_now("2024-03-19T07:55")
WALK_IN_FROM = clock(8)
SHORT_STAFFED = 3


@dataclass(frozen=True)
class Row:
    """One ticket of the history (times aware; counter as a label)."""

    office: str
    number: int
    reason: str
    done: bool
    issued: datetime
    called: datetime | None
    finished: datetime | None
    counter: str | None

    @property
    def day(self) -> object:
        return self.issued.date()


@dataclass
class Score:
    """Errors of both estimates over the tickets replayed."""

    one: list[float]  # estimate − actual, minutes
    zms: list[float]
    inside: int = 0
    widths: float = 0.0

    def line(self, what: str) -> str:
        n = len(self.one)
        one = statistics.fmean(abs(e) for e in self.one)
        zms = statistics.fmean(abs(e) for e in self.zms)
        return (
            f"{what:<32} n={n:5d}  MAE one {one:5.1f} min  zms {zms:5.1f} min  "
            f"ratio {one / zms:4.2f}  bias one {statistics.fmean(self.one):+5.1f}  "
            f"zms {statistics.fmean(self.zms):+5.1f}  in range {self.inside / n:4.0%}  "
            f"width {self.widths / n:4.1f} min"
        )


def history() -> list[Row]:
    """The seeded demo city's walk-in tickets, by office and issue."""
    with sqlite_file("bd-bench-wait-") as (url, _path):
        upgrade_database(url)
        db = open_database(url)
        try:
            seed_demo_city(db, NOW)
            with db.engine.connect() as conn:
                rows = conn.execute(
                    select(
                        Ticket.office_id, Ticket.number, Ticket.reason, Ticket.status,
                        Ticket.issued_at, Ticket.called_at, Ticket.finished_at,
                        Ticket.counter_id,
                    )
                ).all()  # fmt: skip
        finally:
            db.dispose()
    return sorted(
        (
            Row(o, n, r, s == TicketStatus.DONE, i, c, f, None if k is None else str(k))
            for o, n, r, s, i, c, f, k in rows
        ),
        key=lambda r: (r.office, r.issued, r.number),
    )


def replay(rows: list[Row], counters: int, score: Score) -> None:
    """Estimate each ticket's call at its issue, from what the office knew then."""
    for _day, day_rows in groupby(rows, key=lambda r: r.day):
        today = list(day_rows)
        for ticket in today:
            if ticket.called is not None:
                _one(ticket, today, rows, counters, score)


def _one(ticket: Row, today: list[Row], rows: list[Row], counters: int, score: Score) -> None:
    """Score both estimates of ``ticket``'s call against the actual one."""
    t = ticket.issued
    waiting = [
        r
        for r in today
        if (r.issued, r.number) <= (t, ticket.number)
        and (r is ticket or r.called is None or r.called > t)
    ]
    waiting.sort(key=lambda r: walkin.call_key(r.reason, r.number))
    position = waiting.index(ticket)
    busy: dict[str, datetime] = {}
    for r in today:
        if r.called is not None and r.counter and r.called <= t < (r.finished or t + HISTORY):
            busy[r.counter] = max(r.called, busy.get(r.counter, r.called))
    recent = {r.counter for r in today if r.called and t - ACTIVE_WINDOW < r.called <= t}
    opened = at_local(t.astimezone(BERLIN).date(), WALK_IN_FROM)
    just_opened = t < opened + ACTIVE_WINDOW
    serving = serving_counters(len(set(busy) | recent), counters, just_opened)
    samples = _samples(rows, t)
    profile = service_profile(samples, DEFAULT_MINUTES)
    minutes = [profile.typical] * len(waiting)
    busy_for = [(t - since).total_seconds() / 60 for since in busy.values()]
    ours = call_times(minutes, serving, busy_for, profile)[position]
    mean = statistics.fmean(samples) if samples else DEFAULT_MINUTES
    zms = straight_line(position + 1, mean, serving)
    assert ticket.called is not None
    actual = (ticket.called - t).total_seconds() / 60
    score.one.append(ours.expected - actual)
    score.zms.append(zms - actual)
    score.inside += ours.low <= actual <= ours.high
    score.widths += ours.high - ours.low


def _samples(rows: list[Row], t: datetime) -> list[float]:
    """Service minutes of the office's last SAMPLES served tickets of the past HISTORY."""
    done = [r for r in rows if r.done and r.called and r.finished and t - HISTORY < r.finished <= t]
    done.sort(key=lambda r: r.finished or t, reverse=True)
    return [
        (r.finished - r.called).total_seconds() / 60
        for r in done[:SAMPLES]
        if r.finished and r.called
    ]


def as_a_queue(rows: list[Row], counters: int) -> list[Row]:
    """The same tickets called in call order by the first free of ``counters`` counters,
    each served for its own minutes of the history."""
    out: list[Row] = []
    for _day, day_rows in groupby(rows, key=lambda r: r.day):
        out += _queue_day(list(day_rows), counters)
    return out


def _queue_day(today: list[Row], counters: int) -> list[Row]:
    """One day: whenever a counter is free, it calls the first waiting in call order."""
    pending = deque(sorted(today, key=lambda r: (r.issued, r.number)))
    free = [(pending[0].issued.replace(hour=0, minute=0), str(c)) for c in range(counters)]
    waiting: list[Row] = []
    served: list[Row] = []
    last = free[0][0]  # the calls go forward in time: an idle counter calls from now on
    while pending or waiting:
        at, counter = heapq.heappop(free)
        at = max(at, last)
        if not waiting:
            at = max(at, pending[0].issued)
        while pending and pending[0].issued <= at:
            waiting.append(pending.popleft())
        waiting.sort(key=lambda r: walkin.call_key(r.reason, r.number))
        ticket = waiting.pop(0)
        finished = at + timedelta(minutes=_minutes(ticket))
        served.append(replace(ticket, called=at, finished=finished, counter=counter))
        last = at
        heapq.heappush(free, (finished, counter))
    return sorted(served, key=lambda r: (r.issued, r.number))


def _minutes(row: Row) -> float:
    if row.called is None or row.finished is None:
        return DEFAULT_MINUTES
    return (row.finished - row.called).total_seconds() / 60


def main() -> int:
    started = time.perf_counter()
    rows = history()
    staffed = {o.id: o.counters for o in OFFICES}
    offices = sorted({r.office for r in rows})
    days = len({(r.office, r.day) for r in rows})
    print(
        f"demo history at {NOW:%Y-%m-%d %H:%M}: {len(rows)} tickets of {len(offices)} "
        f"offices on {days} office-days (walk-in hour 8-9)"
    )
    scenarios: list[tuple[str, int | None]] = [
        ("demo history as seeded", None),
        ("called in order, all counters", 0),
        (f"called in order, {SHORT_STAFFED} counters", SHORT_STAFFED),
    ]
    for what, counters in scenarios:
        score = Score([], [])
        for office in offices:
            own = [r for r in rows if r.office == office]
            n = counters if counters else staffed[office]
            if counters is not None:
                own = as_a_queue(own, n)
            replay(own, n, score)
        print(score.line(what))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
