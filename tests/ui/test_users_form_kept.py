"""Benutzer verwalten keeps what was typed when a password is refused: Enter in the new
user's form saves it (before, it clicked "Neuer Benutzer" and emptied the form) and the
refusal shows next to the password field; through the central service (real HTTPS,
PostgreSQL) a refused password stays next to its field too, its dialog open."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt

from desk.domain.status import Role
from desk.services.admin.auth import UserInfo
from desk.services.database import DeskDatabase
from desk.services.offices import list_offices
from desk.sync.team_remote import RemoteTeamDoor
from tests.service_fixtures import Service
from tests.sync.conftest import NOW, Central
from tests.ui.test_users_dialog import counts, fill_new
from tests.ui.walkin_support import copy_of, settle
from ui.dialogs.users_dialog import UsersDialog


@pytest.fixture
def local(
    ops, qtbot, demo_sqlite_url, tmp_path, db_of
) -> Iterator[tuple[UsersDialog, DeskDatabase]]:
    """The dialog on a copy of the demo city, and that database."""
    from desk.services.admin.auth import authenticate

    db = db_of(copy_of(demo_sqlite_url, tmp_path / "users.sqlite"))
    made = UsersDialog(
        ops, db, authenticate(db, "teamleitung", "demo"), list_offices(db), lambda: NOW
    )
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.loaded, timeout=10_000):
        made.show()
    yield made, db
    settle(qtbot, ops)


def typed(dialog: UsersDialog) -> tuple[object, ...]:
    return (
        dialog.username.text(),
        dialog.display_name.text(),
        dialog.role.currentData(),
        dialog.office.currentData(),
        dialog.password.text(),
        dialog.repeat.text(),
    )


def test_enter_saves_and_a_refused_password_keeps_the_form(local, qtbot):
    dialog, db = local
    before = counts(db)
    fill_new(dialog, "sb.ost", "kurz")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.TEAM_LEAD.value))
    dialog.repeat.setFocus()
    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)

    assert typed(dialog) == (
        "sb.ost",
        "Sachbearbeitung Ost",
        "team_lead",
        "bb-nord",
        "kurz",
        "kurz",
    )
    assert dialog.form.title() == "Neuer Benutzer"
    shown = {name: label.text() for name, label in dialog.errors.items() if label.isVisible()}
    assert list(shown) == ["password"]
    assert shown["password"].startswith("Passwort: mindestens 10 Zeichen")
    assert counts(db) == before

    # typed again and Enter once more: the same form makes the user
    dialog.password.setText("Neu im Amt 2024")
    dialog.repeat.setText("Neu im Amt 2024")
    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Enter)
    assert dialog.status.text() == "Benutzer sb.ost angelegt."
    assert counts(db)[0] == before[0] + 1


@pytest.fixture(scope="module")
def service(central_factory: Callable[..., Central], service_factory) -> Service:
    made = service_factory(central_factory({"bb-nord": 2}))
    made.user("leitung", None, role="team_lead")
    made.user("sb.nord9", "bb-nord")
    return made


@pytest.fixture
def remote_dialog(service: Service, ops, qtbot) -> Iterator[UsersDialog]:
    device = service.sign_in(service.enroll("bb-nord", counter=1), "leitung")
    door = RemoteTeamDoor(service.url, device.token, str(service.ca), lambda: device.session)
    lead = UserInfo(service.users["leitung"], "leitung", "Leitung", Role.TEAM_LEAD.value, None)
    made = UsersDialog(ops, door, lead, list_offices(service.db), lambda: NOW)
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.loaded, timeout=20_000):
        made.show()
    yield made
    settle(qtbot, ops)
    door.close()


def test_a_password_the_service_refuses_stays_next_to_its_field(remote_dialog, qtbot):
    dialog = remote_dialog
    users = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    dialog.table.selectRow(users.index("sb.nord9"))
    dialog.password_button.click()
    asked = dialog.password_dialog
    assert asked is not None and asked.isVisible()
    asked.password.setText("kurz")
    asked.repeat.setText("kurz")
    with qtbot.waitSignal(dialog.answered, timeout=20_000):
        asked.buttons.accepted.emit()

    assert asked.isVisible()
    assert asked.password_error.text() == "Passwort: mindestens 10 Zeichen nötig"
    assert (asked.password.text(), asked.repeat.text()) == ("kurz", "kurz")
    assert dialog.status.text() == ""
