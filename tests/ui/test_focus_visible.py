"""A visible focus (WCAG 2.4.7) in both themes, measured as WCAG 2.4.13 does: a control is
rendered before and after the Tab key brings the focus to it, and at least as many pixels
as a 1 px line round it (2.4.13 asks 2 px) must change by ≥ 3:1 — the calendar's current
cell, a ticket button at reception, the day's push buttons and fields, the list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from desk.domain.cells import CellKind
from desk.domain.localtime import parse_now
from desk.services.database import DeskDatabase
from tests.ui.walkin_support import MITTE, MITTE_NAME, Clock, settle
from ui import theme
from ui.contrast import contrast_ratio
from ui.ops import Ops
from ui.views.reception_view import ReceptionView

THEMES = pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
IN_THE_HOUR = parse_now("2024-03-21T08:30")
TABS = 30  # presses of Tab allowed from the start to the widget
RING = 3  # pixels round a widget where its focus frame may be


@contextmanager
def theme_of(qtbot, high_contrast: bool) -> Iterator[None]:
    """The whole app in the theme for the test, the normal one afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.set_high_contrast(app, high_contrast)
    try:
        yield
    finally:
        theme.set_high_contrast(app, False)


def in_the_apps_colours(widget: QWidget) -> bool:
    """Whether ``widget`` has taken the app's palette (widgets do on the event loop)."""
    roles = (QPalette.ColorRole.Base, QPalette.ColorRole.Highlight, QPalette.ColorRole.Window)
    app = QApplication.palette()
    return all(widget.palette().color(r) == app.color(r) for r in roles)


def changed_pixels(before: QImage, after: QImage, rect: QRect) -> int:
    """How many pixels of ``rect`` differ by at least 3:1 between the two images."""
    ratios: dict[tuple[int, int], float] = {}
    count = 0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            key = (before.pixel(x, y), after.pixel(x, y))
            if key[0] == key[1]:
                continue
            ratio = ratios.get(key)
            if ratio is None:
                ratio = ratios[key] = contrast_ratio(QColor(key[1]), QColor(key[0]))
            count += ratio >= 3.0
    return count


def around(widget: QWidget) -> QRect:
    """``widget`` in its window's coordinates, with room round it for a focus frame."""
    corner = widget.mapTo(widget.window(), QPoint(0, 0))
    return QRect(corner, widget.size()).adjusted(-RING, -RING, RING, RING)


def perimeter(rect: QRect) -> int:
    """The pixels of a 1 px line round ``rect``."""
    return 2 * (rect.width() + rect.height()) - 4


def focus_shows(
    qtbot,
    target: QWidget,
    start: QWidget,
    rect: QRect | None = None,
    painted: QWidget | None = None,
) -> tuple[int, int]:
    """Tab from ``start`` until the focus is on ``target``; render ``painted`` (default:
    the window) before and after the last Tab. The pixels of ``rect`` (default: round
    ``target``) changed by ≥ 3:1, and the pixels of a 1 px line round the cell or
    control."""
    painted = painted or target.window()
    line = perimeter(rect if rect is not None else target.rect())
    rect = rect if rect is not None else around(target)
    qtbot.waitUntil(lambda: in_the_apps_colours(painted.window()))
    qtbot.waitUntil(lambda: painted is target or in_the_apps_colours(painted))
    target.window().activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    for _press in range(TABS):
        before = painted.grab().toImage()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if target.hasFocus():
            break
    else:
        raise AssertionError(f"{TABS} presses of Tab from {start} did not reach {target}")
    after = painted.grab().toImage()
    assert before.devicePixelRatio() == 1, "measured at 1 device pixel per pixel"
    return changed_pixels(before, after, rect), line


@pytest.fixture
def reception(ops: Ops, qtbot, db_of: Callable[[str], DeskDatabase]) -> Iterator[Callable]:
    """Factory: a shown ReceptionView of Mitte in the walk-in hour, its buttons on."""
    views: list[ReceptionView] = []

    def make(url: str) -> ReceptionView:
        view = ReceptionView(ops, Clock(IN_THE_HOUR), lambda: None)
        views.append(view)
        view.show()
        qtbot.waitExposed(view)
        with qtbot.waitSignal(view.status_loaded, timeout=10_000):
            view.set_office(db_of(url), MITTE, MITTE_NAME)
        view.timer.stop()
        return view

    yield make
    settle(qtbot, ops)
    for view in views:
        view.close()
        view.deleteLater()


