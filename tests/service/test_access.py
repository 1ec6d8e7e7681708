"""Who may ask the service what, over raw HTTPS (DESIGN.md §3, §6): nothing without a
device credential; a device acts in its own office only and reads only what its kind
needs; revoked devices, closed or expired sessions and sessions of another device are
refused; a failed sign-in says no more than that it failed."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from desk.domain.status import AppointmentStatus, Channel, TicketReason, TicketStatus
from desk.domain.steps import Action
from desk.services.admin.devices import revoke_device
from desk.services.appointments import lifecycle
from desk.services.appointments.booking import Booking, book, new_code
from desk.services.walkin.display import SHOWN_CALLS, display_board
from desk.services.walkin.queue import queue_picture
from desk.services.walkin.tickets import TicketInfo, issue_ticket
from desk.store.models import (
    Appointment,
    AppointmentEvent,
    Call,
    Office,
    Ticket,
    UserSession,
)
from desk.store.uow import UnitOfWork
from desk.sync.remote_display import ServiceBoard
from tests.service_fixtures import PASSWORD, Device, Service
from tests.sync.conftest import NOW, SERVICE, Central, count, get, slot

TODAY = NOW.date()

MITTE_NAME = "Mitte Geheimname"
MITTE_PHONE = "0345-999"
MITTE_EMAIL = "geheim@mitte.example"
NORD_NAME = "Nord Geheimname"
NORD_PHONE = "0391-555"
NORD_EMAIL = "geheim@nord.example"


@dataclass(frozen=True)
class World:
    """What exists centrally: a called appointment and a waiting ticket in bb-mitte, a
    called appointment in bb-nord."""

    mitte: Booking
    nord: Booking
    mitte_ticket: TicketInfo

    @property
    def secrets(self) -> list[str]:
        """Personal data no answer of this module may carry unless it is the asker's own."""
        return [MITTE_NAME, MITTE_PHONE, MITTE_EMAIL, NORD_NAME, NORD_PHONE, NORD_EMAIL]


@pytest.fixture(scope="module")
def city(central_factory: Callable[..., Central]) -> Central:
    """Two offices, two counters each, both with a walk-in hour 8–12 (quota 20)."""
    central = central_factory({"bb-nord": 2, "bb-mitte": 2})
    with UnitOfWork(central.db.engine) as uow:
        uow.session.execute(
            update(Office).values(walk_in_quota=20, walk_in_from=time(8), walk_in_until=time(12))
        )
        uow.commit()
    return central


@pytest.fixture(scope="module")
def service(city: Central, service_factory: Callable[..., Service]) -> Service:
    """A training service with a city-wide team lead and a clerk per office."""
    made = service_factory(city)
    made.user("leitung", None, "team_lead")
    made.user("nord1", "bb-nord")
    made.user("mitte1", "bb-mitte")
    return made


def called(service: Service, office_id: str, name: str, phone: str, email: str) -> Booking:
    """An appointment booked by phone today at 11:00, checked in and called to counter 1."""
    made = book(
        service.db,
        office_id,
        SERVICE,
        slot(TODAY, 11),
        name,
        NOW,
        channel=Channel.PHONE,
        phone=phone,
        email=email,
    )
    lifecycle.perform(service.db, made.id, Action.CHECK_IN, NOW, counter_number=1)
    lifecycle.perform(service.db, made.id, Action.CALL, NOW, counter_number=1)
    return made


@pytest.fixture(scope="module")
def world(service: Service) -> World:
    mitte = called(service, "bb-mitte", MITTE_NAME, MITTE_PHONE, MITTE_EMAIL)
    nord = called(service, "bb-nord", NORD_NAME, NORD_PHONE, NORD_EMAIL)
    ticket = issue_ticket(service.db, "bb-mitte", TicketReason.OTHER, NOW)
    return World(mitte, nord, ticket)


def no_secrets(response: httpx.Response, world: World, *more: str) -> None:
    """The answer carries none of the citizens' data."""
    text = response.text.lower()
    leaked = [s for s in [*world.secrets, *more] if s.lower() in text]
    assert leaked == [], f"{response.request.method} {response.request.url.path}: {leaked}"


def status_of(appointment_id: uuid.UUID, service: Service) -> str:
    found = get(service.db, Appointment, appointment_id)
    assert isinstance(found, Appointment)
    return found.status


