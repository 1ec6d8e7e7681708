"""One press, one ticket at reception: a double click, a refresh that lands while the
ticket is on its way, or a held key issue and print one ticket; a press after the
double-click interval is the next citizen's and gets the next ticket.

On a private copy of the demo database, Thursday 2024-03-21 08:30 (no ticket yet).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk.domain.localtime import parse_now
from desk.domain.status import TicketReason
from desk.services.database import DeskDatabase
from desk.store.models import Ticket
from desk.store.uow import UnitOfWork
from tests.ui.walkin_support import FRESH_DAY, MITTE, MITTE_NAME, Clock, copy_of, settle
from ui.ops import Ops
from ui.views.reception_view import ReceptionView

IN_THE_HOUR = parse_now("2024-03-21T08:30")


@pytest.fixture
def view(
    ops: Ops, qtbot, db_of: Callable[[str], DeskDatabase], demo_sqlite_url: str, tmp_path: Path
) -> Iterator[tuple[ReceptionView, DeskDatabase, list[str], Clock]]:
    """A shown reception of Mitte on a private demo copy at 08:30, its status loaded;
    the list has an entry per slip printed (the printer factory is asked once a slip).
    The clock stands still unless a test moves it on: all its clicks are one moment."""
    db = db_of(copy_of(demo_sqlite_url, tmp_path / "press.sqlite"))
    printed: list[str] = []

    def no_printer() -> None:
        printed.append("slip")

    clock = Clock(IN_THE_HOUR)
    made = ReceptionView(ops, clock, no_printer)
    made.show()
    with qtbot.waitSignal(made.status_loaded, timeout=10_000):
        made.set_office(db, MITTE, MITTE_NAME)
    made.timer.stop()  # only the view's own steps refresh
    yield made, db, printed, clock
    made.timer.stop()
    settle(qtbot, ops)
    made.close()
    made.deleteLater()


def tickets_of(db: DeskDatabase, day: date = FRESH_DAY) -> list[Ticket]:
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.scalars(
            select(Ticket)
            .where(Ticket.office_id == MITTE, Ticket.service_day == day)
            .order_by(Ticket.number)
        ).all()
        uow.session.expunge_all()
        return list(rows)


def answered(qtbot, ops: Ops, view: ReceptionView) -> None:
    """Wait until the ticket's answer and the refresh it told have arrived."""
    qtbot.waitUntil(
        lambda: ops.pending == 0 and view.buttons[TicketReason.OTHER].isEnabled(), timeout=10_000
    )


def test_a_double_click_issues_and_prints_one_ticket(qtbot, ops, view):
    reception, db, printed, _clock = view
    button = reception.buttons[TicketReason.OTHER]
    issued: list[str] = []
    reception.issued.connect(lambda info: issued.append(info.code))

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    answered(qtbot, ops, reception)  # the first ticket is out, the buttons are on again
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the double click's second click
    answered(qtbot, ops, reception)

    tickets = tickets_of(db)
    assert [t.code for t in tickets] == ["W-001"]
    assert tickets[0].request_id is not None
    assert issued == ["W-001"] and printed == ["slip"]
    assert "Noch 19 von 20 Wartenummern heute" in reception.status_label.text()
    assert reception.last_ticket.text() == "Zuletzt: W-001 (Sonstiges, 08:30 Uhr)"


def test_a_press_after_the_double_click_interval_is_the_next_ticket(qtbot, ops, view):
    reception, db, printed, clock = view
    button = reception.buttons[TicketReason.OTHER]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    answered(qtbot, ops, reception)
    clock.now += timedelta(seconds=1)  # longer than any double click
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    answered(qtbot, ops, reception)
    tickets = tickets_of(db)
    assert [t.code for t in tickets] == ["W-001", "W-002"]
    assert tickets[0].request_id != tickets[1].request_id
    assert printed == ["slip", "slip"]


def test_another_reason_at_once_is_another_ticket(qtbot, ops, view):
    reception, db, printed, _clock = view
    qtbot.mouseClick(reception.buttons[TicketReason.OTHER], Qt.MouseButton.LeftButton)
    answered(qtbot, ops, reception)
    qtbot.mouseClick(reception.buttons[TicketReason.REGISTRATION], Qt.MouseButton.LeftButton)
    answered(qtbot, ops, reception)
    assert [(t.code, t.reason) for t in tickets_of(db)] == [
        ("W-001", TicketReason.OTHER),
        ("W-002", TicketReason.REGISTRATION),
    ]
    assert printed == ["slip", "slip"]


def test_a_refresh_landing_before_the_answer_does_not_switch_the_buttons_on(qtbot, ops, view):
    reception, db, printed, _clock = view
    button = reception.buttons[TicketReason.OTHER]
    seen: list[bool] = []

    def clicked_while_on_its_way() -> None:
        if not seen:  # the refresh queued before the press answers first
            seen.append(button.isEnabled())
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    reception.status_loaded.connect(clicked_while_on_its_way)
    reception.refresh()  # a change told by the sync, its read still on the worker
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    answered(qtbot, ops, reception)
    assert seen == [False]
    assert [t.code for t in tickets_of(db)] == ["W-001"]
    assert printed == ["slip"]


def test_a_held_space_key_issues_one_ticket(qtbot, ops, view):
    reception, db, printed, _clock = view
    button = reception.buttons[TicketReason.OTHER]
    button.setFocus()

    def key(kind: QEvent.Type, repeat: bool) -> None:
        event = QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ", repeat)
        QApplication.sendEvent(button, event)

    key(QEvent.Type.KeyPress, False)
    for _ in range(5):  # the keyboard repeats while the key is held
        key(QEvent.Type.KeyRelease, True)
        key(QEvent.Type.KeyPress, True)
        qtbot.wait(30)
    key(QEvent.Type.KeyRelease, False)
    answered(qtbot, ops, reception)
    assert [t.code for t in tickets_of(db)] == ["W-001"]
    assert printed == ["slip"]
