"""The main window on a real demo database, driven through pytest-qt."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt

from desk.domain.errors import DatabaseUnavailable
from desk.services.appointments.agenda import day_appointments
from desk.services.appointments.calendar import DayGrid
from desk.services.database import open_database
from tests.ui.conftest import NOW


def expected_rows(url: str, office: str, day: date):
    db = open_database(url)
    try:
        return day_appointments(db, office, day)
    finally:
        db.dispose()


def test_window_shows_the_offices_appointments_of_the_day(qtbot, make_window, demo_url):
    window = make_window(demo_url, office_id="bb-mitte", counter_number=2)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()

    expected = expected_rows(demo_url, "bb-mitte", NOW.date())
    assert expected, "the demo city has appointments on the demo day"
    model = window.model
    assert model.rowCount() == len(expected)
    first = expected[0]
    assert model.index(0, 0).data() == f"{first.starts_at:%H:%M}–{first.ends_at:%H:%M}"
    assert model.index(0, 3).data() == first.citizen_name
    assert model.index(0, 6).data() == first.booking_code
    assert window.office.id == "bb-mitte"
    assert window.counter_box.currentText() == "Schalter 2"
    assert "Bürgerbüro Mitte" in window.title.text()
    assert "20. März 2024" in window.title.text()
    assert window.stack.currentWidget() is window.views


def test_status_bar_names_the_database(qtbot, make_window, demo_url):
    window = make_window(demo_url)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    label = window.db_label.text()
    if demo_url.startswith("sqlite"):
        assert label == f"Datenbank: SQLite {demo_url.removeprefix('sqlite:///')}"
    else:
        assert label.startswith("Datenbank: PostgreSQL postgresql+psycopg://")
        assert demo_url.rsplit("/", 1)[1] in label


def test_own_counter_rows_are_bold(qtbot, make_window, demo_sqlite_url):
    window = make_window(demo_sqlite_url, office_id="bb-mitte", counter_number=3)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    model = window.model
    bold = {}
    for r in range(model.rowCount()):
        font = model.index(r, 0).data(Qt.ItemDataRole.FontRole)
        bold.setdefault(model.row_at(r).counter_number, set()).add(bool(font and font.bold()))
    assert bold[3] == {True}
    assert bold[1] == {False}


def test_cancelled_appointments_are_struck_out(qtbot, make_window, demo_sqlite_url):
    window = make_window(demo_sqlite_url, office_id="bb-mitte")
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    model = window.model
    rows = [model.row_at(r) for r in range(model.rowCount())]
    cancelled = [r for r, row in enumerate(rows) if row.status == "cancelled"]
    assert cancelled, "the demo day has cancelled appointments"
    for r in range(model.rowCount()):
        font = model.index(r, 2).data(Qt.ItemDataRole.FontRole)
        assert bool(font and font.strikeOut()) == (r in cancelled)


def test_switching_office_and_day_reloads(qtbot, make_window, demo_sqlite_url):
    window = make_window(demo_sqlite_url, office_id="bb-mitte")
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    with qtbot.waitSignal(window.day_loaded, timeout=10_000):
        window.office_box.setCurrentIndex(window.office_box.findData("bb-nord"))
    assert {r.counter_name for r in expected_rows(demo_sqlite_url, "bb-nord", NOW.date())} == {
        window.model.index(r, 1).data() for r in range(window.model.rowCount())
    }
    with qtbot.waitSignal(window.day_loaded, timeout=10_000):
        window.next_button.click()
    assert window.day == date(2024, 3, 21)
    assert window.model.rowCount() == len(expected_rows(demo_sqlite_url, "bb-nord", window.day))


def test_quick_day_changes_end_on_the_last_days_rows(qtbot, make_window, demo_sqlite_url):
    window = make_window(demo_sqlite_url, office_id="bb-sued")
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    for days in (1, 1, 3):  # Thursday, Friday, Monday without waiting for the loads
        window.shift_day(days)
    qtbot.waitUntil(lambda: window._ops.pending == 0, timeout=10_000)
    assert window.day == date(2024, 3, 25)
    expected = expected_rows(demo_sqlite_url, "bb-sued", date(2024, 3, 25))
    assert [window.model.row_at(r).id for r in range(window.model.rowCount())] == [
        row.id for row in expected
    ]

    # A late answer of an older request is dropped, not shown over the newer day.
    stale = DayGrid("bb-sued", date(2024, 3, 21), 15, (), (), {}, (), None)
    window.days.day_read(window.days.generation - 1, stale)
    assert window.model.rowCount() == len(expected)


def test_saturday_shows_a_plain_empty_day(qtbot, make_window, demo_sqlite_url):
    window = make_window(demo_sqlite_url, office_id="bb-west")
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    with qtbot.waitSignal(window.day_loaded, timeout=10_000):
        window.shift_day(3)
    assert window.model.rowCount() == 0
    assert window.stack.currentWidget() is window.empty
    assert window.empty.text() == (
        "Keine Termine am Samstag, 23. März 2024.\nBürgerbüro West: keine Öffnungszeiten"
    )


def test_a_holiday_says_why_the_office_is_closed(qtbot, make_window, demo_sqlite_url):
    window = make_window(demo_sqlite_url, office_id="bb-mitte")
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    with qtbot.waitSignal(window.day_loaded, timeout=10_000):
        window.shift_day(9)
    assert window.day == date(2024, 3, 29)
    assert window.stack.currentWidget() is window.empty
    assert window.empty.text().endswith("Bürgerbüro Mitte: Feiertag (Karfreitag)")


def test_choice_of_office_and_counter_is_remembered(qtbot, make_window, settings, demo_sqlite_url):
    window = make_window(demo_sqlite_url, office_id="bb-nord", counter_number=4)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    assert settings.value("office") == "bb-nord"
    assert int(settings.value("counter")) == 4

    again = make_window(demo_sqlite_url)
    with qtbot.waitSignal(again.day_loaded, timeout=20_000):
        again.start()
    assert again.office.id == "bb-nord"
    assert again.counter_box.currentData() == 4


def test_unreachable_database_is_reported_not_raised(qtbot, make_window):
    def refuse():
        raise DatabaseUnavailable("Datenbank PostgreSQL x nicht erreichbar: Connection refused")

    window = make_window(opener=refuse)
    with qtbot.waitSignal(window.failed, timeout=10_000) as blocker:
        window.start()
    assert "nicht erreichbar" in blocker.args[0]
    assert window.stack.currentWidget() is window.empty
    assert "nicht erreichbar" in window.statusBar().currentMessage()
    assert not window.office_box.isEnabled()


def test_appointment_model_passes_the_model_tester(
    qtbot, make_window, qtmodeltester, demo_sqlite_url
):
    window = make_window(demo_sqlite_url, office_id="bb-mitte")
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    assert window.model.rowCount() > 0
    qtmodeltester.check(window.model)


def test_today_opens_scrolled_to_the_next_appointments(qtbot, make_window, demo_sqlite_url):
    window = make_window(demo_sqlite_url, office_id="bb-mitte")
    window.resize(1366, 480)  # the morning does not fit: the view has to scroll
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    grid = window.calendar_model.grid
    now_row = grid.row_of(NOW)
    assert now_row is not None and now_row > 1
    # the calendar opens with the row before "now" at the top, and draws the now line
    qtbot.waitUntil(lambda: window.calendar.rowAt(0) == now_row - 1, timeout=5_000)
    y = window.calendar.now_y()
    assert y is not None and 0 < y < window.calendar.viewport().height()
    # the list, when shown, starts at the next appointments
    window.views.setCurrentWidget(window.table)
    window.days.scroll_to_now(window.model.rows)
    rows = window.model.rows
    upcoming = next(i for i, row in enumerate(rows) if row.ends_at > NOW)
    assert upcoming > 0
    bar = window.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == min(upcoming, bar.maximum()), timeout=5_000)


class PaintSeen(QObject):
    """Notes the paint events of the widget it filters."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted += 1
        return False


