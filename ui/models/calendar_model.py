"""Table model of the counter calendar: rows are times, columns are counters (own first).

A new grid of the same day and shape updates only the cells that changed
(dataChanged), so the view keeps its scroll position and selection; another
day or another set of counters resets the model.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desk.domain.cells import CellKind
from desk.domain.status import HOLDING_STATES
from ui.labels import cell_label, status_label

if TYPE_CHECKING:
    from desk.services.agenda import AppointmentRow
    from desk.services.calendar import DayGrid, GridCounter


Index = QModelIndex | QPersistentModelIndex

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
APPOINTMENT_ROLE = Qt.ItemDataRole.UserRole + 2
HEAD_ROLE = Qt.ItemDataRole.UserRole + 3
OWN_ROLE = Qt.ItemDataRole.UserRole + 4
SPAN_ROLE = Qt.ItemDataRole.UserRole + 5

Cell = tuple[CellKind, "AppointmentRow | None", bool, int]  # kind, appointment, head, rows


class CalendarModel(QAbstractTableModel):
    """The day grid of one office as a read-only table."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid: DayGrid | None = None
        self._columns: list[GridCounter] = []
        self._cells: dict[tuple[int, int], Cell] = {}
        self._own: int | None = None
        self._show_names = True

    # ---------------------------------------------------------------- loading
    @property
    def grid(self) -> DayGrid | None:
        """The grid shown."""
        return self._grid

    def set_grid(self, grid: DayGrid, own_counter: int | None = None) -> None:
        """Show a grid: changed cells only when the day and shape stay, else a reset."""
        columns = _ordered(grid.counters, own_counter)
        cells = _cells(grid, columns)
        old = self._grid
        same_shape = (
            old is not None
            and old.office_id == grid.office_id
            and old.day == grid.day
            and old.times == grid.times
            and columns == self._columns
            and own_counter == self._own
        )
        if not same_shape:
            self.beginResetModel()
            self._grid, self._columns, self._cells, self._own = grid, columns, cells, own_counter
            self.endResetModel()
            return
        changed = [
            key
            for key in cells.keys() | self._cells.keys()
            if cells.get(key) != self._cells.get(key)
        ]
        self._grid, self._cells = grid, cells
        for column in {c for _r, c in changed}:
            rows = sorted(r for r, c in changed if c == column)
            for first, last in _runs(rows):
                self.dataChanged.emit(self.index(first, column), self.index(last, column))

    def clear(self) -> None:
        """Show nothing (no office or a failed load)."""
        self.beginResetModel()
        self._grid, self._columns, self._cells = None, [], {}
        self.endResetModel()

    def set_show_names(self, show: bool) -> None:
        """Citizen names are for clerks only; hide them e.g. on a shared screen."""
        self._show_names = show
        if self._cells:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    # ---------------------------------------------------------------- lookups
    def counter_at(self, column: int) -> GridCounter | None:
        """The counter of a column."""
        return self._columns[column] if 0 <= column < len(self._columns) else None

    def cell(self, row: int, column: int) -> Cell | None:
        """(kind, appointment, head, rows) of a cell, for painting without QVariant trips."""
        return self._cells.get((row, column))

    def is_own(self, column: int) -> bool:
        """Whether a column is the clerk's own counter."""
        return 0 <= column < len(self._columns) and self._columns[column].number == self._own

    def block_lines(self, appointment: AppointmentRow) -> list[str]:
        """The text lines of an appointment block."""
        lines = [f"{appointment.starts_at:%H:%M} {appointment.service_name}"]
        # a booked block says nothing more; any later state is named, not only coloured
        status = "" if appointment.status == "booked" else status_label(appointment.status)
        name = appointment.citizen_name if self._show_names else ""
        lines.append(" · ".join(part for part in (status, name) if part))
        return lines

    def appointment_at(self, index: Index) -> AppointmentRow | None:
        """The appointment covering a cell, if any."""
        cell = self._cells.get((index.row(), index.column()))
        return cell[1] if cell else None

    def index_of(self, appointment_id: uuid.UUID) -> QModelIndex:
        """The head cell of an appointment (invalid when it is not in the grid)."""
        for (row, column), (_k, appointment, head, _n) in self._cells.items():
            if head and appointment is not None and appointment.id == appointment_id:
                return self.index(row, column)
        return QModelIndex()

    def spans(self) -> list[tuple[int, int, int]]:
        """(row, column, rows) of every appointment block longer than one row."""
        return [
            (row, column, rows)
            for (row, column), (_k, _a, head, rows) in self._cells.items()
            if head and rows > 1
        ]

    # ------------------------------------------------------------------ model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._grid is None:
            return 0
        return len(self._grid.times)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            counter = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                mark = " ★" if counter.number == self._own else ""
                return f"{counter.name}{mark}"
            if role == Qt.ItemDataRole.ToolTipRole and counter.number == self._own:
                return self.tr("Ihr Schalter")
            if role == OWN_ROLE:
                return counter.number == self._own
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._grid.times):
            moment = self._grid.times[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{moment:%H:%M}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{moment:%H:%M} ({moment:%Z})"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self._cells.get((index.row(), index.column()))
        if cell is None:
            return None
        kind, appointment, head, rows = cell
        if role == KIND_ROLE:
            return kind.value
        if role == APPOINTMENT_ROLE:
            return appointment
        if role == HEAD_ROLE:
            return head
        if role == SPAN_ROLE:
            return rows
        if role == OWN_ROLE:
            counter = self._columns[index.column()]
            return counter.number == self._own
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(self.block_lines(appointment)) if appointment is not None else None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if appointment is None:
                return cell_label(kind)
            name = f" · {appointment.citizen_name}" if self._show_names else ""
            return (
                f"{appointment.starts_at:%H:%M}–{appointment.ends_at:%H:%M} "
                f"{appointment.service_name}{name} · "
                f"{status_label(appointment.status)} · "
                f"{appointment.booking_code}"
            )
        return None


def _ordered(counters: tuple[GridCounter, ...], own: int | None) -> list[GridCounter]:
    """Own counter first, the others by number."""
    return sorted(counters, key=lambda c: (c.number != own, c.number))


def _cells(grid: DayGrid, columns: list[GridCounter]) -> dict[tuple[int, int], Cell]:
    column_of = {c.number: i for i, c in enumerate(columns)}
    cells: dict[tuple[int, int], Cell] = {}
    for (number, row), kind in grid.cells.items():
        if number in column_of:
            cells[(row, column_of[number])] = (kind, None, False, 1)
    for appointment in grid.appointments:
        if appointment.status not in HOLDING_STATES:
            continue
        span = grid.rows_spanned(appointment)
        column = column_of.get(appointment.counter_number)
        if span is None or column is None:
            continue
        first, rows = span
        for offset in range(rows):
            head = offset == 0
            cells[(first + offset, column)] = (CellKind.BOOKED, appointment, head, rows)
    return cells


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted row numbers as (first, last)."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
