"""A read-only table model over a list of plain rows (frozen dataclasses from desk).

Subclasses list their column headers in ``COLUMNS`` (marked with QT_TRANSLATE_NOOP in
the subclass's own name as context) and answer ``cell(row, column, role)`` for one
row; counting, the headers and the reset on new rows are here once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """Rows of plain values, one per table row; read-only."""

    COLUMNS: tuple[str, ...] = ()
    CONTEXT: str | None = None  # the headers' translation context, else the class's name

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    @property
    def rows(self) -> list[Any]:
        """The rows shown, in their order."""
        return list(self._rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show other rows (a reset: the whole list changed)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        """The value shown in a table row."""
        return self._rows[row]

    def header(self, section: int) -> str:
        """A column's header in the UI's language (context: the subclass's name)."""
        return QCoreApplication.translate(
            self.CONTEXT or type(self).__name__, self.COLUMNS[section]
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.header(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value = self.cell(self._rows[index.row()], index.column(), role)
        if role == Qt.ItemDataRole.AccessibleTextRole and value in (None, ""):
            return self.spoken(index)
        return value

    def spoken(self, index: Index, empty: str | None = None) -> str:
        """What a screen reader says for a cell: its text, for an empty one ``empty`` or
        "keine Angabe"."""
        shown = self.data(index, Qt.ItemDataRole.DisplayRole)
        if shown in (None, ""):
            return empty or QCoreApplication.translate("RowTableModel", "keine Angabe")
        return str(shown)

    def cell(self, row: Any, column: int, role: int) -> Any:
        """What one row shows in a column for a role (None: nothing)."""
        return None
