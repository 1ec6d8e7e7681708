"""The move-in date of an Anmeldung: empty until typed, read as a whole German date.

A plain line edit (not a QDateEdit, whose sections would keep a date and swallow
typing): "01.03.2024", "1.3.2024" and "01.03.24" are all the 1st of March 2024;
only digits and dots can be typed.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

_WHOLE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")


def parse_german_date(text: str) -> date | None:
    """The day written as d.m.yyyy or d.m.yy (20yy), else None (also for 31.02.)."""
    found = _WHOLE.fullmatch(text.strip())
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    if len(found.group(3)) == 2:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


class MoveInField(QLineEdit):
    """A date typed as TT.MM.JJJJ; ``day()`` is None while empty or not a whole date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("TT.MM.JJJJ"))
        self.setMaxLength(10)
        self.setValidator(
            QRegularExpressionValidator(
                QRegularExpression(r"[0-9]{0,2}(\.[0-9]{0,2}(\.[0-9]{0,4})?)?"), self
            )
        )
        self.setAccessibleName(self.tr("Einzugsdatum (TT.MM.JJJJ)"))

    def day(self) -> date | None:
        """The typed date, or None."""
        return parse_german_date(self.text())

    def set_day(self, day: date | None) -> None:
        """Show a date (None: empty)."""
        self.setText("" if day is None else f"{day:%d.%m.%Y}")

    def problem(self) -> str | None:
        """Why the text is no date (None: empty or a whole date)."""
        if not self.text().strip() or self.day() is not None:
            return None
        return self.tr("Kein gültiges Datum – bitte als TT.MM.JJJJ eingeben.")
