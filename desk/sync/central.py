"""The central side of an upload: apply a counter's operations exactly once.

Each operation's effect and its ``applied_op`` row are written in the same
transaction; a retried operation (after a lost acknowledgement) finds its row
and gets the first result back, changing nothing. The database's constraints
decide who holds a slot: a refused booking is answered with the reason and
alternative starts, never dropped.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from desk.domain.status import AppointmentStatus, TicketStatus
from desk.domain.ticket_steps import TICKET_STATUS_LABELS_DE, TICKET_STEPS, TicketAction
from desk.store.models import AppliedOp, Appointment, Office, SlotHold, Ticket
from desk.sync import outbox
from desk.sync.codec import decode_row, encode_value
from desk.sync.rows import table, upsert

log = logging.getLogger(__name__)

APPLIED = "applied"
REJECTED = "rejected"


@dataclass(frozen=True)
class OpResult:
    """What the central database answered for one operation."""

    op_id: uuid.UUID
    outcome: str
    detail: dict[str, Any]


def apply_op(session: Session, op_id: uuid.UUID, kind: str, payload: dict[str, Any]) -> OpResult:
    """Apply one operation inside the caller's transaction (idempotent by ``op_id``)."""
    done = session.get(AppliedOp, op_id)
    if done is not None:
        return OpResult(op_id, done.outcome, json.loads(done.result))
    savepoint = session.begin_nested()
    try:
        detail = _effect(session, kind, payload)
        savepoint.commit()
        outcome = APPLIED
    except IntegrityError:
        savepoint.rollback()
        detail, outcome = _refusal(session, kind, payload), REJECTED
    except DataError as err:  # a value the central schema cannot hold: refuse, never jam
        savepoint.rollback()
        detail = {"reason": f"Ein Wert passt nicht in die zentrale Datenbank ({err.orig})"}
        outcome = REJECTED
    except _Refused as refused:
        savepoint.rollback()
        detail, outcome = {"reason": str(refused)}, REJECTED
    _append_audit(session, op_id, payload.get(outbox.AUDIT_KEY, []))
    session.add(
        AppliedOp(
            op_id=op_id, kind=kind, outcome=outcome, result=json.dumps(detail, ensure_ascii=False)
        )
    )
    session.flush()
    return OpResult(op_id, outcome, detail)


def _append_audit(session: Session, op_id: uuid.UUID, entries: list[dict[str, Any]]) -> None:
    """Insert the audit rows an operation carries (insert-or-ignore by id: never an
    update); a row the central schema refuses is logged, never a reason to jam the queue."""
    if not entries:
        return
    rows = [decode_row(table("audit_entry"), e) for e in entries]
    savepoint = session.begin_nested()
    try:
        upsert(session, "audit_entry", rows, keep=True)
        savepoint.commit()
    except (IntegrityError, DataError) as err:
        savepoint.rollback()
        log.warning("audit rows of operation %s not kept centrally: %s", op_id, err.orig)


class _Refused(Exception):
    """An operation that cannot apply (e.g. its appointment does not exist)."""


