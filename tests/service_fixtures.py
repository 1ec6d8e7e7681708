"""Fixtures, as a pytest plugin for every test folder (see tests/conftest.py): the central
service as a real process on 127.0.0.1 with TLS (a CA of our own from trustme), over a
real PostgreSQL; clients talk to it with httpx, as the PCs do.

``service_factory(central, training=True)`` starts ``buergerdesk serve`` for a central
database of tests/sync/conftest.py's ``central_factory`` and stops it at the module's
end. ``Service.enroll`` registers and enrols a device; ``Service.sign_in`` opens a
user session on it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import httpx
import pytest
import trustme

from desk.services.admin.devices import add_device
from desk.services.admin.users import create_user
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.sync.engine import SyncEngine
from desk.sync.remote import RemoteLink, trust
from tests.sync.conftest import NOW, Central, central_factory  # noqa: F401

SCRIPT = Path(sys.executable).with_name("buergerdesk")
PASSWORD = "Schalter-2024-sicher"


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Tls:
    """A test CA and the service's certificate for 127.0.0.1 and localhost."""

    ca: Path
    cert: Path
    key: Path


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Tls:
    """Made once per run, in memory, by trustme."""
    folder = tmp_path_factory.mktemp("tls")
    authority = trustme.CA()
    server = authority.issue_cert("127.0.0.1", "localhost")
    made = Tls(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    authority.cert_pem.write_to_path(str(made.ca))
    server.private_key_pem.write_to_path(str(made.key))
    for blob in server.cert_chain_pems:  # the chain, leaf first
        blob.write_to_path(str(made.cert), append=True)
    return made


@dataclass
class Device:
    """An enrolled device: its id, credential and (once signed in) a user's session."""

    id: uuid.UUID
    token: str
    office_id: str
    kind: str
    counter: int | None
    session: str | None = None

    def headers(self) -> dict[str, str]:
        """What every request of this device carries."""
        headers = {"Authorization": f"Bearer {self.token}"}
        if self.session:
            headers["X-Buergerdesk-Session"] = self.session
        return headers


@dataclass
class Service:
    """A running ``buergerdesk serve`` and the central database behind it."""

    url: str
    ca: Path
    central: Central
    process: subprocess.Popen[str]
    log: Path
    out: IO[str]
    users: dict[str, uuid.UUID] = field(default_factory=dict)

    @property
    def db(self) -> DeskDatabase:
        """The central database (for setting up and for checking, never for a PC)."""
        return self.central.db

    def http(self, device: Device | None = None, **kwargs: object) -> httpx.Client:
        """A client as a PC makes it: the test CA, the device's credential."""
        headers = device.headers() if device is not None else {}
        return httpx.Client(
            base_url=self.url, verify=trust(str(self.ca)), headers=headers, timeout=30, **kwargs
        )

    def enroll(self, office_id: str, kind: str = "counter", counter: int | None = None) -> Device:
        """Register a device (as the admin) and enrol it (as the PC)."""
        made = add_device(self.db, office_id, kind, datetime.now(UTC), counter_number=counter)
        with self.http() as http:
            response = http.post("/v1/enroll", json={"code": made.code})
        assert response.status_code == 200, response.text
        data = response.json()
        return Device(uuid.UUID(data["device_id"]), data["token"], office_id, kind, counter)

    def user(self, username: str, office_id: str | None, role: str = "clerk") -> uuid.UUID:
        """A user with the test password (made once per service)."""
        if username not in self.users:
            lead = next(iter(self.users.values()), None)
            row = create_user(
                self.db,
                user_id=lead,
                username=username,
                display_name=username.title(),
                role=role if lead is not None else "team_lead",
                office_id=office_id,
                password=PASSWORD,
                now=NOW,
            )
            self.users[username] = row.id
        return self.users[username]

    def sign_in(self, device: Device, username: str) -> Device:
        """Open a session on the device for a user made by ``user``."""
        with self.http(device) as http:
            response = http.post("/v1/sessions", json={"username": username, "password": PASSWORD})
        assert response.status_code == 200, response.text
        device.session = response.json()["token"]
        return device


def start_service(
    central: Central,
    tls: Tls,
    *,
    training: bool,
    log: Path,
    port: int | None = None,
    env: dict[str, str] | None = None,
) -> Service:
    """Start ``buergerdesk serve`` (on ``port``, a free one by default; ``env`` added to
    its environment) and wait until /health answers over TLS."""
    port = port or free_port()
    args = [
        str(SCRIPT),
        "serve",
        "--url",
        central.url,
        "--listen",
        f"127.0.0.1:{port}",
        "--tls-cert",
        str(tls.cert),
        "--tls-key",
        str(tls.key),
    ]
    if training:
        args.append("--training")
    environment = dict(os.environ, BUERGERDESK_DATA_DIR=str(log.parent / "data"), **(env or {}))
    out = log.open("a")
    process = subprocess.Popen(
        args, stdout=out, stderr=subprocess.STDOUT, text=True, env=environment
    )
    service = Service(f"https://127.0.0.1:{port}", tls.ca, central, process, log, out)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out.close()
            raise AssertionError(f"serve ended: {log.read_text()}")
        try:
            with service.http() as http:
                if http.get("/health").status_code == 200:
                    return service
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    process.wait()
    out.close()
    raise AssertionError(f"serve did not answer: {log.read_text()}")


def stop_service(service: Service) -> None:
    """SIGTERM, then SIGKILL if it lingers."""
    if service.process.poll() is None:
        service.process.terminate()
        try:
            service.process.wait(10)
        except subprocess.TimeoutExpired:
            service.process.kill()
            service.process.wait()
    service.out.close()


@pytest.fixture(scope="module")
def service_factory(
    tls: Tls, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., Service]]:
    """Starts services (module lifetime): ``service_factory(central, training=True)``."""
    made: list[Service] = []

    def create(central: Central, *, training: bool = True) -> Service:
        log = tmp_path_factory.mktemp("serve") / "serve.log"
        service = start_service(central, tls, training=training, log=log)
        made.append(service)
        return service

    yield create
    for service in made:
        stop_service(service)


@pytest.fixture
def remote_replica(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., SyncEngine]]:
    """Makes fresh SQLite replicas synced through a service as a device (``synced``: the
    first copy at NOW); closed at the test's end."""
    made: list[SyncEngine] = []

    def create(service: Service, device: Device, *, synced: bool = True) -> SyncEngine:
        path = tmp_path_factory.mktemp("remote") / "local.sqlite"
        url = f"sqlite:///{path}"
        upgrade_database(url)
        link = RemoteLink(
            service.url,
            device.token,
            device.id,
            ca=str(service.ca),
            session=lambda: device.session,
            send_now=True,
        )
        engine = SyncEngine(open_database(url), link)
        made.append(engine)
        if synced:
            engine.sync_once(NOW)
        return engine

    yield create
    for engine in made:
        engine.link.close()
        engine.local.dispose()
