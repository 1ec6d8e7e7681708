"""The demo's walk-in history is a real queue: tickets called in call order by the
counter free first, one person per counter at a time, plausible service times; and the
seeded rows keep it (SQLite and PostgreSQL)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from sqlalchemy import select

from desk.demo import walk_in_queue
from desk.demo.bookings import DemoTicket, open_days, tickets_for_day
from desk.demo.city import OFFICES, OfficeSpec
from desk.domain import walkin
from desk.domain.localtime import at_local, parse_now
from desk.domain.status import TicketReason, TicketStatus
from desk.services.database import open_database
from desk.store.models import Ticket
from desk.store.uow import UnitOfWork
from tests.conftest import DEMO_NOW_ISO

NOW = parse_now(DEMO_NOW_ISO)
WALK_IN = [o for o in OFFICES if o.walk_in_quota is not None]


def _days(office: OfficeSpec) -> Iterable[list[DemoTicket]]:
    """Four weeks of the office's walk-in days, as the seeding draws them."""
    for day in open_days(office, NOW.date() - timedelta(days=28), NOW.date() - timedelta(days=1)):
        yield list(tickets_for_day(office, day, NOW))


def _minutes(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 60


def test_tickets_are_called_in_call_order_by_the_counter_free_first():
    checked = 0
    for office in WALK_IN:
        for tickets in _days(office):
            assert all(t.status in (TicketStatus.DONE, TicketStatus.NO_SHOW) for t in tickets)
            calls = [(t, _stamps(t)) for t in tickets]
            # nobody is passed over: whoever was waiting earlier in call order went first
            for a, (a_called, _a_end) in calls:
                for b, (b_called, _b_end) in calls:
                    if walkin.call_key(a.reason, a.number) < walkin.call_key(b.reason, b.number):
                        assert a.issued_at > b_called or a_called <= b_called
            # one person per counter at a time, and no counter idles while somebody waits
            by_counter: dict[int | None, list[tuple[datetime, datetime]]] = defaultdict(list)
            for t, stamps in calls:
                by_counter[t.counter_number].append(stamps)
            assert set(by_counter) <= set(range(1, office.counters + 1))
            opens = at_local(tickets[0].service_day, time(8))
            for counter in range(1, office.counters + 1):
                spans = sorted(by_counter[counter])
                assert all(e1 <= s2 for (_s1, e1), (s2, _e2) in pairwise(spans))
                ends = [opens] + [end for _start, end in spans]
                starts = [start for start, _end in spans] + [opens + timedelta(days=1)]
                for t, (called, _end) in calls:
                    for free, busy in zip(ends, starts, strict=True):  # the counter was idle
                        assert max(t.issued_at, free) >= min(called, busy)
            checked += len(tickets)
    assert checked > 1000


def _stamps(t: DemoTicket) -> tuple[datetime, datetime]:
    assert t.called_at is not None and t.finished_at is not None
    return t.called_at, t.finished_at


def test_service_times_spread_around_each_reasons_typical_minutes():
    served: dict[str, list[float]] = defaultdict(list)
    no_shows: list[float] = []
    waits: list[float] = []
    for office in WALK_IN:
        for tickets in _days(office):
            for t in tickets:
                assert t.called_at is not None and t.finished_at is not None
                held = _minutes(t.called_at, t.finished_at)
                waits.append(_minutes(t.issued_at, t.called_at))
                if t.status == TicketStatus.NO_SHOW:
                    no_shows.append(held)
                else:
                    served[t.reason].append(held)
    for reason, typical in walk_in_queue.TYPICAL_MINUTES.items():
        times = served[reason]
        assert len(times) > 100
        assert abs(statistics.median(times) - typical) <= 0.15 * typical, reason
        assert min(times) >= walk_in_queue.SHORTEST and max(times) <= walk_in_queue.LONGEST
        assert len({round(m, 2) for m in times}) > len(times) // 2  # not whole minutes
    assert statistics.median(served[TicketReason.OTHER]) < statistics.median(
        served[TicketReason.REGISTRATION]
    )
    assert no_shows and set(no_shows) == {walk_in_queue.NO_SHOW_MINUTES}
    # a queue: most are called at once, some wait, nobody for the old random 2–40 minutes
    assert statistics.median(waits) == 0.0
    assert 0.2 < sum(w > 0 for w in waits) / len(waits) < 0.6
    assert max(waits) < 40


def test_the_history_is_the_same_drawn_twice_and_stops_at_now():
    day = date(2024, 3, 19)
    seen_waiting = 0
    for office in WALK_IN:
        whole = {t.number: t for t in tickets_for_day(office, day, NOW)}
        assert list(whole.values()) == list(tickets_for_day(office, day, NOW))
        for minute in range(0, 40, 2):
            moment = at_local(day, time(8)) + timedelta(minutes=minute)
            so_far = list(tickets_for_day(office, day, moment))
            for t in so_far:  # the same day, as far as it has come
                full = whole[t.number]
                called, _end = _stamps(full)
                assert (t.id, t.issued_at, t.reason) == (full.id, full.issued_at, full.reason)
                assert t.called_at == (called if called <= moment else None)
            serving = [t for t in so_far if t.status == TicketStatus.IN_SERVICE]
            waiting = [t for t in so_far if t.status == TicketStatus.WAITING]
            assert len({t.counter_number for t in serving}) == len(serving) <= office.counters
            if waiting:  # somebody waits only while every counter is busy
                assert len(serving) == office.counters
                seen_waiting += 1
    assert seen_waiting > 0


def test_the_seeded_tickets_keep_one_person_per_counter(demo_url: str):
    demo = open_database(demo_url)
    with UnitOfWork(demo.engine) as uow:
        rows = uow.session.execute(
            select(Ticket.counter_id, Ticket.called_at, Ticket.finished_at).where(
                Ticket.called_at.is_not(None), Ticket.finished_at.is_not(None)
            )
        ).all()
    demo.dispose()
    spans: dict[object, list[tuple[datetime, datetime]]] = defaultdict(list)
    for counter_id, called, finished in rows:
        spans[counter_id].append((called, finished))
    assert len(rows) > 1000 and None not in spans
    for counter_spans in spans.values():
        ordered = sorted(counter_spans)
        assert all(e1 <= s2 for (_s1, e1), (s2, _e2) in pairwise(ordered))
