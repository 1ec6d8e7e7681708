"""Walk-in tickets across counter PCs (DESIGN.md §4.2, §4.5): number blocks leased per PC
and day, offline issuing and calling, double calls made visible, the quota held centrally."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock

import pytest
from sqlalchemy import create_engine, func, select

from desk.domain.errors import WalkInRefused
from desk.domain.status import TicketReason, TicketStatus
from desk.services.database import DeskDatabase
from desk.services.walkin import tickets as walkin
from desk.store import leases, outbox
from desk.store.models import Call, Office, OutboxOp, SyncConflict, Ticket, TicketLease
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncEngine
from tests.sync.conftest import NOW, Central, Replica, count

OFFICE = "bb-walkin"
QUOTA = 20
DAY = NOW.date()  # a Wednesday
UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/x"


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A local time on DAY."""
    return NOW.replace(hour=hour, minute=minute, second=second, microsecond=0)


BEFORE_HOUR = at(7, 50)


@dataclass(frozen=True)
class Seen:
    """A ticket as one database holds it."""

    number: int
    code: str
    status: str
    counter_id: uuid.UUID | None
    called_at: datetime | None


@pytest.fixture
def central(central_factory: Callable[..., Central]) -> Central:
    """A fresh central with one Bürgerbüro (2 counters, walk-in 8–9, quota 20)."""
    made = central_factory({OFFICE: 2})
    with UnitOfWork(made.db.engine) as uow:
        office = uow.session.get(Office, OFFICE)
        assert office is not None and office.kind == "buergerbuero"
        office.walk_in_quota = QUOTA
        office.walk_in_from = clock(8)
        office.walk_in_until = clock(9)
        uow.commit()
    return made


@pytest.fixture
def pcs(central: Central, replica_factory: Callable[..., Replica]) -> tuple[Replica, Replica]:
    """Counter PCs A (counter 1) and B (counter 2), both synced at 07:50: A leases first."""
    a = replica_factory(central, synced=False)
    b = replica_factory(central, synced=False)
    a.engine.sync_once(BEFORE_HOUR)
    b.engine.sync_once(BEFORE_HOUR + timedelta(seconds=30))
    return a, b


def offline_engine(replica: Replica) -> SyncEngine:
    """The replica's engine with its central database out of reach."""
    unreachable = DeskDatabase(create_engine(UNREACHABLE), "zentral (nicht erreichbar)")
    return SyncEngine(replica.db, unreachable)


def block(db: DeskDatabase) -> tuple[int, int]:
    """This replica's number block for DAY."""
    with UnitOfWork(db.engine) as uow:
        lease = leases.own_lease(uow.session, OFFICE, DAY)
        assert lease is not None, "no lease for today after a sync before the walk-in hour"
        return lease.first_number, lease.last_number


def tickets(db: DeskDatabase) -> dict[uuid.UUID, Seen]:
    """Every ticket of OFFICE on DAY, by id."""
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.scalars(
            select(Ticket).where(Ticket.office_id == OFFICE, Ticket.service_day == DAY)
        )
        return {t.id: Seen(t.number, t.code, t.status, t.counter_id, t.called_at) for t in rows}


def conflicts(db: DeskDatabase) -> list[tuple[str, str]]:
    """(kind, reason text) of every open conflict."""
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None)))
        return [(c.kind, json.loads(c.reason).get("reason", "")) for c in rows]


def issue(db: DeskDatabase, n: int, start: datetime, reason=TicketReason.OTHER) -> list:
    """Issue ``n`` tickets, one every 30 seconds from ``start``."""
    return [
        walkin.issue_ticket(db, OFFICE, reason, start + timedelta(seconds=30 * i)) for i in range(n)
    ]


# --------------------------------------------------------------------- blocks


