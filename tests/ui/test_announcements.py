"""What changes by itself is announced to assistive technology (ui.announce), once: a new
call at the display and at the counter, the sync going offline and back, a new conflict,
the desk locked, and a refusal in the status bar, the queue's message line or a dialog's
message line. Each change is made for real; each announcement is heard once (the
application's Announcer), not again on the next unchanged refresh."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

import ui.announce
from desk.domain.errors import DeskError
from desk.domain.localtime import BERLIN, parse_now
from desk.domain.status import TicketReason
from desk.domain.steps import Action
from desk.services.database import DeskDatabase, open_database
from desk.services.walkin.call_next import call_next_person
from desk.services.walkin.tickets import issue_ticket
from desk.sync.engine import SyncReport, SyncStatus
from tests.ui.conftest import NOW
from tests.ui.lock_support import sign_in, window_on
from tests.ui.walkin_support import MITTE, close_windows, copy_of, settle, started_window
from ui.announce import MessageLine, announce, announcer
from ui.dialogs.login_dialog import LoginDialog
from ui.display.window import DisplayWindow
from ui.ops import Ops
from ui.views.main_window import MainWindow
from ui.views.reception_view import ReceptionView

WEST = "bb-west"
COUNTER = 2
UPDATE_MS = 10_000
#: Thursday 8:55 at Mitte: three tickets wait, nobody is at a counter yet.
AT = parse_now("2024-03-21T08:55")

Heard = list[tuple[str, bool]]


@pytest.fixture
def heard(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[Heard]:
    """Every announcement of the test: (text, assertive). The guard against a repeat
    within seconds is off: a view must itself tell only what changed."""
    monkeypatch.setattr(ui.announce, "REPEAT_S", 0.0)
    texts: Heard = []

    def hear(text: str, assertive: bool) -> None:
        texts.append((text, assertive))

    announcer().announced.connect(hear)
    yield texts
    announcer().announced.disconnect(hear)


@pytest.fixture
def demo_copy(demo_sqlite_url: str, tmp_path: Path) -> str:
    """A private copy of the seeded demo city."""
    return copy_of(demo_sqlite_url, tmp_path / "demo-copy.sqlite")


@pytest.fixture
def other_desk(demo_copy: str) -> Iterator[DeskDatabase]:
    """Another desk's own connection to the same database."""
    db = open_database(demo_copy)
    yield db
    db.dispose()


def at_west(hour: int, minute: int) -> datetime:
    return datetime.combine(NOW.date(), time(hour, minute), tzinfo=NOW.tzinfo)


# ------------------------------------------------------------------ announce itself
def test_the_same_text_from_the_same_source_is_posted_once(qtbot, heard, monkeypatch):
    monkeypatch.setattr(ui.announce, "REPEAT_S", 3.0)
    label, other = QLabel(), QLabel()
    qtbot.addWidget(label)
    qtbot.addWidget(other)
    assert announce(label, "Abgleich: offline", assertive=True)
    assert not announce(label, "Abgleich: offline", assertive=True)  # a refresh: silent
    assert not announce(label, "   ")  # nothing to say
    assert announce(other, "Abgleich: offline", assertive=True)  # another source
    assert announce(label, "Abgleich: verbunden")
    assert heard == [
        ("Abgleich: offline", True),
        ("Abgleich: offline", True),
        ("Abgleich: verbunden", False),
    ]


def test_a_message_line_announces_what_it_is_set_to(qtbot, heard):
    line = MessageLine()
    qtbot.addWidget(line)
    line.setText("Bitte einen freien Termin wählen.")
    line.setText("")
    assert heard == [("Bitte einen freien Termin wählen.", True)]
    assert line.text() == ""


def test_a_deleted_source_is_not_touched(qtbot, heard):
    label = QLabel()
    label.deleteLater()
    qtbot.waitUntil(lambda: not _alive(label))
    assert not announce(label, "Aufruf: W-001 an Schalter 1")
    assert heard == []


def _alive(widget: QLabel) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


