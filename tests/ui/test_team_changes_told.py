"""The team lead's tools tell the one change broadcast (ui.changes): a saved plan and a
same-day release as capacity and appointments of their office, a user change as users."""

from __future__ import annotations

import pytest

from desk.services.offices import list_offices
from tests.ui.conftest import NOW
from tests.ui.test_capacity_editor import LEAD, db, open_editor  # noqa: F401 (fixtures)
from tests.ui.test_users_dialog import SECRET, fill_new, save
from tests.ui.walkin_support import settle
from ui.changes import Change, What
from ui.dialogs.users_dialog import UsersDialog
from ui.ops import Ops


@pytest.fixture
def told(ops: Ops) -> list[Change]:
    heard: list[Change] = []
    ops.changes.changed.connect(heard.append)
    return heard


def test_a_saved_plan_tells_capacity_and_appointments_of_its_office(
    open_editor,  # noqa: F811 (the capacity editor's fixture)
    qtbot,
    told: list[Change],
):
    editor = open_editor(LEAD)
    editor.walk_in.quota.setText("12")
    qtbot.waitUntil(lambda: editor.save_button.isEnabled(), timeout=10_000)
    told.clear()
    with qtbot.waitSignals([editor.saved, editor.plan_loaded], timeout=20_000):
        editor.save_button.click()
    assert any(c.concerns(What.CAPACITY, "bb-mitte") for c in told)
    assert any(c.concerns(What.APPOINTMENTS, "bb-mitte") for c in told)
    assert not any(c.concerns(What.CAPACITY, "bb-nord") for c in told)


def test_a_same_day_release_tells_its_office(
    open_editor,  # noqa: F811 (the capacity editor's fixture)
    qtbot,
    told: list[Change],
):
    editor = open_editor(LEAD)
    told.clear()
    editor._release([1])
    qtbot.waitUntil(lambda: bool(editor.release.result.text()), timeout=10_000)
    assert any(c.concerns(What.CAPACITY | What.APPOINTMENTS, "bb-mitte") for c in told)


def test_a_new_user_tells_users(ops: Ops, qtbot, db, told: list[Change]):  # noqa: F811
    from desk.services.admin.auth import authenticate

    dialog = UsersDialog(
        ops, db, authenticate(db, "teamleitung", "demo"), list_offices(db), lambda: NOW
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    fill_new(dialog, "sb.ost", SECRET)
    save(qtbot, dialog)
    assert told == [Change(What.USERS)]
    settle(qtbot, ops)
