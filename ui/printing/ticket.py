"""The walk-in ticket slip for an 80 mm receipt printer (or a PDF): number, office,
time, reason, estimated wait (the range of the queue's one estimate, as reception and
the queue panel show it) — and no name, since a ticket has none."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from desk.domain.wait_estimate import WaitRange
from desk.domain.walkin import REASON_LABELS_DE

WIDTH_MM = 80.0
HEIGHT_MM = 110.0


def receipt_layout(printer: QPrinter) -> None:
    """80 mm wide paper, small margins (receipt printers cut the length themselves)."""
    size = QPageSize(QSizeF(WIDTH_MM, HEIGHT_MM), QPageSize.Unit.Millimeter, "Bon 80 mm")
    printer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(3, 3, 3, 3))
    )


def wait_line(wait: WaitRange | int | None) -> str:
    """The slip's wait: "etwa 10–15 Minuten" (a range), "etwa 5 Minuten" (one number)."""
    if wait is None:
        return "Wartezeit: wird gleich angezeigt"
    low, high = (wait, wait) if isinstance(wait, int) else (wait.low, wait.high)
    if low == high:
        return f"Geschätzte Wartezeit: etwa {low} Minuten"
    return f"Geschätzte Wartezeit: etwa {low}–{high} Minuten"


def ticket_lines(
    code: str, office: str, issued_at: datetime, reason: str, wait: WaitRange | int | None
) -> list[tuple[str, float, bool]]:
    """(text, relative size, bold) of each line of the slip, top to bottom."""
    return [
        (office, 1.0, True),
        ("Ihre Wartenummer", 0.9, False),
        (code, 3.2, True),
        (REASON_LABELS_DE.get(reason, reason), 1.0, False),
        (f"{issued_at:%d.%m.%Y, %H:%M} Uhr", 0.9, False),
        (wait_line(wait), 0.9, False),
        ("Bitte warten Sie, bis Ihre Nummer", 0.8, False),
        ("auf dem Bildschirm erscheint.", 0.8, False),
    ]


def print_ticket(
    printer: QPrinter,
    code: str,
    office: str,
    issued_at: datetime,
    reason: str,
    wait: WaitRange | int | None,
) -> None:
    """Lay out and print one ticket slip."""
    receipt_layout(printer)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("Der Drucker ist nicht bereit")
    try:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        width = float(page.width())
        base = printer.resolution() * 10 / 72  # 10 pt
        y = 0.0
        for text, size, bold in ticket_lines(code, office, issued_at, reason, wait):
            font = QFont("DejaVu Sans")
            font.setPixelSize(max(1, int(base * size)))
            font.setBold(bold)
            painter.setFont(font)
            height = painter.fontMetrics().height() * 1.25
            painter.drawText(QRectF(0, y, width, height), Qt.AlignmentFlag.AlignCenter, text)
            y += height
    finally:
        painter.end()
