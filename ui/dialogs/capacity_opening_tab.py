"""The capacity editor's "Öffnungszeiten" tab: weekday × counter cells, one edited at a time.

The table lists every weekday × counter cell with hours, slot length and services;
the form under it edits the selected cell. A cell with several opening periods
(split shift) is edited in its first period; the others stay as they are.
"""

from __future__ import annotations

import itertools
from datetime import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk.domain.capacity_change import PlanTemplate
from desk.services.capacity.plan import PlanView
from ui.accessible_names import name_form_fields
from ui.dialogs.capacity_fields import FieldError, py_time, q_time
from ui.models.capacity_rows_model import Cell, OpeningModel


class OpeningTab(QWidget):
    """Opening templates per weekday and counter.

    Signals:
        changed(): a cell's draft changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OpeningModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Öffnungszeiten je Wochentag und Schalter"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.staffed = QCheckBox(self.tr("Schalter besetzt"), self)
        self.opens = QTimeEdit(self)
        self.closes = QTimeEdit(self)
        for edit in (self.opens, self.closes):
            edit.setDisplayFormat("HH:mm")
        self.slot = QSpinBox(self)
        self.slot.setRange(0, 480)
        self.slot.setSuffix(self.tr(" Min."))
        self.hours_error, self.slot_error, self.services_error = (FieldError(self) for _ in "abc")
        self.service_boxes: dict[str, QCheckBox] = {}
        self.services_box = QWidget(self)
        self._services_layout = QGridLayout(self.services_box)
        self._services_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.addRow("", self.staffed)
        form.addRow(self.tr("Beginn"), self.opens)
        form.addRow(self.tr("Ende"), self.closes)
        form.addRow("", self.hours_error)
        form.addRow(self.tr("Terminlänge"), self.slot)
        form.addRow("", self.slot_error)
        form.addRow(self.tr("Dienstleistungen"), self.services_box)
        form.addRow("", self.services_error)
        name_form_fields(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        self._original: dict[Cell, tuple[PlanTemplate, ...]] = {}
        self._draft: dict[Cell, tuple[PlanTemplate, ...]] = {}
        self._cell: Cell | None = None
        self._loading = False
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self._select(cur.row())
        )
        for signal in (
            self.staffed.toggled,
            self.opens.timeChanged,
            self.closes.timeChanged,
            self.slot.valueChanged,
        ):
            signal.connect(self._edited)

    def load(self, view: PlanView) -> None:
        """Show an office's plan (drafts start equal to it)."""
        for box in self.service_boxes.values():
            box.deleteLater()
        self.service_boxes = {}
        for i, s in enumerate(view.services):
            box = QCheckBox(s.name, self.services_box)
            box.setToolTip(self.tr("{0} Min. (stadtweit)").format(s.minutes))
            box.toggled.connect(self._edited)
            self.service_boxes[s.id] = box
            self._services_layout.addWidget(box, i // 2, i % 2)
        chain = [self.slot, *self.service_boxes.values()]  # Tab: on from "Terminlänge"
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._original = {
            (wd, n): tuple(t for t in view.templates if (t.weekday, t.counter_number) == (wd, n))
            for wd in range(7)
            for n in view.counters
        }
        self._draft = dict(self._original)
        self.model.set_cells([(cell, ts, False) for cell, ts in self._original.items()])
        self._cell = None
        if self._original:
            self.table.selectRow(0)

    def _select(self, row: int) -> None:
        if row < 0:
            return
        self._cell = self.model.cell_at(row)
        templates = self._draft[self._cell]
        first = templates[0] if templates else None
        self._loading = True
        self.staffed.setChecked(first is not None)
        self.opens.setTime(q_time(first.opens if first else None, _default(self._original, 0)))
        self.closes.setTime(q_time(first.closes if first else None, _default(self._original, 1)))
        self.slot.setValue(first.slot_minutes if first else _slot_default(self._original))
        services = first.services if first else frozenset(self.service_boxes)
        for sid, box in self.service_boxes.items():
            box.setChecked(sid in services)
        self._loading = False
        self._enable_form()
        self.clear_errors()

    def _enable_form(self) -> None:
        on = self.staffed.isChecked() and self.staffed.isEnabled()
        for w in (self.opens, self.closes, self.slot, *self.service_boxes.values()):
            w.setEnabled(on)

    def _edited(self) -> None:
        if self._loading or self._cell is None:
            return
        self._enable_form()
        weekday, counter = self._cell
        rest = self._draft[self._cell][1:]
        if self.staffed.isChecked():
            first = PlanTemplate(
                weekday,
                counter,
                py_time(self.opens.time()),
                py_time(self.closes.time()),
                self.slot.value(),
                frozenset(sid for sid, box in self.service_boxes.items() if box.isChecked()),
            )
            self._draft[self._cell] = (first, *rest)
        else:
            self._draft[self._cell] = ()
        edited = self._draft[self._cell] != self._original[self._cell]
        self.model.update_cell(self._cell, self._draft[self._cell], edited)
        self.changed.emit()

    def part(self) -> tuple[tuple[PlanTemplate, ...], frozenset[Cell]]:
        """The edited cells and their templates."""
        cells = frozenset(c for c, ts in self._draft.items() if ts != self._original[c])
        return tuple(t for c in sorted(cells) for t in self._draft[c]), cells

    def clear_errors(self) -> None:
        """Hide every field message."""
        for label in (self.hours_error, self.slot_error, self.services_error):
            label.show_message("")

    def show_error(self, field: str, message: str) -> bool:
        """Show a message next to its field when it belongs to this tab (selecting its cell)."""
        parts = field.split(".")
        if parts[0] != "opening" or len(parts) != 4:
            return False
        cell = (int(parts[1]), int(parts[2]))
        if cell != self._cell:
            for row in range(self.model.rowCount()):
                if self.model.cell_at(row) == cell:
                    self.table.selectRow(row)
        label = {"slot_minutes": self.slot_error, "services": self.services_error}.get(
            parts[3], self.hours_error
        )
        label.show_message(message)
        return True

    def set_read_only(self, read_only: bool) -> None:
        """Disable every input (the table stays browsable)."""
        self.staffed.setEnabled(not read_only)
        self._enable_form()


def _default(original: dict[Cell, tuple[PlanTemplate, ...]], which: int) -> time:
    """The most common opening (0) or closing (1) time of the office, for a new cell."""
    times = [(t.opens, t.closes)[which] for ts in original.values() for t in ts]
    return max(set(times), key=times.count) if times else (time(9), time(12))[which]


def _slot_default(original: dict[Cell, tuple[PlanTemplate, ...]]) -> int:
    slots = [t.slot_minutes for ts in original.values() for t in ts]
    return max(set(slots), key=slots.count) if slots else 15
