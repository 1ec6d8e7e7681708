"""The audit log viewer ("Protokoll") for team leads: filter by period, kind of change,
user and free text; read-only, loaded in the background, newest first."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain.audit import AUDIT_LABELS_DE, AuditAction
from desk.domain.localtime import local_day_bounds
from desk.services.reports.audit import AuditActor, AuditRow, audit_actors, audit_entries
from ui.accessible_names import name_by_label, name_clear_button
from ui.date_field import DateField
from ui.failures import failure_text
from ui.models.audit_model import AuditTableModel, audit_text
from ui.ops import Ops
from ui.qt_dates import qdate
from ui.screen_fit import keep_on_screen
from ui.text_size import percent as text_percent
from ui.theme import WARNING

if TYPE_CHECKING:
    from desk.services.admin.auth import UserInfo
    from desk.services.database import DeskDatabase

log = logging.getLogger(__name__)

#: How many rows one query shows (the newest); the info line asks to narrow beyond it.
LIMIT = 500
#: The period shown at first: the last week up to today.
DAYS_BACK = 7
DEBOUNCE_MS = 300


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class AuditDialog(QDialog):
    """Filters above a read-only table of audit entries.

    Signals:
        loaded(): the rows for the current filters are shown (or the refusal).
    """

    loaded = Signal()

    def __init__(
        self,
        ops: Ops,
        db: DeskDatabase,
        user: UserInfo,
        office_id: str,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops, self._db, self._user, self._office = ops, db, user, office_id
        self._asked = 0
        self.setWindowTitle(self.tr("Protokoll"))
        self.resize(1240, 600)
        keep_on_screen(self)  # at any text size
        today = now().date()
        self.date_from = self._date_edit(today - timedelta(days=DAYS_BACK), self.tr("von"))
        self.date_to = self._date_edit(today, self.tr("Zeitraum bis"))
        self.date_error = QLabel()
        self.date_error.setObjectName("fieldError")
        self.date_error.setStyleSheet(f"color: {WARNING};")
        self.action = QComboBox()
        self.action.setAccessibleName(self.tr("Art"))
        self.action.addItem(self.tr("Alle Arten"), None)
        for action in AuditAction:
            self.action.addItem(audit_text(AUDIT_LABELS_DE[action]), action.value)
        self.actor = QComboBox()
        self.actor.setAccessibleName(self.tr("Benutzer"))
        self.actor.addItem(self.tr("Alle Benutzer"), None)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Buchungsnummer, Wartenummer, Name des Benutzers …"))
        name_clear_button(self.text, self.tr("Suchtext löschen"))
        self.text.setAccessibleName(self.tr("Suchtext"))
        self.refresh_button = QPushButton(self.tr("Aktualisieren"))
        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Protokolleinträge"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.info = QLabel()
        self._layout()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.action.currentIndexChanged.connect(lambda _i: self.refresh())
        self.actor.currentIndexChanged.connect(lambda _i: self.refresh())
        self.text.textChanged.connect(lambda _t: self._timer.start())
        self.text.returnPressed.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)

    def _date_edit(self, day: date, name: str) -> QDateEdit:
        edit = DateField(qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setAccessibleName(name)
        return edit

    def _layout(self) -> None:
        filters = QGridLayout()
        captions = [
            QLabel(self.tr("Zeitraum von")), QLabel(self.tr("bis")), QLabel(self.tr("Art")),
            QLabel(self.tr("Benutzer")), QLabel(self.tr("Suche")),
        ]  # fmt: skip
        fields = (self.date_from, self.date_to, self.action, self.actor, self.text)
        for caption, field in zip(captions, fields, strict=True):
            name_by_label(caption, field)
        pairs = 4 if text_percent() <= 125 else 2  # at large text two filters a row
        for i, (caption, field) in enumerate(zip(captions[:4], fields[:4], strict=True)):
            row, column = 2 * (i // pairs), i % pairs
            filters.addWidget(caption, row, 2 * column)
            filters.addWidget(field, row, 2 * column + 1)
        filters.addWidget(self.date_error, 1, 1, 1, 3)
        last = 2 * (4 // pairs)
        filters.addWidget(captions[4], last, 0)
        filters.addWidget(self.text, last, 1, 1, 2 * pairs - 1)
        filters.addWidget(self.refresh_button, last, 2 * pairs)
        for column in range(1, 2 * pairs, 2):
            filters.setColumnStretch(column, 1)
        for box in (self.action, self.actor):  # long names are read in the open list
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(14)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.info)

    def start(self) -> None:
        """Load the users for the filter and the first rows (in the background); call
        once after constructing."""
        db, user = self._db, self._user.id
        self._ops.run(lambda: audit_actors(db, user_id=user), self._actors_loaded, self._failed)
        self.refresh()

    def _actors_loaded(self, actors: list[AuditActor]) -> None:
        chosen = self.actor.currentData()
        self.actor.blockSignals(True)
        for actor in actors:
            self.actor.addItem(actor.display_name, str(actor.id))
        if chosen is not None:
            self.actor.setCurrentIndex(max(0, self.actor.findData(chosen)))
        self.actor.blockSignals(False)

    def refresh(self) -> None:
        """Query again with the current filters (in the background)."""
        self._timer.stop()
        first, last = _day(self.date_from.date()), _day(self.date_to.date())
        self._asked += 1
        if last < first:
            self.date_error.setText(self.tr("„bis“ liegt vor „von“ – bitte den Zeitraum ändern."))
            self.model.set_rows([])
            self.info.setText("")
            self.loaded.emit()
            return
        self.date_error.setText("")
        since, until = local_day_bounds(first)[0], local_day_bounds(last)[1]
        action, text = self.action.currentData(), self.text.text()
        actor = None if self.actor.currentData() is None else uuid.UUID(self.actor.currentData())
        db, user, office, asked = self._db, self._user.id, self._office, self._asked
        self.info.setText(self.tr("Lädt …"))
        self._ops.run(
            lambda: audit_entries(
                db,
                user_id=user,
                office_id=office,
                since=since,
                until=until,
                actions=None if action is None else [action],
                actor=actor,
                text=text,
                limit=LIMIT,
            ),
            lambda rows: self._shown(asked, rows),
            lambda error: self._failed(error, asked),
        )

    def _shown(self, asked: int, rows: list[AuditRow]) -> None:
        if asked != self._asked:
            return  # an older query; a newer one is on its way
        self.model.set_rows(rows)
        if not rows:
            self.info.setText(self.tr("Keine Einträge für diese Auswahl."))
        elif len(rows) >= LIMIT:
            self.info.setText(
                self.tr("Die neuesten {0} Einträge – bitte die Auswahl eingrenzen.").format(
                    len(rows)
                )
            )
        elif len(rows) == 1:
            self.info.setText(self.tr("1 Eintrag."))
        else:
            self.info.setText(self.tr("{0} Einträge, die neuesten zuerst.").format(len(rows)))
        self.loaded.emit()

    def _failed(self, error: BaseException, asked: int | None = None) -> None:
        if asked is not None and asked != self._asked:
            return
        unexpected = self.tr("Das Protokoll konnte nicht geladen werden ({0}).")
        self.info.setText(failure_text(error, log, "audit log query failed", unexpected))
        if asked is not None:
            self.model.set_rows([])
            self.loaded.emit()
