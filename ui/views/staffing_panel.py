"""Personalbedarf Sprechstunde: the staffing advisor for the walk-in hour.

Past weeks' walk-ins and service times are loaded once per office (off the GUI
thread); changing the target share or the threshold re-runs only Erlang C on the
loaded numbers, which is pure and takes microseconds.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.services.walkin.staffing import staffing_advice
from ui.failures import failure_text
from ui.models.staffing_model import StaffingModel
from ui.ops import Ops
from ui.qt_dates import qdate

if TYPE_CHECKING:
    from desk.services.database import DeskDatabase
    from desk.services.walkin.staffing import StaffingAdvice

log = logging.getLogger(__name__)
WEEKS = 8


class StaffingPanel(QWidget):
    """Table Monday–Friday of walk-in demand, counters planned and needed, with the
    target (share within a threshold) editable.

    Signals:
        loaded(): an office's measurements arrived and the table shows them.
        recomputed(): the table shows the advice for the current target.
        refused(str): loading failed; the message says why.
    """

    loaded = Signal()
    recomputed = Signal()
    refused = Signal(str)

    def __init__(
        self,
        ops: Ops,
        db: DeskDatabase,
        office_id: str,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops, self._db, self._now = ops, db, now
        self._office = office_id
        self._advice: StaffingAdvice | None = None
        self._generation = 0  # answers of an earlier office are dropped
        self.setObjectName("staffingPanel")
        goal = self._goal()
        self.period = QLabel()
        self.period.setWordWrap(True)
        self.model = StaffingModel(self)
        self.table = self._advice_table()
        self.summary = QLabel()
        self.summary.setObjectName("staffingSummary")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("staffingMessage")
        self.message.setWordWrap(True)
        self.explanation = QLabel(
            self.tr(
                "Modell: Erlang C (Warteschlange M/M/c) – zufällige Ankünfte mit der "
                "gemessenen Rate, Bearbeitungszeiten zufällig um den gemessenen Mittelwert, "
                "eine gemeinsame Warteschlange, niemand geht vorzeitig, eingeschwungener "
                "Zustand. Benötigt ist die kleinste Schalterzahl, bei der mindestens der "
                "Zielanteil nicht länger als die Schwelle wartet; Pausen und Ausfälle sind "
                "nicht eingerechnet."
            )
        )
        self.explanation.setWordWrap(True)
        self.explanation.setObjectName("staffingExplanation")
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addLayout(goal)
        column.addWidget(self.period)
        column.addWidget(self.table)
        column.addWidget(self.summary)
        column.addWidget(self.message)
        column.addWidget(self.explanation)
        column.addStretch(1)
        self.target.valueChanged.connect(self.recompute)
        self.threshold.valueChanged.connect(self.recompute)
        self.reload()

    def _goal(self) -> QHBoxLayout:
        """The title, and the target share and the threshold of the wait, in one row."""
        self.title = QLabel()
        self.title.setObjectName("staffingTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.target = QSpinBox()
        self.target.setRange(50, 99)
        self.target.setValue(80)
        self.target.setSuffix(" %")
        self.target.setAccessibleName(self.tr("Zielanteil in Prozent"))
        self.threshold = QSpinBox()
        self.threshold.setRange(1, 120)
        self.threshold.setValue(20)
        self.threshold.setSuffix(" min")
        self.threshold.setAccessibleName(self.tr("Schwelle der Wartezeit in Minuten"))
        goal = QHBoxLayout()
        goal.addWidget(QLabel(self.tr("Ziel:")))
        goal.addWidget(self.target)
        goal.addWidget(QLabel(self.tr("der Wartenden warten höchstens")))
        goal.addWidget(self.threshold)
        goal.addStretch(1)
        return goal

    def _advice_table(self) -> QTableView:
        table = QTableView()
        table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Personalbedarf je Wochentag"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    @property
    def advice(self) -> StaffingAdvice | None:
        """The advice shown (None until the first load arrived)."""
        return self._advice

    @property
    def target_share(self) -> float:
        """The target share from the spin box (0.5–0.99)."""
        return self.target.value() / 100

    @property
    def threshold_minutes(self) -> float:
        """The waiting-time threshold in minutes from the spin box."""
        return float(self.threshold.value())

    def set_office(self, office_id: str) -> None:
        """Show the advice for another office (loaded in the background)."""
        self._office = office_id
        self.reload()

    def reload(self) -> None:
        """Load the office's measurements of the past weeks in the background."""
        self._generation += 1
        generation, db, office, now = self._generation, self._db, self._office, self._now()
        target, threshold = self.target_share, self.threshold_minutes
        self.message.setText(self.tr("Lade Messwerte …"))

        def work() -> StaffingAdvice:
            return staffing_advice(db, office, now, WEEKS, target, threshold)

        # Only a weak reference rides along: the worker thread drops the operation's
        # callbacks, and if they held the last reference the panel would be destroyed
        # there, off the GUI thread (a crash seen in the tests).
        me = weakref.ref(self)

        def arrived(advice: StaffingAdvice) -> None:
            panel = me()
            if panel is not None:
                panel._arrived(generation, advice)

        def failed(error: BaseException) -> None:
            panel = me()
            if panel is not None:
                panel._failed(generation, error)

        self._ops.run(work, arrived, failed)

    def _arrived(self, generation: int, advice: StaffingAdvice) -> None:
        if generation != self._generation:
            return
        self._advice = advice
        self.title.setText(self.tr("Personalbedarf Sprechstunde – {0}").format(advice.office_name))
        locale = QLocale()
        first = advice.first_ticket_day or advice.first_day
        self.period.setText(
            self.tr(
                "Sprechstunde {0}–{1} Uhr, Wartenummern vom {2} bis {3} "
                "(höchstens {4} Wochen zurück, ohne Feiertage und Schließtage)"
            ).format(
                advice.walk_in_from.strftime("%H:%M"),
                advice.walk_in_until.strftime("%H:%M"),
                locale.toString(qdate(first), "d.M.yyyy"),
                locale.toString(qdate(advice.last_day), "d.M.yyyy"),
                WEEKS,
            )
        )
        self.message.clear()
        self.recompute()
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        message = failure_text(
            error, log, "staffing advice failed", self.tr("Die Auswertung ist fehlgeschlagen ({0})")
        )
        self._advice = None
        self.model.set_rows([], self.threshold_minutes)
        self.summary.clear()
        self.message.setText(message)
        self.refused.emit(message)

    def recompute(self) -> None:
        """Judge the loaded numbers against the target in the spin boxes (no database)."""
        if self._advice is None:
            return
        self._advice = self._advice.with_targets(self.target_share, self.threshold_minutes)
        self.model.set_rows(list(self._advice.days), self.threshold_minutes)
        short = [
            QLocale().dayName(d.demand.weekday + 1, QLocale.FormatType.ShortFormat)
            for d in self._advice.days
            if d.understaffed
        ]
        defaults = [d for d in self._advice.days if d.has_data and not d.demand.service_measured]
        if short:
            lines = [self.tr("⚠ Unterbesetzt: {0}").format(", ".join(short))]
        elif any(d.has_data for d in self._advice.days):
            lines = [self.tr("✓ An keinem Tag unterbesetzt")]
        else:
            lines = [self.tr("Keine Wartenummern im Messzeitraum")]
        if any(d.demand.quota_days for d in self._advice.days if d.has_data):
            lines.append(
                self.tr("Kontingent teils ausgeschöpft: die Nachfrage war höher als gemessen")
            )
        if defaults:
            lines.append(
                self.tr("Bearbeitungszeit teils Standardwert (keine erledigten Wartenummern)")
            )
        self.summary.setText(" · ".join(lines))
        self.recomputed.emit()
