"""The booking dialog's slot part: a day (a date field with a calendar, the day before
and after), every free slot of that day, and the message about the slot.

The date field takes any day from today to the office's internal reach; Enter in it
goes on to the list, where Enter books (the dialog's default button).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.services.appointments.availability import Offer
from desk.services.appointments.day_offers import DayOffers
from ui.announce import MessageLine
from ui.date_field import DateField
from ui.qt_dates import qdate


class DayEdit(DateField):
    """A date field that takes a date typed in full ("27.03.2024", "1.4.2024") and tells
    Enter (``entered``) instead of pressing the default button: the day, then a slot.

    Qt goes on to the next part by itself once a part is full; the dot typed after it
    would skip one more part ("27.04.2024" became "27.03.00004"), so it is dropped."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.interpretText()
            self.entered.emit()
            return
        if event.text() == "." and self._at_fresh_part():
            return
        super().keyPressEvent(event)

    def _at_fresh_part(self) -> bool:
        """Whether the field just went on to a part of its own (it is selected, a dot
        before it)."""
        line = self.lineEdit()
        start = line.selectionStart()
        return start > 0 and line.text()[start - 1] == "."


class SlotPicker(QWidget):
    """The day and its free slots; ``message`` says what became of the chosen slot.

    Signals:
        day_chosen(object): the clerk chose another day (a ``date``).
        slot_changed(): another slot is chosen.
    """

    day_chosen = Signal(object)
    slot_changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._offers: list[Offer] = []
        self.day_edit = DayEdit()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("dd.MM.yyyy")
        self.day_edit.setAccessibleName(self.tr("Tag des Termins"))
        self.day_edit.setDate(qdate(today))
        self.day_edit.setMinimumDate(qdate(today))
        self.weekday = QLabel()
        self.earlier = self._step_button("◀", self.tr("Vortag"), -1)
        self.later = self._step_button("▶", self.tr("Nächster Tag"), 1)
        self.slot_list = QListWidget()
        self.slot_list.setAccessibleName(self.tr("Freie Termine"))
        self.slot_list.setMinimumHeight(160)
        self.caption = QLabel()
        self.caption.setBuddy(self.slot_list)
        self.message = MessageLine()  # what it says is announced
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self._lay_out()
        self.day_edit.dateChanged.connect(self._day_changed)
        self.day_edit.entered.connect(self.slot_list.setFocus)
        self.slot_list.currentRowChanged.connect(lambda _r: self.slot_changed.emit())
        self._show_caption(today)

    def _lay_out(self) -> None:
        day_caption = QLabel(self.tr("&Tag:"))
        day_caption.setBuddy(self.day_edit)
        row = QHBoxLayout()
        row.addWidget(day_caption)
        row.addWidget(self.earlier)
        row.addWidget(self.day_edit)
        row.addWidget(self.later)
        row.addWidget(self.weekday)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.caption)
        column.addWidget(self.slot_list, 1)
        column.addWidget(self.message)

    def _step_button(self, text: str, tip: str, days: int) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys step the field itself
        button.clicked.connect(lambda: self.day_edit.setDate(self.day_edit.date().addDays(days)))
        return button

    # ----------------------------------------------------------------- the day
    @property
    def day(self) -> date:
        """The day chosen in the date field."""
        return self.day_edit.date().toPython()  # type: ignore[no-any-return]

    def _day_changed(self, day: QDate) -> None:
        chosen: date = day.toPython()  # type: ignore[assignment]
        self._show_caption(chosen)
        self.day_chosen.emit(chosen)

    def _show_caption(self, day: date) -> None:
        locale = QLocale()
        self.weekday.setText(locale.toString(qdate(day), "dddd"))
        self.caption.setText(
            self.tr("&Freie Termine am {0}:").format(
                locale.toString(qdate(day), "dddd, d. MMMM yyyy")
            )
        )
        self.earlier.setEnabled(self.day_edit.date() > self.day_edit.minimumDate())
        self.later.setEnabled(self.day_edit.date() < self.day_edit.maximumDate())

    # --------------------------------------------------------------- the slots
    def show_loading(self) -> None:
        """The list says it is reading (and offers nothing meanwhile)."""
        self._offers = []
        self.slot_list.clear()
        self.slot_list.addItem(self.tr("Freie Termine werden gesucht …"))
        self.slot_list.setEnabled(False)

    def show_day(self, found: DayOffers) -> None:
        """Show a day's free slots (the date field set to it, within its days)."""
        self.day_edit.blockSignals(True)
        self.day_edit.setDateRange(qdate(found.first_day), qdate(found.last_day))
        self.day_edit.setDate(qdate(found.day))
        self.day_edit.blockSignals(False)
        self._show_caption(found.day)
        self._offers = list(found.offers)
        self.slot_list.blockSignals(True)
        self.slot_list.clear()
        for offer in found.offers:
            text = self.tr("{0}–{1} · Schalter {2}").format(
                f"{offer.start:%H:%M}", f"{offer.end:%H:%M}", offer.counter_number
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, offer.start)
            self.slot_list.addItem(item)
        self.slot_list.setEnabled(bool(found.offers))
        if found.offers:
            self.slot_list.setCurrentRow(0)
        else:
            self.slot_list.addItem(self.tr("An diesem Tag ist kein Termin frei."))
        self.slot_list.blockSignals(False)
        self.slot_changed.emit()

    @property
    def offers(self) -> list[Offer]:
        """The free slots listed."""
        return list(self._offers)

    @property
    def chosen(self) -> Offer | None:
        """The slot chosen in the list."""
        row = self.slot_list.currentRow()
        return self._offers[row] if 0 <= row < len(self._offers) else None

    def choose(self, start: datetime) -> bool:
        """Choose a listed slot by its start."""
        for row, offer in enumerate(self._offers):
            if offer.start == start:
                self.slot_list.setCurrentRow(row)
                return True
        return False
