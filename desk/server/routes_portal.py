"""The online portal (a device of kind portal) and the call display (kind display)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from desk.domain.status import Channel, DeviceKind
from desk.server.auth import Authorised, Now, State, device_of
from desk.server.models import (
    BookingResponse,
    DisplayCallBody,
    DisplayResponse,
    DisplayWaitBody,
    FristBody,
    PortalBookRequest,
    SlotBody,
)
from desk.services.appointments import booking
from desk.services.appointments.booking import Booking
from desk.services.walkin.display import display_board

router = APIRouter(prefix="/v1", tags=["portal and display"])

Portal = Annotated[Authorised, Depends(device_of(DeviceKind.PORTAL))]
Display = Annotated[Authorised, Depends(device_of(DeviceKind.DISPLAY))]


@router.get("/portal/slots", response_model=list[SlotBody], summary="starts the portal may offer")
def slots(
    state: State, who: Portal, now: Now, service: Annotated[str, Query(max_length=40)]
) -> list[SlotBody]:
    """Within the office's booking window, one per start (the earliest counter)."""
    offers = booking.offered_slots(state.central, who.device.office_id, service, now)
    return [
        SlotBody(start=o.start, end=o.end, counter=o.counter_number, fee_cents=o.fee_cents)
        for o in offers
    ]


@router.post("/portal/bookings", response_model=BookingResponse, summary="book online")
def book(body: PortalBookRequest, state: State, who: Portal, now: Now) -> BookingResponse:
    """As the portal, within its window; the slot's holds decide who gets it."""
    made = booking.book(
        state.central,
        who.device.office_id,
        body.service,
        body.start,
        body.name,
        now,
        channel=Channel.PORTAL,
        phone=body.phone,
        email=body.email,
        move_in=body.move_in,
    )
    return _booking(made, name=True)


@router.delete(
    "/portal/bookings/{code}", response_model=BookingResponse, summary="cancel an online booking"
)
def cancel(code: str, state: State, who: Portal, now: Now) -> BookingResponse:
    """By booking code, only of this office, only before it starts."""
    return _booking(booking.cancel(state.central, code, now, office_id=who.device.office_id))


def _booking(made: Booking, *, name: bool = False) -> BookingResponse:
    frist = made.frist
    return BookingResponse(
        code=made.code,
        office_id=made.office_id,
        service_id=made.service_id,
        start=made.start,
        end=made.end,
        counter=made.counter_number,
        status=made.status,
        channel=made.channel,
        fee_cents=made.fee_cents,
        name=made.citizen_name if name else None,
        frist=None
        if frist is None
        else FristBody(
            deadline=frist.deadline, within=frist.within, earliest_within=frist.earliest_within
        ),
    )


@router.get("/display", response_model=DisplayResponse, summary="what the call display shows")
def display(
    state: State, who: Display, now: Now, limit: Annotated[int, Query(ge=1, le=20)] = 6
) -> DisplayResponse:
    """Numbers, counters and times of the newest calls, how many wait and, while a
    ticket can be drawn, its estimated wait: no name. Only the device's own office."""
    board = display_board(state.central, who.device.office_id, now, limit)
    wait = board.next_ticket
    return DisplayResponse(
        office_name=board.office_name,
        calls=[
            DisplayCallBody(code=c.code, counter=c.counter, called_at=c.called_at)
            for c in board.calls
        ],
        waiting=board.waiting,
        next_ticket=None
        if wait is None
        else DisplayWaitBody(low=wait.low, high=wait.high, expected=wait.expected),
    )
