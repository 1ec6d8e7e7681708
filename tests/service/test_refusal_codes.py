"""A refusal from the central service carries its code and params beside the German
``detail`` (over real HTTPS), and the PC's client rebuilds the same refusal from it, so
a counter's GUI words a refusal from the service exactly like a local one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import httpx
import pytest

from desk.domain.errors import NotAuthenticated, RequestRefused, UnknownId
from desk.domain.localtime import BERLIN
from desk.domain.refusals import german
from desk.sync.remote import answer
from tests.service_fixtures import Device, Service
from tests.sync.conftest import NOW, SERVICE, Central


@pytest.fixture(scope="module")
def service(central_factory: Callable[..., Central], service_factory) -> Service:
    made = service_factory(central_factory({"bb-nord": 2}))
    made.user("nord1", "bb-nord")
    return made


def client(service: Service, device: Device) -> httpx.Client:
    http = service.http(device)
    http.headers["X-Buergerdesk-Now"] = NOW.isoformat()
    return http


def refused(response: httpx.Response) -> RequestRefused:
    """The refusal the PC's client makes of an answer."""
    with pytest.raises(RequestRefused) as caught:
        answer(response)
    return caught.value


def test_a_taken_slot_comes_back_with_its_code_and_params(service: Service) -> None:
    portal = service.enroll("bb-nord", "portal")
    with client(service, portal) as http:
        offered = http.get("/v1/portal/slots", params={"service": SERVICE})
        start = offered.json()[0]["start"]
        body = {"service": SERVICE, "start": start, "name": "Portal Bürger"}
        for _counter in range(2):  # both counters
            assert http.post("/v1/portal/bookings", json=body).status_code == 200
        taken = http.post("/v1/portal/bookings", json=body)

    assert taken.status_code == 409
    data = taken.json()
    assert data["code"] == "slot_taken"
    assert datetime.fromisoformat(data["params"]["when"]) == datetime.fromisoformat(start)
    assert data["detail"] == german("slot_taken", data["params"])
    assert "vergeben" in data["detail"]
    error = refused(taken)
    assert (error.code, error.params, str(error)) == ("slot_taken", data["params"], data["detail"])


def test_an_unknown_booking_code_and_a_wrong_password_carry_theirs(service: Service) -> None:
    portal = service.enroll("bb-nord", "portal")
    with client(service, portal) as http:
        unknown = http.delete("/v1/portal/bookings/XXXX-XXXX")
    counter = service.enroll("bb-nord", counter=1)
    with client(service, counter) as http:
        wrong = http.post("/v1/sessions", json={"username": "nord1", "password": "falsch-falsch"})

    assert unknown.status_code == 404
    assert unknown.json() == {
        "detail": "Unbekannter Buchungscode 'XXXX-XXXX'",
        "code": "unknown_booking_code",
        "params": {"code": "XXXX-XXXX"},
    }
    assert isinstance(refused(unknown), UnknownId)
    assert wrong.status_code == 401
    assert wrong.headers["WWW-Authenticate"] == "Bearer"
    assert wrong.json() == {
        "detail": "Benutzername oder Passwort falsch",
        "code": "wrong_password",
        "params": {},
    }
    error = refused(wrong)
    assert isinstance(error, NotAuthenticated) and error.code == "wrong_password"


def test_the_openapi_document_describes_a_refusal(service: Service) -> None:
    with service.http() as http:
        document = http.get("/openapi.json").json()
    schema = document["components"]["schemas"]["Refusal"]
    assert set(schema["properties"]) == {"detail", "code", "params"}
    booking = document["paths"]["/v1/portal/bookings"]["post"]["responses"]
    assert booking["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Refusal"
    }


def test_a_reason_inside_a_refusal_comes_back_as_a_code_of_its_own(service: Service) -> None:
    portal = service.enroll("bb-nord", "portal")
    with client(service, portal) as http:
        first = datetime.fromisoformat(
            http.get("/v1/portal/slots", params={"service": SERVICE}).json()[0]["start"]
        ).astimezone(BERLIN)
        later = datetime.combine(first.date() + timedelta(weeks=10), first.timetz())
        body = {"service": SERVICE, "start": later.isoformat(), "name": "Portal Bürger"}
        too_far = http.post("/v1/portal/bookings", json=body)

    assert too_far.status_code == 409
    data = too_far.json()
    assert data["code"] == "outside_window"
    reason = data["params"]["reason"]
    assert reason["code"] == "window_beyond" and set(reason["params"]) == {"last"}
    assert data["detail"] == german("outside_window", data["params"])
    assert "außerhalb des Buchungsfensters" in data["detail"]
    error = refused(too_far)
    assert (error.code, error.params, str(error)) == (
        "outside_window",
        data["params"],
        data["detail"],
    )
