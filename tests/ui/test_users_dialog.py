"""Benutzer verwalten: a team lead adds, changes and locks users and sets passwords on a
copy of the demo city; bad input is refused next to its field and writes nothing; a
clerk who got here anyway sees the service's refusal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from desk.domain.errors import RequestRefused
from desk.services.admin.auth import authenticate
from desk.services.database import DeskDatabase
from desk.services.offices import list_offices
from desk.store.models import AuditEntry, User
from desk.store.uow import UnitOfWork
from tests.ui.conftest import NOW
from tests.ui.walkin_support import copy_of, settle
from ui.dialogs.users_dialog import UsersDialog

SECRET = "Neu im Amt 2024"


@pytest.fixture
def db(demo_sqlite_url, tmp_path, db_of) -> DeskDatabase:
    return db_of(copy_of(demo_sqlite_url, tmp_path / "users.sqlite"))


@pytest.fixture
def open_dialog(ops, qtbot, db):
    offices = list_offices(db)

    def make(username: str = "teamleitung") -> UsersDialog:
        dialog = UsersDialog(ops, db, authenticate(db, username, "demo"), offices, lambda: NOW)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.loaded, timeout=10_000):
            dialog.show()
        return dialog

    yield make
    settle(qtbot, ops)


def counts(db: DeskDatabase) -> tuple[int, int]:
    with UnitOfWork(db.engine) as uow:
        users = uow.session.scalar(select(func.count()).select_from(User))
        audits = uow.session.scalar(select(func.count()).select_from(AuditEntry))
        return int(users or 0), int(audits or 0)


def column(dialog: UsersDialog, col: int) -> list[str]:
    model = dialog.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def fill_new(dialog: UsersDialog, username: str, password: str, repeat: str | None = None) -> None:
    dialog.new_button.click()
    dialog.username.setText(username)
    dialog.display_name.setText("Sachbearbeitung Ost")
    dialog.office.setCurrentIndex(dialog.office.findData("bb-nord"))
    dialog.password.setText(password)
    dialog.repeat.setText(password if repeat is None else repeat)


def save(qtbot, dialog: UsersDialog) -> None:
    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        dialog.save_button.click()


def select_user(dialog: UsersDialog, username: str) -> None:
    dialog.table.selectRow(column(dialog, 0).index(username))


def test_the_table_lists_the_users_with_german_roles_under_the_model_tester(
    open_dialog, qtmodeltester
):
    dialog = open_dialog()
    qtmodeltester.check(dialog.model)
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Benutzername", "Name", "Rolle", "Standort", "aktiv"]
    rows = {r[0]: r for r in zip(*(column(dialog, c) for c in range(5)), strict=True)}
    assert rows["sb.mitte1"] == (
        "sb.mitte1", "Sachbearbeitung Mitte 1", "Sachbearbeitung", "Bürgerbüro Mitte", "aktiv"
    )  # fmt: skip
    assert rows["teamleitung"][2:] == ("Teamleitung", "alle Standorte", "aktiv")


def test_a_user_added_through_the_form_appears_and_can_sign_in(
    open_dialog, qtbot, db, qtmodeltester
):
    dialog = open_dialog()
    fill_new(dialog, "sb.ost", SECRET)

    save(qtbot, dialog)

    assert "sb.ost" in column(dialog, 0)
    assert column(dialog, 0) == sorted(column(dialog, 0), key=str.lower)
    assert dialog.status.text() == "Benutzer sb.ost angelegt."
    assert dialog.selected is not None and dialog.selected.username == "sb.ost"
    signed_in = authenticate(db, "sb.ost", SECRET)
    assert (signed_in.display_name, signed_in.office_id, signed_in.team_lead) == (
        "Sachbearbeitung Ost", "bb-nord", False,
    )  # fmt: skip
    qtmodeltester.check(dialog.model)


@pytest.mark.parametrize(
    ("username", "password", "repeat", "field", "message"),
    [
        ("sb.ost", "kurz", None, "password", "Passwort: mindestens 10 Zeichen nötig"),
        ("sb.ost", SECRET, "Neu im Amt 2025", "repeat", "Die Passwörter stimmen nicht überein."),
        ("sb.mitte1", SECRET, None, "username", "Benutzername: 'sb.mitte1' ist schon vergeben"),
        ("sb ost", SECRET, None, "username", "Benutzername: nur Buchstaben"),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_written(
    open_dialog, qtbot, db, username, password, repeat, field, message
):
    dialog = open_dialog()
    before = counts(db)
    fill_new(dialog, username, password, repeat)

    if field == "repeat":  # checked in the form, before any database work
        dialog.save_button.click()
    else:
        save(qtbot, dialog)

    shown = {name: label.text() for name, label in dialog.errors.items() if label.isVisible()}
    assert list(shown) == [field] and shown[field].startswith(message)
    assert counts(db) == before
    assert dialog.model.rowCount() == 7


def test_a_locked_user_is_shown_as_such_and_can_no_longer_sign_in(open_dialog, qtbot, db):
    dialog = open_dialog()
    select_user(dialog, "sb.west")
    assert dialog.form.title() == "Benutzer sb.west ändern" and dialog.active.isChecked()

    dialog.active.setChecked(False)
    save(qtbot, dialog)

    assert dialog.status.text() == "Benutzer sb.west gespeichert."
    row = column(dialog, 0).index("sb.west")
    assert dialog.model.index(row, 4).data() == "gesperrt"
    with pytest.raises(RequestRefused, match="gesperrt"):
        authenticate(db, "sb.west", "demo")


def test_a_user_locked_by_failed_sign_ins_is_shown_and_a_lead_lifts_the_lock(
    open_dialog, qtbot, db
):
    for attempt in range(5):  # a minute ago, seconds apart: past the back-off
        at = datetime.now(UTC) - timedelta(seconds=60 - 5 * attempt)
        with pytest.raises(RequestRefused):
            authenticate(db, "sb.west", f"falsch-{attempt}", now=at)  # counted, not held
    dialog = open_dialog()
    row = column(dialog, 0).index("sb.west")
    assert "nach Fehlversuchen gesperrt bis" in dialog.model.index(row, 4).data()
    select_user(dialog, "sb.mitte1")
    assert not dialog.unlock_button.isEnabled()
    select_user(dialog, "sb.west")
    assert dialog.unlock_button.isEnabled()

    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        dialog.unlock_button.click()

    assert dialog.status.text() == "Anmeldesperre von sb.west aufgehoben."
    assert dialog.model.index(row, 4).data() == "aktiv"
    assert authenticate(db, "sb.west", "demo").username == "sb.west"


def test_the_last_team_lead_cannot_lock_themselves(open_dialog, qtbot, db):
    dialog = open_dialog()
    select_user(dialog, "teamleitung")
    dialog.active.setChecked(False)

    save(qtbot, dialog)

    assert dialog.errors["active"].text().startswith("teamleitung ist die letzte aktive")
    assert authenticate(db, "teamleitung", "demo").team_lead


def test_set_password_needs_two_equal_fields_and_then_signs_in_with_it(open_dialog, qtbot, db):
    dialog = open_dialog()
    select_user(dialog, "sb.nord")
    dialog.password_button.click()
    asked = dialog.password_dialog
    assert asked is not None and asked.isVisible()

    asked.password.setText("Nord-Passwort-1")
    asked.repeat.setText("Nord-Passwort-2")
    asked.buttons.accepted.emit()
    assert asked.repeat_error.text() == "Die Passwörter stimmen nicht überein."
    asked.password.setText("kurz")
    asked.repeat.setText("kurz")
    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        asked.buttons.accepted.emit()
    assert asked.password_error.text() == "Passwort: mindestens 10 Zeichen nötig"
    assert asked.isVisible() and authenticate(db, "sb.nord", "demo").username == "sb.nord"
    asked.password.setText("Nord-Passwort-1")
    asked.repeat.setText("Nord-Passwort-1")
    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        asked.buttons.accepted.emit()

    assert not asked.isVisible() and dialog.status.text() == "Passwort von sb.nord gesetzt."
    assert authenticate(db, "sb.nord", "Nord-Passwort-1").username == "sb.nord"


def test_a_clerk_sees_the_refusal_and_cannot_change_anything(open_dialog):
    dialog = open_dialog("sb.mitte1")
    assert dialog.status.text() == (
        "Benutzer verwalten darf nur die Teamleitung (Sachbearbeitung Mitte 1 ist Sachbearbeitung)"
    )
    assert dialog.model.rowCount() == 0 and not dialog.form.isEnabled()