def ticket_status(ticket_id: uuid.UUID, service: Service) -> str:
    found = get(service.db, Ticket, ticket_id)
    assert isinstance(found, Ticket)
    return found.status


def client(service: Service, device: Device | None = None, **headers: str) -> httpx.Client:
    """A client as the PC makes it, with extra headers (the time, a forged credential)."""
    http = service.http(device)
    http.headers.update({"X-Buergerdesk-Now": NOW.isoformat(), **headers})
    return http


def op(kind: str, **args: Any) -> dict[str, Any]:
    return {"op_id": str(uuid.uuid4()), "kind": kind, "args": args, "made_at": NOW.isoformat()}


# ------------------------------------------------------------------ no credentials


def test_without_a_credential_every_door_but_health_answers_401(
    service: Service, world: World
) -> None:
    mitte_code = world.mitte.code
    attempts: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", "/v1/changes", None),
        ("GET", "/v1/changes?cursor=1:2:", None),
        ("POST", "/v1/ops", {"ops": [op("cancel", code=mitte_code, reason="weg")]}),
        ("GET", "/v1/display", None),
        ("GET", f"/v1/portal/slots?service={SERVICE}", None),
        ("GET", "/v1/portal/slots", None),
        ("GET", "/v1/events", None),
        ("GET", "/v1/device", None),
        ("POST", "/v1/leases", {"days": [TODAY.isoformat()]}),
        ("POST", "/v1/walkin/call-next", {"counter": 1}),
        ("POST", "/v1/sessions", {"username": "nord1", "password": PASSWORD}),
        ("DELETE", "/v1/sessions/current", None),
        (
            "POST",
            "/v1/portal/bookings",
            {"service": SERVICE, "start": slot(TODAY, 11, 45).isoformat(), "name": "Anonym"},
        ),
        ("DELETE", f"/v1/portal/bookings/{mitte_code}", None),
    ]
    for bearer in (None, "Bearer falsch", "bearer " + "A" * 43, "Basic bmljaHQ6ZGE="):
        headers = {"Authorization": bearer} if bearer else {}
        with client(service, **headers) as http:
            for method, path, body in attempts:
                response = http.request(method, path, json=body)
                assert response.status_code == 401, (bearer, method, path, response.text)
                assert response.json()["detail"]
                no_secrets(response, world, mitte_code, world.nord.code)

    # nothing happened: the cancel, the call and the booking were never applied
    assert status_of(world.mitte.id, service) == AppointmentStatus.CALLED
    assert ticket_status(world.mitte_ticket.id, service) == TicketStatus.WAITING
    assert count(service.db, Appointment, Appointment.citizen_name == "Anonym") == 0


def test_every_get_path_of_the_openapi_document_needs_a_credential(
    service: Service, world: World
) -> None:
    with service.http() as http:
        document = http.get("/openapi.json")
        assert document.status_code == 200
        no_secrets(document, world, "postgres")
        paths = document.json()["paths"]
        gets = sorted(p for p, methods in paths.items() if "get" in methods)
        assert set(gets) >= {
            "/health",
            "/v1/changes",
            "/v1/device",
            "/v1/display",
            "/v1/events",
            "/v1/portal/slots",
        }
        answered: dict[str, int] = {}
        for path in gets:
            url = path.replace("{", "").replace("}", "")  # any path parameter: its name
            with http.stream("GET", url, params={"service": SERVICE}) as response:
                answered[path] = response.status_code
                if response.status_code != 200 or path == "/health":
                    response.read()
                    no_secrets(response, world, world.mitte.code, world.nord.code, "postgres")
        health = http.get("/health").json()
    assert {p: s for p, s in answered.items() if s != 401} == {"/health": 200}
    assert set(health) == {"ok", "training", "streams"}


# ------------------------------------------------------------------ a counter's office


@pytest.fixture
def nord_counter(service: Service) -> Device:
    return service.sign_in(service.enroll("bb-nord", counter=1), "nord1")


