"""This PC's connection to the central service, from its stored device credential."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from desk.device_credential import DeviceCredential, load_credential
from desk.domain.errors import RequestRefused
from desk.sync.remote import RemoteLink, check_central_url

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
