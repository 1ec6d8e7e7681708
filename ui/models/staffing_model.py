"""Table model of the staffing advisor: one row per weekday Monday to Friday."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desk.services.walkin.staffing import MAX_COUNTERS
from ui.models.row_table import RowTableModel
from ui.qt_dates import qdate

if TYPE_CHECKING:
    from desk.services.walkin.staffing import WeekdayAdvice


UNDERSTAFFED_BACKGROUND = "#fbe3e3"
DAY, ARRIVALS, SERVICE, PLANNED, NEEDED, SHARE, VERDICT = range(7)


def _tickets_on_days(tickets: int, days: int) -> str:
    """'12 Wartenummern an 3 Sprechstunden', singular where a count is 1."""
    if tickets == 1:
        counted = QCoreApplication.translate("StaffingModel", "1 Wartenummer")
    else:
        counted = QCoreApplication.translate("StaffingModel", "{0} Wartenummern").format(tickets)
    if days == 1:
        return QCoreApplication.translate("StaffingModel", "{0} an 1 Sprechstunde").format(counted)
    return QCoreApplication.translate("StaffingModel", "{0} an {1} Sprechstunden").format(
        counted, days
    )


def _overloaded(row: WeekdayAdvice) -> bool:
    """More work arrives than the planned counters can do: no steady state."""
    return row.traffic > 0 and row.demand.planned_counters <= row.traffic


class StaffingModel(RowTableModel):
    """Read-only rows of WeekdayAdvice: day, arrivals per hour, mean service time,
    counters planned and needed, the expected share within the threshold, a verdict.

    Understaffed days say so in words (⚠ unterbesetzt), not only by a background colour.
    """

    COLUMNS = (
        QT_TRANSLATE_NOOP("StaffingModel", "Wochentag"),
        QT_TRANSLATE_NOOP("StaffingModel", "Ankünfte\nje Stunde"),
        QT_TRANSLATE_NOOP("StaffingModel", "Mittlere\nBearbeitungszeit"),
        QT_TRANSLATE_NOOP("StaffingModel", "Geplante\nSchalter"),
        QT_TRANSLATE_NOOP("StaffingModel", "Benötigte\nSchalter"),
        QT_TRANSLATE_NOOP("StaffingModel", "Anteil ≤ {0} min\nmit geplanten Schaltern"),
        QT_TRANSLATE_NOOP("StaffingModel", "Bewertung"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = 20.0

    def set_rows(  # type: ignore[override]
        self, rows: list[WeekdayAdvice], threshold_minutes: float
    ) -> None:
        """Show new advice: the same weekdays change in place, other ones reset the table."""
        same_days = [r.demand.weekday for r in rows] == [r.demand.weekday for r in self._rows]
        threshold_changed = threshold_minutes != self._threshold
        self._threshold = threshold_minutes
        if not same_days:
            super().set_rows(rows)
            return
        self._rows = list(rows)
        if threshold_changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, SHARE, SHARE)
        if rows:
            last = self.index(len(rows) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        header = super().headerData(section, orientation, role)
        return header.format(self._number(self._threshold, 0)) if header else header

    def cell(self, row: WeekdayAdvice, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (DAY, VERDICT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and row.understaffed:
            return QBrush(QColor(UNDERSTAFFED_BACKGROUND))
        return None

    def _number(self, value: float, decimals: int) -> str:
        return QLocale().toString(float(value), "f", decimals)

    def _text(self, row: WeekdayAdvice, column: int) -> str:
        demand = row.demand
        if column == DAY:
            return QLocale().dayName(demand.weekday + 1)
        if column == PLANNED:
            return str(demand.planned_counters)
        if not row.has_data and column != SERVICE:
            if column != VERDICT:
                return "–"
            return QCoreApplication.translate("StaffingModel", "keine Daten")
        if column == ARRIVALS:
            return self._number(demand.arrivals_per_hour, 1)
        if column == SERVICE:
            minutes = QCoreApplication.translate("StaffingModel", "{0} min").format(
                self._number(demand.service_minutes, 1)
            )
            if demand.service_measured:
                return minutes
            return QCoreApplication.translate("StaffingModel", "{0} (Standard)").format(minutes)
        if column == NEEDED:
            if row.counters_needed is None:
                return QCoreApplication.translate("StaffingModel", "mehr als {0}").format(
                    MAX_COUNTERS
                )
            return str(row.counters_needed)
        if column == SHARE:
            share = QCoreApplication.translate("StaffingModel", "{0} %").format(
                self._number(100 * (row.expected_share or 0.0), 0)
            )
            if not _overloaded(row):
                return share
            return QCoreApplication.translate("StaffingModel", "{0} – überlastet").format(share)
        if row.understaffed:
            return QCoreApplication.translate("StaffingModel", "⚠ unterbesetzt")
        return QCoreApplication.translate("StaffingModel", "✓ ausreichend")

    def _tip(self, row: WeekdayAdvice, column: int) -> str | None:
        demand = row.demand
        if column == ARRIVALS:
            tip = _tickets_on_days(demand.tickets, demand.days_observed)
            if demand.quota_days == 1:
                tip += QCoreApplication.translate(
                    "StaffingModel", "; an 1 Tag war das Kontingent ausgeschöpft"
                )
            elif demand.quota_days:
                tip += QCoreApplication.translate(
                    "StaffingModel", "; an {0} Tagen war das Kontingent ausgeschöpft"
                ).format(demand.quota_days)
            return tip
        if column == SERVICE:
            if demand.service_measured and demand.served == 1:
                return QCoreApplication.translate(
                    "StaffingModel", "gemessen an 1 erledigten Wartenummer"
                )
            if demand.service_measured:
                return QCoreApplication.translate(
                    "StaffingModel", "gemessen an {0} erledigten Wartenummern"
                ).format(demand.served)
            return QCoreApplication.translate(
                "StaffingModel", "keine erledigte Wartenummer: Standardwert des Standorts"
            )
        if column == PLANNED:
            if demand.planned_day is None:
                return QCoreApplication.translate(
                    "StaffingModel", "kein Sprechstundentag in den nächsten Wochen"
                )
            return QCoreApplication.translate("StaffingModel", "laut Öffnungszeiten am {0}").format(
                QLocale().toString(qdate(demand.planned_day), "ddd d.M.yyyy")
            )
        if column == SHARE and row.has_data and _overloaded(row):
            if demand.planned_counters == 1:
                return QCoreApplication.translate(
                    "StaffingModel",
                    "Im Mittel kommt mehr Arbeit an, als 1 Schalter schafft: die Warteschlange "
                    "wächst, solange die Sprechstunde dauert",
                )
            return QCoreApplication.translate(
                "StaffingModel",
                "Im Mittel kommt mehr Arbeit an, als {0} Schalter schaffen: die Warteschlange "
                "wächst, solange die Sprechstunde dauert",
            ).format(demand.planned_counters)
        if column == NEEDED and row.has_data:
            return QCoreApplication.translate(
                "StaffingModel", "Verkehrsangebot {0} Erlang (im Mittel belegte Schalter)"
            ).format(self._number(row.traffic, 2))
        return None
