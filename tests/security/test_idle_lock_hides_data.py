"""Attack: a clerk walks away from the counter without locking; a citizen at the counter
reads the screen (the next appointment's name, a half-typed booking). Refused: after
the idle time every window of the app shows only the lock curtain, and the lock
screen itself names nobody but the clerk's user name."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from tests.ui.lock_support import (
    CITIZEN,
    booking_with_name,
    copy_demo,
    screen_image,
    sign_in,
    window_on,
)
from ui.idle_lock import attach_idle_lock


def test_a_clerk_walks_away_and_a_citizen_at_the_counter_reads_the_screen(
    qtbot, demo_sqlite_url, tmp_path
):
    url = copy_demo(demo_sqlite_url, tmp_path)
    with window_on(qtbot, url, tmp_path) as window:
        sign_in(qtbot, window, "sb.mitte1")
        appointment = window.model.rows[0]
        with qtbot.waitSignal(window.history_loaded, timeout=10_000):
            window.select_appointment(appointment.id)
        assert window.panel.fields["name"].text() == appointment.citizen_name  # on screen
        booking = booking_with_name(qtbot, window)
        before = {w: screen_image(w) for w in (window, booking)}

        attach_idle_lock(window, 0.01)  # the clerk leaves; 0.6 s stand in for 10 min
        qtbot.waitUntil(lambda: window.curtains is not None, timeout=5_000)

        lock = window.login_dialog
        assert lock is not None and QApplication.activeModalWidget() is lock
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        assert set(shown) == {window, booking, lock}
        for covered in (window, booking):
            [curtain] = [c for c in window.curtains.curtains if c.covered is covered]
            seen = screen_image(covered)
            assert seen == screen_image(curtain), f"{type(covered).__name__} shows data"
            assert seen != before[covered]
        texts = [w.text() for w in lock.findChildren(QLabel) + lock.findChildren(QLineEdit)]
        for secret in (appointment.citizen_name, appointment.booking_code, CITIZEN):
            assert not [t for t in texts if secret in t]
        assert booking.name_edit.text() == CITIZEN  # kept for the clerk, unseen
