"""The desk locks itself after the configured idle time: every window is covered, the
password of the same user unlocks (a wrong one keeps it locked with a message), an
open booking keeps what was typed, input keeps it open, and a reception PC never
locks by itself."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desk.device_credential import DeviceCredential, save_credential
from desk.settings import load_settings
from desk.sync.connect import CentralSession
from tests.ui.lock_support import (
    CITIZEN,
    booking_with_name,
    copy_demo,
    screen_image,
    sign_in,
    window_on,
)
from ui.idle_lock import attach_idle_lock

#: 0.6 seconds: the test's idle time (config.toml counts whole minutes).
SHORT = 0.01


@pytest.fixture
def demo_copy(demo_sqlite_url, tmp_path):
    return copy_demo(demo_sqlite_url, tmp_path)


def locked(window) -> bool:
    return window.login_dialog is not None and window.curtains is not None


def test_after_the_idle_time_the_window_locks_and_shows_nothing_of_the_day(
    qtbot, demo_copy, tmp_path
):
    with window_on(qtbot, demo_copy, tmp_path) as window:
        sign_in(qtbot, window, "sb.mitte1")
        before = screen_image(window)
        attach_idle_lock(window, SHORT)

        qtbot.waitUntil(lambda: locked(window), timeout=5_000)

        lock = window.login_dialog
        assert lock.isVisible() and lock.windowTitle() == "Gesperrt"
        assert lock.windowModality() == Qt.WindowModality.ApplicationModal
        assert lock.name_edit.text() == "sb.mitte1" and lock.name_edit.isReadOnly()
        assert lock.message.text().startswith("Gesperrt nach 1 min ohne Eingabe")
        assert window.statusBar().currentMessage() == lock.message.text()  # announced
        assert not window.centralWidget().isVisible()
        [curtain] = window.curtains.curtains
        assert curtain.covered is window and curtain.geometry() == window.rect()
        assert curtain.accessibleName() == "Gesperrt – zum Entsperren anmelden"
        shown = screen_image(window)
        assert shown == screen_image(curtain)  # the curtain and nothing else
        assert shown != before


def test_input_keeps_the_desk_open(qtbot, demo_copy, tmp_path):
    with window_on(qtbot, demo_copy, tmp_path) as window:
        sign_in(qtbot, window, "sb.mitte1")
        window.activateWindow()
        attach_idle_lock(window, 0.02)  # 1.2 s
        for step in range(8):  # 2.4 s of work: a key or a move every 0.3 s
            if step % 2:
                qtbot.keyClick(window.calendar, Qt.Key.Key_Down)
            else:
                qtbot.mouseMove(window.calendar.viewport(), QPoint(50 + step, 60))
            qtbot.wait(300)
            assert window.login_dialog is None, f"locked while working (step {step})"
        qtbot.waitUntil(lambda: locked(window), timeout=5_000)  # then left alone


def test_a_wrong_password_stays_locked_with_a_message_and_the_right_one_unlocks(
    qtbot, demo_copy, tmp_path
):
    with window_on(qtbot, demo_copy, tmp_path) as window:
        sign_in(qtbot, window, "sb.mitte1")
        idle = attach_idle_lock(window, SHORT)
        qtbot.waitUntil(lambda: locked(window), timeout=5_000)
        lock = window.login_dialog

        lock.password_edit.setText("falsch-geraten")
        with qtbot.waitSignal(lock.checked, timeout=10_000):
            lock.sign_in()
        assert lock.isVisible() and locked(window)
        assert lock.message.text() == "Benutzername oder Passwort falsch"
        assert lock.password_edit.text() == ""
        assert not window.centralWidget().isVisible()

        lock.password_edit.setText("demo")
        with qtbot.waitSignal(lock.checked, timeout=10_000):
            lock.sign_in()
        assert not lock.isVisible() and window.login_dialog is None
        assert window.curtains is None and window.centralWidget().isVisible()
        assert window.user is not None and window.user.username == "sb.mitte1"
        assert idle is not None and idle.watch.timer.isActive()  # counts again
        qtbot.waitUntil(lambda: locked(window), timeout=5_000)  # and locks again


def test_an_open_booking_keeps_the_typed_name_across_lock_and_unlock(qtbot, demo_copy, tmp_path):
    with window_on(qtbot, demo_copy, tmp_path) as window:
        sign_in(qtbot, window, "sb.mitte1")
        booking = booking_with_name(qtbot, window)
        attach_idle_lock(window, SHORT)
        qtbot.waitUntil(lambda: locked(window), timeout=5_000)

        lock = window.login_dialog
        assert booking.isVisible()  # not closed, only covered
        assert window.curtains.covers(booking) and window.curtains.covers(window)
        [cover] = [c for c in window.curtains.curtains if c.covered is booking]
        assert screen_image(booking) == screen_image(cover)
        assert QApplication.activeModalWidget() is lock  # above the booking dialog
        assert booking.name_edit.text() == CITIZEN

        lock.password_edit.setText("demo")
        with qtbot.waitSignal(lock.checked, timeout=10_000):
            lock.sign_in()
        assert booking.isVisible() and booking.name_edit.text() == CITIZEN
        assert screen_image(booking) != screen_image(cover)
        booking.name_edit.setFocus()
        qtbot.keyClicks(booking.name_edit, " jun.")  # the clerk types on
        assert booking.name_edit.text() == CITIZEN + " jun."


def test_signing_out_at_the_lock_closes_the_forms_and_asks_who_works_here(
    qtbot, demo_copy, tmp_path
):
    with window_on(qtbot, demo_copy, tmp_path) as window:
        sign_in(qtbot, window, "sb.mitte1")
        booking = booking_with_name(qtbot, window)
        lock = window.lock()
        assert lock is not None and window.curtains is not None

        lock.reject()  # "Abmelden": another clerk takes the desk
        assert not booking.isVisible()  # the leaving clerk's form went with them
        assert window.user is None and window.curtains is None
        qtbot.waitUntil(lambda: window.login_dialog is not None, timeout=5_000)
        fresh = window.login_dialog
        assert fresh.name_edit.text() == "" and not fresh.name_edit.isReadOnly()
        assert not window.centralWidget().isVisible()


@pytest.mark.parametrize(("kind", "locks"), [("counter", True), ("reception", False)])
def test_a_reception_pc_does_not_lock_by_itself(
    qtbot, demo_copy, tmp_path, monkeypatch, kind, locks
):
    monkeypatch.setenv("BUERGERDESK_DATA_DIR", str(tmp_path / "pc"))
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())  # no keyring: file
    central = "https://zentrale.stadt.example:8443"
    save_credential(DeviceCredential(central, "d-1", "bb-mitte", kind, None, "geheim", None))
    with window_on(qtbot, demo_copy, tmp_path) as window:
        sign_in(qtbot, window, "empfang.mitte")
        window.central_session = CentralSession(central)  # as ui.gui.attach_sync sets it
        idle = attach_idle_lock(window, 0.02)  # 1.2 s
        assert idle is not None
        if locks:
            qtbot.waitUntil(lambda: locked(window), timeout=5_000)
        else:
            qtbot.waitUntil(lambda: idle.exempted, timeout=5_000)
            qtbot.wait(2_000)
            assert window.login_dialog is None and window.centralWidget().isVisible()
            lock = window.lock()  # Ctrl+L still works there
            assert lock is not None
            lock.password_edit.setText("demo")
            with qtbot.waitSignal(lock.checked, timeout=10_000):
                lock.sign_in()


def test_the_idle_time_comes_from_the_config_and_zero_means_never(qtbot, tmp_path):
    path = tmp_path / "config.toml"
    assert load_settings(path).settings.idle_lock_minutes == 10  # the default
    path.write_text("idle_lock_minutes = 0\n", encoding="utf-8")
    assert load_settings(path).settings.idle_lock_minutes == 0
    path.write_text('office = "bb-nord"\nidle_lock_minutes = -5\n', encoding="utf-8")
    loaded = load_settings(path)
    [problem] = loaded.problems
    assert (problem.key, problem.line) == ("idle_lock_minutes", 2)
    assert "von 0 bis 1440" in problem.message and "Standardwert 10" in problem.message
    assert loaded.settings.idle_lock_minutes == 10


def test_closing_the_window_while_locked_leaves_no_lock_screen_behind(qtbot, demo_copy, tmp_path):
    with window_on(qtbot, demo_copy, tmp_path) as window:
        sign_in(qtbot, window, "sb.mitte1")
        booking = booking_with_name(qtbot, window)
        idle = attach_idle_lock(window, SHORT)
        qtbot.waitUntil(lambda: locked(window), timeout=5_000)
        lock = window.login_dialog

        window.close()  # e.g. the PC shuts down: the app must end, not wait at the lock

        assert not lock.isVisible() and not booking.isVisible()
        assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        assert idle is not None and not idle.watch.timer.isActive()
