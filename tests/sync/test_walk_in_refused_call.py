"""A ticket refused centrally (quota used up) that the PC already called offline: the
queued call must not come back as a "Doppelaufruf" that never happened (DESIGN.md §4.5)."""

from __future__ import annotations

from desk.domain.status import TicketStatus
from desk.store import outbox
from desk.store.models import OutboxOp
from tests.sync import test_walk_in_sync as walk
from tests.sync.conftest import Central, Replica, count
from tests.sync.test_walk_in_sync import (
    OFFICE,
    QUOTA,
    at,
    conflicts,
    issue,
    offline_engine,
    tickets,
)

central = walk.central  # the same fixtures: one Bürgerbüro, PCs A and B leased at 07:50
pcs = walk.pcs


def test_calling_a_ticket_refused_over_quota_is_not_reported_as_a_double_call(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, b = pcs
    from_a = issue(a.db, 11, at(8, 0))  # A's 11th will be the 21st centrally
    issue(b.db, 10, at(8, 0, 15))
    b.engine.sync_once(at(8, 7))
    offline = offline_engine(a)
    called = [offline.call_next(OFFICE, 1, at(8, 10, i)) for i in range(11)]
    offline.link.close()
    refused = from_a[-1]
    assert called[-1].id == refused.id  # called at A's counter before A could sync

    report = a.engine.sync_once(at(8, 20))

    assert report.rejected >= 1
    assert count(a.db, OutboxOp) == 0
    there = tickets(central.db)
    assert len(there) == QUOTA and refused.id not in there
    assert all(there[t.id].status == TicketStatus.CALLED for t in from_a[:10])
    found = conflicts(a.db)
    assert (outbox.TICKET_ISSUE, found[0][1]) in found and "ausgeschöpft" in found[0][1]
    double = [reason for kind, reason in found if "Doppelaufruf" in reason]
    assert double == [], (
        f"{refused.code} was refused centrally (quota), yet its offline call is reported "
        f"as a double call: {double}"
    )
    assert all(refused.code in reason for _kind, reason in found), found
