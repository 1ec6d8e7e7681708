"""One change broadcast in the window: a step at one view reads again in the others,
without any poll (the timers are stopped)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desk.domain.localtime import parse_now
from desk.domain.status import AppointmentStatus, TicketReason
from desk.domain.steps import Action
from tests.ui.walkin_support import close_windows, copy_of, started_window
from ui.ops import Ops
from ui.views.main_window import MainWindow

EARLY = parse_now("2024-03-21T08:54")


@pytest.fixture
def window(
    ops: Ops, qtbot, settings: QSettings, demo_sqlite_url: str, tmp_path: Path
) -> Iterator[MainWindow]:
    url = copy_of(demo_sqlite_url, tmp_path / "demo-copy.sqlite")
    settings.setValue("ticket_pdf_dir", str(tmp_path))  # the slips as PDFs, here
    shown = started_window(ops, qtbot, settings, url, EARLY, 2, lambda w: (w.queue.loaded,))
    for timer in (shown.refresh_timer, shown.reception.timer, shown.queue.timer):
        timer.stop()  # only the change notices read again
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=10_000)
    yield shown
    close_windows(qtbot, ops, [shown])


def test_a_check_in_with_f5_tells_the_queue_panel(qtbot, window: MainWindow):
    nine = next(
        r
        for r in window.model.rows
        if r.status == AppointmentStatus.BOOKED and f"{r.starts_at:%H:%M}" == "09:00"
    )
    assert window.select_appointment(nine.id)
    assert nine.booking_code not in [e.code for e in window.queue.entries]
    with qtbot.waitSignals(
        [window.queue.loaded, window.reception.status_loaded, window.day_loaded], timeout=10_000
    ):
        window.actions_by_step[Action.CHECK_IN].trigger()  # F5
    assert nine.booking_code in [e.code for e in window.queue.entries]
    [row] = [r for r in window.model.rows if r.id == nine.id]
    assert row.status == AppointmentStatus.CHECKED_IN


def test_a_ticket_issued_at_the_reception_shows_in_the_queue(qtbot, window: MainWindow):
    with qtbot.waitSignal(window.queue.loaded, timeout=10_000):
        window.reception.issue(TicketReason.REGISTRATION)
    assert [e.code for e in window.queue.entries if e.kind == "ticket"] == ["W-001"]
