"""Abgleich (Strg+Umschalt+A): the sync state in words where the keys are, and the open
conflicts (operations of this counter the central service refused, the citizen's data
kept), each marked resolved by the clerk once dealt with."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.localtime import BERLIN
from ui.failures import failure_text
from ui.refusals import conflict_text
from ui.screen_fit import keep_on_screen
from ui.theme import DIALOG_STYLE

if TYPE_CHECKING:
    from desk.services.database import DeskDatabase
    from desk.sync.conflicts import ConflictInfo
    from ui.ops import Ops

log = logging.getLogger(__name__)


class SyncDialog(QDialog):
    """The state line (focused first), the open conflicts and "Als erledigt markieren".

    Signals:
        loaded(): the open conflicts are listed.
        resolved(): a conflict was marked resolved.
    """

    loaded = Signal()
    resolved = Signal()

    def __init__(
        self,
        ops: Ops,
        db: DeskDatabase,
        state: str,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops, self._db, self._now = ops, db, now
        self._conflicts: list[ConflictInfo] = []
        self.setWindowTitle(self.tr("Abgleich"))
        self.setStyleSheet(DIALOG_STYLE)
        self.resize(640, 420)
        keep_on_screen(self)  # at any text size
        self.state = QLineEdit(state)
        self.state.setReadOnly(True)
        self.state.setAccessibleName(self.tr("Stand des Abgleichs"))
        self.conflicts = QListWidget()
        self.conflicts.setAccessibleName(self.tr("Offene Konflikte"))
        self.conflicts.setWordWrap(True)
        self.resolve_button = QPushButton(self.tr("Als &erledigt markieren"))
        self.resolve_button.setAutoDefault(False)
        self.resolve_button.setEnabled(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Schließen"))
        buttons.rejected.connect(self.reject)
        state_caption = QLabel(self.tr("&Stand:"))
        state_caption.setBuddy(self.state)
        list_caption = QLabel(self.tr("&Offene Konflikte (Vorgänge, die die Zentrale ablehnte):"))
        list_caption.setBuddy(self.conflicts)
        column = QVBoxLayout(self)
        for widget in (state_caption, self.state, list_caption, self.conflicts):
            column.addWidget(widget)
        column.addWidget(self.resolve_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.message)
        column.addWidget(buttons)
        self.conflicts.currentRowChanged.connect(lambda _row: self._update_button())
        self.resolve_button.clicked.connect(self.resolve_chosen)
        self.state.setFocus()
        self.read()

    def read(self) -> None:
        """List the open conflicts (in the background)."""
        db = self._db
        self._ops.run(lambda: _open_conflicts(db), self._shown, self._failed)

    def _shown(self, conflicts: list[ConflictInfo]) -> None:
        self._conflicts = conflicts
        self.conflicts.clear()
        for conflict in conflicts:
            self.conflicts.addItem(QListWidgetItem(conflict_line(conflict)))
        if not conflicts:
            self.conflicts.addItem(self.tr("Keine offenen Konflikte."))
        self.conflicts.setCurrentRow(0)
        self._update_button()
        self.loaded.emit()

    def _update_button(self) -> None:
        self.resolve_button.setEnabled(0 <= self.conflicts.currentRow() < len(self._conflicts))

    def resolve_chosen(self) -> None:
        """Mark the chosen conflict resolved, then list the rest."""
        row = self.conflicts.currentRow()
        if not 0 <= row < len(self._conflicts):
            return
        db, conflict_id, now = self._db, self._conflicts[row].id, self._now()
        self.resolve_button.setEnabled(False)
        self._ops.run(lambda: _resolve(db, conflict_id, now), self._resolved, self._failed)

    def _resolved(self, _done: bool) -> None:
        self.message.setText(self.tr("Als erledigt markiert."))
        self.resolved.emit()
        self.read()
        self.conflicts.setFocus()

    def _failed(self, error: BaseException) -> None:
        unexpected = self.tr("Die Konflikte konnten nicht gelesen werden ({0}).")
        self.message.setText(failure_text(error, log, "sync conflicts failed", unexpected))


def conflict_line(conflict: ConflictInfo) -> str:
    """A conflict in one line: when, what, whom, why."""
    kinds = {
        "book": QCoreApplication.translate("SyncDialog", "Buchung"),
        "step": QCoreApplication.translate("SyncDialog", "Schritt"),
        "cancel": QCoreApplication.translate("SyncDialog", "Stornierung"),
        "issue": QCoreApplication.translate("SyncDialog", "Wartenummer"),
        "call": QCoreApplication.translate("SyncDialog", "Aufruf"),
        "ticket_step": QCoreApplication.translate("SyncDialog", "Schritt einer Wartenummer"),
    }
    args = conflict.args
    who = str(args.get("name") or args.get("code") or "")
    when = conflict.created_at.astimezone(BERLIN)
    parts = [f"{when:%d.%m. %H:%M}", kinds.get(conflict.kind, conflict.kind)]
    parts += [who] if who else []
    parts.append(conflict_text(conflict.detail))
    return " · ".join(parts)


def _open_conflicts(db: DeskDatabase) -> list[ConflictInfo]:
    from desk.sync.conflicts import open_conflicts

    return open_conflicts(db)


def _resolve(db: DeskDatabase, conflict_id: object, now: datetime) -> bool:
    from desk.sync.conflicts import resolve_conflict

    return resolve_conflict(db, conflict_id, now)  # type: ignore[arg-type]
