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
from typing import Any

import psycopg
from sqlalchemy import delete, func, select
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from desk.domain.errors import DatabaseUnavailable, RequestRefused
from desk.domain.status import AppointmentStatus, OfficeKind
from desk.services import walkin
from desk.services.database import DeskDatabase, reason_of
from desk.services.walkin import TicketInfo
from desk.store.models import (
    Appointment,
    Call,
    Office,
    OutboxOp,
    SlotHold,
    SyncConflict,
    SyncState,
    Ticket,
)
from desk.store.uow import UnitOfWork
from desk.sync import horizon, leases, outbox
from desk.sync.central import REJECTED, OpResult, apply_op
from desk.sync.codec import decode_row
from desk.sync.faults import crash_point
from desk.sync.pull import CURSOR_KEY, apply_changes, fetch_changes
from desk.sync.rows import as_dict, read_by_ids, read_holds_at, table, upsert

log = logging.getLogger(__name__)

BATCH = 50
INITIAL_DAYS_BACK = 7


def central_failure(err: DBAPIError) -> bool:
    """Whether a database error means the central PostgreSQL is out of reach
    (a local SQLite error is a fault to report, not an outage)."""
    return isinstance(err.orig, psycopg.Error)


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
    """Keeps one local replica in step with the central database."""

    def __init__(self, local: DeskDatabase, central: DeskDatabase) -> None:
        if central.is_sqlite:
            raise RequestRefused("Die zentrale Datenbank muss PostgreSQL sein")
        self.local = local
        self.central = central

    # ----------------------------------------------------------------- round
    def sync_once(self, now: datetime) -> SyncReport:
        """Push every waiting operation, then pull; raises DatabaseUnavailable when offline."""
        try:
            self._ensure_replica(now)
            pushed = rejected = 0
            while True:
                done, lost = self._push_batch(now)
                pushed, rejected = pushed + done, rejected + lost
                if done == 0:
                    break
            pulled = self._pull(now)
            self._ensure_leases(now)
            if horizon.prune_due(self._get("last_prune"), now):
                pruned = horizon.prune_change_log(self.central.engine, now)
                self._set("last_prune", now.isoformat())
                log.info("change log pruned: %d rows older than %d days", pruned, horizon.KEEP_DAYS)
        except (OperationalError, InterfaceError) as err:
            if not central_failure(err):
                raise
            self._mark_offline(now)
            raise DatabaseUnavailable(
                f"Zentrale Datenbank {self.central.display_url} nicht erreichbar: {reason_of(err)}"
            ) from None
        self._set("offline_since", None)
        self._set("last_sync", now.isoformat())
        return SyncReport(pushed, rejected, pulled, self.status(connected=True))

    def _ensure_replica(self, now: datetime) -> None:
        with UnitOfWork(self.local.engine) as uow:
            if outbox.is_replica(uow.session):
                return
            if uow.session.scalar(select(Office.id).limit(1)) is not None:
                raise RequestRefused(
                    "Die lokale Datenbank enthält bereits Daten (Einzelplatz); "
                    "für den Abgleich eine neue, leere Datenbank anlegen"
                )
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
        The audit row is written with the call (centrally, or locally and queued)."""
        try:
            ticket = walkin.call_next(self.central, office_id, counter_number, now, user_id=user_id)
        except DatabaseUnavailable:
            return walkin.call_next(self.local, office_id, counter_number, now, user_id=user_id)
        except (OperationalError, InterfaceError) as err:
            if not central_failure(err):
                raise
            self._mark_offline(now)
            return walkin.call_next(self.local, office_id, counter_number, now, user_id=user_id)
        try:
            self._pull(now)
        except (OperationalError, InterfaceError) as err:
            if not central_failure(err):
                raise
            self._mark_offline(now)
        return ticket

    # ------------------------------------------------------------------ push
    def _push_batch(self, now: datetime) -> tuple[int, int]:
        with UnitOfWork(self.local.engine) as uow:
            ops = [
                (o.seq, o.op_id, o.kind, json.loads(o.payload))
                for o in outbox.pending(uow.session, BATCH)
            ]
        if not ops:
            return 0, 0
        results: list[OpResult] = []
        with UnitOfWork(self.central.engine) as uow:
            for _seq, op_id, kind, payload in ops:
                results.append(apply_op(uow.session, op_id, kind, payload))
            uow.commit()
        crash_point("after_central_commit")  # the acknowledgement is lost
        rejected = [(op, r) for op, r in zip(ops, results, strict=True) if r.outcome == REJECTED]
        with UnitOfWork(self.local.engine, write=True) as uow:
            for (_seq, op_id, kind, payload), result in rejected:
                self._settle_rejection(uow.session, op_id, kind, payload, result, now)
            crash_point("before_outbox_delete")
            uow.session.execute(delete(OutboxOp).where(OutboxOp.seq.in_([o[0] for o in ops])))
            uow.commit()
        if rejected:
            self._refresh_slots([payload for (_s, _i, _k, payload), _r in rejected])
            tickets = [
                uuid.UUID(p["ticket_id"])
                for (_s, _i, k, p), _r in rejected
                if k == outbox.TICKET_CALL
            ]
            self._refresh_rows("ticket", tickets)
        return len(ops), len(rejected)

    def _settle_rejection(
        self,
        session: Session,
        op_id: uuid.UUID,
        kind: str,
        payload: dict[str, Any],
        result: OpResult,
        now: datetime,
    ) -> None:
        """Record the conflict for the clerk (the citizen's data is in the payload) and
        withdraw the local effect so the central state can show."""
        subject = payload.get("appointment") or payload.get("ticket") or payload.get("call") or {}
        office = subject.get("office_id", "")
        detail = {**result.detail}
        if kind == outbox.STATUS and self._booking_refused(session, payload["appointment_id"]):
            # its booking is already a conflict for the clerk: one case, not two
            log.info("operation %s (%s) follows a refused booking", op_id, kind)
            return
        session.add(
            SyncConflict(
                op_id=op_id,
                kind=kind,
                office_id=office or "",
                payload=json.dumps(payload, ensure_ascii=False),
                reason=json.dumps(detail, ensure_ascii=False),
                created_at=now,
            )
        )
        if kind == outbox.TICKET_ISSUE:  # central never had it: the conflict keeps it
            ticket_id = uuid.UUID(payload["ticket"]["id"])
            session.execute(delete(Call).where(Call.ticket_id == ticket_id))
            session.execute(delete(Ticket).where(Ticket.id == ticket_id))
        if kind == outbox.BOOK:
            appointment_id = uuid.UUID(payload["appointment"]["id"])
            session.execute(delete(SlotHold).where(SlotHold.appointment_id == appointment_id))
            found = session.get(Appointment, appointment_id)
            if found is not None:
                found.status = AppointmentStatus.CANCELLED
                found.notes = ((found.notes or "") + " [Konflikt beim Abgleich]").strip()
        log.warning("operation %s (%s) refused centrally: %s", op_id, kind, detail.get("reason"))

    @staticmethod
    def _booking_refused(session: Session, appointment_id: str) -> bool:
        """Whether the booking of an appointment was refused (a BOOK conflict exists)."""
        found = session.scalar(
            select(SyncConflict.op_id)
            .where(
                SyncConflict.kind == outbox.BOOK,
                SyncConflict.payload.contains(f'"id": "{appointment_id}"'),
            )
            .limit(1)
        )
        return found is not None

    def _refresh_slots(self, payloads: list[dict[str, Any]]) -> None:
        """Bring the central holders of slots a refused booking wanted."""
        slots = [
            (
                decode_row(table("slot_hold"), h)["counter_id"],
                decode_row(table("slot_hold"), h)["slot_start"],
            )
            for p in payloads
            for h in p.get("holds", [])
        ]
        with UnitOfWork(self.central.engine) as uow:
            holds = read_holds_at(uow.session, slots)
            appointments = read_by_ids(
                uow.session, "appointment", list({h["appointment_id"] for h in holds})
            )
        with UnitOfWork(self.local.engine, write=True) as uow:
            upsert(uow.session, "appointment", appointments)
            upsert(uow.session, "slot_hold", holds, keep=True)
            uow.commit()

    def _refresh_rows(self, name: str, ids: list[uuid.UUID]) -> None:
        """Bring the central state of rows a refused operation changed locally."""
        if not ids:
            return
        with UnitOfWork(self.central.engine) as uow:
            rows = read_by_ids(uow.session, name, ids)
        with UnitOfWork(self.local.engine, write=True) as uow:
            upsert(uow.session, name, rows)
            uow.commit()

    # --------------------------------------------------------------- leases
    def _ensure_leases(self, now: datetime) -> None:
        """Hold a ticket number block for today and tomorrow at each walk-in office."""
        days = [now.date(), now.date() + timedelta(days=1)]
        with UnitOfWork(self.local.engine, write=True) as uow:
            client = leases.client_id(uow.session)
            offices = [
                o.id
                for o in uow.session.scalars(select(Office))
                if o.walk_in_quota is not None or o.kind == OfficeKind.WALK_IN_ONLY
            ]
            missing = [
                (o, d) for o in offices for d in days if leases.own_lease(uow.session, o, d) is None
            ]
            uow.commit()
        if not missing:
            return
        with UnitOfWork(self.central.engine) as uow:
            got = []
            for office_id, day in missing:
                uow.session.get(Office, office_id, with_for_update=True)
                got.append(as_dict(leases.lease_block(uow.session, office_id, day, client, now)))
            uow.commit()
        with UnitOfWork(self.local.engine, write=True) as uow:
            upsert(uow.session, "ticket_lease", got)
            uow.commit()

    # ------------------------------------------------------------------ pull
    def _pull(self, now: datetime, initial: bool = False) -> int:
        cursor = None if initial else self._get(CURSOR_KEY)
        since = now.date() - timedelta(days=INITIAL_DAYS_BACK)
        batch = fetch_changes(self.central.engine, cursor, since)
        if batch.full and not initial:
            log.warning("cursor older than the pruned change log: reading everything again")
        with UnitOfWork(self.local.engine, write=True) as uow:
            applied = apply_changes(uow.session, batch, now)
            crash_point("mid_download")  # rows applied, cursor moved, nothing committed
            if initial:
                uow.session.merge(SyncState(key=outbox.ROLE_KEY, value=outbox.REPLICA))
                uow.session.merge(SyncState(key="central", value=self.central.display_url))
            uow.commit()
        crash_point("after_download")
        return applied

    # ---------------------------------------------------------------- status
    @staticmethod
    def offline_status(local: DeskDatabase, now: datetime) -> SyncStatus:
        """The status of a replica whose central database was never reached this run."""
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
