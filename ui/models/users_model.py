"""Table model over the users a team lead manages (frozen UserRow from desk)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QColor

from desk.domain.localtime import BERLIN
from ui.labels import role_label
from ui.models.row_table import RowTableModel

if TYPE_CHECKING:
    from desk.services.admin.users import UserRow

#: A locked user's row: greyed, still 7:1 on the rows (see ui.contrast).
LOCKED = QColor("#474747")


class UsersTableModel(RowTableModel):
    """Read-only rows: user name, name, role, office, active; locked users in grey."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("UsersTableModel", "Benutzername"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Name"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Rolle"),
        QT_TRANSLATE_NOOP("UsersTableModel", "Standort"),
        QT_TRANSLATE_NOOP("UsersTableModel", "aktiv"),
    )

    def row_of(self, user_id: uuid.UUID) -> int:
        """The row of a user, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == user_id), -1)

    def put(self, row: UserRow) -> int:
        """Show a changed user in place, or a new one at its place by user name; its row."""
        at = self.row_of(row.id)
        if at >= 0:
            self._rows[at] = row
            self.dataChanged.emit(self.index(at, 0), self.index(at, len(self.COLUMNS) - 1))
            return at
        key = row.username.lower()
        at = next(
            (i for i, r in enumerate(self._rows) if r.username.lower() > key), len(self._rows)
        )
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self.endInsertRows()
        return at

    def cell(self, row: UserRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return LOCKED
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and row.office_id:
            return row.office_id
        return None

    def _text(self, row: UserRow, column: int) -> str:
        match column:
            case 0:
                return row.username
            case 1:
                return row.display_name
            case 2:
                return role_label(row.role)
            case 3:
                return row.office_name or self.tr("alle Standorte")
            case _:
                state = self.tr("aktiv") if row.active else self.tr("gesperrt")
                if row.locked_until is not None:
                    until = row.locked_until.astimezone(BERLIN).strftime("%H:%M")
                    state += self.tr(", nach Fehlversuchen gesperrt bis {0} Uhr").format(until)
                return state
