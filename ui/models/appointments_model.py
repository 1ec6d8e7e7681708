"""Table model over a day's appointment rows (frozen dataclasses from desk)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desk.domain.localtime import time_span
from desk.domain.status import AppointmentStatus
from ui.labels import channel_label, status_label
from ui.models.row_table import RowTableModel

if TYPE_CHECKING:
    from desk.services.appointments.agenda import AppointmentRow


STATUS_COLOURS = {
    AppointmentStatus.BOOKED: "#e8f0fe",
    AppointmentStatus.CHECKED_IN: "#fff4ce",
    AppointmentStatus.CALLED: "#ffe0b2",
    AppointmentStatus.IN_SERVICE: "#d7f5dd",
    AppointmentStatus.DONE: "#eeeeee",
    AppointmentStatus.CANCELLED: "#f9dede",
    AppointmentStatus.NO_SHOW: "#f3d9f7",
}
#: A cancelled appointment's text (struck out too): 7:1 on every row colour.
CANCELLED_TEXT = "#474747"


class AppointmentTableModel(RowTableModel):
    """Read-only rows: time, counter, service, citizen, status, channel, code."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("AppointmentTableModel", "Zeit"),
        QT_TRANSLATE_NOOP("AppointmentTableModel", "Schalter"),
        QT_TRANSLATE_NOOP("AppointmentTableModel", "Dienstleistung"),
        QT_TRANSLATE_NOOP("AppointmentTableModel", "Name"),
        QT_TRANSLATE_NOOP("AppointmentTableModel", "Status"),
        QT_TRANSLATE_NOOP("AppointmentTableModel", "Kanal"),
        QT_TRANSLATE_NOOP("AppointmentTableModel", "Buchungscode"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._own_counter: int | None = None

    def set_own_counter(self, number: int | None) -> None:
        """Highlight the clerk's own counter."""
        self._own_counter = number
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.FontRole])

    def cell(self, row: AppointmentRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == 4:
            return QBrush(QColor(STATUS_COLOURS.get(AppointmentStatus(row.status), "#ffffff")))
        if role == Qt.ItemDataRole.ForegroundRole and row.status == AppointmentStatus.CANCELLED:
            return QBrush(QColor(CANCELLED_TEXT))
        if role == Qt.ItemDataRole.FontRole:
            own = row.counter_number == self._own_counter
            cancelled = row.status == AppointmentStatus.CANCELLED
            if not (own or cancelled):
                return None
            font = QFont()
            font.setBold(own)
            font.setStrikeOut(cancelled)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{row.starts_at:%d.%m.%Y} {time_span(row.starts_at, row.ends_at, zone=True)}"
        return None

    @staticmethod
    def _text(row: AppointmentRow, column: int) -> str:
        match column:
            case 0:
                return time_span(row.starts_at, row.ends_at)
            case 1:
                return row.counter_name
            case 2:
                return row.service_name
            case 3:
                return row.citizen_name
            case 4:
                return status_label(row.status)
            case 5:
                return channel_label(row.channel)
            case _:
                return row.booking_code
