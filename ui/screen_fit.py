"""Dialogs that stay on the screen whatever the text size (Ansicht → Textgröße).

A dialog is never larger than its screen's free area, and grows to the height its
wrapped texts need (Qt's top-level windows keep only their layout's minimum, which
leaves out word wrap); what still does not fit scrolls (``scrolling``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QLayout, QScrollArea, QWidget


class ScreenFit(QObject):
    """Keeps its window within the screen and as high as its wrapped texts need."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in (
            QEvent.Type.Show,
            QEvent.Type.LayoutRequest,
            QEvent.Type.FontChange,
        ):
            shown = event.type() == QEvent.Type.Show
            QTimer.singleShot(0, self, lambda: self.fit(shown))  # once laid out anew
        return False

    def fit(self, shown: bool = False) -> None:
        """Bound the window by its screen; grow it to the height its texts need and,
        when just ``shown``, to the size it would like while the screen has room."""
        window = self._window
        screen = window.screen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1366, 768)
        window.setMaximumSize(room)
        layout = window.layout()
        size = window.size().boundedTo(room)
        if shown:
            size = size.expandedTo(window.sizeHint()).boundedTo(room)
        if layout is not None and layout.hasHeightForWidth():
            size.setHeight(max(size.height(), layout.totalHeightForWidth(size.width())))
        size = size.expandedTo(window.minimumSize()).boundedTo(room)
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
