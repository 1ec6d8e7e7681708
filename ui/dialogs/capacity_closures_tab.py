"""The capacity editor's "Schließzeiten" tab: closures that have not ended, add and remove."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain.capacity_change import PlanChange, PlanClosure, PlanInvalid, validate_change
from desk.services.capacity.plan import PlanView
from ui.accessible_names import name_form_fields
from ui.date_field import DateField
from ui.dialogs.capacity_fields import FieldError
from ui.models.capacity_rows_model import ClosureModel
from ui.qt_dates import qdate


def py_date(value: QDate) -> date:
    """A QDate as a Python date."""
    return date(value.year(), value.month(), value.day())


class ClosuresTab(QWidget):
    """The closures list with a form to add one and a button to remove the selected one.

    Signals:
        changed(): a closure was added or marked for removal.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClosureModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Schließzeiten"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.starts, self.ends = DateField(self), DateField(self)
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
        self.counter = QComboBox(self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("z. B. Betriebsausflug, Umbau, Schulung"))
        self.errors = {n: FieldError(self) for n in ("ends_on", "reason", "other")}
        self.add = QPushButton(self.tr("Schließzeit hinzufügen"), self)
        self.remove = QPushButton(self.tr("Ausgewählte entfernen"), self)
        form = QFormLayout()
        form.addRow(self.tr("Von"), self.starts)
        form.addRow(self.tr("Bis"), self.ends)
        form.addRow("", self.errors["ends_on"])
        form.addRow(self.tr("Schalter"), self.counter)
        form.addRow(self.tr("Grund"), self.reason)
        form.addRow("", self.errors["reason"])
        form.addRow("", self.errors["other"])
        name_form_fields(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self._stored: list[PlanClosure] = []
        self._added: list[PlanClosure] = []
        self._removed: set = set()
        self._today = date.today()
        self._counters: tuple[int, ...] = ()
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)

    def load(self, view: PlanView) -> None:
        """Show the closures that have not ended; forget unsaved additions and removals."""
        self._stored, self._added, self._removed = list(view.closures), [], set()
        self._today, self._counters = view.on, view.counters
        self.counter.clear()
        self.counter.addItem(self.tr("ganzer Standort"), None)
        for n in view.counters:
            self.counter.addItem(self.tr("Schalter {0}").format(n), n)
        self.starts.setDate(qdate(view.on))
        self.ends.setDate(qdate(view.on))
        self._show()

    def _show(self) -> None:
        rows = [(c, "entfernen" if c.id in self._removed else "") for c in self._stored]
        self.model.set_closures(rows + [(c, "neu") for c in self._added])

    def _add(self) -> None:
        self.clear_errors()
        closure = PlanClosure(
            py_date(self.starts.date()),
            py_date(self.ends.date()),
            self.reason.text(),
            self.counter.currentData(),
        )
        try:
            validate_change(
                PlanChange(self._today, add_closures=(closure,)), self._today, self._counters, ()
            )
        except PlanInvalid as refused:
            self.show_error(refused.field, str(refused))
            return
        self._added.append(closure)
        self.reason.clear()
        self._show()
        self.changed.emit()

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        for row in rows:
            closure, state = self.model.closure_at(row)
            if state == "neu":
                self._added.remove(closure)
            elif closure.id in self._removed:
                self._removed.discard(closure.id)  # a second click takes the removal back
            else:
                self._removed.add(closure.id)
        if rows:
            self._show()
            self.changed.emit()

    def part(self) -> tuple[tuple[PlanClosure, ...], frozenset]:
        """Closures to add, ids of closures to remove."""
        return tuple(self._added), frozenset(self._removed)

    def show_error(self, field: str, message: str) -> bool:
        """Show a message next to its field when it belongs to this tab."""
        if not field.startswith("closure."):
            return False
        self.errors.get(field.split(".", 1)[1], self.errors["other"]).show_message(message)
        return True

    def clear_errors(self) -> None:
        """Hide every field message."""
        for label in self.errors.values():
            label.show_message("")

    def set_read_only(self, read_only: bool) -> None:
        """Disable the form and the buttons."""
        for w in (self.starts, self.ends, self.counter, self.reason, self.add, self.remove):
            w.setEnabled(not read_only)
