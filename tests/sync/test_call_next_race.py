"""R3: twelve counter processes call 1,000 tickets of one office at once on the central
PostgreSQL; every ticket is called exactly once. A naive select-then-update claim run by
the same twelve processes calls tickets twice, so the race the claim closes is real.

The twelve racers are spawned OS processes, each with its own database connection,
started once for the module; each round they meet at a barrier and then run one claim
loop until the queue is empty.
"""

from __future__ import annotations

import multiprocessing
import time
import uuid
from collections import Counter as Tally
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update

from desk.domain import walkin
from desk.domain.errors import WalkInRefused
from desk.domain.localtime import BERLIN
from desk.domain.status import TicketReason, TicketStatus
from desk.services.database import DeskDatabase, open_database
from desk.services.walkin.tickets import call_next
from desk.store.models import Call, Counter, Ticket
from desk.store.uow import UnitOfWork
from tests.sync.conftest import NOW, Central

COUNTERS = 12
TICKETS = 1000
NAIVE_TICKETS = 120
#: Seconds the naive claim waits between its SELECT and its UPDATE (the race window).
NAIVE_WINDOW = 0.005
#: The office-local day of NOW (a Wednesday), the day call_next serves at NOW.
SERVICE_DAY = NOW.astimezone(BERLIN).date()
OFFICE = "bb-claim"
NAIVE_OFFICE = "bb-naive"
#: Seconds to wait at a barrier, and for the racers to start or finish a race (generous:
#: on a loaded 2-core machine twelve spawns and a race can each take a minute).
TIMEOUT = 60.0
RACE_TIMEOUT = 300.0


# ------------------------------------------------------------- in the racer processes


def claim_all(db: DeskDatabase, office_id: str, counter: int, now: datetime) -> list[str]:
    """Call tickets through the product's claim until the queue is empty."""
    got: list[str] = []
    while True:
        try:
            got.append(str(call_next(db, office_id, counter, now).id))
        except WalkInRefused:
            return got


def naive_claim_all(db: DeskDatabase, office_id: str, counter: int, now: datetime) -> list[str]:
    """The race-prone control: read the first waiting ticket without a lock, wait a moment,
    then mark it called by id alone (no status check) and record the call."""
    got: list[str] = []
    while True:
        with UnitOfWork(db.engine, write=True) as uow:
            s = uow.session
            counter_id = s.scalar(
                select(Counter.id).where(Counter.office_id == office_id, Counter.number == counter)
            )
            first = s.execute(
                select(Ticket.id, Ticket.code)
                .where(
                    Ticket.office_id == office_id,
                    Ticket.service_day == SERVICE_DAY,
                    Ticket.status == TicketStatus.WAITING,
                )
                .order_by(Ticket.number)
                .limit(1)
            ).first()
            if first is None:
                return got
            ticket_id, code = first
            time.sleep(NAIVE_WINDOW)
            s.execute(
                update(Ticket)
                .where(Ticket.id == ticket_id)
                .values(status=TicketStatus.CALLED, called_at=now, counter_id=counter_id)
            )
            s.add(
                Call(
                    id=uuid.uuid4(),
                    office_id=office_id,
                    counter_id=counter_id,
                    ticket_id=ticket_id,
                    display_code=code,
                    called_at=now,
                    offline=False,
                )
            )
            uow.commit()
        got.append(str(ticket_id))


CLAIMS: dict[str, Callable[[DeskDatabase, str, int, datetime], list[str]]] = {
    "claim": claim_all,
    "naive": naive_claim_all,
}


def racer(url: str, counter: int, barrier: Any, commands: Any, results: Any) -> None:
    """One counter PC: report (counter, "ready", []) once connected; then per command
    (claim name, office) wait at the barrier, run the claim loop and report
    (counter, "ok", ticket ids) or (counter, "error", repr)."""
    try:
        db = open_database(url)
    except Exception as err:
        results.put((counter, "error", repr(err)))
        return
    results.put((counter, "ready", []))
    try:
        while (command := commands.get()) is not None:
            claim, office_id = command
            try:
                barrier.wait(timeout=TIMEOUT)
                results.put((counter, "ok", CLAIMS[claim](db, office_id, counter, NOW)))
            except Exception as err:
                results.put((counter, "error", repr(err)))
    finally:
        db.dispose()


# ------------------------------------------------------------------ in the test process


@dataclass
class Racers:
    """The twelve spawned racer processes and their queues."""

    processes: list[Any]
    commands: list[Any]
    results: Any

    def race(self, claim: str, office_id: str) -> dict[int, list[str]]:
        """All racers run ``claim`` on ``office_id`` together; counter → ticket ids."""
        for queue in self.commands:
            queue.put((claim, office_id))
        outcome = [self.results.get(timeout=RACE_TIMEOUT) for _ in self.processes]
        errors = [(counter, what) for counter, kind, what in outcome if kind != "ok"]
        assert errors == [], errors
        return {counter: ids for counter, _, ids in outcome}


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    """A central database with two offices of twelve counters each."""
    return central_factory({OFFICE: COUNTERS, NAIVE_OFFICE: COUNTERS})


