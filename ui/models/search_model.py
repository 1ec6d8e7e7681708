"""Table model over search hits: date, time, counter, name, code, status, service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desk.domain.localtime import time_span
from desk.domain.status import AppointmentStatus
from ui.labels import status_label
from ui.models.appointments_model import CANCELLED_TEXT, STATUS_COLOURS
from ui.models.row_table import RowTableModel
from ui.qt_dates import qdate

if TYPE_CHECKING:
    from desk.services.appointments.agenda import AppointmentRow

DATE, TIME, COUNTER, NAME, CODE, STATUS, SERVICE = range(7)


class SearchHitsModel(RowTableModel):
    """Read-only hits in the order the search gave them (upcoming first); the date with
    its weekday, the name in full."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("SearchHitsModel", "Datum"),
        QT_TRANSLATE_NOOP("SearchHitsModel", "Zeit"),
        QT_TRANSLATE_NOOP("SearchHitsModel", "Schalter"),
        QT_TRANSLATE_NOOP("SearchHitsModel", "Name"),
        QT_TRANSLATE_NOOP("SearchHitsModel", "Buchungscode"),
        QT_TRANSLATE_NOOP("SearchHitsModel", "Status"),
        QT_TRANSLATE_NOOP("SearchHitsModel", "Dienstleistung"),
    )

    def cell(self, row: AppointmentRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == STATUS:
            return QBrush(QColor(STATUS_COLOURS.get(AppointmentStatus(row.status), "#ffffff")))
        if role == Qt.ItemDataRole.ForegroundRole and row.status == AppointmentStatus.CANCELLED:
            return QBrush(QColor(CANCELLED_TEXT))
        if role == Qt.ItemDataRole.FontRole and column == CODE:
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return row.citizen_name
        return None

    @staticmethod
    def text(row: AppointmentRow, column: int) -> str:
        """What a hit shows in a column (the date as "Mi 27.03.2024")."""
        match column:
            case 0:
                return QLocale().toString(qdate(row.starts_at.date()), "ddd dd.MM.yyyy")
            case 1:
                return time_span(row.starts_at, row.ends_at)
            case 2:
                return row.counter_name
            case 3:
                return row.citizen_name
            case 4:
                return row.booking_code
            case 5:
                return status_label(row.status)
            case _:
                return row.service_name
