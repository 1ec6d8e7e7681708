"""A PC's way to the central service: HTTPS with its device credential (and the
signed-in user's session), the same answers as a ``DirectLink`` in process.

Plain http is allowed to this machine only (127.0.0.1, localhost); certificates are
checked against the system's CAs or the CA file given at enrolment.
"""

from __future__ import annotations

import contextlib
import logging
import ssl
import threading
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from desk.domain.errors import (
    DatabaseUnavailable,
    NotAuthenticated,
    RequestRefused,
    UnknownId,
)
from desk.services.walkin.tickets import TicketInfo
from desk.sync.carried import CarriedBatches
from desk.sync.central import OpResult, PendingOp
from desk.sync.codec import decode_row
from desk.sync.operations import Forbidden
from desk.sync.pull import ChangeBatch
from desk.sync.rows import table
from desk.sync.wire import batch_from_json, op_to_json, result_from_json

log = logging.getLogger(__name__)

LOOPBACK = ("127.0.0.1", "localhost", "::1")
TIMEOUT = httpx.Timeout(30.0, connect=5.0)
NOW_HEADER = "X-Buergerdesk-Now"
SESSION_HEADER = "X-Buergerdesk-Session"


def check_central_url(url: str) -> str:
    """The service's base URL, refused in one line when it is a database URL or plain
    http to another machine."""
    parts = urlsplit(url.strip())
    if parts.scheme.startswith("postgres") or parts.scheme.startswith("sqlite"):
        raise RequestRefused(
            "Ein Schalter verbindet sich nicht mehr mit der Datenbank, sondern mit dem "
            "zentralen Dienst: den PC mit 'buergerdesk enroll --central https://HOST:PORT "
            "--code CODE' anmelden"
        )
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise RequestRefused(f"Ungültige Adresse des zentralen Dienstes {url!r}: https://HOST:PORT")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise RequestRefused(
            f"Unverschlüsselt (http) nur zu 127.0.0.1/localhost, nicht zu {parts.hostname}: https://…"
        )
    return url.strip().rstrip("/")


def client(
    central: str,
    *,
    ca: str | None = None,
    token: str | None = None,
    timeout: httpx.Timeout = TIMEOUT,
) -> httpx.Client:
    """An HTTP client for the service (the device credential as bearer token)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(
        base_url=check_central_url(central),
        verify=trust(ca),
        timeout=timeout,
        headers=headers,
    )


def trust(ca: str | None) -> ssl.SSLContext:
    """The certificates a PC accepts: the system's, or the CA file given at enrolment."""
    if ca is None:
        return ssl.create_default_context()
    try:
        return ssl.create_default_context(cafile=ca)
    except (OSError, ssl.SSLError) as err:
        raise RequestRefused(f"CA-Datei {ca} ist nicht lesbar: {err}") from None


def answer(response: httpx.Response) -> Any:
    """The JSON of a successful response; a refusal as the domain error it stands for."""
    if response.is_success:
        return response.json() if response.content else None
    detail, code, params = _refusal(response)
    refused = _REFUSED.get(response.status_code)
    if refused is not None:  # the same refusal as a local call raises, code and all
        raise refused(detail, code=code, params=params)
    status = response.status_code
    raise DatabaseUnavailable(f"Zentraler Dienst antwortet nicht wie erwartet ({status}): {detail}")


_REFUSED: dict[int, type[RequestRefused]] = {
    401: NotAuthenticated,
    403: Forbidden,
    404: UnknownId,
    409: RequestRefused,
    422: RequestRefused,
}


def _refusal(response: httpx.Response) -> tuple[str, str | None, dict[str, Any]]:
    """A refusal's reason, code and params (no code: a reason without one, or a service
    of a version before codes)."""
    try:
        data = response.json()
        detail = str(data.get("detail"))
    except ValueError:
        return response.text[:200] or response.reason_phrase, None, {}
    code, params = data.get("code"), data.get("params")
    return (
        detail,
        code if isinstance(code, str) else None,
        params if isinstance(params, dict) else {},
    )


