"""The team lead's menu opens each tool on the open database; a clerk gets capacity
read-only and nothing else (the services refuse clerks as well)."""

from __future__ import annotations

import pytest

from desk.services.admin.auth import authenticate
from tests.ui.walkin_support import copy_of
from ui.dialogs.audit_dialog import AuditDialog
from ui.dialogs.capacity_editor import CapacityEditor
from ui.dialogs.users_dialog import UsersDialog
from ui.views.staffing_panel import StaffingPanel
from ui.views.statistics_page import StatisticsPage


@pytest.fixture
def demo_copy_url(demo_sqlite_url, tmp_path) -> str:
    """A private copy of the demo city (a saved plan writes to it)."""
    return copy_of(demo_sqlite_url, tmp_path / "demo-copy.sqlite")


def started(qtbot, make_window, url: str):
    window = make_window(url, office_id="bb-mitte")
    with qtbot.waitSignal(window.day_loaded, timeout=20_000):
        window.start()
    return window


def test_a_team_lead_opens_every_tool(qtbot, make_window, demo_sqlite_url, db_of):
    window = started(qtbot, make_window, demo_sqlite_url)
    lead = authenticate(db_of(demo_sqlite_url), "teamleitung", "demo")
    window.set_user(lead)
    actions = (
        window.capacity_action,
        window.audit_action,
        window.statistics_action,
        window.staffing_action,
        window.users_action,
    )
    assert all(a.isEnabled() for a in actions)

    editor = window.open_capacity()
    assert isinstance(editor, CapacityEditor)
    qtbot.waitUntil(lambda: editor.preview_model.rowCount() == 14, timeout=20_000)
    assert editor.why.isHidden() and editor.walk_in.isEnabled()  # editable

    audit = window.open_audit()
    assert isinstance(audit, AuditDialog)
    qtbot.waitUntil(lambda: window._ops.pending == 0, timeout=20_000)
    assert audit.actor.count() > 1  # the users to filter by: read as a team lead

    statistics = window.open_statistics()
    page = statistics.findChild(StatisticsPage)
    assert page is not None and page.user_id == lead.id
    qtbot.waitUntil(lambda: page.stats is not None, timeout=20_000)

    staffing = window.open_staffing()
    panel = staffing.findChild(StaffingPanel)
    assert panel is not None
    qtbot.waitUntil(lambda: panel.advice is not None, timeout=20_000)

    users = window.open_users()
    assert isinstance(users, UsersDialog)
    qtbot.waitUntil(lambda: users.model.rowCount() > 0, timeout=20_000)
    assert "teamleitung" in [r.username for r in users.model.rows]
    for tool in (editor, audit, statistics, staffing, users):
        tool.close()
    qtbot.waitUntil(lambda: window._ops.pending == 0, timeout=20_000)


def test_a_clerk_gets_capacity_read_only_and_no_other_tool(
    qtbot, make_window, demo_sqlite_url, db_of
):
    window = started(qtbot, make_window, demo_sqlite_url)
    window.set_user(authenticate(db_of(demo_sqlite_url), "sb.mitte1", "demo"))
    assert window.capacity_action.isEnabled()
    for action in (
        window.audit_action,
        window.statistics_action,
        window.staffing_action,
        window.users_action,
    ):
        assert not action.isEnabled()
        assert action.toolTip() == "Nur für die Teamleitung (bitte als Teamleitung anmelden)"
    editor = window.open_capacity()
    assert isinstance(editor, CapacityEditor)
    qtbot.waitUntil(lambda: editor.preview_model.rowCount() == 14, timeout=20_000)
    assert not editor.why.isHidden() and not editor.walk_in.isEnabled()
    qtbot.waitUntil(lambda: window._ops.pending == 0, timeout=20_000)
    editor.close()


def test_a_saved_capacity_plan_reads_the_calendar_again(qtbot, make_window, demo_copy_url, db_of):
    """The calendar shows free and closed cells of the plan: a save in the editor tells a
    capacity change, and the shown day reads again (no poll needed)."""
    window = started(qtbot, make_window, demo_copy_url)
    window.refresh_timer.stop()
    window.set_user(authenticate(db_of(demo_copy_url), "teamleitung", "demo"))
    editor = window.open_capacity()
    assert isinstance(editor, CapacityEditor)
    qtbot.waitUntil(lambda: editor.preview_model.rowCount() == 14, timeout=20_000)
    editor.walk_in.quota.setText("12")
    qtbot.waitUntil(lambda: editor.save_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignals([editor.saved, window.day_loaded], timeout=20_000):
        editor.save_button.click()
    editor.close()
    qtbot.waitUntil(lambda: window._ops.pending == 0, timeout=20_000)
