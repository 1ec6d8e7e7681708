"""The printed confirmation of an appointment on A4 (or the printer's page)."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from desk.services.appointments.confirmation import Confirmation

#: The letter's text size (points), whatever the screen's font: DIN 5008 asks 10–12 pt.
LETTER_POINTS = 11.0
#: The "Erstellt …" line, quieter than the letter's black (7:1 on the white page).
PRINTED_NOTE = "#555555"


def print_confirmation(printer: QPrinter, confirmation: Confirmation, printed: datetime) -> None:
    """Lay out a confirmation on A4 (or the printer's page) and print it."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    lines = confirmation.lines()
    body = "".join(f"<p>{escape(line, quote=False) or '&nbsp;'}</p>" for line in lines[1:])
    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(LETTER_POINTS)
    document.setDefaultFont(font)
    document.setHtml(
        f"<h1>{escape(lines[0], quote=False)}</h1>{body}"
        f"<p style='color:{PRINTED_NOTE}'>Erstellt {printed:%d.%m.%Y %H:%M}</p>"
    )
    document.print_(printer)
