"""The office's F9 setting through the central service (real ``buergerdesk serve`` over
HTTPS, PostgreSQL): a team lead at a counter PC sets it with the team door the same way
as the walk-in quota; the service checks the value whatever the PC sends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from desk.domain.capacity_change import PlanChange
from desk.services.capacity.plan import load_plan
from desk.services.team_door import encode_args
from desk.store.models import Office
from desk.store.uow import UnitOfWork
from desk.sync.team_remote import RemoteTeamDoor
from tests.service_fixtures import Service
from tests.sync.conftest import NOW, Central


@pytest.fixture(scope="module")
def service(central_factory: Callable[..., Central], service_factory) -> Service:
    made = service_factory(central_factory({"bb-nord": 2}))
    made.user("nord.leitung", "bb-nord", "team_lead")
    return made


def today():
    """The service's day (it takes its own clock): a change takes effect from today."""
    return datetime.now(ZoneInfo("Europe/Berlin")).date()


def setting(service: Service) -> str:
    with UnitOfWork(service.db.engine) as uow:
        office = uow.session.get(Office, "bb-nord")
        assert office is not None
        return office.call_next_with_current


def test_a_team_lead_at_a_pc_sets_refuse_and_the_service_keeps_it(service: Service):
    device = service.sign_in(service.enroll("bb-nord", counter=1), "nord.leitung")
    door = RemoteTeamDoor(service.url, device.token, str(service.ca), lambda: device.session)
    lead = service.users["nord.leitung"]
    try:
        shown = door.load_plan("bb-nord", NOW)
        assert shown.walk_in.if_someone_current == "ask"
        change = PlanChange(today(), walk_in=replace(shown.walk_in, if_someone_current="refuse"))
        assert door.preview("bb-nord", change, NOW).changed_days == 0
        summary = door.save_plan_change("bb-nord", change, lead, NOW, {})
        assert summary.walk_in
        assert door.load_plan("bb-nord", NOW).walk_in.if_someone_current == "refuse"
    finally:
        door.close()
    assert setting(service) == "refuse"
    assert load_plan(service.db, "bb-nord", NOW).walk_in.if_someone_current == "refuse"


def test_a_forged_setting_is_refused_by_code_and_nothing_changes(service: Service):
    device = service.sign_in(service.enroll("bb-nord", counter=2), "nord.leitung")
    before = setting(service)
    shown = load_plan(service.db, "bb-nord", NOW).walk_in
    change = PlanChange(today(), walk_in=replace(shown, if_someone_current="ask"))
    body = encode_args(
        "save_plan_change",
        (),
        {"office_id": "bb-nord", "change": change, "decisions": {}},
    )
    body["change"]["walk_in"]["if_someone_current"] = "sometimes"
    with service.http(device) as http:
        response = http.post("/v1/team/save_plan_change", json=body)
    data = response.json()
    assert (response.status_code, data.get("code")) == (409, "if_someone_current_unknown")
    assert data["detail"] == "F9 bei besetztem Schalter: bitte nachfragen oder ablehnen"
    assert setting(service) == before
