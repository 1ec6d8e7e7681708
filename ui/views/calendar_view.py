"""The day view of the counter calendar: appointment blocks over a time × counter grid.

Free, internal-only, released and closed time differ by colour and by pattern
or mark (never colour alone); a red line marks the current time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desk.domain.status import AppointmentStatus
from desk.services.calendar import CellKind
from ui.models.calendar_model import CalendarModel

Index = QModelIndex | QPersistentModelIndex

#: Block colours by appointment state (text stays dark on all of them).
STATUS_FILL = {
    AppointmentStatus.BOOKED: "#cfe0fc",
    AppointmentStatus.CHECKED_IN: "#ffe9a8",
    AppointmentStatus.CALLED: "#ffc98b",
    AppointmentStatus.IN_SERVICE: "#b8e8c2",
    AppointmentStatus.DONE: "#dcdcdc",
    AppointmentStatus.NO_SHOW: "#e9c6f0",
}
STATUS_EDGE = {
    AppointmentStatus.BOOKED: "#2f5fb3",
    AppointmentStatus.CHECKED_IN: "#a67c00",
    AppointmentStatus.CALLED: "#c25e00",
    AppointmentStatus.IN_SERVICE: "#1d7a34",
    AppointmentStatus.DONE: "#777777",
    AppointmentStatus.NO_SHOW: "#8a3b99",
}
#: Free and closed time: background, pattern, mark.
KIND_STYLE: dict[CellKind, tuple[str, Qt.BrushStyle | None, str]] = {
    CellKind.ONLINE: ("#f4fbf4", None, "@"),
    CellKind.INTERNAL: ("#fbfbf2", Qt.BrushStyle.BDiagPattern, ""),
    CellKind.RELEASED: ("#e9f7ff", None, "+"),
    CellKind.CLOSED: ("#e4e4e4", Qt.BrushStyle.DiagCrossPattern, ""),
}
HIGH_CONTRAST_FILL = "#ffffff"
ROW_HEIGHT = 42  # two lines: time and service, then the name


class CalendarDelegate(QStyledItemDelegate):
    """Paints appointment blocks (spanning their rows) and the free/closed patterns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.high_contrast = False

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Read the model directly: index.data() returning None corrupts None's
        # reference count in PySide6 6.12 (a crash after many paints).
        model = index.model()
        if not isinstance(model, CalendarModel):
            return
        cell = model.cell(index.row(), index.column())
        if cell is None:
            return
        kind, appointment, head, _rows = cell
        rect: QRect = option.rect  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        if kind == CellKind.BOOKED and appointment is not None:
            if head:
                self._paint_block(
                    painter, rect, model.block_lines(appointment), appointment.status, selected
                )
        else:
            self._paint_free(painter, rect, kind, model.is_own(index.column()), selected)
        painter.restore()

    def _paint_free(
        self, painter: QPainter, rect: QRect, kind: CellKind, own: bool, selected: bool
    ) -> None:
        colour, pattern, mark = KIND_STYLE[kind]
        if self.high_contrast:
            colour = HIGH_CONTRAST_FILL if kind != CellKind.CLOSED else "#bdbdbd"
        painter.fillRect(rect, QColor(colour))
        if own and kind != CellKind.CLOSED:
            painter.fillRect(rect, QColor(255, 230, 120, 40))
        if pattern is not None:
            painter.fillRect(
                rect, QBrush(QColor("#b5b5a0" if kind != CellKind.CLOSED else "#9e9e9e"), pattern)
            )
        if mark:
            painter.setPen(QColor("#2e7d32" if kind == CellKind.ONLINE else "#0b5c8a"))
            font = QFont(painter.font())
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(
                rect.adjusted(4, 0, -4, 0),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                mark,
            )
        painter.setPen(QColor("#d0d0d0"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if selected:
            painter.setPen(QPen(QColor("#1a4fa0"), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

    def _paint_block(
        self, painter: QPainter, rect: QRect, lines: list[str], state: str, selected: bool
    ) -> None:
        status = AppointmentStatus(state)
        block = rect.adjusted(2, 1, -2, -1)
        fill = HIGH_CONTRAST_FILL if self.high_contrast else STATUS_FILL.get(status, "#ffffff")
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(fill))
        edge = QColor("#000000" if self.high_contrast else STATUS_EDGE.get(status, "#555555"))
        painter.setPen(QPen(edge, 3 if selected else 1))
        painter.drawRoundedRect(block, 4, 4)
        painter.fillRect(QRect(block.left(), block.top(), 5, block.height()), edge)
        painter.setPen(QColor("#000000" if self.high_contrast else "#1b1b1b"))
        metrics = painter.fontMetrics()
        area = block.adjusted(9, 2, -4, -2)
        y = area.top()
        for number, line in enumerate(lines):
            if y + metrics.height() > area.bottom() + 2 and number > 0:
                break
            font = QFont(painter.font())
            font.setBold(number == 0)
            painter.setFont(font)
            text = painter.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, area.width())
            painter.drawText(area.left(), y + painter.fontMetrics().ascent(), text)
            y += metrics.height()


class CalendarView(QTableView):
    """The grid view: spans appointment blocks, keeps them in step with the model, and
    draws the "now" line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = CalendarDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(120)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        self.now: datetime | None = None
        self.setAccessibleName(self.tr("Schalterkalender"))

    def setModel(self, model: CalendarModel) -> None:  # type: ignore[override]
        super().setModel(model)
        model.modelReset.connect(self.apply_spans)
        model.dataChanged.connect(lambda *_a: self.apply_spans())

    def calendar(self) -> CalendarModel:
        """The calendar model shown."""
        model = self.model()
        assert isinstance(model, CalendarModel)
        return model

    def apply_spans(self) -> None:
        """Make each appointment one block spanning its rows."""
        self.clearSpans()
        for row, column, rows in self.calendar().spans():
            self.setSpan(row, column, rows, 1)

    def set_now(self, now: datetime) -> None:
        """Move the "now" line."""
        self.now = now
        self.viewport().update()

    def now_y(self) -> int | None:
        """The viewport y of the current time, or None when it is not on this day."""
        grid = self.calendar().grid
        if grid is None or self.now is None:
            return None
        row = grid.row_of(self.now)
        if row is None:
            return None
        step = timedelta(minutes=grid.step_minutes)
        fraction = (self.now - grid.times[row]) / step
        return int(self.rowViewportPosition(row) + fraction * self.rowHeight(row))

    def scroll_to_now(self) -> None:
        """Bring the current time near the top (on today)."""
        grid = self.calendar().grid
        if grid is None or self.now is None:
            return
        row = grid.row_of(self.now)
        if row is not None:
            self.doItemsLayout()  # the scroll range is updated lazily otherwise
            self.verticalScrollBar().setValue(max(0, row - 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        y = self.now_y()
        if y is None:
            return
        painter = QPainter(self.viewport())
        painter.setPen(QPen(QColor("#d32f2f"), 2))
        painter.drawLine(0, y, self.viewport().width(), y)
        painter.setBrush(QColor("#d32f2f"))
        painter.drawEllipse(0, y - 4, 8, 8)
        painter.end()