@THEMES
def test_a_focused_ticket_button_stands_out(qtbot, reception, demo_sqlite_url, high_contrast):
    with theme_of(qtbot, high_contrast):
        view = reception(demo_sqlite_url)
        first, second = list(view.buttons.values())[:2]
        assert first.isEnabled() and second.isEnabled()
        changed, line = focus_shows(qtbot, second, first)
        image = second.grab().toImage()
    assert changed >= line, f"{changed} pixels change by 3:1, a 1 px frame has {line}"
    # painted in the colours whose contrast ui.contrast checks (no wash of the style over them)
    colours = Counter(
        QColor(image.pixel(x, y)).name()
        for x in range(image.width())
        for y in range(image.height())
    )
    assert colours.most_common(1)[0][0] == theme.TICKET_FOCUS
    assert colours[theme.TICKET_FOCUS_TEXT] > 200, colours.most_common(5)


def open_day(qtbot, make_window, url: str):
    window = make_window(url, office_id=MITTE, counter_number=3)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    qtbot.waitExposed(window)
    QApplication.processEvents()  # the day scrolls to the time now once it is shown
    return window


def first_cell(window, wanted: Callable[[tuple], bool]) -> tuple[int, int]:
    """The first visible cell of the calendar whose model cell matches."""
    model, view = window.calendar_model, window.calendar
    for row in range(view.rowAt(0), model.rowCount()):
        for column in range(model.columnCount()):
            cell = model.cell(row, column)
            if cell is not None and wanted(cell):
                return row, column
    raise AssertionError("no such cell on the demo day")


@THEMES
@pytest.mark.parametrize("what", ["block", "free"])
def test_the_calendars_current_cell_shows_the_focus(
    qtbot, make_window, demo_sqlite_url, high_contrast, what
):
    window = open_day(qtbot, make_window, demo_sqlite_url)
    with theme_of(qtbot, high_contrast):
        window.calendar.delegate.high_contrast = high_contrast
        view = window.calendar
        if what == "block":
            row, column = first_cell(window, lambda c: c[0] == CellKind.BOOKED and c[2])
        else:
            row, column = first_cell(window, lambda c: c[0] == CellKind.ONLINE)
        index = view.model().index(row, column)
        view.setFocus()  # the view scrolls as it takes the focus, then stays
        qtbot.waitUntil(view.hasFocus)
        view.setCurrentIndex(index)  # current and selected, as the arrow keys leave it
        view.scrollTo(index)
        rect = view.visualRect(index)
        assert view.viewport().rect().contains(rect)
        changed, line = focus_shows(qtbot, view, window.today_button, rect, view.viewport())
        assert view.visualRect(index) == rect, "the cell stayed in its place"
    assert changed >= line, f"{changed} pixels change by 3:1, a 1 px frame has {line}"


@THEMES
@pytest.mark.parametrize(
    ("which", "start"), [("today_button", "next_button"), ("date_edit", "prev_button")]
)
def test_the_days_buttons_and_fields_show_the_focus(
    qtbot, make_window, demo_sqlite_url, high_contrast, which, start
):
    window = open_day(qtbot, make_window, demo_sqlite_url)
    with theme_of(qtbot, high_contrast):
        target = getattr(window, which)
        changed, line = focus_shows(qtbot, target, getattr(window, start))
    assert changed >= line, f"{changed} pixels change by 3:1, a 1 px frame has {line}"


@THEMES
def test_the_list_with_its_current_row_shows_the_focus(
    qtbot, make_window, demo_sqlite_url, high_contrast
):
    window = open_day(qtbot, make_window, demo_sqlite_url)
    window.views.setCurrentWidget(window.table)
    with theme_of(qtbot, high_contrast):
        table = window.table
        table.setCurrentIndex(table.model().index(1, 3))  # the row selected
        changed, line = focus_shows(qtbot, table, window.today_button)
    assert changed >= line, f"{changed} pixels change by 3:1, a 1 px frame has {line}"


def test_the_frame_leaves_with_the_focus(qtbot, make_window, demo_sqlite_url):
    window = open_day(qtbot, make_window, demo_sqlite_url)
    window.views.setCurrentWidget(window.table)
    table, button = window.table, window.today_button
    rect = around(table)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    unfocused = window.grab().toImage()
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    assert changed_pixels(unfocused, window.grab().toImage(), rect) > 0
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    assert changed_pixels(unfocused, window.grab().toImage(), rect) == 0  # no frame left
