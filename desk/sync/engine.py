"""The sync engine: upload the outbox in order, then download central changes.

One ``sync_once`` is safe to interrupt anywhere: an operation leaves the outbox
only after the central database acknowledged it (and a retry is answered from
``applied_op``); the download cursor moves in the same local transaction as the
rows it brings.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desk.domain.errors import DatabaseUnavailable, RequestRefused
from desk.services.database import DeskDatabase
from desk.services.walkin import tickets as walkin
from desk.services.walkin.tickets import TicketInfo
from desk.store import leases, outbox
from desk.store.models import Office, OutboxOp, SyncConflict, SyncState
from desk.store.uow import UnitOfWork
from desk.sync import horizon
from desk.sync.central import REJECTED, OpResult, PendingOp
from desk.sync.faults import crash_point
from desk.sync.link import CentralLink, DirectLink
from desk.sync.operations import OPERATIONS
from desk.sync.pull import CURSOR_KEY, apply_changes
from desk.sync.rows import upsert
from desk.sync.wire import decode_tables

log = logging.getLogger(__name__)

BATCH = 50


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows: connected, offline since, waiting, last sync, conflicts."""

    connected: bool
    offline_since: datetime | None
    waiting: int
    last_sync: datetime | None
    conflicts: int


@dataclass(frozen=True)
class SyncReport:
    """What one round did."""

    pushed: int
    rejected: int
    pulled: int
    status: SyncStatus