def test_offline_tickets_of_two_pcs_never_collide_and_reach_central_once(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, b = pcs
    a_first, a_last = block(a.db)
    b_first, b_last = block(b.db)
    assert a_last < b_first or b_last < a_first, "the two PCs hold overlapping blocks"
    assert count(central.db, TicketLease, TicketLease.service_day == DAY) == 2
    tomorrow = TicketLease.service_day == DAY + timedelta(days=1)
    assert count(central.db, TicketLease, tomorrow) == 2  # leased for tomorrow as well

    # 08:00–08:10, both offline, interleaved
    made_a, made_b = [], []
    for i in range(8):
        made_a.append(walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, i, 5)))
        made_b.append(walkin.issue_ticket(b.db, OFFICE, TicketReason.OTHER, at(8, i, 35)))
    assert all(a_first <= t.number <= a_last for t in made_a)
    assert all(b_first <= t.number <= b_last for t in made_b)
    numbers = [t.number for t in made_a + made_b]
    assert len(set(numbers)) == 16
    assert len({t.code for t in made_a + made_b}) == 16
    assert count(central.db, Ticket) == 0

    a.engine.sync_once(at(8, 11))
    b.engine.sync_once(at(8, 11, 30))
    a.engine.sync_once(at(8, 12))

    there = tickets(central.db)
    assert len(there) == 16
    for made in made_a + made_b:
        assert there[made.id].number == made.number
        assert there[made.id].code == made.code
    with UnitOfWork(central.db.engine) as uow:
        per_number = uow.session.execute(
            select(Ticket.number, func.count())
            .where(Ticket.office_id == OFFICE)
            .group_by(Ticket.number)
        ).all()
    assert sorted(n for n, _ in per_number) == sorted(numbers)
    assert {c for _, c in per_number} == {1}
    assert tickets(a.db) == there
    assert tickets(b.db) == there
    assert count(a.db, OutboxOp) == count(b.db, OutboxOp) == 0
    assert conflicts(a.db) == conflicts(b.db) == []

    # issued at reception on the central database itself: above every leased block
    direct = walkin.issue_ticket(central.db, OFFICE, TicketReason.OTHER, at(8, 12, 30))
    assert direct.number > max(a_last, b_last)
    a.engine.sync_once(at(8, 13))
    assert tickets(a.db)[direct.id].number == direct.number
    assert block(a.db) == (a_first, a_last)  # a later round keeps the PC's block


def test_a_pc_leasing_after_a_central_ticket_gets_a_block_above_it(
    central: Central, replica_factory: Callable[..., Replica]
):
    direct = walkin.issue_ticket(central.db, OFFICE, TicketReason.OTHER, at(8, 1))
    assert direct.number == 1
    c = replica_factory(central, synced=False)
    c.engine.sync_once(at(8, 2))
    first, _last = block(c.db)
    assert first > direct.number
    offline = walkin.issue_ticket(c.db, OFFICE, TicketReason.OTHER, at(8, 3))
    assert offline.number == first
    c.engine.sync_once(at(8, 4))
    assert sorted(t.number for t in tickets(central.db).values()) == [1, first]


# ---------------------------------------------------------------------- calls


def test_offline_a_pc_calls_only_its_own_tickets(
    central: Central, replica_factory: Callable[..., Replica]
):
    # B leases first, so B's tickets carry the lower numbers and come first in the call order
    b = replica_factory(central, synced=False)
    a = replica_factory(central, synced=False)
    b.engine.sync_once(BEFORE_HOUR)
    a.engine.sync_once(BEFORE_HOUR + timedelta(seconds=30))
    from_b = issue(b.db, 2, at(8, 0), TicketReason.LOST_OR_STOLEN)  # priority as well
    b.engine.sync_once(at(8, 2))
    a.engine.sync_once(at(8, 2, 30))
    assert {t.id for t in from_b} <= set(tickets(a.db))  # A sees B's waiting tickets
    own = walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, 3))

    offline = offline_engine(a)
    called = offline.call_next(OFFICE, 1, at(8, 4))

    assert called.id == own.id
    assert called.code == own.code
    with pytest.raises(WalkInRefused, match="Keine wartende"):
        offline.call_next(OFFICE, 1, at(8, 5))
    assert offline.status().offline_since == at(8, 4)
    local = tickets(a.db)
    assert all(local[t.id].status == TicketStatus.WAITING for t in from_b)
    with UnitOfWork(a.db.engine) as uow:
        call = uow.session.scalar(select(Call).where(Call.ticket_id == own.id))
        assert call is not None and call.offline is True
    offline.link.close()

    report = a.engine.sync_once(at(8, 6))
    assert (report.rejected, report.status.conflicts) == (0, 0)
    there = tickets(central.db)
    assert there[own.id].status == TicketStatus.CALLED
    assert there[own.id].counter_id == central.counters[OFFICE][1]
    assert all(there[t.id].status == TicketStatus.WAITING for t in from_b)
    assert report.status.offline_since is None