# ------------------------------------------------------------------ the call display
@pytest.fixture
def display(ops: Ops, qtbot, demo_copy: str) -> Iterator[DisplayWindow]:
    """West's call display, shown and read once; it reads again only when told."""
    opened: list[DeskDatabase] = []

    def open_db() -> DeskDatabase:
        opened.append(open_database(demo_copy))
        return opened[-1]

    window = DisplayWindow(
        ops, open_db, WEST, lambda: NOW, poll_ms=600_000, stale_after=600.0,
        sound=False, speech=False,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    with qtbot.waitSignal(window.updated, timeout=UPDATE_MS):
        window.start()
    yield window
    window.stop()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=UPDATE_MS)
    for db in opened:
        db.dispose()


def test_a_new_call_at_the_display_is_announced_assertively_once(qtbot, display, other_desk, heard):
    assert display.current_code.accessibleName() == "Noch kein Aufruf"
    assert heard == []  # the board as it was at the start is no news
    for minute in (50, 51):
        issue_ticket(other_desk, WEST, TicketReason.OTHER, at_west(8, minute))
    call_next_person(other_desk, WEST, 3, at_west(10, 31))

    with qtbot.waitSignal(display.updated, timeout=UPDATE_MS):
        display.refresh()
    assert heard == [("Aufruf: W-017 an Schalter 3", True)]
    assert display.current_code.accessibleName() == "Aufruf: W-017 an Schalter 3"

    with qtbot.waitSignal(display.updated, timeout=UPDATE_MS):
        display.refresh()  # nothing new
    assert heard == [("Aufruf: W-017 an Schalter 3", True)]

    call_next_person(other_desk, WEST, 1, at_west(10, 32))
    with qtbot.waitSignal(display.updated, timeout=UPDATE_MS):
        display.wake()
    assert heard[1:] == [("Aufruf: W-018 an Schalter 1", True)]


# ------------------------------------------------------------------ the counter's queue
@pytest.fixture
def counter_window(
    ops: Ops, qtbot, settings: QSettings, demo_copy: str
) -> Iterator[Callable[[], MainWindow]]:
    """Factory: Mitte's counter 2 at AT with three tickets waiting, its queue loaded."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        db = open_database(demo_copy)
        try:
            for minute in ("08:50", "08:51", "08:52"):
                issue_ticket(db, MITTE, TicketReason.OTHER, parse_now(f"2024-03-21T{minute}"))
        finally:
            db.dispose()
        window = started_window(
            ops, qtbot, settings, demo_copy, AT, COUNTER, lambda w: (w.queue.loaded,)
        )
        window.queue.timer.stop()
        windows.append(window)
        return window

    yield make
    close_windows(qtbot, ops, windows)


def test_f9_announces_the_person_now_at_the_counter_politely_once(qtbot, counter_window, heard):
    window = counter_window()
    queue = window.queue
    assert queue.current.text() == "Niemand aufgerufen"
    assert heard == []
    with qtbot.waitSignals([queue.called, queue.loaded], timeout=UPDATE_MS):
        window.call_next_person()  # F9
    assert heard == [("W-001 – aufgerufen", False)]

    with qtbot.waitSignal(queue.loaded, timeout=UPDATE_MS):
        queue.refresh()  # the same person: nothing new
    assert heard == [("W-001 – aufgerufen", False)]


def test_a_call_to_this_counter_from_another_pc_is_announced(
    qtbot, counter_window, other_desk, heard
):
    window = counter_window()
    call_next_person(other_desk, MITTE, COUNTER, AT)  # the same counter, another PC
    with qtbot.waitSignal(window.queue.loaded, timeout=UPDATE_MS):
        window.queue.refresh()  # what the change broadcast or the timer does
    assert heard == [("W-001 – aufgerufen", False)]


def test_choosing_another_counter_is_no_news(qtbot, counter_window, other_desk, heard):
    window = counter_window()
    call_next_person(other_desk, MITTE, COUNTER, AT)
    with qtbot.waitSignal(window.queue.loaded, timeout=UPDATE_MS):
        window.queue.refresh()
    assert heard == [("W-001 – aufgerufen", False)]
    with qtbot.waitSignal(window.queue.loaded, timeout=UPDATE_MS):
        window.queue.set_counter(window.database, MITTE, 1)  # the clerk's own choice
    window.queue.timer.stop()
    assert window.queue.current.text() == "Niemand aufgerufen"
    assert heard == [("W-001 – aufgerufen", False)]


def test_f9_refused_in_the_queue_is_announced_assertively(
    ops: Ops, qtbot, settings: QSettings, demo_copy: str, heard
):
    window = started_window(
        ops, qtbot, settings, demo_copy, AT, COUNTER, lambda w: (w.queue.loaded,)
    )
    try:
        window.queue.timer.stop()
        assert window.queue.entries == []  # nobody waits on the fresh Thursday
        with qtbot.waitSignal(window.queue.refused, timeout=UPDATE_MS) as refused:
            window.queue.call_next()  # what F9 does, even with the button off
        message = refused.args[0]
        assert window.queue.message.text() == message
        assert heard == [(message, True)]
    finally:
        close_windows(qtbot, ops, [window])


# ------------------------------------------------------------------ the sync
def synced_window(make_window, sqlite_url: str) -> MainWindow:
    """A counter's window as the sync shows its state to (no database needed)."""
    return make_window(sqlite_url)


