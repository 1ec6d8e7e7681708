"""The main flows at 200 % text on a 1366×768 screen: no cut-off text, no overlapping
controls, every window within the screen (what cannot fit scrolls, up and down); the
main window also after switching to the other sizes while open.

Not collected by itself: tests/ui/test_text_size.py runs this file in a pytest of its
own on an offscreen screen of 1366×768 (the default offscreen screen is 800×800)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QLabel,
    QLineEdit,
    QRubberBand,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QWidget,
)

from desk.demo.city import DEMO_PASSWORD
from desk.domain.localtime import BERLIN
from desk.services.appointments.booking import Booking
from desk.sync.engine import SyncStatus
from tests.ui.conftest import NOW
from tests.ui.walkin_support import copy_of, settle
from ui import text_size, theme
from ui.dialogs.booked_notice import BookedNotice
from ui.dialogs.capacity_editor import CapacityEditor
from ui.dialogs.reason_dialog import ReasonDialog
from ui.views.main_window import MainWindow

SCREEN = QSize(1366, 768)
MITTE = "bb-mitte"
#: Drawn over other widgets on purpose: the focus ring, a rubber band.
OVERLAYS = (QFocusFrame, QRubberBand)
WAIT = 20_000


@pytest.fixture(autouse=True)
def laptop_screen(qapp) -> Iterator[None]:
    """The screen must be the 1366×768 one (see tests/ui/test_text_size.py); 100 %
    text again afterwards (the application is shared by the tests)."""
    screen = qapp.primaryScreen().availableGeometry().size()
    assert screen == SCREEN, (
        f"the screen is {screen.width()}×{screen.height()}, not 1366×768: run this file "
        "through tests/ui/test_text_size.py (QT_QPA_PLATFORM=offscreen:configfile=…)"
    )
    yield
    theme.set_text_size(qapp, 100)


@pytest.fixture
def demo_copy(demo_sqlite_url, tmp_path) -> str:
    return copy_of(demo_sqlite_url, tmp_path / "demo.sqlite")


@pytest.fixture
def window(qtbot, make_window, settings, demo_copy) -> MainWindow:
    """The main window at 200 % (remembered), 1366×768, Mitte, counter 1, signed in."""
    settings.setValue(text_size.SETTING, 200)
    window = make_window(demo_copy, office_id=MITTE, counter_number=1)
    window.resize(SCREEN)
    with qtbot.waitSignal(window.day_loaded, timeout=WAIT):
        window.start()
    dialog = window.sign_in()
    assert dialog is not None
    dialog.show()
    assert_fits(qtbot, dialog, "Anmeldung")
    dialog.name_edit.setText("sb.mitte1")
    dialog.password_edit.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.sign_in()
    assert window.user is not None
    settle(qtbot, window.ops)
    return window


# ------------------------------------------------------------ what is cut off
def _path(widget: QWidget) -> str:
    names = []
    while widget is not None and not widget.isWindow():
        text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
        names.append(f"{type(widget).__name__}({widget.objectName() or str(text)[:30]!r})")
        widget = widget.parentWidget()
    return " < ".join(names)


def _scrolled(widget: QWidget) -> bool:
    """Whether ``widget`` lies inside a scroll area's viewport (it can be scrolled to)."""
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def _text_short(widget: QWidget) -> str | None:
    """Why the text of ``widget`` does not fit into it (None when it does)."""
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        width = widget.contentsRect().width()
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if widget.height() < needed:
                return f"{widget.height()} px high, needs {needed}"
            return None
        hint = widget.sizeHint()
        if widget.width() < hint.width():
            return f"{widget.width()} px wide, needs {hint.width()} (text in {width})"
        if widget.height() < widget.fontMetrics().height():
            return f"{widget.height()} px high, needs {widget.fontMetrics().height()}"
    elif isinstance(widget, QAbstractButton) and widget.text():
        if widget.width() < widget.sizeHint().width():
            return f"{widget.width()} px wide, needs {widget.sizeHint().width()}"
        if widget.height() < widget.fontMetrics().height():
            return f"{widget.height()} px high, needs {widget.fontMetrics().height()}"
    elif isinstance(widget, QComboBox):
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = widget.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            widget,
        )
        needed = widget.fontMetrics().horizontalAdvance(widget.currentText())
        if field.width() < needed or field.height() < widget.fontMetrics().height():
            return f"its field {field.width()}×{field.height()} px, the text needs {needed}"
    elif isinstance(widget, (QLineEdit, QAbstractSpinBox)):
        needed = widget.minimumSizeHint().height()
        if widget.height() < needed:
            return f"{widget.height()} px high, needs {needed}"
    elif isinstance(widget, QTabBar):
        metrics = widget.fontMetrics()
        for index in range(widget.count()):
            text = widget.tabText(index).replace("&", "")
            rect = widget.tabRect(index)
            if rect.width() < metrics.horizontalAdvance(text) or rect.height() < metrics.height():
                return f"tab {text!r} {rect.width()}×{rect.height()} px"
    return None


