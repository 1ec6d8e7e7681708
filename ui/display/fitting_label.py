"""A label of the call display that never widens its window: too long a text first
shrinks (down to a smallest size), then is shortened with "…"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class FittingLabel(QLabel):
    """A one-line label whose text fits its width: ``full_text()`` is what was set,
    ``text()`` what shows. Its width comes from the layout, never from its text."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self._full = text
        self._elide = elide
        self._px, self._min_px, self._shown_px, self._weight = 0, 0, 0, 400
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.setMinimumWidth(1)
        self._fit()

    def setText(self, text: str) -> None:
        """Show ``text`` shrunk or shortened to the label's width."""
        self._full = text
        self._fit()

    def setWordWrap(self, on: bool) -> None:
        """Wrap the words of a long text (a message) instead of shortening it."""
        super().setWordWrap(on)
        self._fit()

    def full_text(self) -> str:
        """The text as set, before shortening."""
        return self._full

    def set_font_px(self, px: int, *, bold: bool = False, min_px: int | None = None) -> None:
        """The wanted font size; a text too wide shrinks down to ``min_px`` (default:
        no shrinking) before it is shortened."""
        self._px, self._weight = px, 700 if bold else 400
        self._min_px = min(px, min_px if min_px is not None else px)
        self._apply_px(px)
        self._fit()

    def font_px(self) -> int:
        """The font size the text shows in now (after shrinking)."""
        return self._shown_px

    def _apply_px(self, px: int) -> None:
        self._shown_px = px
        sheet = f"font-size: {px}px; font-weight: {self._weight};"
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)

    def _fit(self) -> None:
        """Shrink (within the allowed sizes), then elide to the current width; a label
        that wraps its words (a message) shows its whole text on several lines."""
        if self.wordWrap():
            if super().text() != self._full:
                super().setText(self._full)
            return
        width = max(self.contentsRect().width(), 1)
        if self._px and self._min_px < self._px:
            self._apply_px(self._fitting_px(width))
        shown = QFontMetrics(self.font()).elidedText(self._full, self._elide, width)
        if super().text() != shown:
            super().setText(shown)

    def _fitting_px(self, width: int) -> int:
        """The largest size from the wanted one down to the smallest that fits ``width``."""
        font = QFont(self.font())
        font.setWeight(QFont.Weight(self._weight))
        for px in range(self._px, self._min_px - 1, -2):
            font.setPixelSize(px)
            if QFontMetrics(font).horizontalAdvance(self._full) <= width:
                return px
        return self._min_px

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new width: fit again."""
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        """A new font (a style sheet): fit again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()
