"""The keys into the window's places (Strg+1 … Strg+6): a place shown is also where the
keys go, so a screen reader reads it and the next key acts in it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget


def focus_into(place: QWidget) -> QWidget | None:
    """Give the focus to ``place``, or to its first control that takes Tab (a page of
    controls: the reception, the side panels). Returns who has it (None: nobody can)."""
    inner = place.widget() if isinstance(place, QScrollArea) else None
    if inner is None and not isinstance(place, QScrollArea) and _takes_tab(place):
        place.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return place
    scope = inner if inner is not None else place
    widget = scope.nextInFocusChain()
    for _ in range(500):  # the chain is a ring; a page has far fewer controls
        if widget is None or widget is scope:
            break
        if scope.isAncestorOf(widget) and _takes_tab(widget) and widget.isVisibleTo(place):
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return widget
        widget = widget.nextInFocusChain()
    return None


def _takes_tab(widget: QWidget) -> bool:
    """A control the Tab key stops at (an enabled one; a scroll area's frame is not)."""
    if isinstance(widget, QScrollArea) or not widget.isEnabled():
        return False
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
