"""The sync in the window: status bar text and central bookings arriving live."""

from __future__ import annotations

from datetime import datetime, time

from desk.domain.localtime import BERLIN, at_local, parse_now
from desk.domain.status import Channel
from desk.services.booking import book
from desk.services.database import open_database, upgrade_database
from desk.sync.engine import SyncEngine, SyncStatus
from desk.sync.runner import SyncRunner
from tests.builders import add_office
from ui.sync_status import SyncBridge, status_text

NOW = parse_now("2024-03-20T10:00")


def test_status_text_connected_offline_waiting_conflicts():
    last = datetime(2024, 3, 20, 10, 41, 5, tzinfo=BERLIN)
    assert status_text(SyncStatus(True, None, 0, last, 0)) == (
        "Abgleich: verbunden · zuletzt 10:41:05 · 0 wartend"
    )
    offline = SyncStatus(False, datetime(2024, 3, 20, 10, 42, tzinfo=BERLIN), 3, last, 1)
    assert status_text(offline) == "Abgleich: offline seit 20.03. 10:42 · 3 wartend · 1 Konflikt(e)"


def test_central_booking_appears_in_the_open_window(qtbot, make_window, pg_url, sqlite_url):
    upgrade_database(pg_url)
    central = open_database(pg_url)
    add_office(central, "bb-live")
    upgrade_database(sqlite_url)
    local = open_database(sqlite_url)
    SyncEngine(local, central).sync_once(NOW)  # the counter's first copy
    window = make_window(sqlite_url, office_id="bb-live")
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    assert window.model.rowCount() == 0
    bridge = SyncBridge(window)
    bridge.report.connect(window.show_sync_report)
    bridge.status.connect(window.show_sync_status)
    runner = SyncRunner(
        local, pg_url, lambda: NOW, bridge.report.emit, bridge.status.emit, interval=3600
    )  # only NOTIFY (and the first round) can bring it
    try:
        runner.start(["bb-live"])
        qtbot.waitUntil(
            lambda: window.sync_label.text().startswith("Abgleich: verbunden"), timeout=20_000
        )
        start = at_local(NOW.date(), time(11, 15))
        made = book(
            central, "bb-live", "abholung", start, "Ömer Çelik", NOW, channel=Channel.PORTAL
        )

        def shown() -> bool:
            model = window.model
            return any(model.row_at(r).booking_code == made.code for r in range(model.rowCount()))

        qtbot.waitUntil(shown, timeout=15_000)
        assert "0 wartend" in window.sync_label.text()
    finally:
        runner.stop()
        central.dispose()
        local.dispose()
