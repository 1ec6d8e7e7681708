"""The clerk's day with the keyboard alone (issue 18): every input is a key press sent to
the widget that has the focus (or the open modal or popup), never a click, never a call
of a widget's method. A step whose next input finds no focus, or whose Tab/arrow walk
never reaches what it needs, fails as "needs the mouse". Assertions read widgets and the
database freely."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget
from pytestqt.exceptions import TimeoutError
from sqlalchemy import select

from desk.domain.localtime import parse_now
from desk.services.database import open_database
from desk.store.models import Office, SyncConflict, Ticket
from desk.store.uow import UnitOfWork
from desk.sync.engine import SyncStatus
from tests.ui.walkin_support import copy_of
from ui.dialogs.booking_dialog import BookingDialog
from ui.dialogs.capacity_editor import CapacityEditor
from ui.dialogs.search_dialog import SearchDialog
from ui.dialogs.sync_dialog import SyncDialog
from ui.ops import Ops
from ui.views.main_window import MainWindow

MITTE = "bb-mitte"
COUNTER = 1
Key = Qt.Key
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
WAIT_MS = 15_000


class SettableClock:
    """The desk's clock; the test moves it on (the next morning), as time passes."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        """The time the test set."""
        return self.at


class Keys:
    """The keyboard: keys go to the focused widget only (else the active modal or popup)."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    def target(self, step: str) -> QWidget:
        """Where the next key goes; a step with no focus anywhere needs the mouse."""
        popup = QApplication.activePopupWidget()  # an open menu holds the keyboard
        widget = popup or QApplication.focusWidget() or QApplication.activeModalWidget()
        if widget is None:
            pytest.fail(f"step {step} needs the mouse: no focus")
        return widget

    def press(self, step: str, key: Key, modifiers=NONE) -> None:
        """One key press (and release) to the focus."""
        QTest.keyClick(self.target(step), key, modifiers)

    def type(self, step: str, text: str) -> None:
        """Typed text to the focus."""
        QTest.keyClicks(self.target(step), text)

    def focus(self) -> QWidget | None:
        """The widget with the focus now."""
        return QApplication.focusWidget()

    def wait_focus(self, step: str, found: Callable[[QWidget], bool]) -> QWidget:
        """Wait until the focus is on a widget ``found`` accepts (a dialog opening, a
        view reading): a focus that never lands there needs the mouse."""
        try:
            self.qtbot.waitUntil(
                lambda: self.focus() is not None and found(self.focus()), timeout=WAIT_MS
            )
        except TimeoutError:
            pytest.fail(f"step {step} needs the mouse: the focus is on {_named(self.focus())}")
        widget = self.focus()
        assert widget is not None
        return widget

    def walk_to(
        self, step: str, found: Callable[[QWidget], bool], key: Key = Key.Key_Tab,
        modifiers=NONE, limit: int = 80,
    ) -> QWidget:  # fmt: skip
        """Press ``key`` until the focus is on a widget ``found`` accepts."""
        visited: list[str] = []
        for _ in range(limit):
            widget = self.focus()
            if widget is not None and found(widget):
                return widget
            visited.append(_named(widget))
            self.press(step, key, modifiers)
        pytest.fail(f"step {step} needs the mouse: {limit} presses only reach {visited[:12]}")


def _named(widget: QWidget | None) -> str:
    """A widget in a failure message: its class and its name or text."""
    if widget is None:
        return "None"
    text = getattr(widget, "text", None)
    said = widget.accessibleName() or widget.objectName() or (text() if callable(text) else "")
    return f"{type(widget).__name__}({said!r})"


@pytest.fixture
def keys(qtbot) -> Keys:
    return Keys(qtbot)


@pytest.fixture
def demo_copy(demo_sqlite_url: str, tmp_path: Path) -> str:
    """A private copy of the session's demo city (this test writes)."""
    return copy_of(demo_sqlite_url, tmp_path / "demo-keys.sqlite")


