"""Twelve counters press "call next" at the same moment (DESIGN.md §4.5): each gets a
different ticket, and together exactly the first twelve in call order. Threads at the
service layer; tests/sync/test_call_next_race.py races processes at scale."""

from __future__ import annotations

import threading
import uuid
from collections import Counter as Tally
from datetime import datetime

from sqlalchemy import func, select

from desk.domain.localtime import BERLIN
from desk.domain.status import TicketReason, TicketStatus
from desk.domain.walkin import call_key
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.services.walkin.tickets import TicketInfo, call_next
from desk.store.models import Call, Ticket
from desk.store.uow import UnitOfWork
from tests.builders import add_office

COUNTERS = 12
ROUNDS = 3
OFFICE = "bb-threads"
DAY = datetime(2024, 3, 20, tzinfo=BERLIN).date()


def race(db: DeskDatabase, now: datetime) -> dict[int, TicketInfo]:
    """Every counter calls once, all released at the same moment by a barrier."""
    barrier = threading.Barrier(COUNTERS, timeout=30)
    got: dict[int, TicketInfo] = {}
    errors: list[BaseException] = []

    def counter(number: int) -> None:
        try:
            barrier.wait()
            got[number] = call_next(db, OFFICE, number, now)
        except BaseException as err:  # reported by the main thread
            errors.append(err)

    threads = [threading.Thread(target=counter, args=(n,)) for n in range(1, COUNTERS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return got


def test_twelve_counters_calling_at_once_get_twelve_different_tickets(db_url: str):
    upgrade_database(db_url)
    db = open_database(db_url)
    try:
        add_office(db, OFFICE, counters=COUNTERS)
        total = COUNTERS * (ROUNDS + 1)  # more tickets than calls: the order matters
        reasons = [
            TicketReason.LOST_OR_STOLEN if n % 5 == 0 else TicketReason.OTHER
            for n in range(1, total + 1)
        ]
        with UnitOfWork(db.engine) as uow:
            for number, reason in enumerate(reasons, start=1):
                uow.session.add(
                    Ticket(
                        id=uuid.uuid4(),
                        office_id=OFFICE,
                        service_day=DAY,
                        number=number,
                        code=f"W-{number:03d}",
                        reason=reason,
                        status=TicketStatus.WAITING,
                        issued_at=datetime(2024, 3, 20, 8, number % 60, tzinfo=BERLIN),
                        recall_count=0,
                    )
                )
            uow.commit()
        order = sorted(range(1, total + 1), key=lambda n: call_key(reasons[n - 1], n))

        for round_ in range(ROUNDS):
            now = datetime(2024, 3, 20, 9 + round_, 0, tzinfo=BERLIN)
            got = race(db, now)
            assert sorted(got) == list(range(1, COUNTERS + 1))
            numbers = [info.number for info in got.values()]
            assert len(set(numbers)) == COUNTERS, Tally(numbers).most_common(3)
            first = order[round_ * COUNTERS : (round_ + 1) * COUNTERS]
            assert sorted(numbers) == sorted(first), f"round {round_}"

        with UnitOfWork(db.engine) as uow:
            s = uow.session
            called = s.execute(
                select(Ticket.number, Ticket.counter_id).where(
                    Ticket.office_id == OFFICE, Ticket.status == TicketStatus.CALLED
                )
            ).all()
            per_ticket = s.execute(
                select(Call.ticket_id, func.count()).group_by(Call.ticket_id)
            ).all()
        assert len(called) == COUNTERS * ROUNDS
        assert {n for _ticket, n in per_ticket} == {1}  # one call row per ticket
        assert len(per_ticket) == COUNTERS * ROUNDS
    finally:
        db.dispose()
