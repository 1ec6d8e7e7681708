"""Statistik: a team lead's page of an office's figures over a period.

Office and period (default: the last four full weeks before today) are chosen at the
top; the figures are computed in desk (SQL aggregates) off the GUI thread and shown
as bars per day, wait lines and a totals table. "CSV exportieren …" writes the same
CSV as ``buergerdesk stats``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.services.reports.csv_export import statistics_csv
from desk.services.reports.statistics import office_statistics
from ui.accessible_names import name_by_label
from ui.date_field import DateField
from ui.failures import failure_text
from ui.models.statistics_model import StatisticsTotalsModel, total_lines
from ui.ops import Ops
from ui.qt_dates import qdate
from ui.text_size import percent as text_percent
from ui.views.statistics_charts import DayChart, HorizonChart, HourChart, WaitChart

if TYPE_CHECKING:
    from desk.services.database import DeskDatabase
    from desk.services.offices import OfficeInfo
    from desk.services.reports.statistics import OfficeStatistics

log = logging.getLogger(__name__)
WEEKS = 4


def default_period(today: date, weeks: int = WEEKS) -> tuple[date, date]:
    """The last ``weeks`` full weeks (Monday to Sunday) before the week of ``today``."""
    last = today - timedelta(days=today.weekday() + 1)
    return last - timedelta(days=7 * weeks - 1), last


def _py(value) -> date:  # QDate → date
    return date(value.year(), value.month(), value.day())


class StatisticsPage(QWidget):
    """Office, period, charts, totals and CSV export.

    Signals:
        loaded(): the charts and the table show the chosen office and period.
        refused(str): computing failed; the message (shown in the page) says why.
        exported(str): the CSV file was written (its path).
    """

    loaded = Signal()
    refused = Signal(str)
    exported = Signal(str)

    def __init__(
        self,
        ops: Ops,
        db: DeskDatabase,
        offices: list[OfficeInfo],
        office_id: str,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
        user_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops, self._db, self._now = ops, db, now
        self.stats: OfficeStatistics | None = None
        self.user_id = user_id  # the signed-in user: desk refuses anyone but a team lead
        self._generation = 0  # answers of an earlier request are dropped
        self.setObjectName("statisticsPage")
        controls = self._controls(offices, office_id, now)
        self.message = QLabel()
        self.message.setObjectName("statisticsMessage")
        self.message.setWordWrap(True)
        self.days = DayChart()
        self.waits = WaitChart()
        self.hour_chart = HourChart()
        self.horizon_chart = HorizonChart()
        self.model = StatisticsTotalsModel(self)
        self.table = self._totals_table()
        column = QVBoxLayout(self)
        column.addLayout(controls)
        column.addWidget(self.message)
        column.addWidget(self._body(), 1)
        self.show_button.clicked.connect(self.refresh)
        self.office.currentIndexChanged.connect(lambda _i: self.refresh())
        self.export_button.clicked.connect(self.export_csv)
        self.refresh()

    def _controls(
        self, offices: list[OfficeInfo], office_id: str, now: Callable[[], datetime]
    ) -> QGridLayout:
        """The office, the period and the buttons, in one row (two at large text)."""
        self.office = QComboBox()
        self.office.setAccessibleName(self.tr("Standort"))
        for info in offices:
            self.office.addItem(info.name, info.id)
        self.office.setCurrentIndex(max(0, self.office.findData(office_id)))
        first, last = default_period(now().date())
        self.first = self._date_edit(first, self.tr("Erster Tag"))
        self.last = self._date_edit(last, self.tr("Letzter Tag"))
        self.show_button = QPushButton(self.tr("&Anzeigen"))
        self.export_button = QPushButton(self.tr("CSV e&xportieren …"))
        self.export_button.setEnabled(False)
        controls = QGridLayout()
        office_caption = QLabel(self.tr("Standort:"))
        name_by_label(office_caption, self.office)  # a combo box is read by its label
        row = (
            office_caption,
            self.office,
            QLabel(self.tr("von")),  # the dates are named "Erster Tag" …
            self.first,
            QLabel(self.tr("bis")),
            self.last,
            self.show_button,
            self.export_button,
        )
        wrap = 2 if text_percent() > 125 else len(row)  # the period on a row of its own
        for i, widget in enumerate(row):
            line, column = (0, i) if i < wrap else (1, i - wrap)
            controls.addWidget(widget, line, column)
        controls.setColumnStretch(1, 1)
        return controls

    def _totals_table(self) -> QTableView:
        table = QTableView()
        table.setTabKeyNavigation(False)  # Tab leaves it; arrows move inside
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Summen des Zeitraums"))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        rows = table.verticalHeader()
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _body(self) -> QSplitter:
        """The day and wait charts beside the totals and the hour and horizon tabs."""
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.days.view)
        charts.addWidget(self.waits.view)
        self.more = QTabWidget()
        self.more.addTab(self.hour_chart.view, self.tr("Uhrzeiten"))
        self.more.addTab(self.horizon_chart.view, self.tr("Vorlauf online"))
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.table)
        side.addWidget(self.more)
        side.setSizes([400, 280])
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(charts)
        body.addWidget(side)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        body.setChildrenCollapsible(False)
        body.setSizes([850, 500])
        self.days.view.setMinimumWidth(560 if text_percent() <= 125 else 320)
        return body

    def _date_edit(self, day: date, name: str) -> QDateEdit:
        edit = DateField(qdate(day))
        edit.setDateRange(qdate(date(2000, 1, 1)), qdate(date(2099, 12, 31)))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setAccessibleName(name)
        return edit

    @property
    def office_id(self) -> str:
        """The office shown."""
        return str(self.office.currentData())

    @property
    def period(self) -> tuple[date, date]:
        """The chosen first and last day."""
        return _py(self.first.date()), _py(self.last.date())

    # ---------------------------------------------------------------- loading
    def refresh(self) -> None:
        """Compute the figures of the chosen office and period (in the background)."""
        db, office, user = self._db, self.office_id, self.user_id
        first, last = self.period
        self._generation += 1
        generation = self._generation
        self.message.setText(self.tr("Wird berechnet …"))
        self.message.setProperty("error", False)
        self.show_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self._ops.run(
            lambda: office_statistics(db, office, first, last, user_id=user),
            lambda stats: self._shown(generation, stats),
            lambda error: self._failed(generation, error),
        )

    def _shown(self, generation: int, stats: OfficeStatistics) -> None:
        if generation != self._generation:
            return
        self.stats = stats
        self.days.show(stats)
        self.waits.show(stats)
        self.hour_chart.show(stats)
        self.horizon_chart.show(stats)
        self.model.set_lines(total_lines(stats))
        days = len(stats.days)
        count = self.tr("1 Tag") if days == 1 else self.tr("%1 Tage").replace("%1", str(days))
        self.message.setText(
            self.tr("%1: %2 bis %3 (%4)")
            .replace("%1", stats.office_name)
            .replace("%2", f"{stats.first:%d.%m.%Y}")
            .replace("%3", f"{stats.last:%d.%m.%Y}")
            .replace("%4", count)
        )
        self.show_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        text = failure_text(
            error,
            log,
            "statistics failed",
            self.tr("Die Statistik konnte nicht berechnet werden (Details in der Protokolldatei)."),
        )
        self.stats = None
        self.message.setText(text)
        self.message.setProperty("error", True)
        self.show_button.setEnabled(True)
        self.refused.emit(text)

    # ---------------------------------------------------------------- export
    def export_csv(self) -> None:
        """Ask for a file name and write the shown figures as CSV (off the GUI thread)."""
        stats = self.stats
        if stats is None:
            return
        suggested = f"statistik-{stats.office_id}-{stats.first}-{stats.last}.csv"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Statistik als CSV speichern"), suggested, self.tr("CSV-Dateien (*.csv)")
        )
        if not path:
            return
        target = Path(path)

        def write() -> str:
            from desk.private_files import private_opener

            with open(target, "w", encoding="utf-8", newline="", opener=private_opener) as file:
                file.write(statistics_csv(stats))
            return str(target)

        self._ops.run(write, self._written, self._not_written)

    def _written(self, path: str) -> None:
        self.message.setText(self.tr("CSV gespeichert: %1").replace("%1", path))
        self.exported.emit(path)

    def _not_written(self, error: BaseException) -> None:
        text = self.tr("Die CSV-Datei konnte nicht gespeichert werden: %1").replace(
            "%1", str(getattr(error, "strerror", None) or error)
        )
        self.message.setText(text)
        self.refused.emit(text)