@pytest.fixture
def keyboard_window(
    ops: Ops, qtbot, settings: QSettings, tmp_path: Path
) -> Iterator[Callable[[str, SettableClock], MainWindow]]:
    """A shown window as the app makes it: dialogs shown, sign-in at the start; tickets
    print as PDFs into the test's folder."""
    settings.setValue("ticket_pdf_dir", str(tmp_path / "tickets"))

    def make(url: str, clock: SettableClock) -> MainWindow:
        window = MainWindow(
            ops, settings, lambda: open_database(url), clock, office_id=MITTE,
            counter_number=COUNTER, show_dialogs=True, sign_in_at_start=True,
        )  # fmt: skip
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        return window

    yield make


def sign_in_by_keys(qtbot, keys: Keys, window: MainWindow, name: str) -> None:
    """The sign-in dialog the window opens at its start, answered with keys."""
    window.start()
    qtbot.waitUntil(lambda: window.login_dialog is not None, timeout=WAIT_MS)
    dialog = window.login_dialog
    assert dialog is not None
    keys.wait_focus("sign-in: name", lambda w: w is dialog.name_edit)
    keys.type("sign-in: name", name)
    keys.press("sign-in: to the password", Key.Key_Tab)
    keys.type("sign-in: password", "demo")
    keys.press("sign-in: Enter", Key.Key_Return)
    qtbot.waitUntil(lambda: window.user is not None, timeout=WAIT_MS)
    qtbot.waitUntil(window.centralWidget().isVisible, timeout=WAIT_MS)


def press_until(keys: Keys, step: str, reached: Callable[[], bool], key: Key,
                modifiers=NONE, limit: int = 60) -> None:  # fmt: skip
    """Press ``key`` until ``reached`` (an arrow through the calendar's blocks)."""
    for _ in range(limit):
        if reached():
            return
        keys.press(step, key, modifiers)
    pytest.fail(f"step {step} needs the mouse: {limit} presses never reach it")


def day_shown(window: MainWindow, day: date) -> bool:
    """The day's appointments are shown (read after a day change)."""
    return any(r.starts_at.date() == day for r in window.model.rows)


def selected_is(window: MainWindow, name: str) -> bool:
    return window.selected is not None and window.selected.citizen_name == name


def status_of(window: MainWindow, appointment_id: uuid.UUID) -> str | None:
    return next((r.status for r in window.model.rows if r.id == appointment_id), None)


def step_key(qtbot, keys: Keys, window, step: str, key: Key, expected: str,
             modifiers=NONE) -> None:  # fmt: skip
    """A step's key on the selected appointment; its new state shows in the day."""
    assert window.selected is not None
    chosen = window.selected.id
    keys.press(step, key, modifiers)
    qtbot.waitUntil(lambda: status_of(window, chosen) == expected, timeout=WAIT_MS)


def book_by_keys(qtbot, keys: Keys, window: MainWindow) -> None:
    """Strg+N: an Anmeldung with its move-in date, a slot, name and phone, Enter."""
    keys.press("Strg+N new appointment", Key.Key_N, CTRL)
    dialog = window.clerk_booking = window.findChild(BookingDialog)
    assert dialog is not None
    keys.wait_focus("the booking's first field", lambda w: w is dialog.service_box)
    qtbot.waitUntil(lambda: dialog.service_box.count() > 0, timeout=WAIT_MS)
    press_until(keys, "choose the Anmeldung",
                lambda: dialog.service_box.currentText().startswith("Anmeldung einer Wohnung"),
                Key.Key_Down)  # fmt: skip
    keys.press("to the name", Key.Key_Tab)
    keys.type("the name", "Kim Tastatur")
    keys.press("to the phone", Key.Key_Tab)
    keys.type("the phone", "0391 5401234")
    keys.walk_to("to the move-in date", lambda w: w is dialog.move_in_edit)
    keys.type("the move-in date", "18.3.24")
    qtbot.waitUntil(
        lambda: "bis Montag, 1. April 2024" in dialog.frist_label.text(), timeout=WAIT_MS
    )
    qtbot.waitUntil(dialog.slot_list.isEnabled, timeout=WAIT_MS)  # the day's slots read
    keys.walk_to("to the slots", lambda w: w is dialog.slot_list)
    keys.press("a slot", Key.Key_Down)
    assert dialog.slots.chosen is not None
    keys.press("book with Enter", Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.booking is not None, timeout=WAIT_MS)
    notice = window.clerk.booked_notice
    keys.wait_focus("the booked notice", lambda w: w.window() is notice)
    assert notice.code_label.text() == dialog.booking.code
    keys.press("close the notice", Key.Key_Escape)
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=WAIT_MS)
    keys.wait_focus("after booking: the calendar again", lambda w: w is window.calendar)