def test_going_offline_and_back_is_announced_once_per_change(make_window, sqlite_url, heard):
    window = synced_window(make_window, sqlite_url)
    last = datetime(2024, 3, 20, 10, 41, 5, tzinfo=BERLIN)
    since = datetime(2024, 3, 20, 10, 42, tzinfo=BERLIN)
    window.show_sync_status(SyncStatus(True, None, 0, last, 0))
    assert heard == []  # connected at the start is no news
    window.show_sync_status(SyncStatus(False, since, 3, last, 0))
    offline = "Abgleich: offline seit 20.03. 10:42 · 3 wartend"
    assert window.sync_label.text() == offline
    assert heard == [(offline, True)]
    window.show_sync_status(SyncStatus(False, since, 4, last, 0))  # the next failed round
    assert heard == [(offline, True)]
    back = datetime(2024, 3, 20, 10, 50, tzinfo=BERLIN)
    window.show_sync_status(SyncStatus(True, None, 0, back, 0))
    assert heard[1:] == [("Abgleich: verbunden · zuletzt 10:50:00 · 0 wartend", False)]


def test_a_round_with_a_new_conflict_is_announced(make_window, sqlite_url, heard):
    window = synced_window(make_window, sqlite_url)
    last = datetime(2024, 3, 20, 10, 41, 5, tzinfo=BERLIN)
    window.show_sync_report(SyncReport(1, 0, 0, SyncStatus(True, None, 0, last, 0)))
    assert heard == []
    refused = SyncReport(1, 1, 0, SyncStatus(True, None, 0, last, 1))
    window.show_sync_report(refused)
    assert heard == [("Abgleich: neuer Konflikt · 1 Konflikt(e) offen", True)]
    assert window.sync_label.text().endswith("1 Konflikt(e)")
    window.show_sync_report(SyncReport(0, 0, 0, SyncStatus(True, None, 0, last, 1)))
    assert heard == [("Abgleich: neuer Konflikt · 1 Konflikt(e) offen", True)]


# ------------------------------------------------------------------ lock and refusals
def test_the_locked_desk_is_announced_assertively(qtbot, demo_copy, tmp_path, heard):
    with window_on(qtbot, demo_copy, tmp_path) as window:
        sign_in(qtbot, window, "sb.mitte1")
        assert heard == []
        lock = window.lock()
        assert lock is not None
        told = "Der Platz ist gesperrt. Zum Entsperren das Passwort eingeben."
        assert heard == [(told, True)]
        assert window.lock() is None  # locked already: nothing again
        assert heard == [(told, True)]


def test_a_refused_step_in_the_status_bar_is_announced(qtbot, make_window, demo_copy, heard):
    window = make_window(demo_copy, office_id=MITTE, counter_number=COUNTER)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    booked = next(r for r in window.model.rows if r.status == "booked" and r.starts_at > NOW)
    assert window.select_appointment(booked.id)
    with qtbot.waitSignal(window.step_refused, timeout=UPDATE_MS) as refused:
        window.take_step(Action.DONE)  # booked → done is not a step
    message = refused.args[0]
    assert window.statusBar().currentMessage() == message
    assert heard == [(message, True)]


