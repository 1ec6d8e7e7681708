"""An unexpected exception shows one calm dialog, logs its traceback and leaves every
open window and typed text as it was.

pytest-qt normally catches exceptions raised in slots itself (and fails the test);
``qt_no_exception_capture`` lets them reach the app's own sys.excepthook, as in use.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desk.config import DATA_DIR_ENV
from desk.logs import configure_logging, stop_logging
from ui.crash import CrashDialog, install_crash_handler

pytestmark = pytest.mark.qt_no_exception_capture

TYPED = "Erika Beispiel-Crash"


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app's log file in tmp_path, configured as at start, removed afterwards."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    stop_logging()
    path = configure_logging()
    assert path is not None
    yield path
    stop_logging()


@pytest.fixture
def crash_handler(qapp, log_file: Path) -> Iterator[None]:
    uninstall = install_crash_handler(log_file)
    yield
    for widget in crash_dialogs():
        widget.close()
    uninstall()


@pytest.fixture
def window(qtbot, make_window, demo_sqlite_url, tmp_path):
    copy = tmp_path / "demo.sqlite"
    source = demo_sqlite_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    window = make_window(f"sqlite:///{copy}", office_id="bb-mitte", counter_number=1)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    return window


def crash_dialogs() -> list[CrashDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()
    ]


def boom() -> None:
    raise RuntimeError("Testfehler aus einem Slot")


def open_booking_with_input(qtbot, window):
    dialog = window.open_booking()
    assert dialog is not None
    dialog.open()  # window-modal, as in the app
    qtbot.waitUntil(lambda: dialog.service_box.count() > 0, timeout=10_000)
    dialog.name_edit.insert(TYPED)
    qtbot.keyClicks(dialog.phone_edit, "0345 123456")
    return dialog


def test_an_error_in_a_slot_shows_the_dialog_and_keeps_the_open_booking_form(
    qtbot, crash_handler, window, log_file
):
    dialog = open_booking_with_input(qtbot, window)

    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: len(crash_dialogs()) == 1, timeout=5_000)

    [crash] = crash_dialogs()
    assert crash.windowTitle() == "Bürgerdesk – unerwarteter Fehler"
    assert str(log_file) in crash.where.text()
    assert crash.continue_button.text() == "Weiter arbeiten"
    assert dialog.isVisible()
    assert dialog.name_edit.text() == TYPED
    assert dialog.phone_edit.text() == "0345 123456"
    logged = log_file.read_text(encoding="utf-8")
    assert "level=ERROR logger=ui.crash" in logged
    assert "Traceback (most recent call last)" in logged
    assert "in boom" in logged and "RuntimeError: Testfehler aus einem Slot" in logged

    crash.continue_button.click()
    qtbot.waitUntil(lambda: not crash_dialogs(), timeout=5_000)
    assert dialog.isVisible() and dialog.name_edit.text() == TYPED
    qtbot.keyClicks(dialog.phone_edit, "7")  # the form still takes input
    assert dialog.phone_edit.text() == "0345 1234567"


def test_repeated_errors_are_counted_in_one_dialog(qtbot, crash_handler, window):
    for _ in range(5):
        QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: bool(crash_dialogs()) and crash_dialogs()[0].count == 5, timeout=5_000)
    [crash] = crash_dialogs()
    assert crash.repeated.text() == "Der Fehler ist 5-mal aufgetreten."
    crash.continue_button.click()
    qtbot.waitUntil(lambda: not crash_dialogs(), timeout=5_000)

    QTimer.singleShot(0, boom)  # after closing, the next error gets a fresh dialog
    qtbot.waitUntil(lambda: len(crash_dialogs()) == 1, timeout=5_000)
    assert crash_dialogs()[0].count == 1


def test_an_error_in_another_thread_reaches_the_dialog_on_the_gui_thread(
    qtbot, crash_handler, window, log_file
):
    worker = threading.Thread(target=boom, name="hintergrund")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(crash_dialogs()) == 1, timeout=5_000)
    logged = log_file.read_text(encoding="utf-8")
    assert 'event="unexpected error (thread hintergrund)"' in logged
    assert "RuntimeError: Testfehler aus einem Slot" in logged


def test_a_failed_operation_without_error_handler_is_shown_and_the_queue_goes_on(
    qtbot, crash_handler, ops, log_file
):
    def fail() -> int:
        raise ZeroDivisionError("Testfehler im Hintergrund")

    ops.run(fail, lambda _result: None)  # no on_error
    qtbot.waitUntil(lambda: len(crash_dialogs()) == 1, timeout=5_000)
    logged = log_file.read_text(encoding="utf-8")
    assert 'event="operation failed"' in logged
    assert "ZeroDivisionError: Testfehler im Hintergrund" in logged

    results: list[int] = []
    ops.run(lambda: 42, results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=5_000)
