"""The office's F9 setting is set centrally (the team lead's capacity editor) and
reaches the counter PCs with the office row: their queue panel reads it there."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from desk.domain.capacity_change import PlanChange, WalkInPlan
from desk.domain.status import Role
from desk.services.capacity.plan import save_plan_change
from desk.services.database import DeskDatabase
from desk.services.walkin.counter_person import counter_work
from desk.store.models import Office, User
from desk.store.uow import UnitOfWork
from tests.sync.conftest import NOW, Central, Replica

OFFICE = "bb-f9-sync"


def team_lead(db: DeskDatabase) -> uuid.UUID:
    with UnitOfWork(db.engine) as uow:
        user = User(
            id=uuid.uuid4(),
            username=f"tl-{uuid.uuid4().hex[:6]}",
            display_name="Teamleitung",
            role=Role.TEAM_LEAD,
            password_hash="-",
            office_id=None,
            active=True,
        )
        uow.session.add(user)
        uow.commit()
        return user.id


def setting(db: DeskDatabase) -> str:
    with UnitOfWork(db.engine) as uow:
        office = uow.session.get(Office, OFFICE)
        assert office is not None
        return office.call_next_with_current


def test_a_setting_changed_centrally_arrives_at_the_pcs(
    central_factory: Callable[..., Central], replica_factory: Callable[..., Replica]
) -> None:
    central = central_factory({OFFICE: 2})
    a, b = replica_factory(central), replica_factory(central)
    assert [setting(db) for db in (central.db, a.db, b.db)] == ["ask"] * 3
    refuse = PlanChange(NOW.date(), walk_in=WalkInPlan(None, None, None, "refuse"))
    save_plan_change(central.db, OFFICE, refuse, team_lead(central.db), NOW, {})

    a.engine.sync_once(NOW + timedelta(seconds=10))
    b.engine.sync_once(NOW + timedelta(seconds=20))
    assert [setting(db) for db in (central.db, a.db, b.db)] == ["refuse"] * 3
    assert counter_work(a.db, OFFICE, 1, NOW).if_someone_current == "refuse"
    # and back: asking again arrives the same way
    ask = PlanChange(NOW.date(), walk_in=WalkInPlan(None, None, None, "ask"))
    save_plan_change(central.db, OFFICE, ask, team_lead(central.db), NOW, {})
    a.engine.sync_once(NOW + timedelta(seconds=30))
    assert setting(a.db) == "ask"
    assert counter_work(a.db, OFFICE, 2, NOW).if_someone_current == "ask"