def test_a_double_call_becomes_a_visible_conflict_and_central_wins(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, b = pcs
    x = walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, 0))
    a.engine.sync_once(at(8, 1))
    b.engine.sync_once(at(8, 1, 30))
    assert x.id in tickets(b.db)

    # A has lost the central database and calls X at its own counter ...
    offline = offline_engine(a)
    mine = offline.call_next(OFFICE, 1, at(8, 5))
    offline.link.close()
    assert mine.id == x.id
    # ... while B, online, claims X centrally first
    theirs = b.engine.call_next(OFFICE, 2, at(8, 5, 10))
    assert theirs.id == x.id
    assert tickets(b.db)[x.id].status == TicketStatus.CALLED

    report = a.engine.sync_once(at(8, 6))

    assert report.rejected == 1
    assert report.status.conflicts == 1
    found = conflicts(a.db)
    assert len(found) == 1
    kind, reason = found[0]
    assert kind == outbox.TICKET_CALL
    assert "Doppelaufruf" in reason
    assert x.code in reason
    b_counter = central.counters[OFFICE][2]
    local = tickets(a.db)[x.id]
    assert local.status == TicketStatus.CALLED
    assert local.counter_id == b_counter  # the central state: called at B's counter
    assert local.called_at == at(8, 5, 10)
    assert tickets(a.db) == tickets(central.db)
    with UnitOfWork(central.db.engine) as uow:
        central_calls = uow.session.execute(
            select(Call.counter_id, Call.offline).where(Call.ticket_id == x.id)
        ).all()
    assert central_calls == [(b_counter, False)]  # the refused call left nothing centrally
    assert count(a.db, OutboxOp) == 0


# ---------------------------------------------------------------- no lease


def test_without_a_lease_for_today_no_ticket_is_issued(
    central: Central, replica_factory: Callable[..., Replica]
):
    stale = replica_factory(central, synced=False)
    monday = at(7, 50) - timedelta(days=2)  # leases for Monday and Tuesday only
    stale.engine.sync_once(monday)
    with UnitOfWork(stale.db.engine) as uow:
        assert leases.own_lease(uow.session, OFFICE, monday.date()) is not None
        assert leases.own_lease(uow.session, OFFICE, DAY) is None

    with pytest.raises(WalkInRefused, match="kein Nummernblock") as refused:
        walkin.issue_ticket(stale.db, OFFICE, TicketReason.OTHER, at(8, 0))

    assert "verbinden" in str(refused.value)
    assert tickets(stale.db) == {}
    assert count(stale.db, OutboxOp) == 0
    with pytest.raises(WalkInRefused, match="Keine eigenen Wartenummern"):
        walkin.call_next(stale.db, OFFICE, 1, at(8, 1))

    stale.engine.sync_once(at(8, 1))  # connecting today brings a block
    made = walkin.issue_ticket(stale.db, OFFICE, TicketReason.OTHER, at(8, 2))
    assert made.number == block(stale.db)[0]


# ---------------------------------------------------------------------- quota


def quota_spent(central: Central, pcs: tuple[Replica, Replica]) -> tuple[Replica, list, list]:
    """A issues 11 and B 10 tickets offline; B syncs first, then A: A's 11th is the 21st."""
    a, b = pcs
    from_a = issue(a.db, 11, at(8, 0))
    from_b = issue(b.db, 10, at(8, 0, 15))
    assert from_a[-1].left_today == QUOTA - 11  # locally nothing is used up yet
    b.engine.sync_once(at(8, 7))
    a.engine.sync_once(at(8, 7, 30))
    return a, from_a, from_b


def test_the_quota_holds_across_pcs_and_the_21st_ticket_is_a_conflict(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, from_a, from_b = quota_spent(central, pcs)

    there = tickets(central.db)
    assert len(there) == QUOTA
    assert set(there) == {t.id for t in from_a[:10] + from_b}
    assert from_a[-1].id not in there
    found = conflicts(a.db)
    assert len(found) == 1
    kind, reason = found[0]
    assert kind == outbox.TICKET_ISSUE
    assert "ausgeschöpft" in reason
    assert from_a[-1].code in reason
    assert a.engine.status().conflicts == 1
    assert count(a.db, OutboxOp) == 0
    with pytest.raises(WalkInRefused, match="ausgeschöpft"):
        walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, 8))
    with pytest.raises(WalkInRefused, match="ausgeschöpft"):
        walkin.issue_ticket(central.db, OFFICE, TicketReason.OTHER, at(8, 8))


def test_a_ticket_refused_over_quota_does_not_stay_waiting_on_the_pc(
    central: Central, pcs: tuple[Replica, Replica]
):
    """The engine settles a refusal by withdrawing the local effect "so the central state
    can show" (SyncEngine._settle_rejection). For a refused ticket.issue nothing is
    withdrawn: the ticket stays waiting on A although central never had it, so A's
    waiting list disagrees with central for good and A will call a ticket that does not
    exist (which central then reports as a "Doppelaufruf" that never happened)."""
    a, from_a, _from_b = quota_spent(central, pcs)
    refused = from_a[-1]

    waiting_here = {i for i, t in tickets(a.db).items() if t.status == TicketStatus.WAITING}
    waiting_there = {i for i, t in tickets(central.db).items() if t.status == TicketStatus.WAITING}
    assert refused.id not in waiting_here, (
        f"{refused.code} was refused centrally (quota) but is still waiting on the PC"
    )
    assert waiting_here == waiting_there
