"""Sign-in and the team-lead check live in desk services, not only in the UI."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from desk.domain.errors import RequestRefused
from desk.domain.localtime import parse_now
from desk.domain.status import Role
from desk.services.admin.auth import NotAllowed, authenticate, has_users, require_team_lead
from desk.services.capacity.releases import release_same_day_slot
from desk.services.database import open_database
from desk.store.models import ReleasedSlot, User
from desk.store.uow import UnitOfWork
from tests.conftest import DEMO_NOW_ISO

NOW = parse_now(DEMO_NOW_ISO)


@pytest.fixture
def demo_db(demo_url):
    db = open_database(demo_url)
    yield db
    db.dispose()


def test_the_demo_users_sign_in_with_their_password(demo_db):
    lead = authenticate(demo_db, "teamleitung", "demo")
    clerk = authenticate(demo_db, " sb.mitte1 ", "demo")
    assert (lead.role, lead.team_lead) == (Role.TEAM_LEAD, True)
    assert (clerk.role, clerk.team_lead, clerk.office_id) == (Role.CLERK, False, "bb-mitte")
    assert not hasattr(clerk, "password_hash")
    assert has_users(demo_db)


@pytest.mark.parametrize(
    ("name", "password"),
    [("sb.mitte1", "falsch"), ("niemand", "demo"), ("sb.mitte1", ""), ("", "demo")],
)
def test_wrong_name_or_password_get_the_same_answer(demo_db, name, password):
    with pytest.raises(RequestRefused, match=r"^Benutzername oder Passwort falsch$"):
        authenticate(demo_db, name, password)


def test_a_locked_account_is_refused(sqlite_url):
    from desk.demo.seed import seed_demo_city
    from desk.services.database import upgrade_database

    upgrade_database(sqlite_url)
    db = open_database(sqlite_url)
    seed_demo_city(db, NOW)
    with UnitOfWork(db.engine, write=True) as uow:
        uow.session.execute(update(User).where(User.username == "sb.nord").values(active=False))
        uow.commit()
    with pytest.raises(RequestRefused, match="gesperrt"):
        authenticate(db, "sb.nord", "demo")
    db.dispose()


def test_a_clerk_calling_a_capacity_service_is_refused(demo_db):
    clerk = authenticate(demo_db, "sb.mitte1", "demo")
    lead = authenticate(demo_db, "teamleitung", "demo")
    with pytest.raises(NotAllowed, match="nur die Teamleitung"):
        require_team_lead(demo_db, clerk.id, "Zusätzliche Termine freigeben")
    require_team_lead(demo_db, lead.id, "Zusätzliche Termine freigeben")
    start = NOW.replace(hour=15, minute=0, second=0, microsecond=0)
    with UnitOfWork(demo_db.engine) as uow:
        before = len(uow.session.scalars(select(ReleasedSlot.id)).all())
    with pytest.raises(NotAllowed):
        release_same_day_slot(demo_db, "bb-mitte", 1, start, NOW, user_id=clerk.id)
    with UnitOfWork(demo_db.engine) as uow:
        assert len(uow.session.scalars(select(ReleasedSlot.id)).all()) == before
