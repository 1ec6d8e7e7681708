"""What a counter or reception PC does centrally: upload operations, download its
office's changes, lease ticket number blocks, call the next walk-in."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response

from desk.domain.errors import RequestRefused
from desk.domain.status import DeviceKind
from desk.server.auth import Authorised, Now, State, device_of
from desk.server.models import (
    CallNextRequest,
    IssueRequest,
    LeaseRequest,
    OpResultBody,
    OpsRequest,
    OpsResponse,
    TicketResponse,
)
from desk.services.walkin.tickets import TicketInfo
from desk.sync.central import PendingOp
from desk.sync.codec import encode_row
from desk.sync.faults import service_crash_point
from desk.sync.link import DirectLink
from desk.sync.operations import Caller
from desk.sync.wire import batch_to_json, result_to_json

router = APIRouter(prefix="/v1", tags=["sync"])

Replica = Annotated[Authorised, Depends(device_of(DeviceKind.COUNTER, DeviceKind.RECEPTION))]


def _link(state: State, who: Authorised) -> DirectLink:
    return DirectLink(state.central, who.caller, training=state.training)


@router.get("/changes", summary="the office's changes since a cursor (a first copy without one)")
def changes(
    state: State,
    who: Replica,
    now: Now,
    cursor: Annotated[str | None, Query(max_length=20000)] = None,
    cache_control: Annotated[str | None, Header()] = None,
) -> Response:
    """Rows of the device's office only; users without password hashes (JSON: snapshot,
    full, reference, activity, holds, deleted). ``Cache-Control: no-cache`` reads
    afresh (a PC asks so right after its own upload)."""
    office = who.device.office_id
    fresh = cache_control is not None and "no-cache" in cache_control
    if cursor is None or state.batches is None or fresh:  # a first copy: for its own day
        return Response(read_changes(state, office, cursor, now), media_type="application/json")
    data = state.batches.get(office, cursor, lambda: read_changes(state, office, cursor, now))
    return Response(data, media_type="application/json")


def read_changes(state: State, office_id: str, cursor: str | None, now: datetime) -> bytes:
    """An office's changes since ``cursor`` as sent (the scope is the office's: a counter's
    and a reception's are the same); notes the snapshot as the office's newest cursor."""
    caller = Caller(office_id=office_id, kind=DeviceKind.COUNTER, counter_number=None)
    batch = DirectLink(state.central, caller, training=state.training).pull(cursor, now)
    if state.batches is not None:
        state.batches.note(office_id, batch.snapshot)
    return json.dumps(batch_to_json(batch), ensure_ascii=False, separators=(",", ":")).encode()


def carrier(state: State) -> Callable[[str], str | None]:
    """What the push hub carries to an office's replicas: the changes since the cursor
    the office's PCs are at (shared with their pulls), as ``{"from": …, "batch": …}``;
    None (a hint) before any PC of the office pulled, or when too large."""

    def carry(office_id: str) -> str | None:
        batches = state.batches
        cursor = batches.newest(office_id) if batches is not None else None
        if batches is None or cursor is None:
            return None
        now = state.now(None)
        data = batches.get(office_id, cursor, lambda: read_changes(state, office_id, cursor, now))
        if len(data) > CARRY_LIMIT:
            return None
        return f'{{"from":{json.dumps(cursor)},"batch":{data.decode()}}}'

    return carry


#: Bytes of changes carried in one event at most (more: the PCs pull).
CARRY_LIMIT = 256 * 1024


@router.post("/ops", response_model=OpsResponse, summary="apply operations exactly once")
def apply_ops(body: OpsRequest, state: State, who: Replica, now: Now) -> OpsResponse:
    """Each operation is checked against the device's office and kind and the user it
    acts for, applied with the server's clock, and answered; a retry gets the first
    answer."""
    ops = []
    for op in body.ops:
        try:
            op_id = uuid.UUID(op.op_id)
        except ValueError:
            raise RequestRefused(f"Ungültige Operations-Id {op.op_id!r}") from None
        ops.append(PendingOp(op_id, op.kind, op.args, op.made_at))
    results = _link(state, who).push(ops, now)
    service_crash_point("after_commit")  # the batch is committed, the answer never leaves
    return OpsResponse(results=[OpResultBody(**result_to_json(r)) for r in results])


@router.post("/leases", summary="ticket number blocks of this device")
def lease(body: LeaseRequest, state: State, who: Replica, now: Now) -> dict[str, object]:
    """Blocks for the given days (at most a week ahead), leased to this device."""
    try:
        days = [date.fromisoformat(d) for d in body.days]
    except ValueError:
        raise RequestRefused("Ungültiges Datum") from None
    today = now.date()
    if any(not 0 <= (d - today).days <= 7 for d in days):
        raise RequestRefused("Nummernblöcke gibt es nur für heute und die nächsten Tage")
    link = _link(state, who)
    rows = link.lease(who.device.id, days, now)
    return {"client_id": str(who.device.id), "leases": [encode_row(r) for r in rows]}


@router.post("/walkin/tickets", response_model=TicketResponse, summary="issue a walk-in ticket")
def issue(body: IssueRequest, state: State, who: Replica, now: Now) -> TicketResponse:
    """The office's next ticket, within the walk-in hour and the day's quota; the same
    ``request_id`` again gets the same ticket (looked up in the device's office only)."""
    from desk.services.walkin.tickets import issue_ticket, parse_reason

    reason = parse_reason(body.reason)
    office = who.device.office_id
    ticket = issue_ticket(state.central, office, reason, now, request_id=body.request_id)
    return ticket_body(ticket)


@router.post("/walkin/call-next", response_model=TicketResponse, summary="call the next walk-in")
def call_next(body: CallNextRequest, state: State, who: Replica, now: Now) -> TicketResponse:
    """The next ticket, claimed centrally: exactly once across all counters of the office.
    Tickets only: a PC decides itself whether an appointment that is due comes first
    (desk.services.walkin.call_next) and asks here only for a ticket."""
    ticket = _link(state, who).call_next(who.device.office_id, body.counter, now, who.user_id)
    return ticket_body(ticket)


def ticket_body(ticket: TicketInfo) -> TicketResponse:
    """A ticket as the service sends it."""
    return TicketResponse(
        id=str(ticket.id),
        office_id=ticket.office_id,
        code=ticket.code,
        number=ticket.number,
        reason=ticket.reason,
        status=ticket.status,
        issued_at=ticket.issued_at,
        counter=ticket.counter_number,
        called_at=ticket.called_at,
        waiting_ahead=ticket.waiting_ahead,
        left_today=ticket.left_today,
    )
