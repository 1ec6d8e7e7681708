"""Table models of the capacity editor: the what-if preview per day, the collisions,
the opening cells and the closures (all over frozen rows from desk)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ui.labels import weekday_label
from ui.models.row_table import RowTableModel

if TYPE_CHECKING:
    from desk.services.capacity.preview import PreviewDay

CHANGED = QColor("#fff0c2")


def number_text(value: int | None) -> str:
    """A count as shown; None is an unlimited quota."""
    if value is None:
        return QCoreApplication.translate("CapacityPreviewModel", "unbegrenzt")
    return str(value)


def after_text(before: int | None, after: int | None) -> str:
    """The after value, with the difference in words when it changed (not only colour)."""
    if before == after:
        return number_text(after)
    if before is None or after is None:
        changed = QCoreApplication.translate("CapacityPreviewModel", "geändert")
        return f"{number_text(after)} ({changed})"
    return f"{after} ({after - before:+d})"


class CapacityPreviewModel(RowTableModel):
    """One row per day: portal, internal and walk-in quota, each before and after."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("CapacityPreviewModel", "Tag"),
        QT_TRANSLATE_NOOP("CapacityPreviewModel", "Portal\nvorher"),
        QT_TRANSLATE_NOOP("CapacityPreviewModel", "Portal\nnachher"),
        QT_TRANSLATE_NOOP("CapacityPreviewModel", "Intern\nvorher"),
        QT_TRANSLATE_NOOP("CapacityPreviewModel", "Intern\nnachher"),
        QT_TRANSLATE_NOOP("CapacityPreviewModel", "Kontingent\nvorher"),
        QT_TRANSLATE_NOOP("CapacityPreviewModel", "Kontingent\nnachher"),
    )

    def set_days(self, days: list[PreviewDay]) -> None:
        """Show a new preview (a reset: every number may have changed)."""
        self.set_rows(days)

    @property
    def days(self) -> list[PreviewDay]:
        """The days shown."""
        return self.rows

    def _pair(self, row: PreviewDay, column: int) -> tuple[int | None, int | None]:
        b, a = row.before, row.after
        return {
            1: (b.portal, a.portal),
            2: (b.portal, a.portal),
            3: (b.internal, a.internal),
            4: (b.internal, a.internal),
            5: (b.walk_in, a.walk_in),
            6: (b.walk_in, a.walk_in),
        }[column]

    def cell(self, row: PreviewDay, column: int, role: int) -> Any:
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                mark = " *" if row.changed else ""
                return f"{weekday_label(row.day.weekday())} {row.day:%d.%m.}{mark}"
            if role == Qt.ItemDataRole.ToolTipRole and row.after.closed:
                return row.after.closed
            return None
        before, after = self._pair(row, column)
        changed = column % 2 == 0 and before != after
        if role == Qt.ItemDataRole.DisplayRole:
            return after_text(before, after) if column % 2 == 0 else number_text(before)
        if role == Qt.ItemDataRole.BackgroundRole and changed:
            return QBrush(CHANGED)
        if role == Qt.ItemDataRole.FontRole and changed:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
