"""Table model of the week summary: days × counters with appointments and free capacity."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

if TYPE_CHECKING:
    from desk.services.appointments.calendar import WeekCell, WeekSummary


Index = QModelIndex | QPersistentModelIndex
DAY_ROLE = Qt.ItemDataRole.UserRole + 1
#: A day at a counter: closed (dotted), fully booked, with free time (black text on all).
CLOSED_DAY, FULL_DAY, FREE_DAY = "#e4e4e4", "#fde2e2", "#eef7ee"


class WeekModel(QAbstractTableModel):
    """Rows are days (Monday to Saturday), columns are counters (own first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._week: WeekSummary | None = None
        self._numbers: list[int] = []
        self._names: list[str] = []
        self._own: int | None = None

    def set_week(self, week: WeekSummary, own_counter: int | None = None) -> None:
        """Show a week (a reset: a week is a small table)."""
        self.beginResetModel()
        self._week = week
        counters = sorted(week.counters, key=lambda c: (c.number != own_counter, c.number))
        self._numbers = [c.number for c in counters]
        self._names = [c.name for c in counters]
        self._own = own_counter
        self.endResetModel()

    def day_at(self, row: int) -> date | None:
        """The day of a row."""
        if self._week is None or not 0 <= row < len(self._week.days):
            return None
        return self._week.days[row]

    def cell(self, row: int, column: int) -> WeekCell | None:
        """The summary of one counter on one day."""
        day = self.day_at(row)
        if day is None or self._week is None or not 0 <= column < len(self._numbers):
            return None
        return self._week.cells.get((day, self._numbers[column]))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._week is None else len(self._week.days)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._numbers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._names):
            own = " ★" if self._numbers[section] == self._own else ""
            return f"{self._names[section]}{own}"
        day = self.day_at(section) if orientation == Qt.Orientation.Vertical else None
        if day is not None:
            name = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            return f"{name} {day:%d.%m.}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cell(index.row(), index.column())
        if cell is None:
            return None
        if role == DAY_ROLE:
            return self.day_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            if cell.closed and not cell.appointments:
                return self.tr("geschlossen")
            return self.tr("{0} Termine\n{1} frei ({2} online)").format(
                cell.appointments, cell.free, cell.online_free
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.closed and not cell.appointments:
                return QBrush(QColor(CLOSED_DAY), Qt.BrushStyle.Dense6Pattern)
            if cell.free == 0:
                return QBrush(QColor(FULL_DAY))
            return QBrush(QColor(FREE_DAY))
        if role == Qt.ItemDataRole.FontRole and self._numbers[index.column()] == self._own:
            font = QFont()
            font.setBold(True)
            return font
        return None
