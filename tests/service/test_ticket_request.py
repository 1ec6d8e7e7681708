"""A reception PC issues tickets through the running service (``POST /v1/walkin/tickets``)
with a press id: a retry with the same id (its answer lost to a timeout) gets the same
ticket and uses no more of the quota; the id is looked up in the device's own office
only, so another office's PC that sends it gets a ticket of its own office and learns
nothing of the first; an id that is no UUID is refused. ``buergerdesk walkin issue``
sends one per run, takes it again with ``--request-id`` and names it when the service
could not be reached."""

from __future__ import annotations

import json
import subprocess
import uuid
from collections.abc import Callable
from datetime import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, update

from desk.device_credential import DeviceCredential
from desk.store.models import Office, Ticket
from desk.store.uow import UnitOfWork
from tests.cli.config_support import DeskCommand
from tests.service_fixtures import Device, Service, free_port
from tests.sync.conftest import NOW, Central

MITTE, NORD = "bb-rq-mitte", "bb-rq-nord"


@pytest.fixture(scope="module")
def service(central_factory: Callable[..., Central], service_factory) -> Service:
    """A training service over two offices with a walk-in hour around NOW (quota 20)."""
    central = central_factory({MITTE: 1, NORD: 1})
    with UnitOfWork(central.db.engine) as uow:
        uow.session.execute(
            update(Office).values(walk_in_quota=20, walk_in_from=time(8), walk_in_until=time(12))
        )
        uow.commit()
    return service_factory(central)


def post(service: Service, device: Device, body: dict[str, object]) -> httpx.Response:
    with service.http(device) as http:
        http.headers["X-Buergerdesk-Now"] = NOW.isoformat()
        return http.post("/v1/walkin/tickets", json=body)


def issued(service: Service, office_id: str) -> int:
    with UnitOfWork(service.db.engine) as uow:
        found = uow.session.scalar(
            select(func.count()).select_from(Ticket).where(Ticket.office_id == office_id)
        )
        return found or 0


def test_a_retry_with_the_same_press_id_gets_the_same_ticket(service: Service) -> None:
    reception = service.enroll(MITTE, "reception")
    press = str(uuid.uuid4())
    first = post(service, reception, {"reason": "anmeldung", "request_id": press})
    assert first.status_code == 200, first.text
    retry = post(service, reception, {"reason": "anmeldung", "request_id": press})
    assert retry.status_code == 200, retry.text
    one, two = first.json(), retry.json()
    assert (two["id"], two["code"], two["number"]) == (one["id"], one["code"], one["number"])
    assert two["left_today"] == one["left_today"] == 19
    assert issued(service, MITTE) == 1

    fresh = post(service, reception, {"reason": "anmeldung", "request_id": str(uuid.uuid4())})
    assert fresh.status_code == 200, fresh.text
    assert fresh.json()["id"] != one["id"] and fresh.json()["left_today"] == 18
    assert issued(service, MITTE) == 2


def test_another_offices_press_id_does_not_fetch_its_ticket(service: Service) -> None:
    mitte = service.enroll(MITTE, "reception")
    nord = service.enroll(NORD, "counter", counter=1)
    press = str(uuid.uuid4())
    own = post(service, mitte, {"reason": "sonstiges", "request_id": press})
    assert own.status_code == 200, own.text
    before = issued(service, MITTE)

    guessed = post(service, nord, {"reason": "sonstiges", "request_id": press})
    assert guessed.status_code == 200, guessed.text
    body = guessed.json()
    assert body["office_id"] == NORD and body["id"] != own.json()["id"]
    assert own.json()["id"] not in guessed.text
    assert issued(service, MITTE) == before  # Mitte's ticket and quota untouched
    assert issued(service, NORD) >= 1


@pytest.mark.parametrize("bad", ["nicht-eine-uuid", "1; DROP TABLE ticket", 42, ""])
def test_a_press_id_that_is_no_uuid_is_refused(service: Service, bad: object) -> None:
    reception = service.enroll(MITTE, "reception")
    before = issued(service, MITTE)
    answer = post(service, reception, {"reason": "sonstiges", "request_id": bad})
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"] == ["body", "request_id"]
    assert issued(service, MITTE) == before


def test_without_a_press_id_each_request_issues(service: Service) -> None:
    reception = service.enroll(NORD, "reception")
    before = issued(service, NORD)
    codes = [post(service, reception, {"reason": "sonstiges"}).json()["code"] for _ in (1, 2)]
    assert len(set(codes)) == 2
    assert issued(service, NORD) == before + 2


# ------------------------------------------------------------------ the command line


@pytest.fixture
def desk(tmp_path: Path, service: Service) -> DeskCommand:
    """``buergerdesk`` on a PC enrolled as Mitte's reception."""
    command = DeskCommand(tmp_path)
    device = service.enroll(MITTE, "reception")
    command.enrol(
        DeviceCredential(
            central=service.url,
            device_id=str(device.id),
            office_id=MITTE,
            kind="reception",
            counter_number=None,
            token=device.token,
            ca=str(service.ca),
        )
    )
    return command


def issue(desk: DeskCommand, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    now = NOW.strftime("%Y-%m-%dT%H:%M")
    return desk("walkin", "issue", "--url", url, "--office", MITTE, "--now", now, *extra)


def ticket_of(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert result.returncode == 0, (result.stdout, result.stderr)
    return dict(json.loads(result.stdout))


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    [line] = result.stderr.splitlines()
    return line


def test_the_command_line_repeats_a_request_with_its_id(desk: DeskCommand, service: Service):
    before = issued(service, MITTE)
    press = str(uuid.uuid4())
    first = ticket_of(issue(desk, service.url, "--json", "--request-id", press))
    again = ticket_of(issue(desk, service.url, "--json", "--request-id", press))
    assert again["code"] == first["code"] and again["left_today"] == first["left_today"]
    assert issued(service, MITTE) == before + 1
    # each run without one is a request of its own
    other = ticket_of(issue(desk, service.url, "--json"))
    assert other["code"] != first["code"]
    assert issued(service, MITTE) == before + 2


def test_an_unreachable_service_names_the_id_to_retry_with(desk: DeskCommand, service: Service):
    line = one_line(issue(desk, f"https://127.0.0.1:{free_port()}", "--json"))
    assert "nicht erreichbar" in line and "erneut mit --request-id " in line
    press = line.rsplit("--request-id ", 1)[1].strip()
    assert str(uuid.UUID(press)) == press
    before = issued(service, MITTE)
    retried = ticket_of(issue(desk, service.url, "--json", "--request-id", press))
    assert ticket_of(issue(desk, service.url, "--json", "--request-id", press)) == retried
    assert issued(service, MITTE) == before + 1


def test_a_request_id_that_is_no_uuid_is_refused_on_the_command_line(
    desk: DeskCommand, service: Service
):
    before = issued(service, MITTE)
    result = issue(desk, service.url, "--request-id", "W-001")
    assert result.returncode == 2
    assert "--request-id: erwartet eine UUID, nicht 'W-001'" in result.stderr
    assert issued(service, MITTE) == before
