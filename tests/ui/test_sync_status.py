"""The sync in the window: status bar text and central bookings arriving live."""

from __future__ import annotations

import argparse
from datetime import datetime, time

import keyring
from keyring.backends import fail

from desk.device_credential import DeviceCredential, save_credential
from desk.domain.localtime import BERLIN, at_local, parse_now
from desk.services.database import open_database, upgrade_database
from desk.sync.engine import SyncEngine, SyncStatus
from desk.sync.remote import RemoteLink
from tests.service_fixtures import PASSWORD
from ui.gui import attach_sync
from ui.sync_status import status_text

NOW = parse_now("2024-03-20T10:00")


def test_status_text_connected_offline_waiting_conflicts():
    last = datetime(2024, 3, 20, 10, 41, 5, tzinfo=BERLIN)
    assert status_text(SyncStatus(True, None, 0, last, 0)) == (
        "Abgleich: verbunden · zuletzt 10:41:05 · 0 wartend"
    )
    offline = SyncStatus(False, datetime(2024, 3, 20, 10, 42, tzinfo=BERLIN), 3, last, 1)
    assert status_text(offline) == "Abgleich: offline seit 20.03. 10:42 · 3 wartend · 1 Konflikt(e)"


def test_signed_in_through_the_service_a_portal_booking_appears_live(
    qtbot, make_window, sqlite_url, central_factory, service_factory, tmp_path, monkeypatch
):
    """The app as a counter PC: enrolled with the service, the clerk signs in against it
    (the password is checked there), and an online booking made through the service's
    portal door appears in the open day view by push, without a poll."""
    city = central_factory({"bb-live": 2})
    service = service_factory(city)
    service.user("leitung", None, "team_lead")
    service.user("sb.live", "bb-live")
    counter = service.enroll("bb-live", counter=1)
    portal = service.enroll("bb-live", kind="portal")
    monkeypatch.setenv("BUERGERDESK_DATA_DIR", str(tmp_path / "pc"))
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())  # no keyring: file
    save_credential(
        DeviceCredential(
            service.url, str(counter.id), "bb-live", "counter", 1, counter.token, str(service.ca)
        )
    )
    upgrade_database(sqlite_url)
    local = open_database(sqlite_url)  # the counter's first copy, as `sync --once` makes it
    link = RemoteLink(service.url, counter.token, counter.id, ca=str(service.ca), send_now=True)
    try:
        SyncEngine(local, link).sync_once(NOW)
    finally:
        link.close()
        local.dispose()
    window = make_window(sqlite_url, office_id="bb-live")
    args = argparse.Namespace(central=service.url, now="2024-03-20T10:00")
    runners = attach_sync(args, window, window._ops, interval=3600)  # no poll in the test
    try:
        with qtbot.waitSignal(window.database_opened, timeout=20_000):
            window.start()
        qtbot.waitUntil(
            lambda: window.sync_label.text().startswith("Abgleich: verbunden"), timeout=20_000
        )
        assert runners and window.central_session is not None
        dialog = window.sign_in()
        assert dialog is not None
        dialog.name_edit.setText("sb.live")
        dialog.password_edit.setText("falsch-falsch")
        with qtbot.waitSignal(dialog.checked, timeout=10_000):
            dialog.sign_in()
        assert window.user is None and "falsch" in dialog.message.text()
        dialog.password_edit.setText(PASSWORD)
        with qtbot.waitSignal(dialog.checked, timeout=10_000):
            dialog.sign_in()
        assert window.user is not None and window.user.username == "sb.live"
        assert window.central_session.token() is not None  # a session of the service
        start = at_local(NOW.date(), time(11, 15))
        with service.http(portal) as http:
            made = http.post(
                "/v1/portal/bookings",
                json={"service": "abholung", "start": start.isoformat(), "name": "Ömer Çelik"},
                headers={"X-Buergerdesk-Now": NOW.isoformat()},
            )
        assert made.status_code == 200, made.text
        code = made.json()["code"]

        def shown() -> bool:
            model = window.model
            return any(model.row_at(r).booking_code == code for r in range(model.rowCount()))

        qtbot.waitUntil(shown, timeout=15_000)  # the runner polls once an hour: push did it
        assert "0 wartend" in window.sync_label.text()
    finally:
        for runner in runners:
            runner.stop()
        if window.central_session is not None:
            window.central_session.close()