def search_by_keys(qtbot, keys: Keys, window: MainWindow) -> None:
    """Strg+F: a name typed, Tab to the hits, a hit opened with Enter: its day, chosen."""
    keys.press("Strg+F search", Key.Key_F, CTRL)
    dialog = window.findChild(SearchDialog)
    assert dialog is not None
    keys.wait_focus("the search field", lambda w: w is dialog.field)
    keys.type("a name", "Petrenko")
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=WAIT_MS)
    keys.walk_to("to the hits", lambda w: w is dialog.results)
    press_until(keys, "to a hit on 20.03.",
                lambda: dialog.model.row_at(dialog.results.currentIndex().row()).starts_at.date()
                == window.day, Key.Key_Down)  # fmt: skip
    hit = dialog.model.row_at(dialog.results.currentIndex().row())
    keys.press("open the hit", Key.Key_Return)
    qtbot.waitUntil(lambda: window.selected is not None and window.selected.id == hit.id,
                    timeout=WAIT_MS)  # fmt: skip
    assert window.panel.fields["name"].text() == hit.citizen_name
    keys.wait_focus("after the search: the calendar again", lambda w: w is window.calendar)


def sync_by_keys(qtbot, keys: Keys, window: MainWindow, url: str, now: datetime) -> None:
    """Strg+Umschalt+A: the sync state read in a focused line, a refused booking (a
    conflict) found in the list and marked resolved with keys."""
    conflict = refused_booking(url, now)
    # what the sync runner tells the window after a round (ui.gui's bridge does the same)
    window.show_sync_status(SyncStatus(True, None, 0, now, 1))
    keys.press("Strg+Umschalt+A sync", Key.Key_A, CTRL | SHIFT)
    dialog = window.findChild(SyncDialog)
    assert dialog is not None
    keys.wait_focus("the sync state", lambda w: w is dialog.state)
    assert dialog.state.text().startswith("Abgleich: verbunden")
    assert "1 Konflikt(e)" in dialog.state.text()
    qtbot.waitUntil(lambda: dialog.resolve_button.isEnabled(), timeout=WAIT_MS)
    keys.walk_to("to the conflicts", lambda w: w is dialog.conflicts)
    assert "Kim Konflikt" in dialog.conflicts.currentItem().text()
    keys.walk_to("to 'Als erledigt markieren'", lambda w: w is dialog.resolve_button)
    keys.press("resolve", Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.conflicts.currentItem().text() == "Keine offenen Konflikte.",
                    timeout=WAIT_MS)  # fmt: skip
    assert conflict_resolved(url, conflict)
    keys.press("close", Key.Key_Escape)
    keys.wait_focus("after the sync dialog: the calendar again", lambda w: w is window.calendar)