def test_a_counter_cannot_touch_another_offices_appointment(
    service: Service, world: World, nord_counter: Device
) -> None:
    mitte = world.mitte
    events = count(service.db, AppointmentEvent, AppointmentEvent.appointment_id == mitte.id)
    appointment = uuid.uuid4()
    ops = [
        op("step", appointment_id=str(mitte.id), action="done", counter_number=1),
        op("step", appointment_id=str(mitte.id), action="no_show", counter_number=1),
        op("cancel", code=mitte.code, reason="Fremdzugriff"),
        op(
            "book",
            id=str(appointment),
            code=new_code(),
            office_id="bb-mitte",
            service_id=SERVICE,
            start=slot(TODAY + timedelta(days=1), 9).isoformat(),
            counter_number=1,
            channel="counter",
            name="Fremd Buchung",
        ),
    ]
    with client(service, nord_counter) as http:
        response = http.post("/v1/ops", json={"ops": ops})

    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["op_id"] for r in results] == [o["op_id"] for o in ops]
    for result in results:
        assert result["outcome"] == "rejected", result
        assert result["detail"]["forbidden"] is True, result
        assert result["rows"] == {}, result
    no_secrets(response, world, mitte.code)
    assert status_of(mitte.id, service) == AppointmentStatus.CALLED
    assert count(service.db, AppointmentEvent, AppointmentEvent.appointment_id == mitte.id) == (
        events
    )
    assert get(service.db, Appointment, appointment) is None


def test_a_resent_operation_id_answers_nothing_of_another_office(
    service: Service, world: World, nord_counter: Device
) -> None:
    """A retry is answered from applied_op; the rows sent back with it must still be
    the device's own office's, whatever arguments the retry carries."""
    gone = book(
        service.db,
        "bb-mitte",
        SERVICE,
        slot(TODAY + timedelta(days=1), 9),
        MITTE_NAME,
        NOW,
        channel=Channel.PHONE,
        phone=MITTE_PHONE,
    )
    why = f"{MITTE_NAME} ist verzogen, erreichbar unter {MITTE_PHONE}"
    lifecycle.perform(service.db, gone.id, Action.CANCEL, NOW, reason=why)
    first = op("step", appointment_id=str(uuid.uuid4()), action="done", counter_number=1)
    again = {**first, "args": {**first["args"], "appointment_id": str(gone.id)}}
    with client(service, nord_counter) as http:
        refused = http.post("/v1/ops", json={"ops": [first]})
        resent = http.post("/v1/ops", json={"ops": [again]})

    assert refused.status_code == 200, refused.text
    assert refused.json()["results"][0]["outcome"] == "rejected"
    assert resent.status_code == 200, resent.text
    [result] = resent.json()["results"]
    assert result["outcome"] == "rejected"
    no_secrets(resent, world, gone.code)  # the cancellation's note names the citizen
    leaked = {
        table: len([r for r in rows if str(gone.id) in str(r.values())])
        for table, rows in result["rows"].items()
    }
    assert {table: n for table, n in leaked.items() if n} == {}


def test_call_next_calls_only_in_the_office_of_the_devices_credential(
    service: Service, world: World, nord_counter: Device
) -> None:
    with client(service, nord_counter) as http:
        # bb-nord has nobody waiting; bb-mitte has: asking for bb-mitte changes nothing
        refused = http.post(
            "/v1/walkin/call-next",
            params={"office_id": "bb-mitte", "office": "bb-mitte"},
            json={"counter": 1, "office_id": "bb-mitte", "office": "bb-mitte"},
        )
        assert refused.status_code == 409, refused.text
        assert ticket_status(world.mitte_ticket.id, service) == TicketStatus.WAITING

        other_counter = http.post("/v1/walkin/call-next", json={"counter": 2})
        assert other_counter.status_code == 403, other_counter.text

        nord_ticket = issue_ticket(service.db, "bb-nord", TicketReason.OTHER, NOW)
        done = http.post("/v1/walkin/call-next", json={"counter": 1, "office_id": "bb-mitte"})

    assert done.status_code == 200, done.text
    body = done.json()
    assert (body["id"], body["office_id"], body["counter"]) == (str(nord_ticket.id), "bb-nord", 1)
    assert ticket_status(nord_ticket.id, service) == TicketStatus.CALLED
    assert ticket_status(world.mitte_ticket.id, service) == TicketStatus.WAITING
    with UnitOfWork(service.db.engine) as uow:
        calls = list(uow.session.scalars(select(Call.ticket_id).where(Call.ticket_id.is_not(None))))
    assert calls == [nord_ticket.id]


# ------------------------------------------------------------------ display and portal


