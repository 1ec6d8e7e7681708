"""Table model of a period's statistics totals: one line per figure (label, value).

Texts name their context "StatisticsTotalsModel" literally: pyside6-lupdate reads only
literal contexts and texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    Qt,
)

from ui.models.row_table import RowTableModel

if TYPE_CHECKING:
    from desk.services.reports.statistics import Figures, OfficeStatistics, Summary


@dataclass(frozen=True)
class TotalLine:
    """One figure of the totals table, as shown."""

    label: str
    value: str
    detail: str = ""  # the tooltip, e.g. how many were measured


def _number(value: float | None, unit: str, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return f"{QLocale().toString(float(value), 'f', decimals)} {unit}"


def _summary(summary: Summary, unit: str, decimals: int = 1) -> tuple[str, str]:
    """('21,5 / 38,0 min', 'gemessen: 337') — mean / 90th percentile, and the count."""
    if summary.count == 0:
        return "–", QCoreApplication.translate("StatisticsTotalsModel", "keine Messung")
    mean = QLocale().toString(float(summary.mean or 0), "f", decimals)
    p90 = QLocale().toString(float(summary.p90 or 0), "f", decimals)
    measured = QCoreApplication.translate("StatisticsTotalsModel", "gemessen: %1")
    return f"{mean} / {p90} {unit}", measured.replace("%1", str(summary.count))


def _quota(t: Figures) -> str:
    """Tickets issued against the quota of the period, with the share used."""
    if t.tickets_quota is None:
        return QCoreApplication.translate("StatisticsTotalsModel", "kein Kontingent")
    return QCoreApplication.translate(
        "StatisticsTotalsModel", "{issued} / {quota} ({share})"
    ).format(
        issued=t.tickets_issued,
        quota=t.tickets_quota,
        share=_number(None if t.quota_used is None else t.quota_used * 100, "%"),
    )


def _busiest(stats: OfficeStatistics) -> str:
    """The hour with the most appointments, or a dash when there were none."""
    busiest = max(stats.hours, key=lambda h: h.appointments)
    if busiest.appointments == 0:
        return "–"
    return QCoreApplication.translate(
        "StatisticsTotalsModel", "{hour}–{next} Uhr ({count})"
    ).format(hour=busiest.hour, next=busiest.hour + 1, count=busiest.appointments)


def total_lines(stats: OfficeStatistics) -> list[TotalLine]:
    """The figures of the period as table lines (German labels, local number format)."""
    t = stats.total
    minutes = QCoreApplication.translate("StatisticsTotalsModel", "min")
    days = QCoreApplication.translate("StatisticsTotalsModel", "Tage")
    lines = [
        (
            QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Termine gebucht (online)"),
            str(t.booked_online),
        ),
        (
            QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Termine gebucht (intern)"),
            str(t.booked_internal),
        ),
        (QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Termine erledigt"), str(t.served)),
        (QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Termine storniert"), str(t.cancelled)),
        (QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Nicht erschienen"), str(t.no_show)),
        (
            QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Quote nicht erschienen"),
            _number(None if t.no_show_rate is None else t.no_show_rate * 100, "%"),
        ),
        (QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Wartenummern / Kontingent"), _quota(t)),
        (
            QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Wartenummern erledigt"),
            str(t.tickets_served),
        ),
        (
            QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Wartezeit Wartenummer Ø / P90"),
            *_summary(t.ticket_wait, minutes),
        ),
        (
            QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Bearbeitung Wartenummer Ø / P90"),
            *_summary(t.ticket_service, minutes),
        ),
        (
            QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Wartezeit Termin Ø / P90"),
            *_summary(t.appointment_wait, minutes),
        ),
        (
            QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Bearbeitung Termin Ø / P90"),
            *_summary(t.appointment_service, minutes),
        ),
        (
            QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Vorlauf online Ø / P90"),
            *_summary(t.horizon, days),
        ),
        (
            QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Meiste Termine um"),
            _busiest(stats),
        ),
    ]
    return [
        TotalLine(QCoreApplication.translate("StatisticsTotalsModel", line[0]), *line[1:])
        for line in lines
    ]


class StatisticsTotalsModel(RowTableModel):
    """Read-only lines: figure, value for the whole period."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Kennzahl"),
        QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Zeitraum gesamt"),
    )

    def set_lines(self, lines: list[TotalLine]) -> None:
        """Show another period's figures."""
        self.set_rows(lines)

    @property
    def lines(self) -> list[TotalLine]:
        """The lines shown."""
        return self.rows

    def cell(self, line: TotalLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return line.label if column == 0 else line.value
        if role == Qt.ItemDataRole.ToolTipRole and line.detail:
            return line.detail
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