def refused_booking(url: str, now: datetime) -> uuid.UUID:
    """A booking this counter made offline that the centre refused (as the engine
    records it)."""
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            conflict = SyncConflict(
                op_id=uuid.uuid4(), kind="book", office_id=MITTE, entity_id=uuid.uuid4(),
                payload='{"name": "Kim Konflikt"}',
                reason='{"reason": "Der Termin ist schon vergeben"}', created_at=now,
            )  # fmt: skip
            uow.session.add(conflict)
            uow.commit()
            return conflict.id
    finally:
        db.dispose()


def conflict_resolved(url: str, conflict_id: uuid.UUID) -> bool:
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            row = uow.session.get(SyncConflict, conflict_id)
            return row is not None and row.resolved_at is not None
    finally:
        db.dispose()


def walk_in_by_keys(qtbot, keys: Keys, window: MainWindow):
    """Strg+4 to the reception, a ticket button pressed with Space; F9 calls it to the
    counter (the queue tab shows), F7 serves, F8 finishes. Returns the ticket."""
    reception = window.reception
    qtbot.waitUntil(lambda: any(b.isEnabled() for b in reception.buttons.values()),
                    timeout=WAIT_MS)  # fmt: skip
    keys.press("Strg+4 reception", Key.Key_4, CTRL)
    keys.wait_focus("the first ticket button", lambda w: w in reception.buttons.values())
    issued: list[object] = []
    reception.issued.connect(issued.append)
    keys.press("draw a ticket", Key.Key_Space)
    qtbot.waitUntil(lambda: issued != [], timeout=WAIT_MS)
    ticket = issued[0]
    assert reception.last_ticket.text().startswith(f"Zuletzt: {ticket.code}")
    qtbot.waitUntil(lambda: any(e.code == ticket.code for e in window.queue.entries),
                    timeout=WAIT_MS)  # fmt: skip
    keys.press("F9 next person", Key.Key_F9)
    qtbot.waitUntil(lambda: current_code(window) == ticket.code, timeout=WAIT_MS)
    assert window.side.currentWidget() is window.queue_page
    keys.press("F7 serve the ticket", Key.Key_F7)
    qtbot.waitUntil(lambda: current_status(window) == "in_service", timeout=WAIT_MS)
    keys.press("F8 finish the ticket", Key.Key_F8)
    qtbot.waitUntil(lambda: window.person.work.current is None, timeout=WAIT_MS)
    return ticket


def current_code(window: MainWindow) -> str | None:
    current = window.person.work.current
    return current.code if current is not None else None


def current_status(window: MainWindow) -> str | None:
    current = window.person.work.current
    return current.status if current is not None else None


def ticket_status(url: str, ticket_id: uuid.UUID) -> str:
    """The ticket's state in the database, read through a connection of its own."""
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            return uow.session.execute(
                select(Ticket.status).where(Ticket.id == ticket_id)
            ).scalar_one()
    finally:
        db.dispose()


