"""Every window and dialog read as a screen reader reads it, through QAccessible: every
control that takes the focus has a name, every table or calendar cell has a text, and
Tab goes through the fields in reading order (BITV 2.0 / EN 301 549 ch. 11)."""

from __future__ import annotations

import itertools
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from sqlalchemy import select

from desk.demo.city import DEMO_PASSWORD
from desk.domain.cells import CellKind
from desk.domain.clock import FixedClock
from desk.domain.localtime import parse_now
from desk.domain.status import TicketReason
from desk.services.admin.auth import authenticate
from desk.services.appointments.booking import Booking
from desk.services.capacity.releases import release_same_day_slots
from desk.services.database import open_database
from desk.services.walkin.tickets import issue_ticket
from desk.settings import ConfigProblem
from desk.store.models import Closure, Counter
from desk.store.uow import UnitOfWork
from tests.conftest import DEMO_NOW_ISO
from tests.ui.conftest import NOW
from tests.ui.lock_support import copy_demo
from ui.accessible_names import label_words
from ui.config_notice import warn_about_config
from ui.crash import CrashDialog
from ui.dialogs.about_dialog import AboutDialog
from ui.dialogs.booked_notice import BookedNotice
from ui.dialogs.reason_dialog import ReasonDialog
from ui.display.window import DisplayWindow
from ui.models.calendar_model import KIND_ROLE
from ui.views.main_window import MainWindow, _first_start_progress
from ui.views.person_words import ask

MITTE = "bb-mitte"
WAIT = 20_000
EARLY = parse_now("2024-03-20T08:40")  # the demo's walk-in hour, people waiting
#: How each kind of free or closed time reads (desk.domain.cells, through ui.labels).
FREE_WORDS = {
    CellKind.ONLINE: "frei (online buchbar)",
    CellKind.INTERNAL: "frei (nur intern)",
    CellKind.RELEASED: "frei (zusätzlich freigegeben)",
    CellKind.CLOSED: "geschlossen",
}
#: Controls a screen reader stops at, whatever their focus policy says.
CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabBar,
    QTextEdit,
    QPlainTextEdit,
)
#: What the reader reads as a table's, a list's or a tree's cell.
CELLS = (QAccessible.Role.Cell, QAccessible.Role.ListItem, QAccessible.Role.TreeItem)
#: Parts of a control that the control itself speaks for.
COMPOUND = (QAbstractSpinBox, QComboBox)


# ------------------------------------------------------------------ the reader
def spoken_name(widget: QWidget) -> str:
    """What a screen reader says a control is called."""
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def takes_focus(widget: QWidget) -> bool:
    """A visible control that Tab (or a click) can reach, not a part of another one."""
    if not widget.isVisible() or widget.focusProxy() is not None:
        return False
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractItemView) and widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
        return False  # a header or the corner button: the table speaks for them
    while parent is not None:
        if isinstance(parent, COMPOUND):
            return False
        parent = parent.parentWidget()
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or isinstance(widget, CONTROLS)


def nearby_label(widget: QWidget) -> str:
    """The label that names a control (its buddy) or stands before it, for the message."""
    buddy = buddy_of(widget)
    if buddy is not None:
        return f"buddy {buddy.text()!r}"
    top = widget.window()
    at = widget.mapTo(top, QPoint(0, 0))
    before = [
        (label.mapTo(top, QPoint(0, 0)), label.text()) for label in top.findChildren(QLabel)
        if label.isVisible() and label.text().strip()
    ]  # fmt: skip
    before = [(p, t) for p, t in before if p.y() <= at.y() + 4 and p.x() <= at.x() + 4]
    if not before:
        return "no label"
    nearest = min(before, key=lambda pt: (at.y() - pt[0].y()) ** 2 + (at.x() - pt[0].x()) ** 2)
    return f"near {nearest[1][:40]!r}"


