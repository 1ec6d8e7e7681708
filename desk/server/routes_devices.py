"""Enrolling a PC and signing users in on it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Header

from desk.domain.errors import NotAuthenticated
from desk.server.auth import CurrentDevice, State, unauthorized
from desk.server.models import (
    DeviceResponse,
    EnrollRequest,
    EnrollResponse,
    SessionResponse,
    SignInRequest,
    UserResponse,
)
from desk.services.admin.devices import enroll_device
from desk.services.admin.sessions import close_session, open_session

router = APIRouter(prefix="/v1", tags=["devices"])


@router.post("/enroll", response_model=EnrollResponse, summary="exchange a one-time code")
def enroll(body: EnrollRequest, state: State) -> EnrollResponse:
    """The device credential for a valid, unused, unexpired code (shown once)."""
    try:
        device, token = enroll_device(state.central, body.code, datetime.now(UTC))
    except NotAuthenticated as err:
        raise unauthorized(str(err)) from None
    return EnrollResponse(
        device_id=str(device.id),
        token=token,
        office_id=device.office_id,
        kind=device.kind,
        counter=device.counter_number,
    )


@router.get("/device", response_model=DeviceResponse, summary="what the calling device is")
def whoami(device: CurrentDevice) -> DeviceResponse:
    """The device's office, kind and counter."""
    return DeviceResponse(
        device_id=str(device.id),
        office_id=device.office_id,
        kind=device.kind,
        counter=device.counter_number,
    )


@router.post("/sessions", response_model=SessionResponse, summary="sign a user in")
def sign_in(body: SignInRequest, state: State, device: CurrentDevice) -> SessionResponse:
    """The password is checked here; the hash never leaves the server."""
    try:
        made = open_session(state.central, device, body.username, body.password, datetime.now(UTC))
    except NotAuthenticated as err:
        raise unauthorized(str(err)) from None
    user = made.user
    return SessionResponse(
        token=made.token,
        expires_at=made.expires_at,
        user=UserResponse(
            id=str(user.id),
            username=user.username,
            display_name=user.display_name,
            role=user.role,
            office_id=user.office_id,
        ),
    )


@router.delete("/sessions/current", status_code=204, summary="sign out")
def sign_out(
    state: State,
    device: CurrentDevice,
    token: Annotated[str | None, Header(alias="X-Buergerdesk-Session")] = None,
) -> None:
    """Ends the session at once (idempotent)."""
    if token:
        close_session(state.central, device, token, datetime.now(UTC))
