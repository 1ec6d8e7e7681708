"""Benutzer verwalten at a counter PC that works through the central service (real HTTPS,
PostgreSQL): the team lead adds a user for the PC's office as on a standalone database —
the dialog, the team door, the service — and the user exists centrally with that office,
audited as the lead's, and signs in. Another office chosen in the form is refused by the
service next to the office field, and nothing is made. (Before, the office never reached
the service and every new user was refused as a city-wide account.)"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import select

from desk.domain.status import Role
from desk.services.admin.auth import UserInfo
from desk.services.admin.users import find_user
from desk.services.offices import list_offices
from desk.store.models import AuditEntry
from desk.store.uow import UnitOfWork
from desk.sync.team_remote import RemoteTeamDoor
from tests.service_fixtures import PASSWORD, Service
from tests.sync.conftest import NOW, Central
from tests.ui.test_users_dialog import counts, fill_new
from tests.ui.walkin_support import settle
from ui.dialogs.users_dialog import UsersDialog


@pytest.fixture(scope="module")
def service(central_factory: Callable[..., Central], service_factory) -> Service:
    made = service_factory(central_factory({"bb-nord": 1, "bb-mitte": 1}))
    made.user("leitung", None, role="team_lead")
    made.user("nord.leitung", "bb-nord", role="team_lead")
    return made


@pytest.fixture
def dialog(service: Service, ops, qtbot) -> Iterator[UsersDialog]:
    """The dialog of bb-nord's team lead, signed in at a bb-nord counter PC."""
    device = service.sign_in(service.enroll("bb-nord", counter=1), "nord.leitung")
    door = RemoteTeamDoor(service.url, device.token, str(service.ca), lambda: device.session)
    lead_id = service.users["nord.leitung"]
    lead = UserInfo(lead_id, "nord.leitung", "Nord.Leitung", Role.TEAM_LEAD.value, "bb-nord")
    made = UsersDialog(ops, door, lead, list_offices(service.db), lambda: NOW)
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.loaded, timeout=20_000):
        made.show()
    yield made
    settle(qtbot, ops)
    door.close()


def _save(qtbot, dialog: UsersDialog) -> None:
    with qtbot.waitSignal(dialog.answered, timeout=20_000):
        dialog.save_button.click()


def test_a_team_lead_at_a_pc_adds_a_user_for_the_office_who_then_signs_in(
    service: Service, dialog: UsersDialog, qtbot
):
    fill_new(dialog, "sb.nord.neu", PASSWORD)
    _save(qtbot, dialog)

    assert dialog.status.text() == "Benutzer sb.nord.neu angelegt."
    made = find_user(service.db, "sb.nord.neu")
    assert (made.office_id, made.role, made.active) == ("bb-nord", "clerk", True)
    with UnitOfWork(service.db.engine) as uow:
        by = uow.session.scalar(
            select(AuditEntry.user_id).where(AuditEntry.entity_id == str(made.id))
        )
    assert by == service.users["nord.leitung"]
    signed = service.sign_in(service.enroll("bb-nord", counter=1), "sb.nord.neu")
    assert signed.session


def test_another_office_chosen_at_a_pc_is_refused_by_the_service_and_nothing_is_made(
    service: Service, dialog: UsersDialog, qtbot
):
    before = counts(service.db)
    fill_new(dialog, "sb.mitte.neu", PASSWORD)
    dialog.office.setCurrentIndex(dialog.office.findData("bb-mitte"))
    _save(qtbot, dialog)

    assert dialog.errors["office"].text() == (
        "Von diesem PC aus nur Benutzer von bb-nord; andere Standorte und stadtweite Konten "
        "verwaltet die Verwaltung am Server"
    )
    assert (dialog.username.text(), dialog.office.currentData()) == ("sb.mitte.neu", "bb-mitte")
    assert counts(service.db) == before