def describe(where: str, widget: QWidget) -> str:
    """One offender in words: the window, the class, the object name, the label."""
    name = widget.objectName() or "-"
    return f"{where}: {type(widget).__name__} {name!r} ({nearby_label(widget)})"


def empty_cells(where: str, view: QAbstractItemView) -> list[str]:
    """The cells of a view whose accessible text is empty, as the reader gets them
    (one line per view: how many, and the first few by row and column)."""
    iface = QAccessible.queryAccessibleInterface(view)
    if iface is None:
        return [f"{where}: {type(view).__name__} without an accessible interface"]
    empty = []
    for i in range(iface.childCount()):
        child = iface.child(i)
        if child is None or child.role() not in CELLS:
            continue
        if not child.text(QAccessible.Text.Name).strip():
            cell = child.tableCellInterface()
            empty.append(f"({cell.rowIndex()}, {cell.columnIndex()})" if cell else f"#{i}")
    if not empty:
        return []
    name = spoken_name(view) or view.objectName() or type(view).__name__
    return [f"{where}: {len(empty)} cells without text in {name!r}, e.g. {', '.join(empty[:6])}"]


def buddy_of(widget: QWidget) -> QLabel | None:
    """The label whose buddy ``widget`` is (Alt+letter on it focuses the widget)."""
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget:
            return label
    return None


def naming_problem(widget: QWidget) -> str | None:
    """Why a control is not named well enough for a screen reader, or None.

    A combo box is read on Linux as its value, its label taken from the label relation
    (a buddy), and elsewhere by its accessible name: it needs both."""
    iface = QAccessible.queryAccessibleInterface(widget)
    name = spoken_name(widget)
    if isinstance(widget, QComboBox):
        labelled = [
            r for r, relation in iface.relations() if relation & QAccessible.RelationFlag.Label
        ]
        if not widget.accessibleName():
            return f"read as its value {name!r} only"
        if not labelled:
            return "no label tied to it (a buddy)"
        name = widget.accessibleName()
    if not name:
        return "no name"
    label = buddy_of(widget)
    words = label_words(label.text()) if label is not None else ""
    if words and words not in name and name not in words:
        return f"named {name!r}, not by its label {label.text()!r}"
    return None


