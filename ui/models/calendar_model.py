"""Table model of the counter calendar: rows are times, columns are counters (own first).

A new grid of the same day and shape updates only the cells that changed
(dataChanged), so the view keeps its scroll position and selection; another
day or another set of counters resets the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desk.domain.cells import CellKind
from desk.domain.localtime import time_span
from ui.labels import cell_label, status_label

if TYPE_CHECKING:
    import uuid

    from desk.services.appointments.agenda import AppointmentRow
    from desk.services.appointments.calendar import DayGrid, GridCounter


Index = QModelIndex | QPersistentModelIndex

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
APPOINTMENT_ROLE = Qt.ItemDataRole.UserRole + 2
HEAD_ROLE = Qt.ItemDataRole.UserRole + 3
OWN_ROLE = Qt.ItemDataRole.UserRole + 4
SPAN_ROLE = Qt.ItemDataRole.UserRole + 5


def at_counter_words() -> str:
    """What a screen reader hears before the counter's current appointment."""
    return QCoreApplication.translate("CalendarModel", "Am Schalter: ")


Cell = tuple[CellKind, "AppointmentRow | None", bool, int, str]  # a desk GridCell
EMPTY: dict[tuple[int, int], Any] = {}


class CalendarModel(QAbstractTableModel):
    """The day grid of one office as a read-only table."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid: DayGrid | None = None
        self._columns: list[GridCounter] = []
        # (row, counter number) → cell: the grid's layout, made on the worker thread
        self._cells: dict[tuple[int, int], Cell] = EMPTY
        self._numbers: list[int] = []  # column → counter number
        self._own: int | None = None
        self._show_names = True
        self._status_labels: dict[str, str] = {}  # state → label in the UI's language
        self._at_counter: object | None = None  # the counter's current appointment's id

    # ---------------------------------------------------------------- loading
    @property
    def grid(self) -> DayGrid | None:
        """The grid shown."""
        return self._grid

    def set_grid(self, grid: DayGrid, own_counter: int | None = None) -> None:
        """Show a grid: changed cells only when the day and shape stay, else a reset."""
        columns = _ordered(grid.counters, own_counter)
        cells = grid.layout
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
            self._numbers = [c.number for c in columns]
            self.endResetModel()
            return
        changed = [
            key
            for key in cells.keys() | self._cells.keys()
            if cells.get(key) != self._cells.get(key)
        ]
        self._grid, self._cells = grid, cells
        column_of = {number: i for i, number in enumerate(self._numbers)}
        for number in {n for _r, n in changed}:
            column = column_of.get(number)
            if column is None:
                continue
            rows = sorted(r for r, n in changed if n == number)
            for first, last in _runs(rows):
                self.dataChanged.emit(self.index(first, column), self.index(last, column))

    def clear(self) -> None:
        """Show nothing (no office or a failed load)."""
        self.beginResetModel()
        self._grid, self._columns, self._cells, self._numbers = None, [], EMPTY, []
        self.endResetModel()

    def set_show_names(self, show: bool) -> None:
        """Citizen names are for clerks only; hide them e.g. on a shared screen."""
        self._show_names = show
        if self._cells:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def set_at_counter(self, appointment_id: object | None) -> None:
        """Mark the appointment the clerk's counter deals with now (▶, and said so to a
        screen reader), as the bar over the day names it."""
        if appointment_id == self._at_counter:
            return
        self._at_counter = appointment_id
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
        numbers = self._numbers
        return self._cells.get((row, numbers[column])) if 0 <= column < len(numbers) else None

    def is_own(self, column: int) -> bool:
        """Whether a column is the clerk's own counter."""
        return 0 <= column < len(self._columns) and self._columns[column].number == self._own

    def block_lines(self, appointment: AppointmentRow, title: str = "") -> list[str]:
        """The text lines of an appointment block (``title``: the grid's first line)."""
        first = title or f"{appointment.starts_at:%H:%M} {appointment.service_name}"
        if appointment.id == self._at_counter:
            first = f"▶ {first}"
        # a booked block says nothing more; any later state is named, not only coloured
        state = appointment.status
        status = "" if state == "booked" else self._status_label(state)
        name = appointment.citizen_name if self._show_names else ""
        if status and name:
            return [first, f"{status} · {name}"]
        return [first, status or name]

    def _status_label(self, state: str) -> str:
        label = self._status_labels.get(state)
        if label is None:
            label = self._status_labels[state] = status_label(state)
        return label

    def appointment_at(self, index: Index) -> AppointmentRow | None:
        """The appointment covering a cell, if any."""
        cell = self.cell(index.row(), index.column())
        return cell[1] if cell else None

    def index_of(self, appointment_id: uuid.UUID) -> QModelIndex:
        """The head cell of an appointment (invalid when it is not in the grid)."""
        for (row, number), (_k, appointment, head, *_rest) in self._cells.items():
            if head and appointment is not None and appointment.id == appointment_id:
                return self.index(row, self._numbers.index(number))
        return QModelIndex()

    def spans(self) -> list[tuple[int, int, int]]:
        """(row, column, rows) of every appointment block longer than one row."""
        column_of = {number: i for i, number in enumerate(self._numbers)}
        return [
            (row, column_of[number], rows)
            for (row, number), (_k, _a, head, rows, _t) in self._cells.items()
            if head and rows > 1 and number in column_of
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
            if role == Qt.ItemDataRole.DisplayRole:
                return self._grid.row_labels[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                moment = self._grid.times[section]
                return f"{moment:%H:%M} ({moment:%Z})"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cell(index.row(), index.column())
        if cell is None:
            return None
        kind, appointment, head, rows, _title = cell
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
            here = at_counter_words() if appointment.id == self._at_counter else ""
            return here + (
                f"{time_span(appointment.starts_at, appointment.ends_at)} "
                f"{appointment.service_name}{name} · "
                f"{status_label(appointment.status)} · "
                f"{appointment.booking_code}"
            )
        return None


def _ordered(counters: tuple[GridCounter, ...], own: int | None) -> list[GridCounter]:
    """Own counter first, the others by number."""
    return sorted(counters, key=lambda c: (c.number != own, c.number))


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted row numbers as (first, last)."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
