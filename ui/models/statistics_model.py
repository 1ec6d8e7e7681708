"""Table model of a period's statistics totals: one line per figure (label, value)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

if TYPE_CHECKING:
    from desk.services.statistics import OfficeStatistics, Summary

Index = QModelIndex | QPersistentModelIndex
CONTEXT = "StatisticsTotalsModel"


@dataclass(frozen=True)
class TotalLine:
    """One figure of the totals table, as shown."""

    label: str
    value: str
    detail: str = ""  # the tooltip, e.g. how many were measured


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _number(value: float | None, unit: str, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return f"{QLocale().toString(float(value), 'f', decimals)} {unit}"


def _summary(summary: Summary, unit: str, decimals: int = 1) -> tuple[str, str]:
    """('21,5 / 38,0 min', 'gemessen: 337') — mean / 90th percentile, and the count."""
    if summary.count == 0:
        return "–", _tr("keine Messung")
    mean = QLocale().toString(float(summary.mean or 0), "f", decimals)
    p90 = QLocale().toString(float(summary.p90 or 0), "f", decimals)
    return f"{mean} / {p90} {unit}", _tr("gemessen: %1").replace("%1", str(summary.count))


def total_lines(stats: OfficeStatistics) -> list[TotalLine]:
    """The figures of the period as table lines (German labels, local number format)."""
    t = stats.total
    minutes, days = _tr("min"), _tr("Tage")
    quota = (
        _tr("kein Kontingent")
        if t.tickets_quota is None
        else _tr("{issued} / {quota} ({share})").format(
            issued=t.tickets_issued,
            quota=t.tickets_quota,
            share=_number(None if t.quota_used is None else t.quota_used * 100, "%"),
        )
    )
    busiest = max(stats.hours, key=lambda h: h.appointments)
    lines = [
        (QT_TRANSLATE_NOOP(CONTEXT, "Termine gebucht (online)"), str(t.booked_online)),
        (QT_TRANSLATE_NOOP(CONTEXT, "Termine gebucht (intern)"), str(t.booked_internal)),
        (QT_TRANSLATE_NOOP(CONTEXT, "Termine erledigt"), str(t.served)),
        (QT_TRANSLATE_NOOP(CONTEXT, "Termine storniert"), str(t.cancelled)),
        (QT_TRANSLATE_NOOP(CONTEXT, "Nicht erschienen"), str(t.no_show)),
        (
            QT_TRANSLATE_NOOP(CONTEXT, "Quote nicht erschienen"),
            _number(None if t.no_show_rate is None else t.no_show_rate * 100, "%"),
        ),
        (QT_TRANSLATE_NOOP(CONTEXT, "Wartenummern / Kontingent"), quota),
        (QT_TRANSLATE_NOOP(CONTEXT, "Wartenummern erledigt"), str(t.tickets_served)),
        (
            QT_TRANSLATE_NOOP(CONTEXT, "Wartezeit Wartenummer Ø / P90"),
            *_summary(t.ticket_wait, minutes),
        ),
        (
            QT_TRANSLATE_NOOP(CONTEXT, "Bearbeitung Wartenummer Ø / P90"),
            *_summary(t.ticket_service, minutes),
        ),
        (
            QT_TRANSLATE_NOOP(CONTEXT, "Wartezeit Termin Ø / P90"),
            *_summary(t.appointment_wait, minutes),
        ),
        (
            QT_TRANSLATE_NOOP(CONTEXT, "Bearbeitung Termin Ø / P90"),
            *_summary(t.appointment_service, minutes),
        ),
        (QT_TRANSLATE_NOOP(CONTEXT, "Vorlauf online Ø / P90"), *_summary(t.horizon, days)),
        (
            QT_TRANSLATE_NOOP(CONTEXT, "Meiste Termine um"),
            "–"
            if busiest.appointments == 0
            else _tr("{hour}–{next} Uhr ({count})").format(
                hour=busiest.hour, next=busiest.hour + 1, count=busiest.appointments
            ),
        ),
    ]
    return [TotalLine(_tr(line[0]), *line[1:]) for line in lines]


class StatisticsTotalsModel(QAbstractTableModel):
    """Read-only lines: figure, value for the whole period."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Kennzahl"),
        QT_TRANSLATE_NOOP("StatisticsTotalsModel", "Zeitraum gesamt"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[TotalLine] = []

    def set_lines(self, lines: list[TotalLine]) -> None:
        """Show another period's figures."""
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    @property
    def lines(self) -> list[TotalLine]:
        """The lines shown."""
        return list(self._lines)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.label if index.column() == 0 else line.value
        if role == Qt.ItemDataRole.ToolTipRole and line.detail:
            return line.detail
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
