"""On the demo database (and only there) the sign-in names the demo users and their
password, so a newcomer after `make run` is not stuck; a database with a real user,
a changed demo password, or a counter of the central service shows nothing."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import update

from desk.demo.city import DEMO_PASSWORD, USERS
from desk.domain.passwords import hash_password
from desk.services.database import open_database
from desk.store.models import User
from desk.store.uow import UnitOfWork
from desk.sync.connect import CentralSession
from tests.ui.lock_support import copy_demo, window_on


@pytest.fixture
def demo_copy(demo_sqlite_url, tmp_path):
    return copy_demo(demo_sqlite_url, tmp_path)


def change(url: str, statement) -> None:
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            if isinstance(statement, User):
                uow.session.add(statement)
            else:
                uow.session.execute(statement)
            uow.commit()
    finally:
        db.dispose()


def hint_of(qtbot, window) -> str | None:
    """The sign-in's demo hint once decided (None: not shown)."""
    dialog = window.sign_in()
    assert dialog is not None
    with qtbot.waitSignal(dialog.hint_checked, timeout=10_000):
        pass
    return dialog.hint.text() if dialog.hint.isVisibleTo(dialog) else None


def test_on_the_demo_database_the_sign_in_names_the_demo_users_and_password(
    qtbot, demo_copy, tmp_path
):
    with window_on(qtbot, demo_copy, tmp_path) as window:
        hint = hint_of(qtbot, window)
    assert hint is not None and hint.startswith("Demo-Datenbank")
    for user in USERS:
        assert user.username in hint
    assert hint.endswith(f"Passwort für alle: {DEMO_PASSWORD}")


@pytest.mark.parametrize("how", ["a real user added", "the demo password changed"])
def test_a_database_that_is_not_only_the_demo_city_shows_no_hint(qtbot, demo_copy, tmp_path, how):
    if how == "a real user added":  # e.g. a city's first team lead beside the demo city
        change(
            demo_copy,
            User(
                id=uuid.uuid4(),
                username="leitung.altstadt",
                display_name="Leitung Altstadt",
                role="team_lead",
                password_hash=hash_password("ein-echtes-Passwort-2024"),
                office_id="bb-mitte",
                active=True,
            ),
        )
    else:
        lead = USERS[0].username
        new_hash = hash_password("nicht-mehr-demo-2024")
        change(demo_copy, update(User).where(User.username == lead).values(password_hash=new_hash))
    with window_on(qtbot, demo_copy, tmp_path) as window:
        assert hint_of(qtbot, window) is None


def test_a_counter_of_the_central_service_never_shows_the_hint(qtbot, demo_copy, tmp_path):
    with window_on(qtbot, demo_copy, tmp_path) as window:
        window.central_session = CentralSession("https://zentrale.stadt.example:8443")
        dialog = window.sign_in()
        assert dialog is not None
        with qtbot.assertNotEmitted(dialog.hint_checked, wait=1_000):
            pass  # not even asked
        assert not dialog.hint.isVisibleTo(dialog) and dialog.hint.text() == ""
