"""Sign-in at the start and the lock screen (Ctrl+L): nothing shows until the password
is right, a wrong one keeps the dialog with a message, the status bar names user and
role, and life-cycle steps are stamped with the signed-in clerk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from desk.domain.status import AppointmentStatus
from desk.services.appointments.lifecycle import Action
from desk.services.database import open_database
from desk.store.models import AppointmentEvent, User
from desk.store.uow import UnitOfWork


def signed_in(qtbot, window, name: str, password: str):
    dialog = window.sign_in()
    assert dialog is not None
    assert not window.centralWidget().isVisible()
    dialog.name_edit.setText(name)
    dialog.password_edit.setText(password)
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.sign_in()
    return dialog


def test_a_wrong_password_stays_in_the_dialog_and_hides_the_calendar(
    qtbot, make_window, demo_sqlite_url
):
    window = make_window(demo_sqlite_url, office_id="bb-mitte")
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    dialog = signed_in(qtbot, window, "sb.mitte1", "falsch")
    assert dialog.isVisible()
    assert dialog.message.text() == "Benutzername oder Passwort falsch"
    assert dialog.password_edit.text() == ""  # typed again, never kept
    assert not window.centralWidget().isVisible()
    assert window.user is None
    assert window.user_label.text() == "Nicht angemeldet"
    assert not window.audit_action.isEnabled() and not window.capacity_action.isEnabled()

    dialog.password_edit.setText("demo")
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.sign_in()
    assert not dialog.isVisible()
    assert window.centralWidget().isVisible()
    assert window.user is not None and window.user.username == "sb.mitte1"
    assert window.user_label.text() == "Sachbearbeitung Mitte 1 · Sachbearbeitung"
    # a clerk sees capacity (read-only) but not the team lead's other tools
    assert window.capacity_action.isEnabled()
    assert not window.statistics_action.isEnabled() and not window.audit_action.isEnabled()


def test_ctrl_l_locks_until_the_password_and_steps_carry_the_clerk(
    qtbot, make_window, demo_sqlite_url, tmp_path
):
    import shutil
    import sqlite3
    from contextlib import closing

    source = demo_sqlite_url.removeprefix("sqlite:///")
    copy = tmp_path / "demo.sqlite"
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    assert shutil.disk_usage(tmp_path).free > 0
    url = f"sqlite:///{copy}"
    window = make_window(url, office_id="bb-mitte", counter_number=2)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    signed_in(qtbot, window, "teamleitung", "demo")
    assert window.user_label.text() == "Teamleitung Bürgerservice · Teamleitung"

    window.activateWindow()  # the sign-in dialog had the focus
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window.calendar, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = window.login_dialog
    assert lock is not None and lock.isVisible()
    assert lock.name_edit.text() == "teamleitung"
    assert not window.centralWidget().isVisible()
    lock.password_edit.setText("demo")
    with qtbot.waitSignal(lock.checked, timeout=10_000):
        lock.sign_in()
    assert window.centralWidget().isVisible()

    booked = next(r for r in window.model.rows if r.status == AppointmentStatus.BOOKED)
    window.select_appointment(booked.id)
    with qtbot.waitSignal(window.step_done, timeout=10_000):
        window.take_step(Action.CHECK_IN)
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            stamped = uow.session.execute(
                select(User.username)
                .join(AppointmentEvent, AppointmentEvent.user_id == User.id)
                .where(
                    AppointmentEvent.appointment_id == booked.id,
                    AppointmentEvent.status == AppointmentStatus.CHECKED_IN,
                )
            ).scalar_one()
    finally:
        db.dispose()
    assert stamped == "teamleitung"


def test_with_users_no_appointment_is_painted_before_someone_signs_in(
    qtbot, make_window, demo_sqlite_url
):
    from PySide6.QtCore import QEvent, QObject

    window = make_window(demo_sqlite_url, office_id="bb-mitte", sign_in_at_start=True)
    rows_at_paint: list[int] = []

    class Paints(QObject):
        def eventFilter(self, _watched, event):
            if event.type() == QEvent.Type.Paint:
                rows_at_paint.append(window.calendar_model.rowCount())
            return False

    paints = Paints()
    window.calendar.viewport().installEventFilter(paints)
    shown_when_loaded: list[bool] = []
    window.day_loaded.connect(lambda: shown_when_loaded.append(window.centralWidget().isVisible()))
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    assert shown_when_loaded == [False]  # hidden before the day arrived, not after
    qtbot.wait(200)  # time to paint, had the calendar been visible
    assert window.login_dialog is not None and window.login_dialog.isVisible()
    assert not window.centralWidget().isVisible()
    assert not [rows for rows in rows_at_paint if rows > 0]

    dialog = window.login_dialog
    dialog.name_edit.setText("sb.mitte1")
    dialog.password_edit.setText("demo")
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.sign_in()
    qtbot.waitUntil(lambda: any(rows > 0 for rows in rows_at_paint), timeout=5_000)
    assert window.user is not None and window.user.username == "sb.mitte1"