def test_an_operation_refused_without_its_own_handler_is_announced(
    qtbot, make_window, sqlite_url, heard
):
    window = make_window(sqlite_url)

    def refused() -> None:
        raise DeskError("Kein Schalter gewählt")

    with qtbot.waitSignal(window.ops.failed, timeout=UPDATE_MS):
        window.ops.run(refused, lambda _none: None)
    assert window.statusBar().currentMessage() == "Kein Schalter gewählt"
    assert heard == [("Kein Schalter gewählt", True)]


def test_a_refusal_shown_in_a_message_box_is_not_announced_as_well(
    qtbot, make_window, sqlite_url, heard
):
    """The box is said by the screen reader itself (an alert); told twice, the second
    would cut the first off."""
    window = make_window(sqlite_url)
    window._show_dialogs = True  # as the app runs (the tests' windows show no boxes)
    boxes: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        boxes.append(box.text())
        box.accept()

    QTimer.singleShot(50, answer)

    def refused() -> None:
        raise DeskError("Kein Schalter gewählt")

    with qtbot.waitSignal(window.ops.failed, timeout=UPDATE_MS):
        window.ops.run(refused, lambda _none: None)
    qtbot.waitUntil(lambda: boxes == ["Kein Schalter gewählt"], timeout=UPDATE_MS)
    assert window.statusBar().currentMessage() == "Kein Schalter gewählt"
    assert heard == []


def test_a_refused_sign_in_is_announced_from_the_dialogs_message_line(
    qtbot, ops: Ops, demo_copy, heard
):
    db = open_database(demo_copy)
    try:
        dialog = LoginDialog(ops, db)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.name_edit.setText("sb.mitte1")
        dialog.password_edit.setText("falsch-falsch")
        with qtbot.waitSignal(dialog.checked, timeout=UPDATE_MS):
            dialog.sign_in()
        assert dialog.user is None
        assert dialog.message.objectName() == "dialogMessage"
        assert heard == [(dialog.message.text(), True)]
        settle(qtbot, ops)
    finally:
        db.dispose()


def test_a_field_problem_of_the_booking_is_announced(qtbot, make_window, demo_copy, heard):
    window = make_window(demo_copy, office_id=MITTE, counter_number=COUNTER)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    dialog = window.open_booking()
    assert dialog is not None
    dialog.email_edit.setText("kein-at-zeichen")
    dialog.save()
    problems = [
        label.text()
        for label in dialog.problem_labels.values()
        if label.objectName() == "fieldProblem" and label.text()
    ]
    assert problems
    # one announcement says it all (several would cut each other off in a screen reader)
    name_problem, email_problem = problems  # no name typed either
    said = f"Bitte die markierten Felder prüfen. Name: {name_problem} E-Mail: {email_problem}"
    assert heard == [(said, True)]
    assert dialog.message.text() == "Bitte die markierten Felder prüfen."
    # the field tells its problem when it gets the focus, and nothing once corrected
    assert dialog.email_edit.accessibleDescription() == email_problem
    assert dialog.phone_edit.accessibleDescription() == ""
    dialog.email_edit.setText("a@example.org")
    dialog.name_edit.setText("Erika Mustermann")
    assert not dialog.problems()
    assert dialog.email_edit.accessibleDescription() == ""
    dialog.reject()


def test_an_unknown_code_at_reception_is_announced(qtbot, ops: Ops, db_of, demo_copy, heard):
    view = ReceptionView(ops, lambda: parse_now("2024-03-21T08:30"), lambda: None)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.status_loaded, timeout=UPDATE_MS):
        view.set_office(db_of(demo_copy), MITTE, "Bürgerbüro Mitte")
    view.timer.stop()
    view.code_edit.setText("ZZZZ-ZZZZ")
    with qtbot.waitSignal(view.refused, timeout=UPDATE_MS):
        view.check_in()
    assert heard == [("Keinen Termin mit der Buchungsnummer ZZZZ-ZZZZ gefunden", True)]
    settle(qtbot, ops)


def test_the_display_not_current_is_announced_once(qtbot, display, heard):
    display._stale_after = 0.0  # no read succeeds from now on (the clock's check)
    with qtbot.waitSignal(display.stale_changed):
        display._second()
    display._second()
    assert heard == [("Anzeige nicht aktuell – bitte am Empfang nachfragen", True)]
