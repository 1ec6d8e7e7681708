"""Dialogs that stay on the screen whatever the text size (Ansicht → Textgröße).

A dialog is never larger than its screen's free area, and grows to the height its
wrapped texts need (Qt's top-level windows keep only their layout's minimum, which
leaves out word wrap); what still does not fit scrolls (``scrolling``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QLayout, QScrollArea, QStyle, QWidget


class ScreenFit(QObject):
    """Keeps its window within the screen, as high as its wrapped texts need and, until
    the clerk sizes it by hand, as large as it would like while the screen has room."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._asked: QSize | None = None  # the size fit() gave it last
        self._by_hand = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._window:
            return False
        kind = event.type()
        if kind == QEvent.Type.Resize and event.spontaneous() and self._asked is not None:
            self._by_hand = self._by_hand or self._window.size() != self._asked
        if kind in (QEvent.Type.Show, QEvent.Type.LayoutRequest, QEvent.Type.FontChange):
            QTimer.singleShot(0, self, lambda: self.fit(not self._by_hand))  # laid out anew
        return False

    def fit(self, grow: bool = True) -> None:
        """Bound the window by its screen; grow it to the height its texts need and,
        with ``grow``, to the size it would like while the screen has room."""
        window = self._window
        screen = window.screen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1366, 768)
        window.setMaximumSize(room)
        layout = window.layout()
        size = window.size().boundedTo(room)
        if grow:
            size = size.expandedTo(window.sizeHint()).boundedTo(room)
        if layout is not None and layout.hasHeightForWidth():
            size.setHeight(max(size.height(), layout.totalHeightForWidth(size.width())))
        size = size.expandedTo(window.minimumSize()).boundedTo(room)
        self._asked = size
        if size != window.size():
            window.resize(size)


def keep_on_screen(window: QWidget) -> ScreenFit:
    """Keep ``window`` (a dialog) on its screen and as high as its texts need."""
    return ScreenFit(window)


class Scrolling(QScrollArea):
    """A scroll area that takes its page's new minimum size (Qt's reads it only when
    the page is set or resized: a page that grows later, or whose text grows, was
    squeezed)."""

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)

    def sizeHint(self) -> QSize:
        """Room for the whole page where there is room (a dialog opens without
        scrolling if its screen allows)."""
        hint = super().sizeHint()
        page = self.widget()
        if page is None:
            return hint
        frame = 2 * self.frameWidth()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)  # up and down
        return hint.expandedTo(page.minimumSizeHint() + QSize(frame + bar, frame))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self._refit)
        return super().eventFilter(watched, event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the page's size hints changed
            self._refit()
        return super().viewportEvent(event)

    def _refit(self) -> None:
        self.setWidgetResizable(True)  # reads the page's minimum size again


def scrolling(content: QLayout | QWidget) -> QScrollArea:
    """A frameless scroll area holding ``content``: scrolls what the window cannot show."""
    page = content if isinstance(content, QWidget) else QWidget()
    if isinstance(content, QLayout):
        page.setLayout(content)
    area = Scrolling()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
