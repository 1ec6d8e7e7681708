"""Search an office's appointments by booking code or citizen name (clerks only).

The hits show date (with weekday), time, counter, the full name, code, status and
service, upcoming first (today's and later ones ascending, then the past ones, the
latest first); the table scrolls sideways rather than cut a name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.services.appointments.agenda import AppointmentRow
from desk.services.appointments.calendar import MAX_SEARCH_HITS, search
from desk.services.database import DeskDatabase
from desk.services.offices import OfficeInfo
from ui.accessible_names import name_clear_button
from ui.failures import failure_text
from ui.models.search_model import SearchHitsModel
from ui.ops import Ops
from ui.screen_fit import keep_on_screen

log = logging.getLogger(__name__)
DEBOUNCE_MS = 250


class SearchDialog(QDialog):
    """A search field and the matching appointments; Enter or a double click goes there.

    Signals:
        chosen(AppointmentRow): the clerk picked an appointment.
        results_loaded(): the hits for the current text are shown.
    """

    chosen = Signal(object)
    results_loaded = Signal()

    def __init__(
        self,
        ops: Ops,
        db: DeskDatabase,
        office: OfficeInfo,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops, self._db, self._office = ops, db, office
        self._now = now or (lambda: datetime.now(UTC))  # the session's clock when given
        self._asked = 0
        self.setWindowTitle(self.tr("Termin suchen – {0}").format(office.name))
        self.resize(1100, 600)  # fits a 1366×768 screen
        keep_on_screen(self)  # at any text size
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Buchungsnummer (z. B. 39KJ-TGPT) oder Name"))
        name_clear_button(self.field, self.tr("Suchbegriff löschen"))
        self.field.setAccessibleName(self.tr("Suchbegriff"))
        self.model = SearchHitsModel(self)
        self.results = self._table()
        self.info = QLabel(self.tr("Mindestens zwei Zeichen eingeben."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.info)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self._enter)
        self.results.activated.connect(self._activated)

    def _table(self) -> QTableView:
        """The hits: whole rows chosen, nothing elided, columns as wide as their text (the
        table scrolls sideways)."""
        table = QTableView()
        table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Treffer"))
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        table.setWordWrap(False)
        table.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(-1)  # every row: no name longer than its column
        header.setMinimumSectionSize(40)
        return table

    def run_search(self) -> None:
        """Search now for the field's text (in the background)."""
        text, db, office, now = self.field.text(), self._db, self._office.id, self._now()
        self._asked += 1
        asked = self._asked
        self._ops.run(
            lambda: search(db, office, text, now),
            lambda rows: self._shown(asked, rows),
            self._failed,
        )

    def _shown(self, asked: int, rows: list[AppointmentRow]) -> None:
        if asked != self._asked:
            return
        self.model.set_rows(rows)
        if len(self.field.text().strip()) < 2:
            self.info.setText(self.tr("Mindestens zwei Zeichen eingeben."))
        elif not rows:
            self.info.setText(self.tr("Kein Termin gefunden."))
        elif len(rows) >= MAX_SEARCH_HITS:
            self.info.setText(
                self.tr(
                    "Die ersten {0} Treffer (anstehende zuerst) – bitte genauer suchen."
                ).format(len(rows))
            )
        else:
            self.info.setText(
                self.tr("{0} Treffer – Eingabe oder Doppelklick öffnet den Tag.").format(len(rows))
            )
        if rows:
            self.results.selectRow(0)
        self.results_loaded.emit()

    def _failed(self, error: BaseException) -> None:
        unexpected = self.tr("Die Suche ist fehlgeschlagen ({0}).")
        self.info.setText(failure_text(error, log, "search failed", unexpected))

    def _enter(self) -> None:
        index = self.results.currentIndex()
        if index.isValid():
            self._activated(index)

    def _activated(self, index: QModelIndex) -> None:
        self.chosen.emit(self.model.row_at(index.row()))
        self.accept()
