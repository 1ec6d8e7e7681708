"""The floor of the day-switch benchmark: a plain list-backed table model over the same
texts the calendar paints."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ui.models.calendar_model import HEAD_ROLE, CalendarModel

Index = QModelIndex | QPersistentModelIndex


# ------------------------------------------------------------------ floor model
class ListModel(QAbstractTableModel):
    """The floor: a table over a list of rows of display texts, reset as a whole."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []
        self._columns: list[str] = []
        self._times: list[str] = []

    def set_rows(self, rows: list[list[str]], columns: list[str], times: list[str]) -> None:
        """Show other rows (a model reset, as a plain list model does)."""
        self.beginResetModel()
        self._rows, self._columns, self._times = rows, columns, times
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section] if 0 <= section < len(self._columns) else None
        return self._times[section] if 0 <= section < len(self._times) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        return self._rows[index.row()][index.column()] or None


def floor_rows(model: CalendarModel) -> tuple[list[list[str]], list[str], list[str]]:
    """The texts the calendar paints (block heads only), its column and row headers."""
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    rows = []
    for r in range(model.rowCount()):
        row = []
        for c in range(model.columnCount()):
            index = model.index(r, c)
            head = bool(model.data(index, HEAD_ROLE))
            row.append(str(model.data(index) or "") if head else "")
        rows.append(row)
    columns = [str(model.headerData(c, horizontal)) for c in range(model.columnCount())]
    times = [str(model.headerData(r, vertical)) for r in range(model.rowCount())]
    return rows, columns, times
