"""Who is calling: every endpoint takes its caller from these dependencies, so none
can forget the check. The device by its credential (``Authorization: Bearer``), the
signed-in user by a session token (``X-Buergerdesk-Session``), the time by the
server's clock (a client's ``X-Buergerdesk-Now`` only in training)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from desk.domain.errors import NotAuthenticated
from desk.server.state import ServiceState
from desk.services.admin.auth import UserInfo
from desk.services.admin.devices import DeviceInfo, authenticate_device
from desk.services.admin.sessions import session_user
from desk.services.database import DeskDatabase
from desk.sync.operations import Caller

bearer = HTTPBearer(auto_error=False, description="the device credential from `enroll`")


# Dependencies without I/O are ``async def``: FastAPI runs a plain ``def`` dependency in
# the thread pool, a hop that costs more than the check itself under load.


async def state_of(request: Request) -> ServiceState:
    """The instance's state (set by ``create_app``)."""
    state: ServiceState = request.app.state.service
    return state


State = Annotated[ServiceState, Depends(state_of)]


async def central(state: State) -> DeskDatabase:
    """The central database."""
    return state.central


async def clock(
    state: State, now: Annotated[str | None, Header(alias="X-Buergerdesk-Now")] = None
) -> datetime:
    """The time this request is stamped with."""
    return state.now(now)


Now = Annotated[datetime, Depends(clock)]


def unauthorized(detail: str) -> HTTPException:
    """401 with the reason (one message for every cause)."""
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def forbidden(detail: str) -> HTTPException:
    """403 with the reason."""
    return HTTPException(status_code=403, detail=detail)


Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
SessionToken = Annotated[str | None, Header(alias="X-Buergerdesk-Session")]


def current_device(state: State, credentials: Credentials) -> DeviceInfo:
    """The enrolled, unrevoked device calling (401 otherwise)."""
    if credentials is None:
        raise unauthorized("Gerät nicht angemeldet oder gesperrt")
    try:
        return authenticate_device(state.central, credentials.credentials, datetime.now(UTC))
    except NotAuthenticated as err:
        raise unauthorized(str(err)) from None


CurrentDevice = Annotated[DeviceInfo, Depends(current_device)]


def optional_user(
    state: State, device: CurrentDevice, token: SessionToken = None
) -> UserInfo | None:
    """The signed-in user of this device, if a session token came (401 if it is bad)."""
    return _session_user(state, device, token)


def _session_user(state: ServiceState, device: DeviceInfo, token: str | None) -> UserInfo | None:
    if not token:
        return None
    try:
        return session_user(state.central, device, token, datetime.now(UTC))
    except NotAuthenticated as err:
        raise unauthorized(str(err)) from None


OptionalUser = Annotated[UserInfo | None, Depends(optional_user)]


@dataclass(frozen=True)
class Authorised:
    """The caller of an endpoint: device, signed-in user (if any), and its scope."""

    device: DeviceInfo
    user: UserInfo | None

    @property
    def caller(self) -> Caller:
        """The scope the sync operations are checked against."""
        return Caller(
            office_id=self.device.office_id,
            kind=self.device.kind,
            counter_number=self.device.counter_number,
            device_id=self.device.id,
            user_id=self.user.id if self.user is not None else None,
        )

    @property
    def user_id(self) -> uuid.UUID | None:
        """The signed-in user's id."""
        return self.user.id if self.user is not None else None


def device_of(*kinds: str) -> Callable[..., Authorised]:
    """A dependency that admits only devices of these kinds (403 for the others): the
    device, then its user's session, then the kind, in one trip to the thread pool."""

    def check(state: State, credentials: Credentials, token: SessionToken = None) -> Authorised:
        device = current_device(state, credentials)
        user = _session_user(state, device, token)
        if device.kind not in kinds:
            raise forbidden(f"Für ein Gerät der Art {device.kind!r} nicht erlaubt")
        return Authorised(device, user)

    return check
