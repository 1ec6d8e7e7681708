"""What the central service prunes each night, and how long each kind of row is kept.

Every horizon is long enough that no guarantee of DESIGN.md §4 depends on a pruned
row; the comments at the constants say why. Business data (appointments, tickets,
calls, the audit log) is not pruned here: retention anonymises it, statistics keep
it, and the audit log is never shortened by the service (its role cannot).

Sync conflicts are a counter's local rows (the central ``sync_conflict`` table stays
empty); a conflict is kept until the clerk resolves it (§4.4) and retention scrubs
its personal data, so nothing of it is pruned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Delete, Engine, Interval, delete, exists, literal
from sqlalchemy.orm import Session, aliased

from desk.domain.localtime import BERLIN
from desk.store.models import AppliedOp, TicketLease, UserSession
from desk.sync.horizon import KEEP_DAYS as CHANGE_LOG_KEEP_DAYS
from desk.sync.horizon import prune_change_log

#: Applied operations answer a retried operation with its first answer (§4.1). A PC
#: retries what it sent without an answer at its next contact; later it can only send
#: an old operation again after being offline since or restored from a backup (kept
#: a week). Ninety days is far beyond both; and each device's newest answers (see
#: LAST_BATCH) are kept however old, so a PC that lost the answer to its last upload
#: and was switched off for longer still gets the first answer, never a second effect.
APPLIED_OP_KEEP = timedelta(days=90)
#: Per device, the answers within this span before its newest one are never pruned.
LAST_BATCH = timedelta(days=1)
#: Ticket number blocks are leased for today and tomorrow, and an offline ticket is
#: checked against the block of the server's day (§4.5): an earlier day's block is
#: never read again. A week is kept to explain a day's numbers afterwards.
TICKET_LEASE_KEEP_DAYS = 7
#: Sessions live ten hours. An offline action names its user, who must have signed in
#: on that device before (desk/sync/central.py ``acting_user``): the newest session of
#: each user and device is kept however old, older ones go this long after expiring.
SESSION_KEEP = timedelta(days=30)
#: The change log (desk/sync/horizon.py): a counter offline for longer reads
#: everything again, as it did before pruning existed (§4.3: nothing is skipped).
__all__ = ["CHANGE_LOG_KEEP_DAYS", "PruneReport", "prune_central"]


@dataclass(frozen=True)
class PruneReport:
    """How many rows one night's pruning deleted, per table."""

    applied_ops: int
    ticket_leases: int
    sessions: int
    change_log: int


def prune_central(central: Engine, now: datetime) -> PruneReport:
    """Delete what lies beyond each horizon (idempotent; several instances may run it)."""
    with Session(central) as session, session.begin():
        applied = _prune_applied_ops(session, now)
        leases = _prune_ticket_leases(session, now)
        sessions = _prune_sessions(session, now)
    return PruneReport(applied, leases, sessions, prune_change_log(central, now))


def _prune_applied_ops(session: Session, now: datetime) -> int:
    newer = aliased(AppliedOp)
    newest_batch = exists().where(
        newer.device_id == AppliedOp.device_id,
        newer.applied_at > AppliedOp.applied_at + literal(LAST_BATCH, Interval()),
    )
    old = AppliedOp.applied_at < now - APPLIED_OP_KEEP
    return _deleted(
        session, delete(AppliedOp).where(old, AppliedOp.device_id.is_(None) | newest_batch)
    )


def _prune_ticket_leases(session: Session, now: datetime) -> int:
    first_kept = now.astimezone(BERLIN).date() - timedelta(days=TICKET_LEASE_KEEP_DAYS)
    return _deleted(session, delete(TicketLease).where(TicketLease.service_day < first_kept))


def _prune_sessions(session: Session, now: datetime) -> int:
    later = aliased(UserSession)
    has_newer = exists().where(
        later.user_id == UserSession.user_id,
        later.device_id == UserSession.device_id,
        later.created_at > UserSession.created_at,
    )
    expired = UserSession.expires_at < now - SESSION_KEEP
    return _deleted(session, delete(UserSession).where(expired, has_newer))


def _deleted(session: Session, statement: Delete) -> int:
    """Run a bulk DELETE (no ORM bookkeeping); how many rows went."""
    result = session.execute(statement, execution_options={"synchronize_session": False})
    return int(getattr(result, "rowcount", 0))