def _effect(session: Session, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    if kind == outbox.BOOK:
        appointment = decode_row(table("appointment"), payload["appointment"])
        session.execute(table("appointment").insert(), [appointment])
        holds = [decode_row(table("slot_hold"), h) for h in payload["holds"]]
        session.execute(table("slot_hold").insert(), holds)
        events = [decode_row(table("appointment_event"), e) for e in payload["events"]]
        if events:
            session.execute(table("appointment_event").insert(), events)
        session.flush()
        return {"appointment": str(appointment["id"])}
    if kind == outbox.STATUS:
        appointment_id = uuid.UUID(payload["appointment_id"])
        found = session.get(Appointment, appointment_id, with_for_update=True)
        if found is None:
            raise _Refused("Den Termin gibt es in der zentralen Datenbank nicht")
        at = datetime.fromisoformat(payload["at"])
        found.status = payload["status"]
        found.updated_at = at
        if payload["status"] == AppointmentStatus.CANCELLED:
            session.execute(delete(SlotHold).where(SlotHold.appointment_id == appointment_id))
        event = decode_row(table("appointment_event"), payload["event"])
        session.execute(table("appointment_event").insert(), [event])
        if "call" in payload:  # a call to a counter, for the waiting-room display
            session.execute(table("call").insert(), [decode_row(table("call"), payload["call"])])
        session.flush()
        return {"appointment": str(appointment_id), "status": payload["status"]}
    if kind == outbox.TICKET_ISSUE:
        ticket = decode_row(table("ticket"), payload["ticket"])
        office = session.get(Office, ticket["office_id"], with_for_update=True)
        issued = (
            session.scalar(
                select(func.count())
                .select_from(Ticket)
                .where(
                    Ticket.office_id == ticket["office_id"],
                    Ticket.service_day == ticket["service_day"],
                )
            )
            or 0
        )
        if (
            office is not None
            and office.walk_in_quota is not None
            and issued >= office.walk_in_quota
        ):
            raise _Refused(
                f"{ticket['code']}: das Tageskontingent von "
                f"{office.walk_in_quota} war zentral bereits ausgeschöpft"
            )
        session.execute(table("ticket").insert(), [ticket])
        session.flush()
        return {"ticket": str(ticket["id"])}
    if kind == outbox.TICKET_CALL:
        ticket_id = uuid.UUID(payload["ticket_id"])
        claimed = session.execute(
            update(Ticket)
            .where(Ticket.id == ticket_id, Ticket.status == TicketStatus.WAITING)
            .values(
                status=TicketStatus.CALLED,
                called_at=datetime.fromisoformat(payload["at"]),
                counter_id=uuid.UUID(payload["counter_id"]),
            )
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            called = session.get(Ticket, ticket_id)
            if called is None:  # its issue was refused (e.g. quota): no double call
                code = payload.get("call", {}).get("display_code", str(ticket_id))
                raise _Refused(f"{code}: Aufruf einer zentral nicht ausgegebenen Wartenummer")
            code = called.code
            raise _Refused(
                f"{code} wurde bereits an einem anderen Schalter aufgerufen (Doppelaufruf)"
            )
        session.execute(table("call").insert(), [decode_row(table("call"), payload["call"])])
        session.flush()
        return {"ticket": str(ticket_id), "status": TicketStatus.CALLED.value}
    if kind == outbox.TICKET_STEP:
        return _ticket_step(session, payload)
    raise _Refused(f"unbekannte Operation {kind!r}")


#: The ticket columns a step at the counter changes.
_STEP_FIELDS = ("status", "called_at", "finished_at", "counter_id", "recall_count")


def _ticket_step(session: Session, payload: dict[str, Any]) -> dict[str, Any]:
    """A counter's step on a called ticket: applied only if the central ticket is still
    in the state the counter saw (status and counter), else refused as a conflict."""
    ticket_id = uuid.UUID(payload["ticket_id"])
    after = decode_row(table("ticket"), payload["ticket"])
    found = session.get(Ticket, ticket_id, with_for_update=True)
    if found is None:
        raise _Refused(f"{after['code']}: Schritt für eine zentral nicht vorhandene Wartenummer")
    expected = payload["expected"]
    seen = str(found.counter_id) if found.counter_id is not None else None
    if found.status != expected["status"] or seen != expected["counter_id"]:
        label = TICKET_STATUS_LABELS_DE.get(found.status, found.status)
        step = TICKET_STEPS[TicketAction(payload["action"])].label
        raise _Refused(
            f"{found.code} ist zentral inzwischen „{label}“ – „{step}“ dieses Platzes "
            "wurde nicht übernommen"
        )
    for name in _STEP_FIELDS:
        setattr(found, name, after[name])
    if "call" in payload:  # a recall, for the waiting-room display
        session.execute(table("call").insert(), [decode_row(table("call"), payload["call"])])
    session.flush()
    return {"ticket": str(ticket_id), "status": found.status}


def _refusal(session: Session, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Why a booking lost, with alternative starts for the clerk."""
    if kind != outbox.BOOK:
        return {"reason": "Die Änderung widerspricht dem Stand der zentralen Datenbank"}
    from desk.services.booking import suggestions_in
    from desk.services.schedule import load_office, load_schedule

    row = decode_row(table("appointment"), payload["appointment"])
    holds = [decode_row(table("slot_hold"), h) for h in payload["holds"]]
    taken = session.scalars(
        select(SlotHold.slot_start).where(
            SlotHold.counter_id == row["counter_id"],
            SlotHold.slot_start.in_([h["slot_start"] for h in holds]),
        )
    ).all()
    schedule = load_schedule(session, load_office(session, row["office_id"]))
    start = row["starts_at"].astimezone(schedule.tz)
    reason = (
        f"Der Termin {start:%d.%m.%Y %H:%M} wurde zentral bereits vergeben"
        if taken
        else "Die Buchung widerspricht dem Stand der zentralen Datenbank"
    )
    alternatives = []
    if row["service_id"] in schedule.services:
        now = datetime.fromisoformat(payload["appointment"]["created_at"])
        free = suggestions_in(session, schedule, row["service_id"], now)
        alternatives = [encode_value(start) for start in sorted({o.start for o in free})[:5]]
    return {"reason": reason, "alternatives": alternatives}