def offenders_now(where: str, root: QWidget, seen: set[int]) -> list[str]:
    """Unnamed controls and empty cells shown under ``root`` right now."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if id(widget) in seen or not takes_focus(widget):
            continue
        seen.add(id(widget))
        problem = naming_problem(widget)
        if problem is not None:
            found.append(f"{describe(where, widget)}: {problem}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += empty_cells(where, widget)
    return found


def offenders(where: str, root: QWidget, seen: set[int] | None = None) -> list[str]:
    """Unnamed controls and empty cells under ``root``, every tab of every tab widget
    opened in turn (the first tab is shown again afterwards)."""
    seen = set() if seen is None else seen
    found = offenders_now(where, root, seen)
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        current = tabs.currentIndex()
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            found += offenders(
                f"{where} › {tabs.tabText(i).replace('&', '')}", tabs.widget(i), seen
            )
        tabs.setCurrentIndex(current)
    return found


def assert_all_named(*checked: tuple[str, QWidget]) -> None:
    """Fail listing every unnamed control and every empty cell of the windows."""
    found: list[str] = []
    for where, root in checked:
        assert root.isVisible(), f"{where} is not shown, so it cannot be read"
        found += offenders(where, root)
    assert not found, "read without a name or text:\n" + "\n".join(found)


# ------------------------------------------------------------------ fixtures
@pytest.fixture
def demo_copy(demo_sqlite_url: str, tmp_path: Path) -> str:
    """A private copy of the demo city (sign-ins and bookings write)."""
    return copy_demo(demo_sqlite_url, tmp_path)


@pytest.fixture
def window(qtbot, make_window, demo_copy: str) -> MainWindow:
    """The main window on the demo day, Mitte, counter 1, its day loaded."""
    window = make_window(demo_copy, office_id=MITTE, counter_number=1)
    with qtbot.waitSignal(window.day_loaded, timeout=WAIT):
        window.start()
    return window


def signed_in(qtbot, window: MainWindow, username: str) -> None:
    """Sign ``username`` in through the sign-in dialog, checking the dialog first."""
    dialog = window.sign_in()
    assert dialog is not None
    dialog.show()
    assert_all_named(("Anmeldung", dialog))
    dialog.name_edit.setText(username)
    dialog.password_edit.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.sign_in()
    assert window.user is not None and window.user.username == username


# ------------------------------------------------------------------ the windows
def test_the_signed_in_main_window_names_every_control_and_cell(
    qtbot, make_window, demo_copy, db_of
):
    """In the walk-in hour, someone called: the bar over the day and every step shown."""
    window = make_window(demo_copy, office_id=MITTE, counter_number=1, clock=FixedClock(EARLY))
    with qtbot.waitSignal(window.day_loaded, timeout=WAIT):
        window.start()
    signed_in(qtbot, window, "sb.mitte1")
    issue_ticket(db_of(demo_copy), MITTE, TicketReason.OTHER, EARLY)
    panel = window.queue
    panel.refresh()
    qtbot.waitUntil(lambda: panel.waiting.count() > 0, timeout=WAIT)
    with qtbot.waitSignals([panel.called, panel.loaded], timeout=WAIT):
        window.call_next_person()  # someone at the counter: the bar over the day shows
    qtbot.waitUntil(lambda: window.person.work.current is not None, timeout=WAIT)
    first = window.calendar_model.index(0, 0)
    window.calendar.setCurrentIndex(first)
    qtbot.waitUntil(lambda: window._ops.pending == 0, timeout=WAIT)
    assert window.person_bar.isVisible() and window.panel.heading.text() != "Kein Termin gewählt"
    assert_all_named(("Hauptfenster", window))
    assert "F9" in described(window.queue.call_next_button)  # what the call does, and its key
    for reason, button in window.reception.buttons.items():
        assert label_words(button.text()) in described(button), reason  # a ticket for what


def described(widget: QWidget) -> str:
    """What a screen reader says after a control's name."""
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Description) if iface is not None else ""


def test_the_lock_names_every_control(qtbot, window):
    signed_in(qtbot, window, "sb.mitte1")
    dialog = window.lock()
    assert dialog is not None
    dialog.show()
    assert_all_named(("Sperre", dialog))
    dialog.password_edit.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.sign_in()


def booking_for(qtbot, window: MainWindow, service: str):
    dialog = window.open_booking()
    assert dialog is not None
    dialog.show()
    qtbot.waitUntil(lambda: dialog.service_box.count() > 0, timeout=WAIT)
    if dialog.service_id != service:
        with qtbot.waitSignal(dialog.suggestions_loaded, timeout=WAIT):
            dialog.select_service(service)
    qtbot.waitUntil(lambda: bool(dialog.offers), timeout=WAIT)
    qtbot.waitUntil(lambda: window._ops.pending == 0, timeout=WAIT)
    return dialog


def test_the_booking_dialog_with_the_move_in_date_and_the_notice(qtbot, window):
    dialog = booking_for(qtbot, window, "anmeldung")
    assert dialog.move_in_edit.isVisible(), "the move-in date is asked for an Anmeldung"
    assert_all_named(("Neuer Termin", dialog))
    dialog.reject()
    start = parse_now(DEMO_NOW_ISO) + timedelta(days=1)
    booking = Booking(
        uuid.uuid4(), "AB12-CD34", MITTE, "anmeldung", 1, start, start + timedelta(minutes=15),
        "Erika Mustermann", "phone", "booked",
    )  # fmt: skip
    notice = BookedNotice(booking, window)
    qtbot.addWidget(notice)
    notice.show()
    assert_all_named(("Termin gebucht", notice))