def test_a_display_reads_codes_counters_and_times_and_nothing_else(
    service: Service, world: World
) -> None:
    display = service.enroll("bb-nord", "display")
    with client(service, display) as http:
        board = http.get("/v1/display")
        # another office asked for: the display still reads its own office only
        elsewhere = http.get("/v1/display", params={"office_id": "bb-mitte", "office": "bb-mitte"})
        refused = {
            "changes": http.get("/v1/changes"),
            "ops": http.post("/v1/ops", json={"ops": []}),
            "leases": http.post("/v1/leases", json={"days": [TODAY.isoformat()]}),
            "call-next": http.post("/v1/walkin/call-next", json={"counter": 1}),
            "slots": http.get("/v1/portal/slots", params={"service": SERVICE}),
            "book": http.post(
                "/v1/portal/bookings",
                json={"service": SERVICE, "start": slot(TODAY, 11, 45).isoformat(), "name": "X"},
            ),
        }
        sign_in = http.post("/v1/sessions", json={"username": "nord1", "password": PASSWORD})

    assert board.status_code == 200, board.text
    data = board.json()
    assert set(data) == {"office_name", "calls", "waiting", "next_ticket"}
    assert all(set(c) == {"code", "counter", "called_at"} for c in data["calls"])
    # in the walk-in hour: the wait reception shows for a ticket drawn now, and no more
    wait = queue_picture(service.db, "bb-nord", NOW).next_ticket
    assert data["next_ticket"] == {"low": wait.low, "high": wait.high, "expected": wait.expected}
    assert elsewhere.status_code == 200 and elsewhere.json() == data
    [call] = [c for c in data["calls"] if c["code"] == world.nord.code]
    assert (call["code"], call["counter"]) == (world.nord.code, "Schalter 1")
    assert datetime.fromisoformat(call["called_at"]) == NOW
    no_secrets(board, world, world.mitte.code)
    assert {name: r.status_code for name, r in refused.items()} == dict.fromkeys(refused, 403)
    assert sign_in.status_code in (401, 403, 409) and "token" not in sign_in.json()


def test_a_display_pc_shows_the_board_the_office_s_database_gives(
    service: Service, world: World
) -> None:
    """The display PC's client reads the same board, new ticket's wait included, as the
    display of a standalone office reads from its database at that moment."""
    display = service.enroll("bb-nord", "display")
    remote = ServiceBoard(service.url, display.token, str(service.ca), send_now=True)
    try:
        board = remote.board(NOW)
    finally:
        remote.dispose()
    local = display_board(service.db, "bb-nord", NOW, SHOWN_CALLS)
    assert board == local
    assert board.next_ticket is not None and board.next_ticket == (
        queue_picture(service.db, "bb-nord", NOW).next_ticket
    )
    assert world.nord.code in [c.code for c in board.calls]


def test_a_portal_offers_slots_and_books_without_showing_other_citizens(
    service: Service, world: World
) -> None:
    portal = service.enroll("bb-nord", "portal")
    with client(service, portal) as http:
        refused = {
            "changes": http.get("/v1/changes"),
            "ops": http.post("/v1/ops", json={"ops": []}),
            "display": http.get("/v1/display"),
            "call-next": http.post("/v1/walkin/call-next", json={"counter": 1}),
        }
        offered = http.get("/v1/portal/slots", params={"service": SERVICE})
        assert offered.status_code == 200, offered.text
        starts = [datetime.fromisoformat(s["start"]) for s in offered.json()]
        assert starts and all(s > NOW for s in starts)
        start = starts[0].isoformat()
        answers = [
            http.post(
                "/v1/portal/bookings",
                json={"service": SERVICE, "start": start, "name": name, "email": email},
            )
            for name, email in (
                ("Portal Erste", "erste@portal.example"),
                ("Portal Zweite", "zweite@portal.example"),
                ("Portal Dritte", "dritte@portal.example"),  # both counters taken by now
            )
        ]
        foreign = http.delete(f"/v1/portal/bookings/{world.mitte.code}")

    assert {name: r.status_code for name, r in refused.items()} == dict.fromkeys(refused, 403)
    first, second, third = answers
    assert (first.status_code, second.status_code, third.status_code) == (200, 200, 409)
    assert set(first.json()) == {
        "code",
        "office_id",
        "service_id",
        "start",
        "end",
        "counter",
        "status",
        "channel",
        "fee_cents",
        "name",  # only the name this portal just sent
        "frist",
    }
    assert first.json()["office_id"] == "bb-nord"
    assert first.json()["name"] == "Portal Erste" and second.json()["name"] == "Portal Zweite"
    no_secrets(offered, world)
    no_secrets(first, world, "Portal Zweite", "zweite@portal.example")
    no_secrets(second, world, "Portal Erste", "erste@portal.example")
    no_secrets(third, world, "Portal Erste", "Portal Zweite", "erste@portal", "zweite@portal")
    assert foreign.status_code == 404, foreign.text
    no_secrets(foreign, world)
    assert status_of(world.mitte.id, service) == AppointmentStatus.CALLED


