"""What a counter or reception PC does centrally: upload operations, download its
office's changes, lease ticket number blocks, call the next walk-in."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

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
from desk.services.walkin import TicketInfo
from desk.sync.central import PendingOp
from desk.sync.codec import encode_row
from desk.sync.faults import service_crash_point
from desk.sync.link import DirectLink
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
) -> Response:
    """Rows of the device's office only; users without password hashes (JSON: snapshot,
    full, reference, activity, holds, deleted)."""

    def read() -> bytes:
        batch = batch_to_json(_link(state, who).pull(cursor, now))
        return json.dumps(batch, ensure_ascii=False, separators=(",", ":")).encode()

    if cursor is None or state.batches is None:  # a first copy is read for its own day
        return Response(read(), media_type="application/json")
    data = state.batches.get(who.device.office_id, cursor, read)
    return Response(data, media_type="application/json")


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
    """The office's next ticket, within the walk-in hour and the day's quota."""
    from desk.services.walkin import issue_ticket, parse_reason

    ticket = issue_ticket(state.central, who.device.office_id, parse_reason(body.reason), now)
    return ticket_body(ticket)


@router.post("/walkin/call-next", response_model=TicketResponse, summary="call the next walk-in")
def call_next(body: CallNextRequest, state: State, who: Replica, now: Now) -> TicketResponse:
    """Claimed centrally: exactly once across all counters of the office."""
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