def _part(widget: QWidget) -> bool:
    """Whether ``widget`` is a part of a compound control (checked as the control)."""
    return isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox, QTabBar, QLineEdit))


def _outside_parent(widget: QWidget) -> bool:
    """Whether ``widget`` reaches beyond its parent (and is no scrolled page)."""
    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return False
    grand = parent.parentWidget()
    if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
        return False  # the scroll area's page: it scrolls
    if isinstance(parent, (QAbstractSpinBox, QComboBox, QTabBar, QAbstractScrollArea)):
        return False  # the parts of a compound control place themselves
    return not parent.rect().contains(widget.geometry())


def _overlaps(widget: QWidget) -> list[QWidget]:
    """The laid-out visible siblings after ``widget`` that overlap it by more than 2 px."""
    parent = widget.parentWidget()
    if parent is None or parent.layout() is None or widget.isWindow():
        return []
    if isinstance(widget, OVERLAYS):
        return []
    siblings = [
        w
        for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if w.isVisible() and not w.isWindow() and not isinstance(w, OVERLAYS)
    ]
    after = siblings[siblings.index(widget) + 1 :] if widget in siblings else []
    hits = []
    for other in after:
        overlap: QRect = widget.geometry().intersected(other.geometry())
        if overlap.width() > 2 and overlap.height() > 2:
            hits.append(other)
    return hits


def cut_off(root: QWidget) -> list[str]:
    """Every visible text control of ``root`` whose text does not fit, that reaches out
    of its parent, or that overlaps a sibling; the window larger than the screen."""
    found = []
    frame = root.size()  # without the frame the window manager adds
    if frame.width() > SCREEN.width() or frame.height() > SCREEN.height():
        found.append(f"the window is {frame.width()}×{frame.height()} px")
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.window() is not root or _part(widget):
            continue
        if isinstance(widget, OVERLAYS):
            continue
        why = _text_short(widget)
        if why:
            found.append(f"{_path(widget)}: {why}")
        if _outside_parent(widget) and not _scrolled(widget.parentWidget() or widget):
            found.append(f"{_path(widget)}: reaches out of its parent")
        found += [f"{_path(widget)} overlaps {_path(o)}" for o in _overlaps(widget)]
    return found


def sideways(root: QWidget) -> list[str]:
    """The visible pages of ``root`` (scroll areas, not tables) that scroll sideways."""
    return [
        f"{_path(area)}: scrolls sideways by {area.horizontalScrollBar().maximum()} px"
        for area in root.findChildren(QScrollArea)
        if area.isVisible() and area.horizontalScrollBar().maximum() > 0
    ]


def assert_fits(qtbot, root: QWidget, name: str) -> None:
    """``root`` laid out at the size it has: nothing cut off, and its pages scroll up
    and down only (listing all offenders)."""
    qtbot.waitExposed(root)
    for _round in range(3):  # layouts that grow make their parents lay out again
        QApplication.processEvents()
    found = cut_off(root) + sideways(root)
    assert not found, f"{name} at {text_size.percent()} %:\n" + "\n".join(found)


def test_the_reception_and_the_queue_sizes_follow(qtbot, window):
    window.walk_in.build()  # built after the first paint; here at once
    heading = window.reception.findChild(QLabel, "receptionHeading")
    assert heading is not None
    heading.ensurePolished()
    assert heading.font().pointSizeF() == 32
    window.text_size.apply(100)
    heading.ensurePolished()
    assert heading.font().pointSizeF() == 16


# ------------------------------------------------------- 200 % at 1366×768
def test_the_day_with_an_appointment_open_fits(qtbot, window):
    rows = [r for r in window.model.rows if r.counter_number == 1]
    assert rows and window.select_appointment(rows[0].id)
    settle(qtbot, window.ops)
    window.side.setCurrentIndex(0)
    since = datetime(2024, 3, 20, 10, 12, tzinfo=BERLIN)
    window.show_sync_status(SyncStatus(False, since, 12, since, 3))  # the longest state
    assert_fits(qtbot, window, "Tag mit Termin")
    assert window.calendar.isVisible() and window.panel.isVisible()


