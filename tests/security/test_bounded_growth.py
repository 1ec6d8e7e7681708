"""Bounded growth (issue 16): a simulated year against a real central PostgreSQL, one
counter PC leasing ticket numbers, issuing a ticket and signing in through the
service's own doors each day and the nightly job after each day; at the end every pruned table holds
no more than its horizon allows, and a counter that was away all year reads everything
again instead of trusting the pruned change log (DESIGN.md §4.3).

The database's clock cannot be moved: each simulated night the change log's stamps
(``now()`` of the writing transaction) move one day back, as a real night would.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import psycopg
from sqlalchemy import func, select, text, update

from desk.domain.localtime import BERLIN
from desk.domain.status import DeviceKind, TicketReason
from desk.server import pruning
from desk.server.housekeeping import nightly
from desk.services.admin.devices import add_device, enroll_device
from desk.services.admin.sessions import open_session
from desk.services.admin.users import create_user
from desk.store import outbox
from desk.store.models import (
    AppliedOp,
    Office,
    OutboxOp,
    SyncConflict,
    Ticket,
    TicketLease,
    UserSession,
)
from desk.store.uow import UnitOfWork
from desk.sync.central import APPLIED, PendingOp
from desk.sync.horizon import cursor_behind_horizon
from desk.sync.link import DirectLink
from desk.sync.operations import Caller
from tests.sync.conftest import Central, count

OFFICE = "bb-jahr"
FIRST_DAY = date(2023, 1, 2)  # a Monday; the whole year lies before the real clock
DAYS = 365
PASSWORD = "Schalter-2023-sicher"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


def ticket(day: date, number: int) -> PendingOp:
    """A walk-in ticket a counter issued from its block that morning, as its outbox
    sends it."""
    args = {
        "ticket_id": str(uuid.uuid4()),
        "office_id": OFFICE,
        "number": number,
        "reason": str(TicketReason.OTHER),
    }
    return PendingOp(uuid.uuid4(), outbox.TICKET_ISSUE, args, at(day, 8, 5))


def change_log_rows(central: Central) -> int:
    with UnitOfWork(central.db.engine) as uow:
        return int(uow.session.scalar(text("SELECT count(*) FROM change_log")) or 0)


def change_log_written(central: Central) -> int:
    """How many change-log rows were ever written (the identity's high-water mark)."""
    with UnitOfWork(central.db.engine) as uow:
        query = "SELECT pg_sequence_last_value(pg_get_serial_sequence('change_log', 'id'))"
        return int(uow.session.scalar(text(query)) or 0)


def test_a_year_of_days_leaves_every_pruned_table_bounded(
    central_factory: Callable[..., Central],
) -> None:
    central = central_factory({OFFICE: 1})
    with UnitOfWork(central.db.engine) as uow:
        hour = {"walk_in_quota": 20, "walk_in_from": time(8), "walk_in_until": time(9)}
        uow.session.execute(update(Office).values(**hour))
        uow.commit()
    start = at(FIRST_DAY, 7)
    lead = create_user(
        central.db,
        user_id=None,
        username="leitung",
        display_name="Leitung",
        role="team_lead",
        office_id=OFFICE,
        password=PASSWORD,
        now=start,
    )
    code = add_device(central.db, OFFICE, "counter", start, counter_number=1).code
    device, _token = enroll_device(central.db, code, start)
    caller = Caller(OFFICE, DeviceKind.COUNTER, 1, device.id, lead.id)
    link = DirectLink(central.db, caller)
    away_all_year = link.pull(None, start).snapshot  # a PC switched off on the first day

    made_per_day: list[int] = []
    issued = 0
    night = psycopg.connect(central.conninfo, autocommit=True)
    for n in range(DAYS):
        day = FIRST_DAY + timedelta(days=n)
        before = change_log_written(central)
        if day.weekday() < 5:  # the walk-in hour: a block of numbers, one ticket
            blocks = link.lease(device.id, [day, day + timedelta(days=1)], at(day, 7, 55))
            first = next(b["first_number"] for b in blocks if b["service_day"] == day)
            [result] = link.push([ticket(day, first)], at(day, 8, 5))
            issued += result.outcome == APPLIED
        if day.weekday() == 0:
            open_session(central.db, device, "leitung", PASSWORD, at(day, 8))
        night.execute("UPDATE change_log SET at = at - interval '1 day'")  # the night passes
        report = nightly(central.db, retention_days=30, now=at(day + timedelta(days=1), 2, 30))
        assert report.retention is not None and report.pruned is not None
        made_per_day.append(change_log_written(central) - before)
    night.close()

    last = FIRST_DAY + timedelta(days=DAYS - 1)
    # applied operations: those of the last 90 days (one a working day), nothing older
    assert count(central.db, AppliedOp) <= pruning.APPLIED_OP_KEEP.days
    oldest = _oldest(central, AppliedOp.applied_at)
    assert oldest is not None and oldest >= at(last, 0) - pruning.APPLIED_OP_KEEP
    # ticket number blocks: today's and tomorrow's and a week back
    assert count(central.db, TicketLease) <= pruning.TICKET_LEASE_KEEP_DAYS + 2
    # sessions: one a week, kept a month after their end
    assert count(central.db, UserSession) <= pruning.SESSION_KEEP.days // 7 + 2
    # the change log: what the last two weeks (and the night in between) wrote
    horizon = pruning.CHANGE_LOG_KEEP_DAYS + 1
    assert 0 < change_log_rows(central) <= sum(made_per_day[-horizon:])
    # a counter's own tables stay empty centrally; what statistics read stays whole
    assert count(central.db, OutboxOp) == count(central.db, SyncConflict) == 0
    assert count(central.db, Ticket) == issued > 250

    with UnitOfWork(central.db.engine) as uow:
        assert cursor_behind_horizon(uow.session, away_all_year)
    back = link.pull(away_all_year, at(last, 9))
    assert back.full, "a PC away longer than the change log's horizon must read everything"


def _oldest(central: Central, column: object) -> datetime | None:
    with UnitOfWork(central.db.engine) as uow:
        found = uow.session.scalar(select(func.min(column)))  # type: ignore[call-overload]
    return found.astimezone(UTC) if found is not None else None


def test_a_pc_that_lost_its_last_answer_gets_it_after_the_horizon_without_a_second_ticket(
    central_factory: Callable[..., Central],
) -> None:
    central = central_factory({OFFICE: 1})
    with UnitOfWork(central.db.engine) as uow:
        hour = {"walk_in_quota": 20, "walk_in_from": time(8), "walk_in_until": time(9)}
        uow.session.execute(update(Office).values(**hour))
        uow.commit()
    day = FIRST_DAY
    code = add_device(central.db, OFFICE, "counter", at(day, 7), counter_number=1).code
    device, _token = enroll_device(central.db, code, at(day, 7))
    link = DirectLink(central.db, Caller(OFFICE, DeviceKind.COUNTER, 1, device.id))
    blocks = link.lease(device.id, [day], at(day, 7, 55))
    link.push([ticket(day, blocks[0]["first_number"])], at(day, 8))  # answered
    later_day = day + timedelta(days=2)
    block = link.lease(device.id, [later_day], at(later_day, 7, 55))[0]["first_number"]
    last = ticket(later_day, block)
    [first_answer] = link.push([last], at(later_day, 8))  # the answer never arrives

    away = at(later_day, 8) + pruning.APPLIED_OP_KEEP + timedelta(days=30)
    pruned = nightly(central.db, retention_days=30, now=away).pruned
    [again] = link.push([last], away)  # the PC is back and sends its outbox again

    assert pruned is not None and pruned.applied_ops == 1  # the earlier, answered one
    assert (again.outcome, again.detail) == (first_answer.outcome, first_answer.detail)
    assert count(central.db, Ticket) == 2
