"""A date field that Tab leaves: Qt's QDateEdit moves between its parts (weekday, day,
month, year) on Tab, silently for a screen reader, so a keyboard user needed four Tabs
to get past it. Here Tab and Shift+Tab go to the next control; the arrow keys move
between the parts and ↑/↓ change the one under the cursor, as before."""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QWidget


class DateField(QDateEdit):
    """A QDateEdit whose Tab goes to the next control, not to the next part."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