class RemoteLink:
    """The central side through the service (see desk/sync/link.py for the contract)."""

    def __init__(
        self,
        central: str,
        token: str,
        device_id: uuid.UUID,
        *,
        ca: str | None = None,
        session: Callable[[], str | None] = lambda: None,
        send_now: bool = False,
        carried: CarriedBatches | None = None,
    ) -> None:
        self.display_url = f"Dienst {check_central_url(central)}"
        self._device_id = device_id
        self._http = client(central, ca=ca, token=token)
        self._session = session
        self._send_now = send_now
        self._carried = carried

    def _headers(self, now: datetime) -> dict[str, str]:
        headers = {}
        if self._send_now:  # honoured only by a service started with --training
            headers[NOW_HEADER] = now.isoformat()
        token = self._session()
        if token:
            headers[SESSION_HEADER] = token
        return headers

    def _call(
        self,
        method: str,
        path: str,
        now: datetime,
        extra: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> Any:
        headers = self._headers(now) | (extra or {})
        try:
            response = self._http.request(method, path, headers=headers, **kwargs)
        except httpx.TransportError as err:
            raise DatabaseUnavailable(
                f"Zentraler Dienst {self.display_url.removeprefix('Dienst ')} nicht erreichbar: "
                f"{type(err).__name__}"
            ) from None
        return answer(response)

    def client_id(self) -> uuid.UUID | None:
        return self._device_id

    def push(self, ops: list[PendingOp], now: datetime) -> list[OpResult]:
        body = {"ops": [op_to_json(op) for op in ops]}
        data = self._call("POST", "/v1/ops", now, json=body)
        return [result_from_json(r) for r in data["results"]]

    def pull(self, cursor: str | None, now: datetime, *, fresh: bool = False) -> ChangeBatch:
        if cursor and not fresh and self._carried is not None:
            carried = self._carried.take(cursor)
            if carried is not None:  # the push stream brought this very answer
                return batch_from_json(carried)
        params = {"cursor": cursor} if cursor else {}
        headers = {"Cache-Control": "no-cache"} if fresh else {}
        return batch_from_json(self._call("GET", "/v1/changes", now, params=params, extra=headers))

    def lease(self, client: uuid.UUID, days: list[date], now: datetime) -> list[dict[str, Any]]:
        body = {"days": [d.isoformat() for d in days]}
        data = self._call("POST", "/v1/leases", now, json=body)
        return [decode_row(table("ticket_lease"), r) for r in data["leases"]]

    def call_next(
        self, office_id: str, counter_number: int, now: datetime, user_id: uuid.UUID | None
    ) -> TicketInfo:
        data = self._call("POST", "/v1/walkin/call-next", now, json={"counter": counter_number})
        tz = now.tzinfo
        return TicketInfo(
            uuid.UUID(data["id"]),
            data["office_id"],
            data["code"],
            data["number"],
            data["reason"],
            data["status"],
            datetime.fromisoformat(data["issued_at"]).astimezone(tz),
            counter_number=data["counter"],
            called_at=datetime.fromisoformat(data["called_at"]).astimezone(tz)
            if data["called_at"]
            else None,
        )

    def prune(self, now: datetime) -> int:
        return 0  # the service prunes its change log itself

    def close(self) -> None:
        self._http.close()


class EventStream(threading.Thread):
    """Listens to the service's push stream and calls ``wake()`` on every event
    (and on each connect: catch up), after handing the changes a ``changes`` event
    carries to ``carried``. Reconnects after a pause; ``stop()`` ends it."""

    def __init__(
        self,
        central: str,
        token: str,
        wake: Callable[[], None],
        *,
        ca: str | None = None,
        retry_seconds: float = 5.0,
        carried: CarriedBatches | None = None,
    ) -> None:
        super().__init__(name="push-stream", daemon=True)
        self._carried = carried
        self._central = central
        self._token = token
        self._ca = ca
        self._wake = wake
        self._retry = retry_seconds
        self._stop_event = threading.Event()
        self._response: httpx.Response | None = None
        self.connected = threading.Event()

    def stop(self) -> None:
        """End the thread: the open stream is closed, which ends its read at once."""
        self._stop_event.set()
        response = self._response
        if response is not None:
            with contextlib.suppress(Exception):  # the reader thread sees the stream end
                response.close()

    def run(self) -> None:
        timeout = httpx.Timeout(60.0, connect=5.0)  # keep-alives come every 15 s
        while not self._stop_event.is_set():
            try:
                with (
                    client(self._central, ca=self._ca, token=self._token, timeout=timeout) as http,
                    http.stream("GET", "/v1/events") as response,
                ):
                    answer_status(response)
                    self._response = response
                    self.connected.set()
                    name = ""
                    for line in response.iter_lines():
                        if self._stop_event.is_set():
                            return
                        if line.startswith("event:"):
                            name = line.removeprefix("event:").strip()
                        elif line.startswith("data:") and name == "changes" and self._carried:
                            self._carried.offer(line.removeprefix("data:").strip())
                        elif not line and name:  # the event ends with an empty line
                            name = ""
                            self._wake()
            except (httpx.HTTPError, RequestRefused, DatabaseUnavailable) as err:
                if not self._stop_event.is_set():
                    log.info("push stream offline: %s", err)
            except Exception as err:  # a stream closed by stop() while reading
                if not self._stop_event.is_set():
                    raise
                log.debug("push stream closed: %s", type(err).__name__)
            self._response = None
            self.connected.clear()
            self._stop_event.wait(self._retry)


def answer_status(response: httpx.Response) -> None:
    """Raise the domain error of a refused streaming response."""
    if not response.is_success:
        response.read()
        answer(response)