# ------------------------------------------------------------------ credentials end


def test_a_revoked_device_is_refused_at_its_next_request(service: Service, world: World) -> None:
    device = service.sign_in(service.enroll("bb-nord", counter=2), "nord1")
    with client(service, device) as http:
        assert http.get("/v1/device").status_code == 200
        assert http.post("/v1/ops", json={"ops": []}).status_code == 200

        revoke_device(service.db, device.id, datetime.now(UTC))

        answers = {
            "device": http.get("/v1/device"),
            "ops": http.post("/v1/ops", json={"ops": []}),
            "changes": http.get("/v1/changes"),
            "sessions": http.post("/v1/sessions", json={"username": "nord1", "password": PASSWORD}),
        }
    assert {name: r.status_code for name, r in answers.items()} == dict.fromkeys(answers, 401)


def test_a_closed_or_expired_session_is_refused(service: Service, world: World) -> None:
    device = service.enroll("bb-nord", counter=1)
    signed_in = service.sign_in(device, "nord1")
    closed = signed_in.session
    with client(service, signed_in) as http:
        assert http.post("/v1/ops", json={"ops": []}).status_code == 200
        assert http.delete("/v1/sessions/current").status_code == 204
        after_close = http.post("/v1/ops", json={"ops": []})
        changes_after_close = http.get("/v1/changes")
    assert (after_close.status_code, changes_after_close.status_code) == (401, 401)

    expiring = service.sign_in(device, "nord1")
    assert expiring.session != closed
    with client(service, expiring) as http:
        assert http.post("/v1/ops", json={"ops": []}).status_code == 200
        with UnitOfWork(service.db.engine) as uow:
            ended = uow.session.execute(
                update(UserSession)
                .where(UserSession.device_id == device.id, UserSession.revoked_at.is_(None))
                .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
            ).rowcount  # type: ignore[attr-defined]
            uow.commit()
        assert ended == 1
        after_expiry = http.post("/v1/ops", json={"ops": [op("cancel", code=world.nord.code)]})
    assert after_expiry.status_code == 401, after_expiry.text
    assert status_of(world.nord.id, service) == AppointmentStatus.CALLED


def test_a_session_of_one_device_is_refused_with_another_devices_credential(
    service: Service, world: World
) -> None:
    a = service.sign_in(service.enroll("bb-nord", counter=1), "nord1")
    b = service.enroll("bb-nord", counter=2)
    assert a.session is not None
    b.session = a.session
    with client(service, b) as http:
        answers = [http.post("/v1/ops", json={"ops": []}), http.get("/v1/changes")]
    assert [r.status_code for r in answers] == [401, 401]
    with client(service, a) as http:
        assert http.post("/v1/ops", json={"ops": []}).status_code == 200  # still A's


def test_a_wrong_password_is_answered_like_an_unknown_user(service: Service) -> None:
    device = service.enroll("bb-nord", counter=1)
    tries = {
        "wrong password": {"username": "nord1", "password": PASSWORD + "x"},
        "unknown user": {"username": "niemand", "password": PASSWORD},
        "other office": {"username": "mitte1", "password": PASSWORD},
    }
    with service.http(device) as http:
        answers = {why: http.post("/v1/sessions", json=body) for why, body in tries.items()}
        right = http.post("/v1/sessions", json={"username": "nord1", "password": PASSWORD})

    assert right.status_code == 200 and right.json()["user"]["username"] == "nord1"
    assert {why: r.status_code for why, r in answers.items()} == dict.fromkeys(tries, 401)
    details = {why: r.json()["detail"] for why, r in answers.items()}
    assert len(set(details.values())) == 1, details
    assert all("token" not in r.json() for r in answers.values())
