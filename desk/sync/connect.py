"""This PC's connection to the central service, from its stored device credential."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx

from desk.device_credential import DeviceCredential, load_credential
from desk.domain.errors import DatabaseUnavailable, RequestRefused
from desk.services.admin.auth import UserInfo
from desk.services.database import DeskDatabase
from desk.sync.carried import CarriedBatches
from desk.sync.remote import NOW_HEADER, EventStream, RemoteLink, answer, check_central_url, client
from desk.sync.sign_in import ServiceSignIn
from desk.sync.team_remote import RemoteTeamDoor

NOT_ENROLLED = (
    "Dieser PC ist beim zentralen Dienst nicht angemeldet: zuerst "
    "'buergerdesk enroll --central https://HOST:PORT --code CODE' ausführen"
)


def enrolled(central: str | None = None) -> DeviceCredential:
    """The stored credential (``central`` given: checked to be a service URL)."""
    if central is not None:
        check_central_url(central)  # a database URL is refused with what to do instead
    cred = load_credential()
    if cred is None:
        raise RequestRefused(NOT_ENROLLED)
    return cred


def remote_link(
    central: str | None = None,
    *,
    training: bool = False,
    session: Callable[[], str | None] = lambda: None,
) -> RemoteLink:
    """A link to the service this PC is enrolled with (``central`` overrides its URL;
    ``training``: send the ``--now`` time, honoured only by a training service)."""
    cred = enrolled(central)
    return RemoteLink(
        central or cred.central,
        cred.token,
        uuid.UUID(cred.device_id),
        ca=cred.ca,
        session=session,
        send_now=training,
    )


class CentralSession:
    """This PC's connection to the service, as the app holds it: the credential (read on
    first use, on a worker thread: the keyring may block), the signed-in user's session,
    the sync link and the push stream."""

    def __init__(self, central: str | None = None, *, training: bool = False) -> None:
        if central is not None:
            check_central_url(central)
        self._central = central
        self._training = training
        self._lock = threading.Lock()
        self._cred: DeviceCredential | None = None
        self._sign_in: ServiceSignIn | None = None
        #: what the push stream carries, for the sync link to apply
        self.carried = CarriedBatches()

    def credential(self) -> DeviceCredential:
        """The stored credential (RequestRefused if this PC is not enrolled)."""
        with self._lock:
            if self._cred is None:
                self._cred = enrolled(self._central)
            return self._cred

    @property
    def url(self) -> str:
        """The service's address."""
        return self._central or self.credential().central

    def sign_in(self, local: DeskDatabase, username: str, password: str) -> UserInfo:
        """Sign in through the service (offline with this PC's verifier)."""
        cred = self.credential()
        with self._lock:
            if self._sign_in is None:
                self._sign_in = ServiceSignIn(local, self.url, cred.token, cred.ca)
            door = self._sign_in
        return door.sign_in(username, password)

    def token(self) -> str | None:
        """The signed-in user's session token, if any."""
        with self._lock:
            door = self._sign_in
        return door.token() if door is not None else None

    def link(self) -> RemoteLink:
        """A new sync link to the service, carrying the session of whoever is signed in."""
        cred = self.credential()
        return RemoteLink(
            self.url,
            cred.token,
            uuid.UUID(cred.device_id),
            ca=cred.ca,
            session=self.token,
            send_now=self._training,
            carried=self.carried,
        )

    def wake_ups(self, wake: Callable[[], None]) -> EventStream:
        """The push stream of the service, calling ``wake`` on every change notice."""
        cred = self.credential()
        return EventStream(self.url, cred.token, wake, ca=cred.ca, carried=self.carried)

    def close(self) -> None:
        """End the session on the service and release connections."""
        with self._lock:
            door, self._sign_in = self._sign_in, None
        if door is not None:
            door.sign_out()
            door.close()

    def team_door(self) -> RemoteTeamDoor:
        """The team tools' door through the service (as the signed-in user)."""
        cred = self.credential()
        return RemoteTeamDoor(self.url, cred.token, cred.ca, self.token)


def call_service(
    url: str,
    method: str,
    path: str,
    *,
    now: datetime | None = None,
    kinds: tuple[str, ...] = (),
    office: str | None = None,
    **kwargs: Any,
) -> Any:
    """One request of a command as this enrolled PC (``kinds``: the device kinds that
    may do it; ``office``: the office the command names, which must be the device's);
    ``now`` is sent for a training service. Refusals as domain errors."""
    cred = enrolled(url)
    if office is not None and office != cred.office_id:
        raise RequestRefused(f"Dieser PC gehört zu {cred.office_id}, nicht zu {office}")
    if kinds and cred.kind not in kinds:
        raise RequestRefused(
            f"Dieser PC ist als {cred.kind} angemeldet; das geht nur als {' oder '.join(kinds)}"
        )
    headers = {NOW_HEADER: now.isoformat()} if now is not None else {}
    try:
        with client(url, ca=cred.ca, token=cred.token) as http:
            return answer(http.request(method, path, headers=headers, **kwargs))
    except httpx.TransportError as err:
        raise DatabaseUnavailable(
            f"Zentraler Dienst {url} nicht erreichbar: {type(err).__name__}"
        ) from None
