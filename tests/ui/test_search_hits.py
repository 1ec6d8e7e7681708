"""The search dialog with many hits ("Müller" in the demo city): date with weekday, time,
counter, the whole name, code and status in German, upcoming first, a hit count."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from desk.domain.localtime import local_day_bounds
from desk.domain.status import STATUS_LABELS_DE
from tests.ui.conftest import NOW
from ui.models.search_model import CODE, COUNTER, DATE, NAME, STATUS, TIME

MITTE = "bb-mitte"
WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


def test_many_hits_show_what_a_clerk_needs_upcoming_first(
    qtbot, make_window, qtmodeltester, demo_sqlite_url
):
    window = make_window(demo_sqlite_url, office_id=MITTE, counter_number=1)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    dialog = window.open_search()
    assert dialog is not None
    dialog.show()
    with qtbot.waitSignal(dialog.results_loaded, timeout=10_000):
        dialog.field.setText("Müller")  # QTest types ASCII only

    model, table = dialog.model, dialog.results
    rows = model.rows
    assert len(rows) == 93
    assert dialog.info.text().startswith("93 Treffer")
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:6] == ["Datum", "Zeit", "Schalter", "Name", "Buchungscode", "Status"]

    # upcoming first (today's from midnight on, ascending), then the past, latest first
    midnight, _ = local_day_bounds(NOW.date(), NOW.tzinfo)
    upcoming = [r.starts_at for r in rows if r.starts_at >= midnight]
    past = [r.starts_at for r in rows if r.starts_at < midnight]
    assert upcoming and past
    assert [r.starts_at for r in rows] == upcoming + past
    assert upcoming == sorted(upcoming) and past == sorted(past, reverse=True)

    metrics = table.fontMetrics()
    for number, row in enumerate(rows):
        day = model.index(number, DATE).data()
        weekday, shown = re.fullmatch(r"(\w\w)\.? (\d\d\.\d\d\.\d{4})", day).groups()
        assert shown == f"{row.starts_at:%d.%m.%Y}"
        assert weekday == WEEKDAYS[row.starts_at.weekday()]
        assert model.index(number, TIME).data().startswith(f"{row.starts_at:%H:%M}–")
        assert model.index(number, COUNTER).data() == row.counter_name
        assert model.index(number, CODE).data() == row.booking_code
        assert model.index(number, STATUS).data() == STATUS_LABELS_DE[row.status]
        name = model.index(number, NAME).data()
        assert name == row.citizen_name and "…" not in name
        assert table.columnWidth(NAME) >= metrics.horizontalAdvance(name)  # not cut
    assert table.textElideMode() == Qt.TextElideMode.ElideNone

    # the last hit is reached by keyboard, and Enter goes to its day
    last = rows[-1]
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert table.currentIndex().row() == len(rows) - 1
    with qtbot.waitSignal(window.day_loaded, timeout=10_000):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert window.day == last.starts_at.date()
