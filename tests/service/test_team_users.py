"""Users made from a counter PC through the central service (real ``buergerdesk serve``
over HTTPS, PostgreSQL): the team door sends the new user's office, the service makes
the user in the PC's office for a team lead and refuses by code whatever reaches beyond
it — another office, a city-wide account, a clerk, a move of a user out of the office,
another office's user, an office lead taking over a city-wide account — however the
request is forged."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from desk.services.admin.users import find_user, list_users
from desk.services.team_door import encode_args
from desk.sync.team_remote import RemoteTeamDoor
from tests.service_fixtures import PASSWORD, Device, Service
from tests.sync.conftest import NOW, Central


@pytest.fixture(scope="module")
def service(central_factory: Callable[..., Central], service_factory) -> Service:
    made = service_factory(central_factory({"bb-nord": 2, "bb-mitte": 1}))
    made.user("leitung", None, "team_lead")
    made.user("nord.leitung", "bb-nord", "team_lead")
    made.user("nord1", "bb-nord")
    made.user("mitte1", "bb-mitte")
    return made


def _pc(service: Service, username: str) -> Device:
    return service.sign_in(service.enroll("bb-nord", counter=1), username)


def _new(username: str, office_id: Any) -> dict[str, Any]:
    return {"username": username, "display_name": "Neu Im Amt", "role": "clerk",
            "office_id": office_id, "password": PASSWORD}  # fmt: skip


def _usernames(service: Service) -> set[str]:
    return {row.username for row in list_users(service.db, user_id=None)}


def test_the_team_door_sends_the_new_users_office():
    sent = encode_args(
        "create_user",
        (),
        {"user_id": uuid.uuid4(), "now": NOW, **_new("x.y", "bb-nord")},
    )
    assert sent == _new("x.y", "bb-nord")


def test_a_team_lead_at_a_pc_makes_a_user_of_the_office_who_signs_in(service: Service):
    device = _pc(service, "nord.leitung")
    door = RemoteTeamDoor(service.url, device.token, str(service.ca), lambda: device.session)
    try:
        row = door.create_user(user_id=service.users["nord.leitung"], now=NOW,
                               **_new("nord.neu", "bb-nord"))  # fmt: skip
    finally:
        door.close()
    assert (row.username, row.office_id, row.role) == ("nord.neu", "bb-nord", "clerk")
    central = find_user(service.db, "nord.neu")
    assert (central.id, central.office_id, central.active) == (row.id, "bb-nord", True)
    assert service.sign_in(service.enroll("bb-nord", counter=2), "nord.neu").session


def _refusal(response: httpx.Response) -> tuple[int, str | None, dict[str, Any]]:
    data = response.json()
    return response.status_code, data.get("code"), data.get("params")


@pytest.mark.parametrize("office", ["bb-mitte", None, "BB-NORD"])
def test_a_forged_office_outside_the_pcs_office_is_refused_by_code(service: Service, office):
    device = _pc(service, "nord.leitung")
    with service.http(device) as http:
        response = http.post("/v1/team/create_user", json=_new("forged.neu", office))
    assert _refusal(response) == (403, "users_office_only", {"office": "bb-nord"})
    assert response.json()["detail"] == (
        "Von diesem PC aus nur Benutzer von bb-nord; andere Standorte und stadtweite Konten "
        "verwaltet die Verwaltung am Server"
    )
    assert "forged.neu" not in _usernames(service)


def test_the_office_cannot_be_left_out_nor_the_caller_forged(service: Service):
    device = _pc(service, "nord.leitung")
    body = _new("forged.neu", "bb-nord")
    del body["office_id"]
    with service.http(device) as http:
        missing = http.post("/v1/team/create_user", json=body)
        as_other = http.post("/v1/team/create_user", json={
            **_new("forged.neu", "bb-nord"), "user_id": str(service.users["leitung"])})  # fmt: skip
    assert missing.status_code in (409, 422) and "office_id" in missing.json()["detail"]
    assert as_other.status_code in (409, 422) and "user_id" in as_other.json()["detail"]
    assert "forged.neu" not in _usernames(service)


def test_a_clerk_at_a_pc_makes_no_user_even_for_the_own_office(service: Service):
    device = _pc(service, "nord1")
    with service.http(device) as http:
        response = http.post("/v1/team/create_user", json=_new("clerk.neu", "bb-nord"))
    assert _refusal(response)[:2] == (403, "team_lead_only")
    assert "clerk.neu" not in _usernames(service)


def test_a_user_is_not_moved_out_of_the_office_nor_another_offices_user_changed(
    service: Service,
):
    device = _pc(service, "nord.leitung")
    nord1, mitte1 = service.users["nord1"], service.users["mitte1"]
    with service.http(device) as http:
        moved = http.post(
            "/v1/team/change_user", json={"target_id": str(nord1), "office_id": "bb-mitte"}
        )
        other = http.post(
            "/v1/team/change_user", json={"target_id": str(mitte1), "display_name": "Geändert"}
        )
        kept = http.post(
            "/v1/team/change_user", json={"target_id": str(nord1), "office_id": "bb-nord"}
        )
    assert _refusal(moved) == (403, "users_office_only", {"office": "bb-nord"})
    assert _refusal(other) == (403, "users_other_office", {})
    assert other.json()["detail"] == "Benutzer anderer Standorte verwaltet die Teamleitung dort"
    assert kept.status_code == 200, kept.text
    assert find_user(service.db, "nord1").office_id == "bb-nord"
    assert find_user(service.db, "mitte1").display_name == "Mitte1"


def test_an_office_lead_cannot_take_over_a_city_wide_account_a_city_wide_lead_can_edit_it(
    service: Service,
):
    city = str(service.users["leitung"])
    office_lead = _pc(service, "nord.leitung")
    with service.http(office_lead) as http:
        taken = http.post(
            "/v1/team/set_password", json={"target_id": city, "password": "Uebernommen-2024"}
        )
        demoted = http.post("/v1/team/change_user", json={"target_id": city, "role": "clerk"})
    assert _refusal(taken) == (403, "users_office_only", {"office": "bb-nord"})
    assert _refusal(demoted) == (403, "users_office_only", {"office": "bb-nord"})
    assert find_user(service.db, "leitung").role == "team_lead"
    assert service.sign_in(service.enroll("bb-mitte", counter=1), "leitung").session

    city_lead = _pc(service, "leitung")
    with service.http(city_lead) as http:
        renamed = http.post(
            "/v1/team/change_user",
            json={"target_id": city, "display_name": "Stadtleitung", "office_id": None},
        )
    assert renamed.status_code == 200, renamed.text
    assert (renamed.json()["display_name"], renamed.json()["office_id"]) == ("Stadtleitung", None)