def opener_noting(url: str, seen: PaintSeen, at_open: list[int]):
    def opener():  # on the worker
        at_open.append(seen.painted)
        return open_database(url)

    return opener


def test_a_shown_window_opens_its_database_after_its_first_paint(
    qtbot, make_window, demo_sqlite_url
):
    seen, at_open = PaintSeen(), []
    window = make_window(opener=opener_noting(demo_sqlite_url, seen, at_open))
    window.installEventFilter(seen)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    assert len(at_open) == 1 and at_open[0] >= 1  # opened once, and only after a paint


def test_the_window_tells_its_first_paint_once(qtbot, make_window, demo_sqlite_url):
    seen, told = PaintSeen(), []
    window = make_window(demo_sqlite_url)
    window.installEventFilter(seen)
    window.painted.connect(lambda: told.append(seen.painted))
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    window.repaint()
    assert told == [1]  # at its first paint, and only then


def test_a_hidden_window_opens_its_database_at_once(qtbot, make_window, demo_sqlite_url):
    seen, at_open = PaintSeen(), []
    window = make_window(opener=opener_noting(demo_sqlite_url, seen, at_open))
    window.hide()
    window.installEventFilter(seen)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    assert at_open == [0]


def test_the_first_load_reads_the_day_then_the_reception_and_the_queue_once(
    qtbot, make_window, demo_sqlite_url, monkeypatch
):
    from ui.views import queue_panel, reception_view, window_queries

    calls: list[str] = []
    for module, name in (
        (window_queries, "day"),
        (queue_panel, "_read"),
        (reception_view, "_status"),
    ):
        real = getattr(module, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    window = make_window(demo_sqlite_url, office_id="bb-mitte", counter_number=2)
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    qtbot.waitUntil(lambda: len(calls) >= 3, timeout=10_000)
    qtbot.wait(300)  # a second read would have been queued by now
    assert calls == ["day", "_status", "_read"]  # the day first: it is what shows


def test_the_reception_and_queue_are_built_after_the_first_paint_or_on_first_use(
    qtbot, make_window, demo_sqlite_url
):
    shown = make_window(demo_sqlite_url)
    assert shown.walk_in.built is None  # not yet: the first paint does not wait for them
    qtbot.waitUntil(lambda: shown.walk_in.built is not None, timeout=5_000)
    assert shown.reception_page.widget() is shown.reception
    assert shown.queue_page.widget() is shown.queue

    hidden = make_window(demo_sqlite_url)
    hidden.hide()
    assert hidden.reception_page.widget() is None
    reception = hidden.reception  # first use builds both
    assert hidden.reception_page.widget() is reception
    assert hidden.queue_page.widget() is hidden.queue
