"""DSGVO retention: anonymise the personal data of appointments past the retention period.

An appointment whose local day lies more than ``days`` days before today (in
its office's time zone) loses the citizen's name (a fixed placeholder), phone,
e-mail, notes and move-in date; its events lose their free-text notes (a
cancellation reason may name people). Everything statistics read stays:
office, counter, service, times, status, channel, booking code, events.
Walk-in tickets carry no personal data.

The same run works on the central PostgreSQL and on a counter's SQLite:

- centrally, the change-log triggers carry the anonymised rows to the replicas
  on their next pull;
- locally the rows are changed in place and no outbox operation is written (so
  nothing is pushed back); waiting operations and sync conflicts that carry the
  old data are scrubbed too, so that what a replica sends later is anonymous.

Batches keep transactions short; rows already anonymous are not selected again,
so a second run changes nothing. On PostgreSQL, rows another run holds are
skipped (``SKIP LOCKED``): several counters may run it at the same time.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import Session

from desk.domain.errors import RequestRefused
from desk.domain.localtime import BERLIN, local_day_bounds
from desk.services.database import DeskDatabase
from desk.store.models import Appointment, AppointmentEvent, Office, OutboxOp, SyncConflict
from desk.store.uow import UnitOfWork

PLACEHOLDER = "– anonymisiert –"
DEFAULT_DAYS = 30
BATCH = 500

#: The appointment columns that hold personal data, and what they become.
PERSONAL: dict[str, Any] = {
    "citizen_name": PLACEHOLDER,
    "phone": None,
    "email": None,
    "notes": None,
    "move_in_date": None,
}


@dataclass(frozen=True)
class RetentionReport:
    """What one run anonymised (all zero when everything was anonymous already)."""

    first_kept_day: date
    appointments: int
    events: int
    outbox_ops: int
    conflicts: int

    @property
    def total(self) -> int:
        """Rows changed in all."""
        return self.appointments + self.events + self.outbox_ops + self.conflicts


def anonymise_expired(
    db: DeskDatabase, now: datetime, days: int = DEFAULT_DAYS, batch: int = BATCH
) -> RetentionReport:
    """Anonymise what lies more than ``days`` local days before ``now`` (kept: the day
    exactly ``days`` days ago and later). Idempotent; returns the counts."""
    if days < 0:
        raise RequestRefused(f"Die Aufbewahrungsfrist muss mindestens 0 Tage sein, nicht {days}")
    # never what is not over by the real clock, whatever ``now`` says (a --now in the
    # future must not anonymise appointments still to come)
    real = datetime.now(UTC)
    cutoffs = _cutoffs(db, now, days)
    appointments = events = 0
    for office_id, cutoff in cutoffs.items():
        appointments += _in_batches(db, batch, _pending_appointments(office_id, cutoff, real))
        events += _in_batches(db, batch, _pending_events(office_id, cutoff, real))
    # the outbox and the conflicts are a replica's (SQLite) tables: the central service's
    # role may not even read them (desk/store/grants.py)
    outbox_ops, conflicts = _scrub_sync_rows(db, cutoffs) if db.is_sqlite else (0, 0)
    first_kept = now.astimezone(BERLIN).date() - timedelta(days=days)
    return RetentionReport(first_kept, appointments, events, outbox_ops, conflicts)


def _cutoffs(db: DeskDatabase, now: datetime, days: int) -> dict[str, datetime]:
    """Per office: the UTC start of the first kept local day (DST-safe: local midnight)."""
    with UnitOfWork(db.engine) as uow:
        offices = list(uow.session.execute(select(Office.id, Office.timezone)))
    cutoffs = {}
    for office_id, zone in offices:
        tz = ZoneInfo(zone or "Europe/Berlin")
        first_kept = now.astimezone(tz).date() - timedelta(days=days)
        cutoffs[office_id] = local_day_bounds(first_kept, tz)[0]
    return cutoffs


def _pending_appointments(office_id: str, cutoff: datetime, over: datetime) -> _Batch:
    still_personal = or_(
        Appointment.citizen_name != PLACEHOLDER,
        *(getattr(Appointment, name).is_not(None) for name in PERSONAL if name != "citizen_name"),
    )
    query = select(Appointment.id).where(
        Appointment.office_id == office_id,
        Appointment.starts_at < cutoff,
        Appointment.ends_at <= over,
        still_personal,
    )

    def change(session: Session, ids: list[uuid.UUID]) -> None:
        session.execute(
            update(Appointment)
            .where(Appointment.id.in_(ids))
            # updated_at is named so that its onupdate stamp does not fire: times stay
            .values(**PERSONAL, updated_at=Appointment.updated_at)
        )

    return _Batch(query, Appointment, change)


def _pending_events(office_id: str, cutoff: datetime, over: datetime) -> _Batch:
    query = (
        select(AppointmentEvent.id)
        .join(Appointment, Appointment.id == AppointmentEvent.appointment_id)
        .where(
            Appointment.office_id == office_id,
            Appointment.starts_at < cutoff,
            Appointment.ends_at <= over,
            AppointmentEvent.note.is_not(None),
        )
    )

    def change(session: Session, ids: list[uuid.UUID]) -> None:
        session.execute(
            update(AppointmentEvent).where(AppointmentEvent.id.in_(ids)).values(note=None)
        )

    return _Batch(query, AppointmentEvent, change)


@dataclass(frozen=True)
class _Batch:
    """Which rows still need anonymising, and how to anonymise a batch of them."""

    query: Select[Any]
    locked: type[Appointment] | type[AppointmentEvent]
    change: Callable[[Session, list[uuid.UUID]], None]


def _in_batches(db: DeskDatabase, size: int, work: _Batch) -> int:
    """Anonymise ``size`` rows per transaction until none is left; returns the count."""
    done = 0
    while True:
        with UnitOfWork(db.engine, write=True) as uow:
            query = work.query.order_by(work.locked.id).limit(size)
            query = query.with_for_update(of=work.locked, skip_locked=True)
            ids: list[uuid.UUID] = list(uow.session.scalars(query))
            if not ids:
                return done
            work.change(uow.session, ids)
            uow.commit()
        done += len(ids)


def _scrub_sync_rows(db: DeskDatabase, cutoffs: dict[str, datetime]) -> tuple[int, int]:
    """Anonymise the citizen data in waiting outbox operations and in sync conflicts of
    expired appointments (a replica's tables; empty on the central database)."""
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        rows: list[OutboxOp | SyncConflict] = [
            *session.scalars(select(OutboxOp)),
            *session.scalars(select(SyncConflict)),
        ]
        wanted = {row.entity_id for row in rows if row.entity_id is not None}
        query = select(Appointment.id, Appointment.starts_at).where(Appointment.id.in_(wanted))
        starts = {row.id: row.starts_at for row in session.execute(query)} if wanted else {}
        changed = {OutboxOp: 0, SyncConflict: 0}
        for row in rows:
            args = json.loads(row.payload)
            if _expired(row.entity_id, args, starts, cutoffs, row.office_id) and _scrub(args):
                row.payload = json.dumps(args, ensure_ascii=False)
                changed[type(row)] += 1
        uow.commit()
    return changed[OutboxOp], changed[SyncConflict]


#: The arguments of an operation that hold personal data, and what they become.
PERSONAL_ARGS: dict[str, Any] = {
    "name": PLACEHOLDER,
    "phone": None,
    "email": None,
    "notes": None,
    "move_in": None,
    "reason": None,
}


def _expired(
    entity_id: uuid.UUID | None,
    args: dict[str, Any],
    starts: dict[uuid.UUID, datetime],
    cutoffs: dict[str, datetime],
    office_id: str,
) -> bool:
    """Whether the appointment an operation is about lies before the office's cutoff
    (a booking refused centrally exists only in its arguments: its start tells)."""
    if entity_id is None or office_id not in cutoffs:
        return False
    start = starts.get(entity_id)
    if start is None and isinstance(args.get("start"), str):
        start = datetime.fromisoformat(args["start"])
    return start is not None and start < cutoffs[office_id]


def _scrub(args: dict[str, Any]) -> bool:
    """Anonymise an operation's arguments in place; whether anything changed."""
    changed = False
    for key, value in PERSONAL_ARGS.items():
        if args.get(key) is not None and args[key] != value:
            args[key] = value
            changed = True
    return changed
