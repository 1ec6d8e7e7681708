"""Races on the central PostgreSQL: eight processes book the same starts, eight counters
call the same walk-in queue. One winner per slot, every ticket called exactly once
(DESIGN.md §4, guarantees 4 and 5)."""

from __future__ import annotations

import multiprocessing
import random
import uuid
from collections import Counter as Tally
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.domain.errors import BookingRefused, WalkInRefused
from desk.domain.localtime import BERLIN
from desk.domain.status import AppointmentStatus, Channel, TicketReason, TicketStatus
from desk.domain.walkin import call_key
from desk.services.appointments.booking import book, suggestions
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.walkin.tickets import call_next
from desk.store.models import (
    Appointment,
    Call,
    Counter,
    Office,
    OfficeService,
    OpeningTemplate,
    OpeningTemplateService,
    Service,
    SlotHold,
    Ticket,
)

PROCESSES = 8
STARTS = 50
TICKETS = 100
CALLS_EACH = 25
NOW = datetime(2024, 3, 20, 7, 0, tzinfo=BERLIN)  # a Wednesday morning
QUEUE_DAY = date(2024, 3, 20)
JOIN_TIMEOUT = 90

BOOKING_OFFICE = "bb-race"
QUEUE_OFFICE = "bb-queue"


def _office(office_id: str) -> Office:
    return Office(
        id=office_id,
        name=f"Bürgerbüro {office_id}",
        kind="buergerbuero",
        street="Wettlaufweg 1",
        postcode="06108",
        city="Saalfurt",
        walk_in_from=time(8),
        walk_in_until=time(9),
    )


def _populate(db: DeskDatabase) -> None:
    """A booking office with ONE counter (8–18, 15-minute slots, Mo–Fr) and a queue
    office with eight counters and 100 waiting tickets; no policies (internal only)."""
    counter_id = uuid.uuid4()
    with Session(db.engine) as s, s.begin():
        s.add_all([_office(BOOKING_OFFICE), _office(QUEUE_OFFICE)])
        s.add(Service(id="anmeldung", name="Anmeldung einer Wohnung", duration_minutes=15))
        s.flush()
        s.add(OfficeService(office_id=BOOKING_OFFICE, service_id="anmeldung"))
        s.add(Counter(id=counter_id, office_id=BOOKING_OFFICE, number=1, name="Schalter 1"))
        s.add_all(
            Counter(office_id=QUEUE_OFFICE, number=n, name=f"Schalter {n}")
            for n in range(1, PROCESSES + 1)
        )
        s.flush()
        for weekday in range(5):
            template = OpeningTemplate(
                office_id=BOOKING_OFFICE,
                counter_id=counter_id,
                weekday=weekday,
                opens=time(8),
                closes=time(18),
                slot_minutes=15,
                valid_from=date(2024, 1, 1),
            )
            s.add(template)
            s.flush()
            s.add(OpeningTemplateService(template_id=template.id, service_id="anmeldung"))
        reasons = list(TicketReason)
        s.add_all(
            Ticket(
                office_id=QUEUE_OFFICE,
                service_day=QUEUE_DAY,
                number=n,
                code=f"W-{n:03d}",
                reason=reasons[n % len(reasons)],
                status=TicketStatus.WAITING,
                issued_at=NOW,
            )
            for n in range(1, TICKETS + 1)
        )


@pytest.fixture
def race_url(pg_url: str) -> Iterator[str]:
    upgrade_database(pg_url)
    db = open_database(pg_url)
    _populate(db)
    db.dispose()
    yield pg_url


# --------------------------------------------------------------------------
# Workers (run in spawned processes: module-level, picklable arguments only)


def _book_every_start(
    url: str, starts: list[datetime], worker: int, barrier: Any, out: Any
) -> None:
    results: list[tuple[str, datetime, str]] = []
    try:
        db = open_database(url)
        barrier.wait(timeout=60)
        for start in starts:
            try:
                b = book(
                    db,
                    BOOKING_OFFICE,
                    "anmeldung",
                    start,
                    f"Racer {worker}",
                    NOW,
                    channel=Channel.COUNTER,
                )
                results.append(("won", start, b.code))
            except BookingRefused as err:
                results.append(("refused", start, str(err)))
            except Exception as err:
                results.append(("error", start, repr(err)))
        db.dispose()
    except Exception as err:  # opening the database or the barrier failed
        results.append(("error", NOW, repr(err)))
    out.put((worker, results))


def _call_repeatedly(url: str, counter: int, barrier: Any, out: Any) -> None:
    results: list[tuple[str, str, str]] = []
    try:
        db = open_database(url)
        barrier.wait(timeout=60)
        now = datetime.combine(QUEUE_DAY, time(9, 30), BERLIN)
        for _ in range(CALLS_EACH):
            try:
                t = call_next(db, QUEUE_OFFICE, counter, now)
                results.append(("called", str(t.id), f"{t.reason}:{t.number}"))
            except WalkInRefused as err:
                results.append(("refused", "", str(err)))
            except Exception as err:
                results.append(("error", "", repr(err)))
        db.dispose()
    except Exception as err:
        results.append(("error", "", repr(err)))
    out.put((counter, results))


