"""The day view of the counter calendar: appointment blocks over a time × counter grid.

Free, internal-only, released and closed time differ by colour and by pattern
or mark (never colour alone); a red line marks the current time.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QTableView

from desk.domain.cells import CellKind
from desk.domain.status import AppointmentStatus
from ui.contrast import over
from ui.models.calendar_model import CalendarModel
from ui.theme import POINT_SIZE

if TYPE_CHECKING:  # QStyle's types load with the first painted cell, not at start
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

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
#: The blocks' text, the free cells' marks and the tint of the clerk's own counter.
BLOCK_TEXT = "#1b1b1b"
MARK_COLOURS = {CellKind.ONLINE: "#2e7d32", CellKind.RELEASED: "#0b5c8a"}
OWN_TINT = QColor(255, 230, 120, 40)
#: High contrast: white blocks and free time with black text, edges and marks.
HIGH_CONTRAST_FILL = "#ffffff"
HIGH_CONTRAST_CLOSED = "#bdbdbd"
HIGH_CONTRAST_INK = "#000000"
#: The selected free cell's frame (inside); the focused current cell's frame (at its
#: edge, in the palette's selection colour: blue, or black in high contrast).
SELECTION_FRAME = "#1a4fa0"
FOCUS_WIDTH = 2
ROW_HEIGHT = 42  # two lines: time and service, then the name


class CalendarDelegate(QStyledItemDelegate):
    """Paints appointment blocks (spanning their rows) and the free/closed patterns.

    Colours, brushes and pens are made once: a day switch paints a few hundred cells.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.high_contrast = False
        self._fills = {k: QColor(v) for k, v in STATUS_FILL.items()}
        self._edges = {k: QColor(v) for k, v in STATUS_EDGE.items()}
        self._kind_fill = {k: QColor(v[0]) for k, v in KIND_STYLE.items()}
        self._patterns = {
            k: QBrush(QColor("#9e9e9e" if k == CellKind.CLOSED else "#b5b5a0"), v[1])
            for k, v in KIND_STYLE.items()
            if v[1] is not None
        }
        self._mark_colours = {k: QColor(v) for k, v in MARK_COLOURS.items()}
        self._own_tint = OWN_TINT
        self._tinted: dict[int, QColor] = {}  # a fill's rgb: the fill under the own tint
        self._line = QPen(QColor("#d0d0d0"))
        self._selection = QPen(QColor(SELECTION_FRAME), 2)
        self._white = QColor(HIGH_CONTRAST_FILL)
        self._closed_contrast = QColor(HIGH_CONTRAST_CLOSED)
        self._black = QColor(HIGH_CONTRAST_INK)
        self._text = QColor(BLOCK_TEXT)
        self._grey = QColor("#555555")
        self._fonts: tuple[QFont, QFont] | None = None
        self._metrics: tuple[QFontMetrics, QFontMetrics] | None = None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Read the model directly: index.data() returning None corrupts None's
        # reference count in PySide6 6.12 (a crash after many paints).
        model = index.model()
        if not isinstance(model, CalendarModel):
            return
        cell = model.cell(index.row(), index.column())
        if cell is None:
            return
        kind, appointment, head = cell[0], cell[1], cell[2]
        rect: QRect = option.rect  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        selected = bool(state & QtWidgets.QStyle.StateFlag.State_Selected)
        if kind == CellKind.BOOKED and appointment is not None:
            if not head:
                return
            # the style's selection colour round a selected block only shows the focus
            painter.fillRect(rect, option.palette.base())  # type: ignore[attr-defined]
            self._paint_block(
                painter,
                rect,
                model.block_lines(appointment, cell[4]),
                appointment.status,
                selected,
            )
        else:
            self._paint_free(painter, rect, kind, model.is_own(index.column()), selected)
        if state & QtWidgets.QStyle.StateFlag.State_HasFocus:
            palette: QPalette = option.palette  # type: ignore[attr-defined]
            block = kind == CellKind.BOOKED
            self._paint_focus(painter, rect, palette, block)

    def block_colours(self, state: str) -> tuple[QColor, QColor, QColor]:
        """A block's fill, edge and text colour in the current theme."""
        if self.high_contrast:
            return self._white, self._black, self._black
        return self._fills.get(state, self._white), self._edges.get(state, self._grey), self._text

    def free_colours(self, kind: CellKind, own: bool) -> tuple[QColor, QColor | None]:
        """A free or closed cell's fill (under its pattern, tinted at the own counter) and
        its mark's colour (None: no mark), in the current theme."""
        if self.high_contrast:
            fill = self._white if kind != CellKind.CLOSED else self._closed_contrast
        else:
            fill = self._kind_fill[kind]
        if own and kind != CellKind.CLOSED:
            tinted = self._tinted.get(fill.rgb())
            if tinted is None:
                tinted = self._tinted[fill.rgb()] = over(self._own_tint, fill)
            fill = tinted
        if not KIND_STYLE[kind][2]:
            return fill, None
        return fill, self._black if self.high_contrast else self._mark_colours[kind]

    def _paint_focus(self, painter: QPainter, rect: QRect, palette: QPalette, block: bool) -> None:
        """The current cell's focus: a frame in the selection colour at its edge (outside
        a free cell's selection frame); round a block a light line inside it, over the
        block's dark edge, so the frame stands apart from it."""
        pen = QPen(palette.color(QPalette.ColorRole.Highlight), FOCUS_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = FOCUS_WIDTH // 2
        painter.drawRect(rect.adjusted(inset, inset, -inset, -inset))
        if block:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1))
            painter.drawRect(rect.adjusted(FOCUS_WIDTH, FOCUS_WIDTH, -3, -3))

    def _fonts_for(self, painter: QPainter) -> tuple[QFont, QFont]:
        if self._fonts is None or self._fonts[0] != painter.font():
            plain = QFont(painter.font())
            bold = QFont(plain)
            bold.setBold(True)
            self._fonts = (plain, bold)
            self._metrics = (QFontMetrics(plain), QFontMetrics(bold))
        return self._fonts

    def _paint_free(
        self, painter: QPainter, rect: QRect, kind: CellKind, own: bool, selected: bool
    ) -> None:
        fill, mark_colour = self.free_colours(kind, own)
        painter.fillRect(rect, fill)
        pattern = self._patterns.get(kind)
        if pattern is not None:
            painter.fillRect(rect, pattern)
        mark = KIND_STYLE[kind][2]
        if mark and mark_colour is not None:
            plain, bold = self._fonts_for(painter)
            painter.setPen(mark_colour)
            painter.setFont(bold)
            painter.drawText(
                rect.adjusted(4, 0, -4, 0),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                mark,
            )
            painter.setFont(plain)
        painter.setPen(self._line)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if selected:
            painter.setPen(self._selection)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(3, 3, -3, -3))  # the focus frame goes round it

    def _paint_block(
        self, painter: QPainter, rect: QRect, lines: list[str], state: str, selected: bool
    ) -> None:
        block = rect.adjusted(2, 1, -2, -1)
        # the states are StrEnum keys: the plain string finds them, no enum call per block
        fill, edge, ink = self.block_colours(state)
        painter.setBrush(fill)
        painter.setPen(QPen(edge, 3 if selected else 1))
        # a selected block's thick edge stays inside it: the gap round it shows the focus
        painter.drawRoundedRect(block.adjusted(1, 1, -1, -1) if selected else block, 3, 3)
        painter.fillRect(QRect(block.left(), block.top(), 5, block.height()), edge)
        painter.setPen(ink)
        plain, bold = self._fonts_for(painter)
        assert self._metrics is not None
        fonts, metrics = (bold, plain), self._metrics
        area = block.adjusted(9, 2, -4, -2)
        left, width, bottom = area.left(), area.width(), area.bottom() + 2
        height, ascent = metrics[0].height(), metrics[0].ascent()
        y = area.top()
        elide = Qt.TextElideMode.ElideRight
        for number, line in enumerate(lines):
            if number > 0 and y + height > bottom:
                break
            first = number == 0
            painter.setFont(fonts[0] if first else fonts[1])
            text = metrics[1 if first else 0].elidedText(line, elide, width)
            painter.drawText(left, y + ascent, text)
            y += height
        painter.setFont(plain)


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
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._size_to_text()
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        self.now: datetime | None = None
        self.setAccessibleName(self.tr("Schalterkalender"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # another text size
            self._size_to_text()

    def _size_to_text(self) -> None:
        """Rows and columns grow with the text size (two lines a row; a narrower column
        than a counter's name scrolls sideways)."""
        lines = max(1.0, self.font().pointSizeF() / POINT_SIZE)
        self.verticalHeader().setDefaultSectionSize(round(ROW_HEIGHT * lines))
        self.horizontalHeader().setMinimumSectionSize(round(120 * lines))

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

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Keys come in where the day is: with no current cell yet, a key (Tab, Strg+1,
        after sign-in) starts at the own counter's cell at now, or at the first row in
        view; nothing is chosen by it (the arrows choose). A click chooses its own."""
        keyboard = event.reason() != Qt.FocusReason.MouseFocusReason
        model = self.model()
        if keyboard and not self.currentIndex().isValid() and model and model.rowCount() > 0:
            grid = self.calendar().grid
            row = grid.row_of(self.now) if grid is not None and self.now is not None else None
            start = model.index(row if row is not None else max(0, self.rowAt(0)), 0)
            self.selectionModel().setCurrentIndex(start, QItemSelectionModel.SelectionFlag.NoUpdate)
        super().focusInEvent(event)

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
