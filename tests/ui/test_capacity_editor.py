"""The capacity editor: a team lead edits and previews, a clerk only looks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTime

from desk.demo.city import demo_id
from desk.domain.status import Role
from desk.services.admin.auth import UserInfo
from desk.services.capacity.preview import capacity_now
from desk.store.models import Office
from desk.store.uow import UnitOfWork
from tests.ui.conftest import NOW
from tests.ui.walkin_support import copy_of, settle
from ui.dialogs.capacity_editor import CapacityEditor
from ui.models.capacity_rows_model import KEEP

LEAD = UserInfo(demo_id("user", "teamleitung"), "teamleitung", "Teamleitung", Role.TEAM_LEAD, None)
CLERK = UserInfo(demo_id("user", "sb.mitte1"), "sb.mitte1", "SB Mitte 1", Role.CLERK, "bb-mitte")
NACHHER = 6  # column "Kontingent nachher"


@pytest.fixture
def db(demo_sqlite_url, tmp_path, db_of):
    return db_of(copy_of(demo_sqlite_url, tmp_path / "capacity.sqlite"))


@pytest.fixture
def open_editor(ops, qtbot, db):
    editors = []

    def make(user: UserInfo | None) -> CapacityEditor:
        editor = CapacityEditor(ops, db, user, "bb-mitte", lambda: NOW)
        qtbot.addWidget(editor)
        editor.resize(1366, 768)
        with qtbot.waitSignal(editor.preview_updated, timeout=20_000):
            editor.show()
        editors.append(editor)
        return editor

    yield make
    settle(qtbot, ops)


def column(editor: CapacityEditor, col: int) -> list[str]:
    model = editor.preview_model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_opens_for_a_team_lead_with_the_plan_and_an_unchanged_preview(open_editor):
    editor = open_editor(LEAD)
    assert "Bürgerbüro Mitte" in editor.title.text()
    assert editor.opening.model.rowCount() == 7 * 6  # weekdays × counters
    assert editor.preview_model.rowCount() == 14
    assert editor.summary.text() == "Keine Änderung an den Zahlen"
    assert editor.walk_in.quota.text() == "20" and editor.walk_in.isEnabled()
    assert editor.why.isHidden() and not editor.save_button.isEnabled()


def test_is_read_only_for_a_clerk(open_editor):
    editor = open_editor(CLERK)
    assert not editor.why.isHidden() and "Teamleitung" in editor.why.text()
    for widget in (
        editor.effective,
        editor.policy,
        editor.walk_in,
        editor.release,
        editor.opening.staffed,
        editor.opening.opens,
        editor.closures.add,
        editor.save_button,
    ):
        assert not widget.isEnabled(), widget


def test_the_preview_updates_when_a_field_changes(open_editor, qtbot):
    editor = open_editor(LEAD)
    editor.walk_in.quota.setText("12")
    qtbot.waitUntil(lambda: "12 (-8)" in column(editor, NACHHER), timeout=10_000)
    assert "*" in column(editor, 0)[1]  # Thursday, a working day, is marked as changed
    assert editor.summary.text().startswith("An ")
    assert editor.save_button.isEnabled()


def test_end_before_start_is_refused_next_to_the_field_and_kept(open_editor, qtbot):
    editor = open_editor(LEAD)
    editor.opening.table.selectRow(0)  # Monday, counter 1
    editor.opening.closes.setTime(QTime(8, 0))
    error = editor.opening.hours_error
    qtbot.waitUntil(lambda: not error.isHidden(), timeout=10_000)
    assert "nicht nach Beginn" in error.text()
    assert editor.opening.closes.time() == QTime(8, 0)  # nothing lost
    assert not editor.save_button.isEnabled()
    editor.opening.closes.setTime(QTime(17, 0))
    qtbot.waitUntil(lambda: error.isHidden(), timeout=10_000)


def test_a_negative_quota_is_refused_next_to_the_field(open_editor, qtbot):
    editor = open_editor(LEAD)
    editor.walk_in.quota.setText("-5")
    error = editor.walk_in.quota_error
    qtbot.waitUntil(lambda: not error.isHidden(), timeout=10_000)
    assert "negativ" in error.text()
    assert editor.walk_in.quota.text() == "-5"
    assert not editor.save_button.isEnabled()


def test_the_models_pass_the_model_tester(open_editor, qtmodeltester, qtbot):
    editor = open_editor(LEAD)
    editor.opening.table.selectRow(2)  # Monday, counter 3: shorter by two hours
    editor.opening.closes.setTime(QTime(16, 0))
    with qtbot.waitSignal(editor.preview_updated, timeout=10_000):
        pass
    qtmodeltester.check(editor.preview_model)
    qtmodeltester.check(editor.opening.model)
    qtmodeltester.check(editor.closures.model)
    qtmodeltester.check(editor.collision_model)
    assert editor.opening.model.index(2, 5).data() == "geändert"


def test_collisions_need_a_choice_before_saving(open_editor, qtbot):
    editor = open_editor(LEAD)
    editor.walk_in.quota.setText("19")
    editor.opening.table.selectRow(0)  # Monday, counter 1: not staffed any more
    editor.opening.staffed.setChecked(False)
    qtbot.waitUntil(lambda: editor.collision_model.rowCount() > 0, timeout=10_000)
    assert not editor.save_button.isEnabled()
    model = editor.collision_model
    for row in range(model.rowCount()):
        assert model.setData(model.index(row, model.CHOICE), KEEP)
    assert model.index(0, model.CHOICE).data() == "Behalten"
    assert editor.save_button.isEnabled()


def test_a_save_writes_and_the_preview_then_shows_no_difference(open_editor, qtbot, db):
    editor = open_editor(LEAD)
    editor.walk_in.quota.setText("12")
    qtbot.waitUntil(lambda: editor.save_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignals([editor.saved, editor.plan_loaded], timeout=20_000):
        editor.save_button.click()
    qtbot.waitUntil(lambda: editor.summary.text() == "Keine Änderung an den Zahlen", timeout=10_000)
    assert all("(" not in text for text in column(editor, NACHHER))
    assert editor.walk_in.quota.text() == "12"
    thursday = capacity_now(db, "bb-mitte", NOW)[1]
    assert thursday.walk_in == 12 and editor.walk_in.starts.time() == QTime(8, 0)


def press_escape(qtbot, editor: CapacityEditor) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def answer(qtbot, editor: CapacityEditor, button: str) -> None:
    """Click ``button`` of the question the editor shows (the real message box)."""
    qtbot.waitUntil(lambda: editor.discard_question is not None, timeout=5_000)
    box = editor.discard_question
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    assert box.text() == "Änderungen verwerfen?"
    (clicked,) = [b for b in box.buttons() if b.text() == button]
    assert sorted(b.text() for b in box.buttons()) == ["Verwerfen", "Weiter bearbeiten"]
    clicked.click()


def test_escape_without_changes_closes_at_once(open_editor, qtbot):
    editor = open_editor(LEAD)
    press_escape(qtbot, editor)
    assert not editor.isVisible()
    assert editor.discard_question is None


def test_escape_with_changes_asks_before_throwing_the_draft_away(open_editor, qtbot):
    editor = open_editor(LEAD)
    editor.walk_in.quota.setText("12")
    qtbot.waitUntil(lambda: "12 (-8)" in column(editor, NACHHER), timeout=10_000)

    press_escape(qtbot, editor)
    answer(qtbot, editor, "Weiter bearbeiten")
    qtbot.waitUntil(lambda: editor.discard_question is None, timeout=5_000)
    assert editor.isVisible()
    assert editor.walk_in.quota.text() == "12"  # the draft is kept
    assert editor.save_button.isEnabled()

    editor.close()  # the window's close button asks too
    answer(qtbot, editor, "Verwerfen")
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5_000)


def test_a_field_that_cannot_be_read_counts_as_an_edit(open_editor, qtbot):
    editor = open_editor(LEAD)
    editor.walk_in.quota.setText("zwölf")
    press_escape(qtbot, editor)
    answer(qtbot, editor, "Verwerfen")
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5_000)


def test_a_clerk_who_only_looks_closes_without_a_question(open_editor, qtbot):
    editor = open_editor(CLERK)
    press_escape(qtbot, editor)
    assert not editor.isVisible()


def test_the_f9_setting_is_set_in_the_walk_in_tab_and_saved(open_editor, qtbot, db):
    editor = open_editor(LEAD)
    combo = editor.walk_in.if_someone_current
    assert [combo.itemText(i) for i in range(combo.count())] == ["nachfragen", "ablehnen"]
    assert combo.currentText() == "nachfragen"  # the demo city asks
    combo.setCurrentIndex(combo.findText("ablehnen"))
    qtbot.waitUntil(lambda: editor.save_button.isEnabled(), timeout=10_000)
    assert editor.summary.text() == "Keine Änderung an den Zahlen"  # a setting, no numbers
    assert editor.unsaved()
    with qtbot.waitSignals([editor.saved, editor.plan_loaded], timeout=20_000):
        editor.save_button.click()
    assert combo.currentText() == "ablehnen" and not editor.unsaved()
    with UnitOfWork(db.engine) as uow:
        office = uow.session.get(Office, "bb-mitte")
        assert office is not None and office.call_next_with_current == "refuse"


def test_a_refused_f9_setting_is_shown_next_to_its_field(open_editor):
    editor = open_editor(LEAD)
    message = "F9 bei besetztem Schalter: bitte nachfragen oder ablehnen"
    editor.show_error("walk_in.if_someone_current", message)  # as the service refuses it
    tab = editor.walk_in
    assert tab.f9_error.text() == message and not tab.f9_error.isHidden()
    assert tab.ends_error.isHidden() and tab.quota_error.isHidden()
    assert editor.status.text() == "Bitte die markierte Eingabe korrigieren."
