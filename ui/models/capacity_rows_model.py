"""Row models of the capacity editor: opening cells, closures and collisions with a choice."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush

from desk.domain.capacity_change import PlanClosure, PlanTemplate
from desk.services.capacity.preview import Collision
from ui.labels import weekday_label
from ui.models.capacity_preview_model import CHANGED
from ui.models.row_table import RowTableModel

Index = QModelIndex | QPersistentModelIndex
Cell = tuple[int, int]
MOVE, KEEP = "move", "keep"


def _services(count: int) -> str:
    """'3 Dienstleistungen' ('1 Dienstleistung'); empty for none."""
    if count == 1:
        return QCoreApplication.translate("CapacityRows", "1 Dienstleistung")
    if count:
        return QCoreApplication.translate("CapacityRows", "{0} Dienstleistungen").format(count)
    return ""


def _at_counter(moment: datetime, counter: int | None) -> str:
    """'18.03. 09:30, Schalter 2'."""
    return QCoreApplication.translate("CapacityRows", "{0}, Schalter {1}").format(
        f"{moment:%d.%m. %H:%M}", counter
    )


def _unchanged() -> str:
    """What a screen reader says for an empty "Änderung" cell."""
    return QCoreApplication.translate("CapacityRows", "unverändert")


class _Rows(RowTableModel):
    CONTEXT = "CapacityRows"

    def _valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows)


class OpeningModel(_Rows):
    """One row per weekday × counter: hours, slot length, services; marked when edited."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("CapacityRows", "Tag"),
        QT_TRANSLATE_NOOP("CapacityRows", "Schalter"),
        QT_TRANSLATE_NOOP("CapacityRows", "Zeit"),
        QT_TRANSLATE_NOOP("CapacityRows", "Terminlänge"),
        QT_TRANSLATE_NOOP("CapacityRows", "Dienstleistungen"),
        QT_TRANSLATE_NOOP("CapacityRows", "Änderung"),
    )

    def set_cells(self, cells: list[tuple[Cell, tuple[PlanTemplate, ...], bool]]) -> None:
        """Rows of (cell, its templates, whether edited)."""
        self.beginResetModel()
        self._rows = list(cells)
        self.endResetModel()

    def cell_at(self, row: int) -> Cell:
        """The weekday × counter of a row."""
        return self._rows[row][0]

    def update_cell(self, cell: Cell, templates: tuple[PlanTemplate, ...], edited: bool) -> None:
        """Show a cell's new draft."""
        for i, (key, _, _) in enumerate(self._rows):
            if key == cell:
                self._rows[i] = (cell, templates, edited)
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        (weekday, counter), templates, edited = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and edited:
            return QBrush(CHANGED)
        services = sorted({s for t in templates for s in t.services})
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return ", ".join(services)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.spoken(index, _unchanged() if index.column() == 5 else None)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match index.column():
            case 0:
                return weekday_label(weekday)
            case 1:
                return str(counter)
            case 2:
                if not templates:
                    return QCoreApplication.translate("CapacityRows", "nicht besetzt")
                return ", ".join(f"{t.opens:%H:%M}–{t.closes:%H:%M}" for t in templates)
            case 3:
                minutes = QCoreApplication.translate("CapacityRows", "{0} Min.")
                return ", ".join(minutes.format(t.slot_minutes) for t in templates)
            case 4:
                return _services(len(services))
            case 5:
                return QCoreApplication.translate("CapacityRows", "geändert") if edited else ""
        return None


class ClosureModel(_Rows):
    """Closures that have not ended: stored ones, new ones and ones to be removed."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("CapacityRows", "Von"),
        QT_TRANSLATE_NOOP("CapacityRows", "Bis"),
        QT_TRANSLATE_NOOP("CapacityRows", "Schalter"),
        QT_TRANSLATE_NOOP("CapacityRows", "Grund"),
        QT_TRANSLATE_NOOP("CapacityRows", "Änderung"),
    )

    def set_closures(self, rows: list[tuple[PlanClosure, str]]) -> None:
        """Rows of (closure, state: '' stored, 'neu', 'entfernen')."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def closure_at(self, row: int) -> tuple[PlanClosure, str]:
        """The closure and its state in a row."""
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        closure, state = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and state:
            return QBrush(CHANGED)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.spoken(index, _unchanged() if index.column() == 4 else None)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match index.column():
            case 0:
                return f"{closure.starts_on:%d.%m.%Y}"
            case 1:
                return f"{closure.ends_on:%d.%m.%Y}"
            case 2:
                n = closure.counter_number
                if n is None:
                    return QCoreApplication.translate("CapacityRows", "ganzer Standort")
                return str(n)
            case 3:
                return closure.reason
            case 4:
                if state == "neu":
                    return QCoreApplication.translate("CapacityRows", "neu")
                if state == "entfernen":
                    return QCoreApplication.translate("CapacityRows", "wird entfernt")
                return ""
        return None


class CollisionModel(_Rows):
    """Appointments that lose their slot, with the team lead's choice per row.

    Signals:
        decided(): a choice was made or changed.
    """

    decided = Signal()
    COLUMNS = (
        QT_TRANSLATE_NOOP("CapacityRows", "Termin"),
        QT_TRANSLATE_NOOP("CapacityRows", "Zeit"),
        QT_TRANSLATE_NOOP("CapacityRows", "Entscheidung"),
        QT_TRANSLATE_NOOP("CapacityRows", "Vorschlag"),
        QT_TRANSLATE_NOOP("CapacityRows", "Grund"),
    )
    CHOICE = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices: dict[uuid.UUID, str] = {}

    def set_collisions(self, rows: list[Collision]) -> None:
        """New collisions; choices made for the same appointments are kept."""
        self.beginResetModel()
        self._rows = list(rows)
        ids = {c.appointment_id for c in rows}
        self._choices = {k: v for k, v in self._choices.items() if k in ids}
        self.endResetModel()

    @property
    def collisions(self) -> list[Collision]:
        """The rows shown."""
        return list(self._rows)

    def choices(self) -> dict[uuid.UUID, str]:
        """The choices made so far (appointment id → move/keep)."""
        return dict(self._choices)

    def undecided(self) -> int:
        """How many rows still need a choice."""
        return sum(1 for c in self._rows if c.appointment_id not in self._choices)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self._valid(index) and index.column() == self.CHOICE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        c: Collision = self._rows[index.row()]
        choice = self._choices.get(c.appointment_id)
        if role == Qt.ItemDataRole.EditRole and index.column() == self.CHOICE:
            return choice or ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.spoken(index)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match index.column():
            case 0:
                return c.code
            case 1:
                return _at_counter(c.start, c.counter_number)
            case 4:
                return c.reason
            case 3:
                if c.suggestion is None:
                    return QCoreApplication.translate("CapacityRows", "kein freier Platz")
                return _at_counter(c.suggestion, c.suggestion_counter)
            case 2:
                if choice == MOVE:
                    return QCoreApplication.translate("CapacityRows", "Verschieben")
                if choice == KEEP:
                    return QCoreApplication.translate("CapacityRows", "Behalten")
                return QCoreApplication.translate("CapacityRows", "bitte wählen")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or index.column() != self.CHOICE:
            return False
        if role != Qt.ItemDataRole.EditRole or value not in (MOVE, KEEP):
            return False
        c: Collision = self._rows[index.row()]
        if value == MOVE and c.suggestion is None:
            return False
        self._choices[c.appointment_id] = value
        self.dataChanged.emit(index, index)
        self.decided.emit()
        return True