def test_the_clerks_day_by_keys(qtbot, keys, keyboard_window, demo_copy):
    clock = SettableClock(parse_now("2024-03-20T10:50"))
    window = keyboard_window(demo_copy, clock)
    sign_in_by_keys(qtbot, keys, window, "sb.mitte1")
    qtbot.waitUntil(lambda: window.model.rows != [], timeout=WAIT_MS)
    keys.wait_focus("the calendar after signing in", lambda w: w is window.calendar)

    # the week: Strg+2, a day chosen with Enter opens it in the day view; T is today again
    keys.press("Strg+2 the week", Key.Key_2, CTRL)
    keys.wait_focus("the week", lambda w: w is window.week)
    qtbot.waitUntil(lambda: window.week_model.rowCount() > 0, timeout=WAIT_MS)
    keys.press("to the week's first day", Key.Key_Down)
    keys.press("open the day", Key.Key_Return)
    qtbot.waitUntil(lambda: window.day == date(2024, 3, 18), timeout=WAIT_MS)
    keys.wait_focus("the day after the week", lambda w: w is window.calendar)
    keys.press("T today", Key.Key_T)
    qtbot.waitUntil(lambda: window.day == clock.at.date(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: day_shown(window, clock.at.date()), timeout=WAIT_MS)

    # own counter first: down the column to the 11:30 appointment; the panel shows it
    press_until(keys, "to an appointment", lambda: selected_is(window, "Leonie Yılmaz"),
                Key.Key_Down)  # fmt: skip
    assert window.panel.fields["name"].text() == "Leonie Yılmaz"
    keys.press("Enter: to its details", Key.Key_Return)
    in_details = keys.wait_focus("the details", lambda w: window.panel.isAncestorOf(w))

    # Strg+L locks; the password and Enter unlock, and the keys are where they were
    keys.press("Strg+L lock", Key.Key_L, CTRL)
    lock = window.login_dialog
    assert lock is not None
    keys.wait_focus("the lock's password", lambda w: w is lock.password_edit)
    keys.type("the password", "demo")
    keys.press("unlock", Key.Key_Return)
    qtbot.waitUntil(lambda: window.login_dialog is None, timeout=WAIT_MS)
    keys.wait_focus("unlocked: where the keys were", lambda w: w is in_details)

    keys.press("Strg+1: back to the day", Key.Key_1, CTRL)
    keys.wait_focus("the calendar again", lambda w: w is window.calendar)
    assert selected_is(window, "Leonie Yılmaz")
    for step, key, state in (
        ("F5 check in", Key.Key_F5, "checked_in"),
        ("F6 call", Key.Key_F6, "called"),
        ("F7 serve", Key.Key_F7, "in_service"),
        ("F8 done", Key.Key_F8, "done"),
    ):
        step_key(qtbot, keys, window, step, key, state)
        keys.wait_focus(f"{step}: the calendar again", lambda w: w is window.calendar)

    qtbot.waitUntil(lambda: window.person.work.current is None, timeout=WAIT_MS)

    # counter 2's 10:45 appointment has started and nobody came: Umschalt+→, up, Strg+F8
    keys.press("to counter 2", Key.Key_Right, SHIFT)
    press_until(keys, "to a started appointment", lambda: selected_is(window, "Sven Yılmaz"),
                Key.Key_Up)  # fmt: skip
    sven = window.selected.id
    keys.press("Strg+F8 no-show", Key.Key_F8, CTRL)
    box = window.clerk.question
    assert box is not None
    keys.wait_focus("the no-show question", lambda w: w.window() is box)
    keys.walk_to(
        "to 'Nicht erschienen'", lambda w: getattr(w, "text", lambda: "")() == "Nicht erschienen"
    )
    keys.press("confirm the no-show", Key.Key_Space)
    qtbot.waitUntil(lambda: status_of(window, sven) == "no_show", timeout=WAIT_MS)
    keys.wait_focus("no-show: the calendar again", lambda w: w is window.calendar)

    book_by_keys(qtbot, keys, window)

    search_by_keys(qtbot, keys, window)

    sync_by_keys(qtbot, keys, window, demo_copy, clock.at)

    clock.at = parse_now("2024-03-21T08:30")  # the next morning, in the walk-in hour
    keys.press("T today", Key.Key_T)
    qtbot.waitUntil(lambda: window.day == clock.at.date(), timeout=WAIT_MS)
    keys.press("F12 refresh", Key.Key_F12)
    ticket = walk_in_by_keys(qtbot, keys, window)
    assert ticket_status(demo_copy, ticket.id) == "done"


# a menu grabs the keyboard on a real screen; the offscreen platform only says it cannot
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_the_team_lead_plans_capacity_by_keys(qtbot, keys, keyboard_window, demo_copy):
    clock = SettableClock(parse_now("2024-03-20T10:50"))
    window = keyboard_window(demo_copy, clock)
    sign_in_by_keys(qtbot, keys, window, "teamleitung")
    keys.wait_focus("the calendar after signing in", lambda w: w is window.calendar)
    keys.press("Alt+E the Teamleitung menu", Key.Key_E, ALT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is window.team_menu,
                    timeout=WAIT_MS)  # fmt: skip
    keys.press("K Kapazität planen", Key.Key_K)
    qtbot.waitUntil(lambda: window.findChild(CapacityEditor) is not None, timeout=WAIT_MS)
    editor = window.findChild(CapacityEditor)
    keys.wait_focus("into the capacity editor", lambda w: w.window() is editor)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=WAIT_MS)
    keys.walk_to("to the editor's tabs", lambda w: w is editor.tabs.tabBar())
    press_until(keys, "to the walk-in tab", lambda: editor.tabs.currentWidget() is editor.walk_in,
                Key.Key_Right)  # fmt: skip
    keys.walk_to("to the quota", lambda w: w is editor.walk_in.quota)
    keys.press("select the quota", Key.Key_A, CTRL)
    keys.type("a new quota", "25")
    keys.walk_to("to the preview", lambda w: w is editor.pane.preview_table)
    qtbot.waitUntil(lambda: editor.save_button.isEnabled(), timeout=WAIT_MS)
    model = editor.preview_model  # read: each day's quota before and after
    last = model.columnCount() - 1
    qtbot.waitUntil(lambda: model.rowCount() > 0 and model.index(0, last).data() == "25 (+5)",
                    timeout=WAIT_MS)  # fmt: skip
    assert model.index(0, last - 1).data() == "20"
    keys.walk_to("to Speichern", lambda w: w is editor.save_button)
    keys.press("save", Key.Key_Space)
    qtbot.waitUntil(lambda: editor.status.text().startswith("Gespeichert"), timeout=WAIT_MS)
    assert office_quota(demo_copy) == 25
    keys.press("close the editor", Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT_MS)


