"""Tab leaves a date field at once (Qt's QDateEdit went through its four parts first,
silently for a screen reader); the arrows still move between the parts."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from ui.date_field import DateField
from ui.dialogs.booking_slots import DayEdit


def row(qtbot, field: DateField) -> tuple[QWidget, QPushButton, QPushButton]:
    """``field`` between two buttons in a shown window (kept alive by the caller)."""
    window = QWidget()
    before, after = QPushButton("Vortag"), QPushButton("Folgetag")
    layout = QHBoxLayout(window)
    for widget in (before, field, after):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window, before, after


def test_tab_and_shift_tab_leave_the_date_field_at_once(qtbot):
    for field in (DateField(QDate(2024, 3, 20)), DayEdit(QDate(2024, 3, 20))):
        field.setDisplayFormat("dddd, dd.MM.yyyy")  # four parts, as the day bar's
        _window, before, after = row(qtbot, field)
        field.setFocus()
        qtbot.waitUntil(lambda f=field: QApplication.focusWidget() in (f, f.lineEdit()))
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is after
        QTest.keyClick(after, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert QApplication.focusWidget() in (field, field.lineEdit())
        QTest.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
        )
        assert QApplication.focusWidget() is before


def test_the_arrows_still_change_the_part_under_the_cursor(qtbot):
    field = DateField(QDate(2024, 3, 20))
    field.setDisplayFormat("dd.MM.yyyy")
    _window = row(qtbot, field)
    field.setFocus()
    field.setCurrentSection(DateField.Section.DaySection)
    QTest.keyClick(field, Qt.Key.Key_Up)
    assert field.date() == QDate(2024, 3, 21)
    QTest.keyClick(field, Qt.Key.Key_Right)  # on to the month
    QTest.keyClick(field, Qt.Key.Key_Right)
    QTest.keyClick(field, Qt.Key.Key_Right)
    QTest.keyClick(field, Qt.Key.Key_Up)
    assert field.date().month() == 4


def test_the_day_bar_s_date_field_is_one(make_window, sqlite_url):
    window = make_window(sqlite_url)
    assert isinstance(window.date_edit, DateField)