def test_the_search_with_hits_and_the_reason_dialog(qtbot, window):
    search = window.open_search()
    assert search is not None
    search.show()
    with qtbot.waitSignal(search.results_loaded, timeout=WAIT):
        search.field.setText("Müller")
    assert search.model.rowCount() > 0
    reason = ReasonDialog("Termin stornieren", "Grund der Stornierung für ABC-123:", window)
    qtbot.addWidget(reason)
    reason.show()
    assert_all_named(("Suche", search), ("Grund", reason))


def test_about_keys_crash_config_first_start_and_a_question(qtbot, window, tmp_path):
    about = AboutDialog("sqlite:///buergerdesk.sqlite", window)
    crash = CrashDialog(tmp_path / "buergerdesk.log", window)
    config = warn_about_config(window, [ConfigProblem(tmp_path / "config.toml", "kein Wert")])
    progress = _first_start_progress(window)
    question = ask(window, "Nicht erschienen", "ABC-123 vermerken?", [("Nicht erschienen", print)])
    for dialog in (about, crash, config, progress, question):
        qtbot.addWidget(dialog)
        dialog.show()
    assert_all_named(
        ("Über", about), ("Fehler", crash), ("Konfiguration", config),
        ("Erster Start", progress), ("Frage", question),
    )  # fmt: skip


def test_the_sync_dialog_names_its_state_and_conflicts(qtbot, window):
    dialog = window.open_sync()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.conflicts.count() > 0, timeout=WAIT)  # read, or "none"
    assert_all_named(("Abgleich", dialog))
    dialog.close()


def test_the_keys_help_names_its_button(qtbot, window):
    found: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        found.append(box.windowTitle() if box is not None else "no box")
        if box is not None:
            found.extend(offenders("Tastenkürzel", box))
            box.close()

    QTimer.singleShot(0, read_and_close)
    window.menus.show_shortcuts()
    assert found[0] == "Tastenkürzel"
    assert found[1:] == []


def test_the_team_leads_tools_name_every_control_and_cell(qtbot, window, demo_copy, db_of):
    window.set_user(authenticate(db_of(demo_copy), "teamleitung", DEMO_PASSWORD))
    editor = window.open_capacity()
    assert editor is not None
    qtbot.waitUntil(lambda: editor.preview_model.rowCount() > 0, timeout=WAIT)
    audit = window.open_audit()
    statistics = window.open_statistics()
    staffing = window.open_staffing()
    users = window.open_users()
    assert audit is not None and statistics is not None and staffing is not None
    assert users is not None
    qtbot.waitUntil(lambda: users.model.rowCount() > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: window._ops.pending == 0, timeout=WAIT)
    tools = [("Kapazität", editor), ("Protokoll", audit), ("Statistik", statistics),
             ("Personalbedarf", staffing), ("Benutzer", users)]  # fmt: skip
    for _where, tool in tools:
        tool.show()
    users.table.selectRow(0)
    users.ask_password()
    assert users.password_dialog is not None
    users.password_dialog.show()
    assert_all_named(*tools, ("Passwort setzen", users.password_dialog))
    users.password_dialog.reject()
    users.new_user()  # the form with its password fields
    assert users.password.isVisible()
    assert_all_named(("Neuer Benutzer", users))
    for _where, tool in tools:
        tool.close()
    qtbot.waitUntil(lambda: window._ops.pending == 0, timeout=WAIT)


def test_the_call_display_names_what_it_shows(ops, qtbot, demo_copy):
    display = DisplayWindow(
        ops, lambda: open_database(demo_copy), "bb-west", lambda: NOW,
        poll_ms=600_000, stale_after=600.0, sound=False, speech=False,
    )  # fmt: skip
    qtbot.addWidget(display)
    display.resize(1280, 720)
    display.show()
    with qtbot.waitSignal(display.updated, timeout=WAIT):
        display.start()
    assert_all_named(("Aufrufanzeige", display))
    display.stop()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT)