class SyncEngine:
    """Keeps one local replica in step with the central side (the central service; in
    process, a central database through a ``DirectLink``)."""

    def __init__(self, local: DeskDatabase, central: DeskDatabase | CentralLink) -> None:
        if isinstance(central, DeskDatabase):
            if central.is_sqlite:
                raise RequestRefused("Die zentrale Datenbank muss PostgreSQL sein")
            central = DirectLink(central)
        self.local = local
        self.link = central

    # ----------------------------------------------------------------- round
    def sync_once(self, now: datetime, *, woken: bool = False) -> SyncReport:
        """Push every waiting operation, then pull; raises DatabaseUnavailable when offline.

        ``woken``: the round answers a push from the central side. Only then may the pull
        take an answer the service shares among the office's PCs (or the one the push
        carried): it was read after the change that woke us. A round of its own (timer,
        start, the clerk's button) reads afresh, since a shared answer may be older than a
        commit whose notification is still on its way."""
        try:
            self._ensure_replica(now)
            pushed = rejected = 0
            while True:
                done, lost = self._push_batch(now)
                pushed, rejected = pushed + done, rejected + lost
                if done == 0:
                    break
            # after an upload the answer must be read afresh too: a shared or carried one
            # may be from before it and would show the uploaded rows as they were
            pulled = self._pull(now, fresh=not woken or pushed + rejected > 0)
            self._ensure_leases(now)
            if horizon.prune_due(self._get("last_prune"), now):
                pruned = self.link.prune(now)
                self._set("last_prune", now.isoformat())
                if pruned:
                    log.info("change log pruned: %d rows", pruned)
        except DatabaseUnavailable:
            self._mark_offline(now)
            raise
        self._set("offline_since", None)
        self._set("last_sync", now.isoformat())
        return SyncReport(pushed, rejected, pulled, self.status(connected=True))

    def _ensure_replica(self, now: datetime) -> None:
        with UnitOfWork(self.local.engine, write=True) as uow:
            replica = outbox.is_replica(uow.session)
            if not replica and uow.session.scalar(select(Office.id).limit(1)) is not None:
                raise RequestRefused(  # nothing written: the standalone database stays as is
                    "Die lokale Datenbank enthält bereits Daten (Einzelplatz); "
                    "für den Abgleich eine neue, leere Datenbank anlegen"
                )
            client = self.link.client_id()
            if client is not None:  # number blocks are leased to the enrolled device
                uow.session.merge(SyncState(key=leases.CLIENT_KEY, value=str(client)))
                uow.commit()
        if not replica:
            self._pull(now, initial=True)

    # -------------------------------------------------------------- walk-in
    def call_next(
        self,
        office_id: str,
        counter_number: int,
        now: datetime,
        *,
        user_id: uuid.UUID | None = None,
    ) -> TicketInfo:
        """Call the next ticket: claimed centrally (exactly once across all counters) while
        online, then pulled here; offline from this PC's own tickets, reconciled later.
        The audit row is written with the call (centrally, or when the offline call is
        applied there)."""
        try:
            ticket = self.link.call_next(office_id, counter_number, now, user_id)
        except DatabaseUnavailable:
            self._mark_offline(now)
            return walkin.call_next(self.local, office_id, counter_number, now, user_id=user_id)
        try:
            self._pull(now, fresh=True)  # the call changed the central state
        except DatabaseUnavailable:
            self._mark_offline(now)
        return ticket

    # ------------------------------------------------------------------ push
    def _push_batch(self, now: datetime) -> tuple[int, int]:
        with UnitOfWork(self.local.engine) as uow:
            ops = [
                (
                    o.seq,
                    o.entity_id,
                    o.office_id,
                    PendingOp(o.op_id, o.kind, json.loads(o.payload), o.created_at),
                )
                for o in outbox.pending(uow.session, BATCH)
            ]
        if not ops:
            return 0, 0
        results = self.link.push([op for *_, op in ops], now)
        crash_point("after_central_commit")  # the acknowledgement is lost
        rejected = 0
        with UnitOfWork(self.local.engine, write=True) as uow:
            for (_seq, entity_id, office_id, op), result in zip(ops, results, strict=True):
                if result.outcome == REJECTED:
                    rejected += 1
                    self._settle_rejection(uow.session, entity_id, office_id, op, result, now)
            crash_point("before_outbox_delete")
            uow.session.execute(delete(OutboxOp).where(OutboxOp.seq.in_([o[0] for o in ops])))
            for result in results:  # the central state of what a refusal touched
                for name, rows in decode_tables(result.rows).items():
                    upsert(uow.session, name, rows, keep=name == "slot_hold")
            uow.commit()
        return len(ops), rejected

    def _settle_rejection(
        self,
        session: Session,
        entity_id: uuid.UUID,
        office_id: str,
        op: PendingOp,
        result: OpResult,
        now: datetime,
    ) -> None:
        """Record the conflict for the clerk (the citizen's data is in the arguments) and
        withdraw the local effect so the central state can show."""
        definition = OPERATIONS.get(op.kind)
        if definition is not None and definition.follows_refused(session, entity_id):
            log.info("operation %s (%s) follows a refused one", op.op_id, op.kind)
            return
        session.add(
            SyncConflict(
                op_id=op.op_id,
                kind=op.kind,
                office_id=office_id,
                entity_id=entity_id,
                payload=json.dumps(op.args, ensure_ascii=False),
                reason=json.dumps(result.detail, ensure_ascii=False),
                created_at=now,
            )
        )
        if definition is not None:
            definition.withdraw(session, entity_id, op.args)
        log.warning(
            "operation %s (%s) refused centrally: %s",
            op.op_id,
            op.kind,
            result.detail.get("reason"),
        )

    # --------------------------------------------------------------- leases
    def _ensure_leases(self, now: datetime) -> None:
        """Hold a ticket number block for today and tomorrow at each walk-in office."""
        days = [now.date(), now.date() + timedelta(days=1)]
        with UnitOfWork(self.local.engine, write=True) as uow:
            client = leases.client_id(uow.session)
            offices = [
                o.id
                for o in uow.session.scalars(select(Office))
                if o.walk_in_quota is not None or o.kind == "walk_in_only"
            ]
            missing = [
                d for d in days for o in offices if leases.own_lease(uow.session, o, d) is None
            ]
            uow.commit()
        if not missing:
            return
        got = self.link.lease(client, sorted(set(missing)), now)
        with UnitOfWork(self.local.engine, write=True) as uow:
            upsert(uow.session, "ticket_lease", got)
            uow.commit()

    # ------------------------------------------------------------------ pull
    def _pull(self, now: datetime, initial: bool = False, fresh: bool = False) -> int:
        cursor = None if initial else self._get(CURSOR_KEY)
        batch = self.link.pull(cursor, now, fresh=fresh)
        if batch.full and not initial:
            log.warning("cursor older than the pruned change log: reading everything again")
        with UnitOfWork(self.local.engine, write=True) as uow:
            applied = apply_changes(uow.session, batch, now)
            crash_point("mid_download")  # rows applied, cursor moved, nothing committed
            if initial:
                uow.session.merge(SyncState(key=outbox.ROLE_KEY, value=outbox.REPLICA))
                uow.session.merge(SyncState(key="central", value=self.link.display_url))
            uow.commit()
        crash_point("after_download")
        return applied

    # ---------------------------------------------------------------- status
    @staticmethod
    def offline_status(local: DeskDatabase, now: datetime) -> SyncStatus:
        """The status of a replica whose central side was never reached this run."""
        with UnitOfWork(local.engine) as uow:
            waiting = uow.session.scalar(select(func.count()).select_from(OutboxOp)) or 0
            offline = uow.session.get(SyncState, "offline_since")
            last = uow.session.get(SyncState, "last_sync")
            since = datetime.fromisoformat(offline.value) if offline else now
            last_sync = datetime.fromisoformat(last.value) if last else None
        return SyncStatus(False, since, waiting, last_sync, 0)

    def status(self, connected: bool | None = None) -> SyncStatus:
        """The current sync state from the local database."""
        with UnitOfWork(self.local.engine) as uow:
            waiting = uow.session.scalar(select(func.count()).select_from(OutboxOp)) or 0
            conflicts = (
                uow.session.scalar(
                    select(func.count())
                    .select_from(SyncConflict)
                    .where(SyncConflict.resolved_at.is_(None))
                )
                or 0
            )
        offline = self._get("offline_since")
        last = self._get("last_sync")
        return SyncStatus(
            connected=connected if connected is not None else offline is None,
            offline_since=datetime.fromisoformat(offline) if offline else None,
            waiting=waiting,
            last_sync=datetime.fromisoformat(last) if last else None,
            conflicts=conflicts,
        )

    def _mark_offline(self, now: datetime) -> None:
        if self._get("offline_since") is None:
            self._set("offline_since", now.isoformat())

    def _get(self, key: str) -> str | None:
        with UnitOfWork(self.local.engine) as uow:
            row = uow.session.get(SyncState, key)
            return row.value if row else None

    def _set(self, key: str, value: str | None) -> None:
        with UnitOfWork(self.local.engine, write=True) as uow:
            row = uow.session.get(SyncState, key)
            if value is None:
                if row is not None:
                    uow.session.delete(row)
            else:
                uow.session.merge(SyncState(key=key, value=value))
            uow.commit()
