"""Audit rows are the central side's: an action taken at a counter PC offline is audited
when the central side applies it (exactly once, also when the acknowledgement is lost,
with the central clock), and from there reaches every PC; a replica writes none of its
own. A walk-in call claimed centrally writes its audit row there in the same statement;
pulls only ever insert audit rows, also when a replica behind the pruned change log
reads everything again (DESIGN.md §4, §6)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from datetime import time as clock

import psycopg
import pytest
from sqlalchemy import select

from desk.domain.audit import AuditAction
from desk.domain.status import TicketReason
from desk.services.appointments.lifecycle import Action, perform
from desk.services.database import DeskDatabase
from desk.services.walkin import tickets as walkin
from desk.store import outbox
from desk.store.models import AppliedOp, AuditEntry, Office, OutboxOp, SyncConflict, User
from desk.store.uow import UnitOfWork
from desk.sync.central import APPLIED
from desk.sync.pull import CURSOR_KEY, fetch_changes
from desk.sync.rows import as_dict
from tests.sync.conftest import (
    NOW,
    Central,
    Replica,
    apply_ops,
    book_at,
    count,
    pending_ops,
    slot,
)

OFFICE = "bb-audit-sync"
CLERK = uuid.UUID("0b5a3c1e-7d4f-4e2a-9c8b-1a2b3c4d5e6f")


def at(hour: int, minute: int = 0) -> datetime:
    return NOW.replace(hour=hour, minute=minute, second=0, microsecond=0)


@pytest.fixture
def central(central_factory: Callable[..., Central]) -> Central:
    """A central database with a walk-in office and a clerk (reference data for the PCs)."""
    made = central_factory({OFFICE: 2})
    with UnitOfWork(made.db.engine) as uow:
        office = uow.session.get(Office, OFFICE)
        assert office is not None
        office.walk_in_quota = 20
        office.walk_in_from = clock(8)
        office.walk_in_until = clock(9)
        uow.session.add(
            User(
                id=CLERK,
                username="sb.protokoll",
                display_name="Sachbearbeitung Protokoll",
                role="clerk",
                password_hash="x",
                office_id=OFFICE,
            )
        )
        uow.commit()
    return made


@pytest.fixture
def pcs(central: Central, replica_factory: Callable[..., Replica]) -> tuple[Replica, Replica]:
    """PC A (counter 1) and PC B (counter 2), synced before the walk-in hour."""
    a = replica_factory(central, synced=False)
    b = replica_factory(central, synced=False)
    a.engine.sync_once(at(7, 50))
    b.engine.sync_once(at(7, 51))
    return a, b


def audit_rows(db: DeskDatabase) -> dict[uuid.UUID, dict[str, object]]:
    """Every audit row, by id, as column values."""
    with UnitOfWork(db.engine) as uow:
        return {e.id: as_dict(e) for e in uow.session.scalars(select(AuditEntry))}


def offline_work(a: Replica) -> tuple[uuid.UUID, str]:
    """At PC A without the central database: a walk-in call from its own number block and
    a call of an appointment; returns (ticket id, booking code)."""
    issued = walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, 0))
    ticket = walkin.call_next(a.db, OFFICE, 1, at(8, 5), user_id=CLERK)
    assert ticket.id == issued.id
    booked = book_at(a.db, OFFICE, slot(NOW.date() + timedelta(days=1), 9), "Zoë Weiß-Öztürk")
    perform(a.db, booked.id, Action.CALL, at(8, 6), counter_number=1, user_id=CLERK)
    return ticket.id, booked.code


def test_an_offline_call_is_audited_centrally_once_and_reaches_the_other_pc(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, b = pcs
    before = audit_rows(central.db)
    ticket_id, code = offline_work(a)
    assert audit_rows(a.db) == {}  # a replica writes no audit rows of its own
    with UnitOfWork(a.db.engine) as uow:  # each action is one operation, nothing extra
        kinds = [o.kind for o in outbox.pending(uow.session)]
    assert kinds == [outbox.TICKET_ISSUE, outbox.TICKET_CALL, outbox.BOOK, outbox.STATUS]

    report = a.engine.sync_once(at(8, 10))

    assert (report.pushed, report.rejected, report.status.waiting) == (4, 0, 0)
    assert count(a.db, SyncConflict) == 0
    new = {k: v for k, v in audit_rows(central.db).items() if k not in before}
    assert {(e["action"], e["detail"]) for e in new.values()} == {
        (AuditAction.TICKET_CALL, f"Wartenummer {issued_code(a.db, ticket_id)} (offline)"),
        (AuditAction.APPOINTMENT_CALL, f"Termin {code}"),
    }
    # the central side's time: the round's, a microsecond apart per operation
    assert all(at(8, 10) <= e["at"] < at(8, 10) + timedelta(milliseconds=1) for e in new.values())
    assert {e["user_id"] for e in new.values()} == {CLERK}
    assert audit_rows(a.db) == new  # pulled back once
    b.engine.sync_once(at(8, 11))
    assert audit_rows(b.db) == new


def issued_code(db: DeskDatabase, ticket_id: uuid.UUID) -> str:
    from desk.store.models import Ticket

    with UnitOfWork(db.engine) as uow:
        ticket = uow.session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket.code


def test_a_lost_acknowledgement_does_not_duplicate_audit_rows(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, _b = pcs
    offline_work(a)
    ops = pending_ops(a.db)
    before = set(audit_rows(central.db))
    # the central side applies the operations, but A never hears back ...
    results = apply_ops(central.db, ops, at(8, 15))
    assert [r.outcome for r in results] == [APPLIED] * len(ops)
    written = set(audit_rows(central.db)) - before
    assert len(written) == 2
    # ... so A sends them again: answered from applied_op, nothing written twice
    report = a.engine.sync_once(at(8, 20))

    assert (report.pushed, report.rejected, report.status.waiting) == (len(ops), 0, 0)
    assert count(a.db, OutboxOp) == 0
    assert count(central.db, AppliedOp, AppliedOp.op_id.in_([op.op_id for op in ops])) == len(ops)
    assert set(audit_rows(central.db)) - before == written
    apply_ops(central.db, ops, at(8, 25))  # even a third delivery writes nothing
    assert set(audit_rows(central.db)) - before == written
    assert set(audit_rows(a.db)) == written


def test_a_central_walk_in_call_writes_its_audit_row_in_the_claim(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, b = pcs
    issued = walkin.issue_ticket(a.db, OFFICE, TicketReason.LOST_OR_STOLEN, at(8, 0))
    a.engine.sync_once(at(8, 1))

    ticket = a.engine.call_next(OFFICE, 2, at(8, 5), user_id=CLERK)  # claimed centrally

    assert ticket.id == issued.id
    rows = [e for e in audit_rows(central.db).values() if e["entity_id"] == str(ticket.id)]
    assert [
        (e["action"], e["user_id"], e["counter_number"], e["old_value"], e["new_value"])
        for e in rows
    ] == [(AuditAction.TICKET_CALL, CLERK, 2, "waiting", "called")]
    assert rows[0]["detail"] == f"Wartenummer {issued.code}"
    assert rows[0]["at"] == at(8, 5)
    assert audit_rows(a.db)[rows[0]["id"]] == rows[0]  # pulled right after the call
    b.engine.sync_once(at(8, 6))
    assert audit_rows(b.db)[rows[0]["id"]] == rows[0]
    with pytest.raises(Exception, match="Keine wartende"):  # nothing left: no audit row
        a.engine.call_next(OFFICE, 2, at(8, 7), user_id=CLERK)
    assert count(central.db, AuditEntry, AuditEntry.action == AuditAction.TICKET_CALL) == 1


def test_a_replica_behind_the_pruned_log_reads_audit_rows_again_without_updating_them(
    central: Central, pcs: tuple[Replica, Replica]
):
    a, b = pcs
    offline_work(a)
    a.engine.sync_once(at(8, 10))
    b.engine.sync_once(at(8, 11))
    known = audit_rows(b.db)
    assert len(known) == 2
    newer = walkin.issue_ticket(a.db, OFFICE, TicketReason.OTHER, at(8, 30))
    a.engine.sync_once(at(8, 30))
    a.engine.call_next(OFFICE, 1, at(8, 31), user_id=CLERK)  # B does not sync for a month
    with psycopg.connect(central.conninfo, autocommit=True) as conn:  # pruned, as by the job
        conn.execute(
            "WITH gone AS (DELETE FROM change_log RETURNING xid) UPDATE change_log_horizon"
            " SET pruned_below_xid = (SELECT max(xid) + 1 FROM gone)"
        )
    cursor = b.engine._get(CURSOR_KEY)
    assert cursor is not None and fetch_changes(central.db.engine, cursor, NOW.date()).full

    b.engine.sync_once(at(8, 40))  # reads everything again: the known rows are kept as they are

    now_there = audit_rows(b.db)
    assert {k: v for k, v in now_there.items() if k in known} == known
    added = [e for k, e in now_there.items() if k not in known]
    assert [(e["action"], e["detail"]) for e in added] == [
        (AuditAction.TICKET_CALL, f"Wartenummer {newer.code}")
    ]
    assert now_there == audit_rows(central.db)
