"""Cancelling with an empty reason: the question stays open and says a reason is needed;
with a reason OK is taken; Cancel backs out (the real modal dialog, driven as a clerk)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ui.dialogs.reason_dialog import ReasonDialog, ask_reason


def ok(dialog: ReasonDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_an_empty_reason_keeps_the_dialog_open_and_says_why(qtbot):
    dialog = ReasonDialog("Termin stornieren", "Grund der Stornierung für ABC-123:")
    qtbot.addWidget(dialog)
    dialog.show()
    for empty in ("", "   "):
        dialog.edit.setText(empty)
        ok(dialog)
        assert dialog.isVisible()
        assert dialog.result() == 0
        assert dialog.error.isVisible() and dialog.error.text() == "Bitte einen Grund angeben."
    assert dialog.edit.text() == "   "  # what was typed stays

    qtbot.keyClicks(dialog.edit, "Umzug")
    assert not dialog.error.isVisible()  # typing clears the message
    ok(dialog)
    assert not dialog.isVisible()
    assert dialog.result() == ReasonDialog.DialogCode.Accepted
    assert dialog.reason() == "Umzug"


def answer_when_asked(qtbot, steps) -> list[str]:
    """Drive the modal question as a clerk: each step gets the dialog once it shows."""
    seen: list[str] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReasonDialog):
            QTimer.singleShot(20, act)
            return
        seen.append(dialog.error.text())
        step = steps.pop(0)
        step(dialog)
        if steps:
            QTimer.singleShot(20, act)

    QTimer.singleShot(0, act)
    return seen


def test_ask_reason_takes_ok_only_with_a_reason(qtbot):
    def empty_ok(dialog: ReasonDialog) -> None:
        ok(dialog)

    def typed_ok(dialog: ReasonDialog) -> None:
        assert dialog.isVisible() and dialog.error.text() == "Bitte einen Grund angeben."
        dialog.edit.setText("Bürger hat angerufen")  # (QTest types ASCII only)
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)

    answer_when_asked(qtbot, [empty_ok, typed_ok])
    assert ask_reason(None, "Termin stornieren", "Grund:") == ("Bürger hat angerufen", True)


def test_ask_reason_cancel_backs_out(qtbot):
    def cancel(dialog: ReasonDialog) -> None:
        dialog.edit.setText("halb getippt")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)

    answer_when_asked(qtbot, [cancel])
    assert ask_reason(None, "Termin stornieren", "Grund:") == ("", False)


def test_del_with_an_empty_reason_keeps_asking_and_cancels_nothing(
    ops, qtbot, settings, demo_sqlite_url, tmp_path
):
    from desk.domain.clock import FixedClock
    from desk.services.database import open_database
    from tests.ui.conftest import NOW
    from tests.ui.test_life_cycle_keys import COUNTER, MITTE, S, booked_later_today, in_database
    from tests.ui.walkin_support import copy_of
    from ui.views.main_window import MainWindow

    url = copy_of(demo_sqlite_url, tmp_path / "reason.sqlite")
    window = MainWindow(
        ops, settings, lambda: open_database(url), FixedClock(NOW),
        show_dialogs=True, office_id=MITTE, counter_number=COUNTER,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    target = booked_later_today(window)[0]
    assert window.select_appointment(target.id)

    def empty_ok(dialog: ReasonDialog) -> None:
        assert target.booking_code in dialog.label.text()
        ok(dialog)

    def still_open_then_cancel(dialog: ReasonDialog) -> None:
        assert dialog.isVisible() and dialog.error.text() == "Bitte einen Grund angeben."
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    answer_when_asked(qtbot, [empty_ok, still_open_then_cancel])
    with qtbot.assertNotEmitted(window.step_done, wait=300):
        qtbot.keyClick(window.calendar, Qt.Key.Key_Delete)
    assert in_database(url, target.id)[0].status == S.BOOKED
