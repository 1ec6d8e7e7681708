"""The office's F9 setting (what F9 does while someone is at the counter): the team lead
sets it with the walk-in hour; saved, audited, read back, and no number changes."""

from __future__ import annotations

import json
import uuid
from datetime import time

import pytest
from sqlalchemy import select

from desk.domain.audit import AuditAction
from desk.domain.capacity_change import PlanChange, PlanInvalid, WalkInPlan
from desk.domain.localtime import parse_now
from desk.domain.status import Role
from desk.services.capacity.plan import load_plan, save_plan_change
from desk.services.capacity.preview import capacity_now, preview
from desk.services.walkin.counter_person import counter_work
from desk.store.models import AuditEntry, Office
from desk.store.uow import UnitOfWork
from tests.builders import add_office
from tests.services.test_capacity_plan import add_user

NOW = parse_now("2024-03-20T10:00")  # a Wednesday
TODAY = NOW.date()


@pytest.fixture
def db(fresh_db):
    return fresh_db


@pytest.fixture
def office(db) -> str:
    office_id = f"bb-{uuid.uuid4().hex[:8]}"
    add_office(db, office_id)  # with the walk-in hour 8–9 and 20 tickets
    return office_id


def setting(db, office: str) -> str:
    with UnitOfWork(db.engine) as uow:
        row = uow.session.get(Office, office)
        assert row is not None
        return row.call_next_with_current


def refuse(db, office: str) -> PlanChange:
    w = load_plan(db, office, NOW).walk_in
    return PlanChange(TODAY, walk_in=WalkInPlan(w.starts, w.ends, w.quota, "refuse"))


def test_an_office_asks_until_its_team_lead_says_refuse(db, office):
    lead = add_user(db, Role.TEAM_LEAD)
    assert setting(db, office) == "ask"
    assert load_plan(db, office, NOW).walk_in == WalkInPlan(time(8), time(9), 20, "ask")
    assert counter_work(db, office, 1, NOW).if_someone_current == "ask"
    change = refuse(db, office)
    seen = preview(db, office, change, NOW)
    assert seen.changed_days == 0 and not seen.change.empty  # no numbers, still a change
    before = capacity_now(db, office, NOW)
    summary = save_plan_change(db, office, change, lead, NOW, {})
    assert summary.walk_in
    assert setting(db, office) == "refuse"
    assert load_plan(db, office, NOW).walk_in.if_someone_current == "refuse"
    assert counter_work(db, office, 1, NOW).if_someone_current == "refuse"
    assert capacity_now(db, office, NOW) == before
    with UnitOfWork(db.engine) as uow:
        (row,) = uow.session.scalars(select(AuditEntry).where(AuditEntry.office_id == office))
        assert row.action == AuditAction.WALK_IN_QUOTA and row.user_id == lead
        assert json.loads(row.old_value or "")["f9_bei_besetztem_schalter"] == "nachfragen"
        assert json.loads(row.new_value or "")["f9_bei_besetztem_schalter"] == "ablehnen"
    # the same again changes nothing
    with pytest.raises(PlanInvalid) as again:
        save_plan_change(db, office, refuse(db, office), lead, NOW, {})
    assert again.value.code == "nothing_to_save"


def test_an_unknown_setting_is_refused_and_nothing_is_written(db, office):
    lead = add_user(db, Role.TEAM_LEAD)
    change = PlanChange(TODAY, walk_in=WalkInPlan(time(8), time(9), 20, "sometimes"))
    with pytest.raises(PlanInvalid) as refused:
        save_plan_change(db, office, change, lead, NOW, {})
    assert refused.value.field == "walk_in.if_someone_current"
    assert refused.value.code == "if_someone_current_unknown"
    assert str(refused.value) == "F9 bei besetztem Schalter: bitte nachfragen oder ablehnen"
    assert setting(db, office) == "ask"