def office_quota(url: str) -> int:
    """Mitte's walk-in quota in the database."""
    db = open_database(url)
    try:
        with UnitOfWork(db.engine) as uow:
            query = select(Office.walk_in_quota).where(Office.id == MITTE)
            return int(uow.session.execute(query).scalar_one())
    finally:
        db.dispose()


def test_every_alt_key_of_the_window_does_one_thing(qtbot, keys, keyboard_window, demo_copy):
    """An Alt+letter that two controls claim does neither (Qt only moves between them):
    the menus, buttons, labels and tabs shown each have their own, on the day, at the
    reception and with the queue."""
    window = keyboard_window(demo_copy, SettableClock(parse_now("2024-03-20T10:50")))
    sign_in_by_keys(qtbot, keys, window, "sb.mitte1")
    keys.wait_focus("the calendar", lambda w: w is window.calendar)
    qtbot.waitUntil(lambda: window.walk_in.built is not None, timeout=WAIT_MS)
    assert shared_alt_keys(window) == {}
    keys.press("Strg+4 reception", Key.Key_4, CTRL)
    keys.press("Strg+6 queue", Key.Key_6, CTRL)
    assert window.reception.isVisible() and window.queue.isVisible()
    assert shared_alt_keys(window) == {}


def shared_alt_keys(window: MainWindow) -> dict[str, list[str]]:
    """The Alt+letters more than one shown control of the window claims."""
    texts = [action.text() for action in window.menuBar().actions()]
    texts += [b.text() for b in window.findChildren(QAbstractButton) if b.isVisible()]
    texts += [
        label.text()
        for label in window.findChildren(QLabel)
        if label.isVisible() and label.buddy() is not None
    ]
    for bar in window.findChildren(QTabBar):
        texts += [bar.tabText(i) for i in range(bar.count()) if bar.isVisible()]
    claimed: dict[str, list[str]] = {}
    for text in texts:
        letter = _mnemonic(text)
        if letter:
            claimed.setdefault(letter, []).append(text)
    return {k: v for k, v in claimed.items() if len(v) > 1}


def _mnemonic(text: str) -> str | None:
    """The letter after a single '&' (Alt+letter), lower case."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None
