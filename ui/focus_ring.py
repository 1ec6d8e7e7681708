"""A visible keyboard focus in every window and dialog (WCAG 2.4.7): a frame in the
palette's text colour (black in both themes) round the control that has the focus.

The style's own sign of focus is faint (Fusion: a thin blue line, nothing on a table's
current row). A button or a field gets the frame outside, round it (Qt's QFocusFrame);
a table, list or text area fills its place, where a frame outside would be cut off, so
it gets the frame just inside its edge. The calendar also marks its current cell.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QRegion
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QFocusFrame, QWidget

#: The frame inside a table or list (pixels).
INNER_WIDTH = 2


class InnerRing(QWidget):
    """A frame drawn just inside the edge of the widget it lies on; clicks go through."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._fit()
        widget.installEventFilter(self)
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._fit()
        return False

    def _fit(self) -> None:
        parent = self.parentWidget()
        assert parent is not None
        rect = parent.rect()
        self.setGeometry(rect)
        inside = rect.adjusted(INNER_WIDTH, INNER_WIDTH, -INNER_WIDTH, -INNER_WIDTH)
        self.setMask(QRegion(rect).subtracted(QRegion(inside)))
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.WindowText))
        painter.end()


class FocusRing(QObject):
    """Moves the focus frame to whichever control gets the focus."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._frame: QFocusFrame | None = None
        self._inner: InnerRing | None = None
        app.focusChanged.connect(self._moved)

    def frame(self) -> QWidget | None:
        """The frame shown now (round a control or inside a view), or None."""
        if self._inner is not None:
            return self._inner
        if self._frame is not None and self._frame.widget() is not None:
            return self._frame
        return None

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._inner is not None:
            self._inner.destroyed.disconnect(self._inner_gone)
            self._inner.hide()  # at once: deleted only when the event loop comes round
            self._inner.deleteLater()
            self._inner = None
        if self._frame is not None:
            self._frame.setWidget(None)  # type: ignore[arg-type]  # Qt takes no widget
        if new is None or new.isWindow():
            return
        if isinstance(new, QAbstractScrollArea):
            self._inner = InnerRing(new)
            self._inner.destroyed.connect(self._inner_gone)
            return
        if self._frame is None:
            self._frame = QFocusFrame(new)  # reparented next to the control it frames
            self._frame.destroyed.connect(self._gone)
        self._frame.setWidget(new)

    def _gone(self) -> None:
        self._frame = None  # its window was closed: a new one with the next focus

    def _inner_gone(self) -> None:
        self._inner = None  # gone with its view


def show_focus(app: QApplication) -> FocusRing:
    """Frame the focused control in every window of ``app`` from now on (once per app)."""
    ring = app.findChild(FocusRing)
    return ring if isinstance(ring, FocusRing) else FocusRing(app)
