"""Python dates as Qt dates (for date edits and QLocale formatting)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def qdate(day: date) -> QDate:
    """The QDate of a day."""
    return QDate(day.year, day.month, day.day)
