"""The app's look: set in code on the application, style sheets only where built."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from desk.domain.localtime import BERLIN
from desk.sync.engine import SyncStatus
from ui.gui import make_application
from ui.theme import POINT_SIZE, SELECTION, WARNING


def test_the_application_has_the_font_and_colours_but_no_style_sheet(qapp):
    app = make_application()
    assert app.styleSheet() == ""  # a sheet on the app would polish every widget through it
    assert app.font().pointSizeF() == POINT_SIZE
    table = QTableView()
    assert table.font().pointSizeF() == POINT_SIZE
    header = table.horizontalHeader()
    assert isinstance(header, QHeaderView)
    header.ensurePolished()  # a class's own font is resolved when the widget is polished
    assert header.font().weight() == QFont.Weight.DemiBold
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        assert table.palette().color(group, QPalette.ColorRole.Highlight).name() == SELECTION
    assert QApplication.font("QHeaderView").pointSizeF() == POINT_SIZE


def test_the_day_title_is_large_and_the_sync_label_turns_red_and_bold_offline(
    qtbot, make_window, sqlite_url
):
    window = make_window(sqlite_url)
    assert window.title.font().pointSizeF() == 16
    assert window.title.font().weight() == QFont.Weight.DemiBold
    last = datetime(2024, 3, 20, 10, 41, tzinfo=BERLIN)
    window.show_sync_status(SyncStatus(True, None, 0, last, 0))
    assert not window.sync_label.font().bold()
    connected = window.sync_label.palette().color(QPalette.ColorRole.WindowText).name()
    assert connected != WARNING
    window.show_sync_status(SyncStatus(False, last, 2, last, 0))
    assert window.sync_label.font().bold()
    assert window.sync_label.palette().color(QPalette.ColorRole.WindowText).name() == WARNING
    window.show_sync_status(SyncStatus(True, None, 0, last, 0))  # back online: calm again
    assert not window.sync_label.font().bold()


def colour(widget, role: QPalette.ColorRole) -> str:
    """The widget's colour for ``role`` as #rrggbb."""
    return widget.palette().color(role).name()


def test_high_contrast_is_black_on_white_everywhere_and_remembered(
    qtbot, make_window, sqlite_url, settings
):
    window = make_window(sqlite_url)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = colour(app, QPalette.ColorRole.Window)
    assert normal != "#ffffff"
    window.contrast_action.trigger()
    try:
        assert settings.value("high_contrast", False, bool) is True
        assert window.calendar.delegate.high_contrast
        # the widgets take the new palette on the event loop
        qtbot.waitUntil(lambda: colour(window, QPalette.ColorRole.Window) == "#ffffff")
        for widget in (window, window.title, window.table):
            assert colour(widget, QPalette.ColorRole.Window) == "#ffffff"
            assert colour(widget, QPalette.ColorRole.WindowText) == "#000000"
            assert colour(widget, QPalette.ColorRole.Text) == "#000000"
            assert colour(widget, QPalette.ColorRole.Highlight) == "#000000"
        assert colour(window.summary, QPalette.ColorRole.WindowText) == "#444444"  # its own
    finally:
        window.contrast_action.trigger()
    assert settings.value("high_contrast", True, bool) is False
    qtbot.waitUntil(lambda: colour(window, QPalette.ColorRole.Window) == normal)
    assert colour(window.table, QPalette.ColorRole.Highlight) == SELECTION