def _race(target: Any, argument_sets: list[tuple[Any, ...]]) -> dict[int, list[Any]]:
    """Start one spawned process per argument set; all begin together at a barrier."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(argument_sets))
    out = ctx.Queue()
    processes = [ctx.Process(target=target, args=(*args, barrier, out)) for args in argument_sets]
    for p in processes:
        p.start()
    try:
        collected = dict(out.get(timeout=JOIN_TIMEOUT) for _ in processes)
    finally:
        for p in processes:
            p.join(timeout=JOIN_TIMEOUT)
            if p.is_alive():
                p.kill()
    assert all(p.exitcode == 0 for p in processes), [p.exitcode for p in processes]
    return collected


# --------------------------------------------------------------------------


def test_eight_processes_booking_the_same_starts_get_one_winner_each(race_url: str) -> None:
    db = open_database(race_url)
    try:
        offers = suggestions(db, BOOKING_OFFICE, "anmeldung", NOW, limit=STARTS)
    finally:
        db.dispose()
    starts = [o.start for o in offers]
    assert len(starts) == STARTS and len(set(starts)) == STARTS, "one counter: one run per start"

    # Each process walks the starts in its own order: in one order the first process
    # to win would stay ahead and win them all.
    orders = [random.Random(w).sample(starts, len(starts)) for w in range(PROCESSES)]
    outcome = _race(_book_every_start, [(race_url, orders[w], w) for w in range(PROCESSES)])

    assert sorted(outcome) == list(range(PROCESSES))
    everything = [r for results in outcome.values() for r in results]
    errors = [r for r in everything if r[0] == "error"]
    assert errors == []
    assert all(len(results) == STARTS for results in outcome.values())
    assert len(everything) == PROCESSES * STARTS
    winners = Tally(start for kind, start, _ in everything if kind == "won")
    assert winners == Tally(starts), "exactly one winner per start"
    winning_processes = [w for w, results in outcome.items() if any(r[0] == "won" for r in results)]
    assert len(winning_processes) > 1, "the processes did not race"
    refusals = [r for r in everything if r[0] == "refused"]
    assert len(refusals) == (PROCESSES - 1) * STARTS
    assert all("vergeben" in message for _, _, message in refusals), Tally(
        m for _, _, m in refusals
    )

    db = open_database(race_url)
    try:
        with Session(db.engine) as s:
            held = s.execute(
                select(Appointment.starts_at, Appointment.booking_code).where(
                    Appointment.office_id == BOOKING_OFFICE,
                    Appointment.status != AppointmentStatus.CANCELLED,
                )
            ).all()
            holds = s.scalar(select(func.count()).select_from(SlotHold))
    finally:
        db.dispose()
    assert Tally(start for start, _ in held) == Tally(starts)
    assert {code for _, code in held} == {code for kind, _, code in everything if kind == "won"}
    assert holds == STARTS


def test_eight_counters_calling_at_once_call_every_ticket_exactly_once(race_url: str) -> None:
    outcome = _race(_call_repeatedly, [(race_url, counter) for counter in range(1, PROCESSES + 1)])

    everything = [r for results in outcome.values() for r in results]
    assert [r for r in everything if r[0] == "error"] == []
    assert len(everything) == PROCESSES * CALLS_EACH
    called = [ticket for kind, ticket, _ in everything if kind == "called"]
    assert len(called) == TICKETS
    assert len(set(called)) == TICKETS, "a ticket was called twice"
    refusals = [message for kind, _, message in everything if kind == "refused"]
    assert len(refusals) == PROCESSES * CALLS_EACH - TICKETS
    assert all("Keine wartende" in m for m in refusals)
    # Each counter got its tickets in call order (lost documents first, then by number).
    for results in outcome.values():
        keys = []
        for kind, _, what in results:
            if kind == "called":
                reason, number = what.split(":")
                keys.append(call_key(reason, int(number)))
        assert keys == sorted(keys) and len(set(keys)) == len(keys)

    db = open_database(race_url)
    try:
        with Session(db.engine) as s:
            statuses = Tally(
                s.scalars(select(Ticket.status).where(Ticket.office_id == QUEUE_OFFICE))
            )
            calls = (
                s.execute(select(Call.ticket_id).where(Call.office_id == QUEUE_OFFICE))
                .scalars()
                .all()
            )
    finally:
        db.dispose()
    assert statuses == {TicketStatus.CALLED: TICKETS}
    assert len(calls) == TICKETS and len(set(calls)) == TICKETS
    assert {str(t) for t in calls} == set(called)