@pytest.mark.parametrize("percent", [150, 125, 100])
def test_the_day_fits_after_switching_the_size_while_open(qtbot, window, percent):
    window.walk_in.build()
    rows = [r for r in window.model.rows if r.counter_number == 1]
    assert rows and window.select_appointment(rows[0].id)
    settle(qtbot, window.ops)
    window.text_size.apply(percent)
    assert_fits(qtbot, window, f"Tag mit Termin, umgestellt auf {percent} %")
    window.side.setCurrentIndex(1)
    window.views.setCurrentWidget(window.reception_page)
    assert_fits(qtbot, window, f"Warteschlange und Empfang, umgestellt auf {percent} %")
    assert window.queue.isVisible() and window.reception.isVisible()


def test_the_queue_fits(qtbot, window):
    window.walk_in.build()
    window.side.setCurrentIndex(1)
    window.queue.refresh()
    settle(qtbot, window.ops)
    assert_fits(qtbot, window, "Warteschlange")
    assert window.queue.isVisible() and window.calendar.isVisible()


def test_the_reception_fits(qtbot, window):
    window.walk_in.build()
    window.views.setCurrentWidget(window.reception_page)
    window.reception.refresh()
    settle(qtbot, window.ops)
    assert_fits(qtbot, window, "Empfang")
    assert window.reception.isVisible()


def test_the_booking_of_an_anmeldung_and_its_notice_fit(qtbot, window):
    dialog = window.open_booking()
    assert dialog is not None
    dialog.show()
    qtbot.waitUntil(lambda: dialog.service_box.count() > 0, timeout=WAIT)
    if dialog.service_id != "anmeldung":
        with qtbot.waitSignal(dialog.suggestions_loaded, timeout=WAIT):
            dialog.select_service("anmeldung")
    settle(qtbot, window.ops)
    assert dialog.move_in_edit.isVisible() and dialog.frist_label.isVisible()
    assert_fits(qtbot, dialog, "Termin buchen (Anmeldung)")
    start = datetime(2024, 3, 21, 9, 0, tzinfo=BERLIN)
    booking = Booking(
        uuid.uuid4(), "39KJ-TGPT", MITTE, "anmeldung", 1, start,
        start.replace(minute=30), "Erika Mustermann-Öztürk", "phone", "booked",
    )  # fmt: skip
    notice = BookedNotice(booking, window)
    qtbot.addWidget(notice)
    notice.show()
    assert_fits(qtbot, notice, "Termin gebucht")


def test_the_search_with_hits_fits(qtbot, window):
    dialog = window.open_search()
    assert dialog is not None
    dialog.show()
    with qtbot.waitSignal(dialog.results_loaded, timeout=WAIT):
        dialog.field.setText("Müller")
    assert_fits(qtbot, dialog, "Suche")


def test_the_reason_dialog_fits(qtbot, window):
    dialog = ReasonDialog(
        "Termin stornieren", "Grund der Stornierung für 39KJ-TGPT (Erika Mustermann):", window
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.error.show_message("Bitte einen Grund angeben.")
    assert_fits(qtbot, dialog, "Grund")


def test_the_capacity_editor_fits(qtbot, ops, settings, window, demo_copy):
    from desk.demo.city import demo_id
    from desk.domain.status import Role
    from desk.services.admin.auth import UserInfo
    from desk.services.database import open_database

    lead = UserInfo(
        demo_id("user", "teamleitung"), "teamleitung", "Teamleitung", Role.TEAM_LEAD, None
    )
    db = open_database(demo_copy)
    try:
        editor = CapacityEditor(ops, db, lead, MITTE, lambda: NOW)
        qtbot.addWidget(editor)
        with qtbot.waitSignal(editor.preview_updated, timeout=WAIT):
            editor.show()
        assert_fits(qtbot, editor, "Kapazität planen")
        settle(qtbot, ops)
    finally:
        db.dispose()


def test_the_team_leads_other_windows_fit(qtbot, window, demo_copy):
    """Users, audit log, statistics, staffing and the sync dialog: within the screen,
    their texts whole (their tables and pages scroll)."""
    from desk.services.admin.auth import authenticate
    from desk.services.database import open_database

    db = open_database(demo_copy)
    try:
        window.set_user(authenticate(db, "teamleitung", "demo"))
    finally:
        db.dispose()
    opened = {
        "Benutzer": window.open_users(),
        "Protokoll": window.open_audit(),
        "Statistik": window.open_statistics(),
        "Personalbedarf": window.open_staffing(),
        "Abgleich und Konflikte": window.open_sync(),
    }
    for name, tool in opened.items():
        assert tool is not None, name
        tool.show()
        settle(qtbot, window.ops)
        assert_fits(qtbot, tool, name)