@pytest.fixture(scope="module")
def racers(central: Central) -> Iterator[Racers]:
    """Twelve spawned processes, one per counter, alive for the module."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(COUNTERS)
    results = ctx.Queue()
    commands = [ctx.Queue() for _ in range(COUNTERS)]
    processes = [
        ctx.Process(
            target=racer,
            args=(central.url, number, barrier, commands[number - 1], results),
            name=f"racer-{number}",
        )
        for number in range(1, COUNTERS + 1)
    ]
    for p in processes:
        p.start()
    try:
        started = [results.get(timeout=RACE_TIMEOUT) for _ in processes]
        failed = [(counter, what) for counter, kind, what in started if kind != "ready"]
        assert failed == [], f"racers could not connect: {failed}"
        yield Racers(processes, commands, results)
    finally:
        for queue in commands:
            queue.put(None)
        for p in processes:
            p.join(timeout=TIMEOUT)
            if p.is_alive():
                p.kill()
                p.join()
        for queue in [*commands, results]:
            queue.close()
            queue.join_thread()
        for p in processes:
            p.close()


def insert_waiting(db: DeskDatabase, office_id: str, count: int) -> None:
    """``count`` waiting tickets for NOW's day, filled the way ``issue_ticket`` fills them
    (one in five a lost document, which is called first), in one transaction."""
    reasons = [TicketReason.LOST_OR_STOLEN, *[TicketReason.OTHER] * 3, TicketReason.REGISTRATION]
    rows = [
        {
            "id": uuid.uuid4(),
            "office_id": office_id,
            "service_day": SERVICE_DAY,
            "number": number,
            "code": walkin.ticket_code("W", number),
            "reason": reasons[number % len(reasons)],
            "status": TicketStatus.WAITING,
            "issued_at": NOW,
            "recall_count": 0,
        }
        for number in range(1, count + 1)
    ]
    with UnitOfWork(db.engine) as uow:
        uow.session.execute(insert(Ticket), rows)
        uow.commit()


def ticket_states(db: DeskDatabase, office_id: str) -> tuple[Tally[str], Tally[str]]:
    """(status → tickets, ticket id → Call rows) of an office."""
    with UnitOfWork(db.engine) as uow:
        s = uow.session
        statuses = Tally(s.scalars(select(Ticket.status).where(Ticket.office_id == office_id)))
        calls = Tally(
            str(ticket_id)
            for ticket_id in s.scalars(select(Call.ticket_id).where(Call.office_id == office_id))
        )
    return statuses, calls


def test_twelve_counters_call_each_of_1000_tickets_exactly_once(
    central: Central, racers: Racers
) -> None:
    insert_waiting(central.db, OFFICE, TICKETS)

    outcome = racers.race("claim", OFFICE)

    assert sorted(outcome) == list(range(1, COUNTERS + 1))
    called = [ticket for ids in outcome.values() for ticket in ids]
    assert len(called) == TICKETS
    assert len(set(called)) == TICKETS, "a ticket was called by two counters"
    starved = [counter for counter, ids in outcome.items() if not ids]
    assert starved == [], f"counters {starved} called nothing: the processes did not race"

    statuses, calls = ticket_states(central.db, OFFICE)
    assert statuses == {TicketStatus.CALLED: TICKETS}
    assert set(calls) == set(called)
    assert set(calls.values()) == {1}, "a ticket has more than one Call row"
    with UnitOfWork(central.db.engine) as uow:
        by_counter = {
            number: n
            for number, n in uow.session.execute(
                select(Counter.number, func.count())
                .join(Ticket, Ticket.counter_id == Counter.id)
                .where(Ticket.office_id == OFFICE)
                .group_by(Counter.number)
            )
        }
    assert by_counter == {counter: len(ids) for counter, ids in outcome.items()}


def test_a_naive_select_then_update_claim_calls_tickets_twice(
    central: Central, racers: Racers
) -> None:
    insert_waiting(central.db, NAIVE_OFFICE, NAIVE_TICKETS)

    outcome = racers.race("naive", NAIVE_OFFICE)

    called = Tally(ticket for ids in outcome.values() for ticket in ids)
    statuses, calls = ticket_states(central.db, NAIVE_OFFICE)
    assert statuses == {TicketStatus.CALLED: NAIVE_TICKETS}
    assert calls == called
    twice = [ticket for ticket, n in called.items() if n > 1]
    assert twice, "the naive claim called every ticket once: the race was not shown"
    assert sum(called.values()) > NAIVE_TICKETS