def close_counter_today(db, number: int) -> None:
    """Close one counter of Mitte for the demo day (its booked blocks stay)."""
    with UnitOfWork(db.engine, write=True) as uow:
        counter = uow.session.scalars(
            select(Counter).where(Counter.office_id == MITTE, Counter.number == number)
        ).one()
        day = NOW.date()
        uow.session.add(Closure(office_id=MITTE, counter_id=counter.id, starts_on=day,
                                ends_on=day, reason="Schulung"))  # fmt: skip
        uow.commit()


def test_the_calendar_reads_every_free_slot_in_words(qtbot, make_window, demo_copy, db_of):
    """Free online, free internal, released and closed: said in words, not only painted."""
    db = db_of(demo_copy)
    release_same_day_slots(db, MITTE, [2], None, NOW)
    close_counter_today(db, 3)
    window = make_window(demo_copy, office_id=MITTE, counter_number=1)
    with qtbot.waitSignal(window.day_loaded, timeout=WAIT):
        window.start()
    iface = QAccessible.queryAccessibleInterface(window.calendar)
    read: dict[str, set[str]] = {}
    for i in range(iface.childCount()):
        cell = iface.child(i).tableCellInterface()
        if cell is None:
            continue
        index = window.calendar_model.index(cell.rowIndex(), cell.columnIndex())
        text = iface.child(i).text(QAccessible.Text.Name)
        read.setdefault(index.data(KIND_ROLE), set()).add(text)
    free = {kind: read.get(kind.value) for kind in FREE_WORDS}
    assert free == {kind: {words} for kind, words in FREE_WORDS.items()}
    booked = read[CellKind.BOOKED.value]
    assert all("·" in text and ":" in text for text in booked), booked  # time, name, state


def test_the_reader_finds_every_kind_of_offender(qtbot):
    """The checks themselves: an unnamed field, a combo box named by nothing but its
    value, a field named otherwise than its label, an empty cell."""
    window = QWidget()
    qtbot.addWidget(window)
    form = QFormLayout(window)
    form.addRow(QLineEdit(objectName="unnamed"))
    combo = QComboBox(objectName="valueOnly")
    combo.addItem("Bürgerbüro Mitte")
    form.addRow(combo)
    other = QLineEdit(objectName="otherName")
    other.setAccessibleName("Vorname")
    form.addRow("Nachname:", other)
    table = QTableWidget(1, 2, objectName="table")
    table.setAccessibleName("Tabelle")
    table.setItem(0, 0, QTableWidgetItem("voll"))
    form.addRow(table)
    window.show()
    found = "\n".join(offenders("Probe", window))
    assert "QLineEdit 'unnamed'" in found and "no name" in found
    assert "QComboBox 'valueOnly'" in found and "read as its value 'Bürgerbüro Mitte'" in found
    assert "named 'Vorname', not by its label 'Nachname:'" in found
    assert "1 cells without text in 'Tabelle', e.g. (0, 1)" in found
    assert len(found.splitlines()) == 4, found


