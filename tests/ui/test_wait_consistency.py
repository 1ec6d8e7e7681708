"""One waiting-time estimate on every screen: at the same moment reception, the queue
panel, the printed ticket and the call display show the same range and the same number
of people waiting — tickets and checked-in appointments alike.

Works on a private copy of the demo city (seeded Wednesday 2024-03-20 10:30): on
Thursday 2024-03-21 Bürgerbüro Mitte has no ticket yet, so the test's own tickets, one
checked-in appointment and the demo's past weeks of served tickets make the picture.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from desk.domain.localtime import parse_now
from desk.domain.status import AppointmentStatus, TicketReason
from desk.services.appointments.agenda import day_appointments
from desk.services.appointments.lifecycle import check_in_by_code
from desk.services.database import DeskDatabase
from desk.services.walkin.display import display_board
from desk.services.walkin.queue import queue_picture
from desk.services.walkin.tickets import issue_ticket
from tests.ui.walkin_support import FRESH_DAY, MITTE, MITTE_NAME, Clock, copy_of, settle
from ui.display.window import DisplayWindow
from ui.ops import Ops
from ui.views.queue_panel import QueuePanel
from ui.views.reception_view import ReceptionView

NOW = parse_now("2024-03-21T08:40")


def pdf_text(path: Path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = document.getAllText(0).text()
    document.close()
    return text


def prepare(db: DeskDatabase) -> None:
    """Nine tickets (more than Mitte's six counters) and one appointment checked in (due at
    10:00: after the tickets)."""
    for minute in (5, 9, 14, 17, 20, 22, 25, 29, 33):
        issue_ticket(db, MITTE, TicketReason.OTHER, parse_now(f"2024-03-21T08:{minute:02d}"))
    booked = [
        row
        for row in day_appointments(db, MITTE, FRESH_DAY)
        if row.status == AppointmentStatus.BOOKED and row.starts_at.hour == 10
    ]
    check_in_by_code(db, MITTE, booked[0].booking_code, parse_now("2024-03-21T08:30"))


def test_reception_queue_panel_and_ticket_show_the_same_wait_and_count(
    qtbot, ops: Ops, demo_sqlite_url: str, tmp_path: Path, db_of: Callable[[str], DeskDatabase]
):
    url = copy_of(demo_sqlite_url, tmp_path / "demo-copy.sqlite")
    db = db_of(url)
    prepare(db)
    slips: list[Path] = []

    def pdf_printer() -> QPrinter:
        slips.append(tmp_path / f"slip-{len(slips)}.pdf")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(slips[-1]))
        return printer

    clock = Clock(NOW)
    reception = ReceptionView(ops, clock, pdf_printer)
    panel = QueuePanel(ops, clock)
    display = DisplayWindow(
        ops, lambda: db, MITTE, clock, poll_ms=600_000, stale_after=600.0, sound=False, speech=False
    )
    display.resize(1280, 720)
    try:
        for widget in (reception, panel, display):
            widget.show()
        with qtbot.waitSignals(
            [reception.status_loaded, panel.loaded, display.updated], timeout=10_000
        ):
            reception.set_office(db, MITTE, MITTE_NAME)
            panel.set_counter(db, MITTE, 2)
            display.start()
        for timer in (reception.timer, panel.timer):
            timer.stop()

        before = queue_picture(db, MITTE, NOW)
        new = before.next_ticket
        assert before.waiting == 10 and new.low < new.high  # a real range, not 0–0
        assert f" · 10 warten · geschätzte Wartezeit etwa {new.low}–{new.high} min" in (
            reception.status_label.text()
        )
        assert panel.summary.text() == "10 warten"
        # the display: the same count and the same range for a ticket drawn now, whole
        assert display.waiting_label.text() == "Wartende: 10"
        shown = f"Wartezeit für eine neue Nummer: ca. {new.low}–{new.high} min"
        assert display.wait_label.text() == display.wait_label.full_text() == shown
        rows = [panel.waiting.item(i).text() for i in range(panel.waiting.count())]
        for row, entry in zip(rows, before.entries, strict=True):
            low, high = entry.wait.low, entry.wait.high
            assert row.endswith(f"ca. {low}–{high} min" if low < high else f"ca. {low} min")

        # the same moment: a ticket drawn gets the wait reception showed for a new one
        with qtbot.waitSignals([reception.issued, reception.status_loaded, panel.loaded]):
            qtbot.mouseClick(
                reception.buttons[TicketReason.REGISTRATION], Qt.MouseButton.LeftButton
            )
        settle(qtbot, ops)
        info = reception.last_ticket.text()
        assert "W-010" in info
        [slip] = slips
        assert f"etwa {new.low}–{new.high} Minuten" in pdf_text(slip)
        after = queue_picture(db, MITTE, NOW)
        [own] = [e for e in after.entries if e.code == "W-010"]
        assert own.wait == new
        row = panel.waiting.item(after.entries.index(own)).text()
        assert row.startswith("W-010") and row.endswith(f"ca. {new.low}–{new.high} min")
        # everybody counts the same eleven people: nine + one tickets, one appointment
        assert " · 11 warten · " in reception.status_label.text()
        assert panel.summary.text() == "11 warten"
        assert display_board(db, MITTE, NOW).waiting == after.waiting == 11
        # the next new ticket: reception and the display again show one range
        with qtbot.waitSignal(display.updated, timeout=10_000):
            display.refresh()
        later = after.next_ticket
        assert display_board(db, MITTE, NOW).next_ticket == later
        assert f" · 11 warten · geschätzte Wartezeit etwa {later.low}–{later.high} min" in (
            reception.status_label.text()
        )
        assert display.waiting_label.text() == "Wartende: 11"
        assert display.wait_label.text() == (
            f"Wartezeit für eine neue Nummer: ca. {later.low}–{later.high} min"
        )
    finally:
        for timer in (reception.timer, panel.timer):
            timer.stop()
        display.stop()
        settle(qtbot, ops)
        for widget in (reception, panel, display):
            widget.close()
            widget.deleteLater()
