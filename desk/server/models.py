"""Request and response bodies of the service (they make /openapi.json the contract)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field


class EnrollRequest(BaseModel):
    """The one-time code the admin's ``device add`` printed."""

    code: str = Field(max_length=40)


class EnrollResponse(BaseModel):
    """The device credential (shown once) and what the device is."""

    device_id: str
    token: str
    office_id: str
    kind: str
    counter: int | None


class DeviceResponse(BaseModel):
    """What the calling device is."""

    device_id: str
    office_id: str
    kind: str
    counter: int | None


class SignInRequest(BaseModel):
    """A user's sign-in on a counter or reception PC."""

    username: str = Field(max_length=60)
    password: str = Field(max_length=200)


class UserResponse(BaseModel):
    """A signed-in user: never a password hash."""

    id: str
    username: str
    display_name: str
    role: str
    office_id: str | None


class SessionResponse(BaseModel):
    """A short-lived, revocable session (send it as ``X-Buergerdesk-Session``)."""

    token: str
    expires_at: datetime
    user: UserResponse


class Operation(BaseModel):
    """One intention a counter recorded (``desk/sync/operations/`` lists the kinds)."""

    op_id: str
    kind: str = Field(max_length=40)
    args: dict[str, Any]
    made_at: datetime | None = None


class OpsRequest(BaseModel):
    """Operations in the order they were made (at most 200)."""

    ops: list[Operation] = Field(max_length=200)


class Refusal(BaseModel):
    """A refused request (4xx): the reason in German words, and the same as a stable
    ``code`` with its ``params`` (plain JSON values, dates as ISO text) for a face that
    words it in its own language; ``code`` is null for a reason without one."""

    detail: str
    code: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)


class OpResultBody(BaseModel):
    """The answer for one operation: applied or rejected (with the reason, and the
    central state of the rows a refusal touched)."""

    op_id: str
    outcome: str
    detail: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]


class OpsResponse(BaseModel):
    """One answer per operation, in order."""

    results: list[OpResultBody]


class LeaseRequest(BaseModel):
    """The days a counter wants ticket number blocks for."""

    days: list[str] = Field(max_length=7)


class CallNextRequest(BaseModel):
    """Call the next waiting ticket to a counter."""

    counter: int = Field(ge=1, le=999)


class TicketResponse(BaseModel):
    """A called or issued ticket (no personal data exists)."""

    id: str
    office_id: str
    code: str
    number: int
    reason: str
    status: str
    issued_at: datetime
    counter: int | None
    called_at: datetime | None
    waiting_ahead: int = 0
    left_today: int | None = None


class DisplayCallBody(BaseModel):
    """One call on the display: number, counter, time."""

    code: str
    counter: str
    called_at: datetime


class DisplayWaitBody(BaseModel):
    """The estimated wait of a ticket drawn now, in minutes: ``low``–``high`` as shown."""

    low: int
    high: int
    expected: float


class DisplayResponse(BaseModel):
    """What the waiting-room display shows: no name. ``next_ticket``: the wait of a
    ticket drawn now (null when none can be drawn, e.g. outside the walk-in hour)."""

    office_name: str
    calls: list[DisplayCallBody]
    waiting: int
    next_ticket: DisplayWaitBody | None = None


class SlotBody(BaseModel):
    """A start the portal may offer."""

    start: datetime
    end: datetime
    counter: int
    fee_cents: int | None
    released: bool = False


class PortalBookRequest(BaseModel):
    """A booking from the online portal."""

    service: str = Field(max_length=40)
    start: datetime
    name: str = Field(max_length=300)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    move_in: date | None = None


class FristBody(BaseModel):
    """The Anmeldefrist of a registration booked with its move-in date."""

    deadline: date
    within: bool | None
    earliest_within: datetime | None


class BookingResponse(BaseModel):
    """A made or cancelled booking; the name only to the portal that just sent it."""

    code: str
    office_id: str
    service_id: str
    start: datetime
    end: datetime
    counter: int
    status: str
    channel: str
    fee_cents: int | None
    name: str | None = None
    frist: FristBody | None = None


class IssueRequest(BaseModel):
    """A walk-in ticket at reception (the reason category, no name); ``request_id``
    names the press: sent again (a retry after a timeout), it answers the office's
    ticket of that press instead of issuing another."""

    reason: str | None = Field(default=None, max_length=30)
    request_id: uuid.UUID | None = None
