"""Table model over a day's appointment rows (frozen dataclasses from desk)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desk.domain.status import AppointmentStatus
from ui.labels import channel_label, status_label

if TYPE_CHECKING:
    from desk.services.agenda import AppointmentRow


Index = QModelIndex | QPersistentModelIndex

STATUS_COLOURS = {
    AppointmentStatus.BOOKED: "#e8f0fe",
    AppointmentStatus.CHECKED_IN: "#fff4ce",
    AppointmentStatus.CALLED: "#ffe0b2",
    AppointmentStatus.IN_SERVICE: "#d7f5dd",
    AppointmentStatus.DONE: "#eeeeee",
    AppointmentStatus.CANCELLED: "#f9dede",
    AppointmentStatus.NO_SHOW: "#f3d9f7",
}


class AppointmentTableModel(QAbstractTableModel):
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
        self._rows: list[AppointmentRow] = []
        self._own_counter: int | None = None

    def set_rows(self, rows: list[AppointmentRow]) -> None:
        """Show another day's rows (a reset: the whole day changed)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_own_counter(self, number: int | None) -> None:
        """Highlight the clerk's own counter."""
        self._own_counter = number
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.FontRole])

    @property
    def rows(self) -> list[AppointmentRow]:
        """The rows shown."""
        return list(self._rows)

    def row_at(self, row: int) -> AppointmentRow:
        """The appointment shown in a row."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 4:
            return QBrush(QColor(STATUS_COLOURS.get(AppointmentStatus(row.status), "#ffffff")))
        if role == Qt.ItemDataRole.ForegroundRole and row.status == AppointmentStatus.CANCELLED:
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.FontRole:
            own = row.counter_number == self._own_counter
            cancelled = row.status == AppointmentStatus.CANCELLED
            if not (own or cancelled):
                return None
            font = QFont()
            font.setBold(own)
            font.setStrikeOut(cancelled)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return f"{row.starts_at:%d.%m.%Y %H:%M}–{row.ends_at:%H:%M} ({row.starts_at:%Z})"
        return None

    @staticmethod
    def _text(row: AppointmentRow, column: int) -> str:
        match column:
            case 0:
                return f"{row.starts_at:%H:%M}–{row.ends_at:%H:%M}"
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
