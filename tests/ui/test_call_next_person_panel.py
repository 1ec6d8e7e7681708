"""The queue panel's call (F9 and its button) calls the next person as ``walkin call``
does (tests/cli/test_walkin_call_person.py, same data, same order): the lost document,
the appointment that is due, the tickets by number, then the appointment not yet due."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desk.domain.localtime import parse_now
from tests.ui.walkin_support import MITTE, Clock, settle
from tests.walkin_people import CALLED_AT, COUNTER, people_waiting
from ui.ops import Ops
from ui.views.person_words import press
from ui.views.queue_panel import QueuePanel


def test_the_panel_calls_in_the_order_of_walkin_call(
    ops: Ops, qtbot, db_of, demo_sqlite_url: str, tmp_path: Path
) -> None:
    waiting = people_waiting(demo_sqlite_url, tmp_path)
    panel = QueuePanel(ops, Clock(parse_now(CALLED_AT)))
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.set_counter(db_of(waiting.url), MITTE, COUNTER)
    panel.timer.stop()
    assert [e.code for e in panel.entries] == waiting.call_order

    called: list[str] = []
    panel.called.connect(called.append)
    for _ in waiting.call_order:
        current = panel.current_person
        with qtbot.waitSignals([panel.called, panel.loaded], timeout=10_000):
            qtbot.mouseClick(panel.call_next_button, Qt.MouseButton.LeftButton)
            if current is not None:  # asked what becomes of the one at the counter
                press(panel.question, f"{current.code} erledigt, nächste(n) aufrufen")
    assert called == waiting.call_order
    assert panel.entries == []
    last = panel.current_person
    assert last is not None and last.code == waiting.call_order[-1]

    with qtbot.assertNotEmitted(panel.called), qtbot.waitSignal(panel.refused) as refused:
        panel.call_next()  # what F9 does, even with the button off
        press(panel.question, f"{last.code} erledigt, nächste(n) aufrufen")
    assert refused.args == [f"Keine wartende Wartenummer in {MITTE}"]
    settle(qtbot, ops)