# ------------------------------------------------------------------ focus order
def tab_stops(dialog: QWidget) -> list[QWidget]:
    """The controls Tab visits in ``dialog``, from its first one, once round."""
    stops: list[QWidget] = []
    widget = dialog.nextInFocusChain()
    while widget is not dialog and len(stops) < 500:
        tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if tab and dialog.isAncestorOf(widget) and takes_focus(widget) and widget.isEnabled():
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def out_of_reading_order(where: str, dialog: QWidget, *, round_trip: bool = False) -> list[str]:
    """The steps of the Tab chain that go against reading order: up (more than half a
    line) or left within a row. Up into a column right of the last control is fine: a
    column beside is read after the one before it. With ``round_trip`` (a main window,
    whose chain has no first control) the chain is read from its top-left stop."""
    tolerance = dialog.fontMetrics().height() / 2
    stops = tab_stops(dialog)
    if round_trip:
        at = [s.mapTo(dialog, QPoint(0, 0)) for s in stops]
        first = min(range(len(stops)), key=lambda i: (at[i].y() // (2 * tolerance), at[i].x()))
        stops = stops[first:] + stops[:first]
    assert len(stops) > 1, f"{where}: Tab reaches only {len(stops)} control(s)"
    wrong = []
    for before, after in itertools.pairwise(stops):
        a = before.mapTo(dialog, QPoint(0, 0))
        b = after.mapTo(dialog, QPoint(0, 0))
        down = b.y() > a.y() + tolerance
        same_row = abs(b.y() - a.y()) <= tolerance
        next_column = b.x() >= a.x() + before.width()
        if down or (same_row and b.x() > a.x()) or next_column:
            continue
        wrong.append(
            f"{where}: {describe(where, before).split(': ', 1)[1]} at ({a.x()}, {a.y()}) → "
            f"{describe(where, after).split(': ', 1)[1]} at ({b.x()}, {b.y()})"
        )
    return wrong


def assert_reading_order(*checked: tuple[str, QWidget]) -> None:
    """Fail listing every step of the Tab chains that goes against reading order."""
    wrong: list[str] = []
    for where, dialog in checked:
        assert dialog.isVisible(), f"{where} is not shown"
        wrong += out_of_reading_order(where, dialog)
    assert not wrong, "Tab goes against reading order:\n" + "\n".join(wrong)


def test_tab_follows_reading_order_in_the_clerks_dialogs(qtbot, window):
    sign_in = window.sign_in()
    assert sign_in is not None
    sign_in.show()
    assert_reading_order(("Anmeldung", sign_in))
    sign_in.name_edit.setText("sb.mitte1")
    sign_in.password_edit.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(sign_in.checked, timeout=WAIT):
        sign_in.sign_in()
    booking = booking_for(qtbot, window, "anmeldung")
    search = window.open_search()
    assert search is not None
    search.show()
    with qtbot.waitSignal(search.results_loaded, timeout=WAIT):
        search.field.setText("Müller")
    reason = ReasonDialog("Termin stornieren", "Grund der Stornierung für ABC-123:", window)
    qtbot.addWidget(reason)
    reason.show()
    assert_reading_order(("Neuer Termin", booking), ("Suche", search), ("Grund", reason))


def test_tab_follows_reading_order_in_the_team_leads_forms(qtbot, window, demo_copy, db_of):
    window.set_user(authenticate(db_of(demo_copy), "teamleitung", DEMO_PASSWORD))
    users = window.open_users()
    editor = window.open_capacity()
    assert users is not None and editor is not None
    qtbot.waitUntil(lambda: users.model.rowCount() > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: editor.preview_model.rowCount() > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: window._ops.pending == 0, timeout=WAIT)
    users.show()
    editor.show()
    wrong = out_of_reading_order("Benutzer", users)
    for i in range(editor.tabs.count()):  # the first tab, and the others as well
        editor.tabs.setCurrentIndex(i)
        QApplication.processEvents()  # the shown tab lays out its widgets
        wrong += out_of_reading_order(f"Kapazität › {editor.tabs.tabText(i)}", editor)
    assert not wrong, "Tab goes against reading order:\n" + "\n".join(wrong)
    for tool in (users, editor):
        tool.close()
    qtbot.waitUntil(lambda: window._ops.pending == 0, timeout=WAIT)


def test_tab_follows_reading_order_in_the_main_window(qtbot, window):
    """Office and counter, the day's bar, the day's tabs and calendar, then the side
    panel beside them, each tab of both (the reception and the queue too)."""
    signed_in(qtbot, window, "sb.mitte1")
    wrong: list[str] = []
    for side in range(window.side.count()):
        window.side.setCurrentIndex(side)
        for view in range(window.views.count()):
            window.views.setCurrentIndex(view)
            QApplication.processEvents()
            where = f"Hauptfenster › {window.views.tabText(view)} + {window.side.tabText(side)}"
            wrong += out_of_reading_order(where, window, round_trip=True)
    assert not wrong, "Tab goes against reading order:\n" + "\n".join(wrong)
