"""User management for team leads: only a lead (or the IT at the command line) adds and
changes users, every input is checked with a message naming its field, the password
is kept only as its hash, and every change is audited without any password."""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from desk.demo.seed import seed_demo_city
from desk.domain.errors import RequestRefused, UnknownId
from desk.domain.localtime import parse_now
from desk.domain.status import Role
from desk.domain.users import UserInvalid
from desk.services.admin.auth import NotAllowed, UserInfo, authenticate
from desk.services.admin.users import change_user, create_user, list_users, set_password
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import AuditEntry, User
from desk.store.uow import UnitOfWork
from tests.conftest import DEMO_NOW_ISO

NOW = parse_now(DEMO_NOW_ISO)
_SECONDS = itertools.count(1)


def tick() -> datetime:
    """A later moment at each call, so the audit rows of one user keep their order."""
    return NOW + timedelta(seconds=next(_SECONDS))


SECRET = "Amtsstube-2024"


@pytest.fixture(scope="module")
def city(fresh_db: DeskDatabase) -> DeskDatabase:
    """The demo city in a database of this module's own (the tests add and change users)."""
    seed_demo_city(fresh_db, NOW)
    return fresh_db


@pytest.fixture(scope="module")
def lead(city: DeskDatabase) -> UserInfo:
    return authenticate(city, "teamleitung", "demo")


def new_name() -> str:
    return f"sb.{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Audited:
    action: str
    user_id: uuid.UUID | None
    old_value: str | None
    new_value: str | None
    detail: str | None


def audit_rows(db: DeskDatabase, target: uuid.UUID) -> list[Audited]:
    """The audit rows of one user, in the order written."""
    with UnitOfWork(db.engine) as uow:
        entries = uow.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "app_user", AuditEntry.entity_id == str(target))
            .order_by(AuditEntry.at)
        ).all()
        return [Audited(e.action, e.user_id, e.old_value, e.new_value, e.detail) for e in entries]


def counts(db: DeskDatabase) -> tuple[int, int]:
    with UnitOfWork(db.engine) as uow:
        users = uow.session.scalar(select(func.count()).select_from(User))
        audits = uow.session.scalar(select(func.count()).select_from(AuditEntry))
        return int(users or 0), int(audits or 0)


def stored_hash(db: DeskDatabase, target: uuid.UUID) -> str:
    with UnitOfWork(db.engine) as uow:
        user = uow.session.get(User, target)
        assert user is not None
        return user.password_hash


def add(db: DeskDatabase, lead: UserInfo, **given: str | None) -> uuid.UUID:
    values = {
        "username": new_name(),
        "display_name": "Sachbearbeitung Test",
        "role": Role.CLERK.value,
        "office_id": "bb-nord",
        "password": SECRET,
    } | given
    return create_user(db, user_id=lead.id, now=tick(), **values).id  # type: ignore[arg-type]


def test_a_clerk_may_not_list_add_change_or_set_passwords(city, lead):
    clerk = authenticate(city, "sb.mitte1", "demo")
    before = counts(city)
    calls = (
        lambda: list_users(city, user_id=clerk.id),
        lambda: create_user(
            city,
            user_id=clerk.id,
            username=new_name(),
            display_name="X",
            role="clerk",
            office_id=None,
            password=SECRET,
            now=tick(),
        ),
        lambda: change_user(
            city, user_id=clerk.id, target_id=clerk.id, role="team_lead", now=tick()
        ),
        lambda: set_password(
            city, user_id=clerk.id, target_id=lead.id, password=SECRET, now=tick()
        ),
    )
    for call in calls:
        with pytest.raises(NotAllowed, match="Benutzer verwalten darf nur die Teamleitung"):
            call()
    assert counts(city) == before
    assert authenticate(city, "teamleitung", "demo").role == Role.TEAM_LEAD


def test_the_list_shows_the_demo_users_with_office_and_never_a_hash(city, lead):
    rows = {r.username: r for r in list_users(city, user_id=lead.id)}
    assert {"teamleitung", "sb.mitte1", "sb.nord", "empfang.mitte"} <= rows.keys()
    mitte = rows["sb.mitte1"]
    assert (mitte.display_name, mitte.role, mitte.office_id, mitte.office_name, mitte.active) == (
        "Sachbearbeitung Mitte 1", "clerk", "bb-mitte", "Bürgerbüro Mitte", True,
    )  # fmt: skip
    assert (rows["teamleitung"].role, rows["teamleitung"].office_id) == ("team_lead", None)
    assert not any(hasattr(r, "password_hash") for r in rows.values())
    assert list_users(city, user_id=None) == list(rows.values())  # the IT sees the same


def test_a_new_user_signs_in_with_the_password_kept_only_as_its_hash(city, lead):
    name = new_name()
    target = add(city, lead, username=f"  {name} ", display_name=" Neue  Kollegin ")

    assert authenticate(city, name, SECRET) == UserInfo(
        target, name, "Neue Kollegin", Role.CLERK, "bb-nord"
    )
    hashed = stored_hash(city, target)
    assert hashed != SECRET and SECRET not in hashed and hashed.startswith("$argon2id$")
    [entry] = audit_rows(city, target)
    assert (entry.action, entry.user_id, entry.old_value) == ("user.change", lead.id, None)
    assert json.loads(entry.new_value or "") == {
        "username": name, "display_name": "Neue Kollegin", "role": "clerk",
        "office": "bb-nord", "active": True,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"username": "ab"}, "username", "Benutzername: 3 bis 60 Zeichen nötig"),
        ({"username": "a" * 61}, "username", "Benutzername: 3 bis 60 Zeichen nötig"),
        ({"username": "sb mitte"}, "username", "Benutzername: nur Buchstaben"),
        ({"username": "müller"}, "username", "Benutzername: nur Buchstaben"),
        ({"username": "sb.mitte1"}, "username", "Benutzername: 'sb.mitte1' ist schon vergeben"),
        ({"username": "SB.Mitte1"}, "username", "Benutzername: 'SB.Mitte1' ist schon vergeben"),
        ({"display_name": "   "}, "display_name", "Name: bitte angeben"),
        ({"role": "admin"}, "role", "Rolle: unbekannt 'admin'"),
        ({"office_id": "bb-ost"}, "office", "Standort: unbekannt 'bb-ost' (vorhanden: bb-mitte"),
        ({"password": "kurz-7!xy"}, "password", "Passwort: mindestens 10 Zeichen nötig"),
        (
            {"username": "anna.berg.mitte", "password": "Anna.Berg.Mitte"},
            "password",
            "Passwort: darf nicht",
        ),
        ({"password": "qwertyuiop"}, "password", "Passwort: zu häufig verwendet"),
        ({"password": "Passwort2024!"}, "password", "Passwort: zu häufig verwendet"),
        ({"password": "!!Sommer-2024"}, "password", "Passwort: zu häufig verwendet"),
    ],
)
def test_a_bad_input_is_refused_naming_its_field_and_nothing_is_written(
    city, lead, given, field, message
):
    before = counts(city)
    with pytest.raises(UserInvalid) as refused:
        add(city, lead, **given)
    assert refused.value.field == field
    assert str(refused.value).startswith(message)
    assert counts(city) == before


def test_a_change_records_the_changed_values_before_and_after(city, lead):
    target = add(city, lead)

    row = change_user(
        city, user_id=lead.id, target_id=target, display_name="Teamleitung Nord",
        role="team_lead", office_id=None, now=tick(),
    )  # fmt: skip

    assert (row.display_name, row.role, row.office_id, row.active) == (
        "Teamleitung Nord", "team_lead", None, True,
    )  # fmt: skip
    entry = audit_rows(city, target)[-1]
    assert json.loads(entry.old_value or "") == {
        "display_name": "Sachbearbeitung Test", "office": "bb-nord", "role": "clerk",
    }  # fmt: skip
    assert json.loads(entry.new_value or "") == {
        "display_name": "Teamleitung Nord", "office": None, "role": "team_lead",
    }  # fmt: skip


def test_a_change_that_changes_nothing_writes_nothing(city, lead):
    target = add(city, lead)
    before = counts(city)
    change_user(city, user_id=lead.id, target_id=target, display_name="Sachbearbeitung Test",
                role="clerk", office_id="bb-nord", active=True, now=tick())  # fmt: skip
    assert counts(city) == before


def test_a_bad_change_is_refused_naming_its_field(city, lead):
    target = add(city, lead)
    before = counts(city)
    for change, field in (({"display_name": ""}, "display_name"), ({"role": "chef"}, "role"),
                          ({"office_id": "rathaus"}, "office")):  # fmt: skip
        with pytest.raises(UserInvalid) as refused:
            change_user(city, user_id=lead.id, target_id=target, now=tick(), **change)  # type: ignore[arg-type]
        assert refused.value.field == field
    with pytest.raises(UnknownId, match="Unbekannter Benutzer"):
        change_user(city, user_id=lead.id, target_id=uuid.uuid4(), active=False, now=tick())
    assert counts(city) == before


def test_a_locked_user_cannot_sign_in_until_unlocked(city, lead):
    name = new_name()
    target = add(city, lead, username=name)

    change_user(city, user_id=lead.id, target_id=target, active=False, now=tick())
    with pytest.raises(RequestRefused, match="gesperrt"):
        authenticate(city, name, SECRET)
    change_user(city, user_id=None, target_id=target, active=True, now=tick())

    assert authenticate(city, name, SECRET).id == target
    locked, unlocked = audit_rows(city, target)[1:]
    assert (locked.old_value, locked.new_value) == ('{"active": true}', '{"active": false}')
    assert (unlocked.user_id, unlocked.new_value) == (None, '{"active": true}')


def test_a_new_password_replaces_the_old_and_is_audited_as_changed(city, lead):
    name = new_name()
    target = add(city, lead, username=name)
    old_hash = stored_hash(city, target)

    set_password(city, user_id=lead.id, target_id=target, password="Neu und geheim", now=tick())

    assert authenticate(city, name, "Neu und geheim").id == target
    with pytest.raises(RequestRefused, match="Benutzername oder Passwort falsch"):
        authenticate(city, name, SECRET)
    new_hash = stored_hash(city, target)
    assert new_hash not in (old_hash, "Neu und geheim")
    entry = audit_rows(city, target)[-1]
    assert (entry.old_value, json.loads(entry.new_value or "")) == (None, {"password": "geändert"})
    for row in audit_rows(city, target):
        text = f"{row.old_value} {row.new_value} {row.detail}"
        for secret in (SECRET, "Neu und geheim", old_hash, new_hash, "$argon2"):
            assert secret not in text


def test_a_password_too_short_or_equal_to_the_user_name_is_refused(city, lead):
    name = new_name()
    target = add(city, lead, username=name)
    before = counts(city), stored_hash(city, target)
    for password in ("123456789", name.upper(), "1234567890"):
        with pytest.raises(UserInvalid) as refused:
            set_password(city, user_id=lead.id, target_id=target, password=password, now=tick())
        assert refused.value.field == "password"
    assert (counts(city), stored_hash(city, target)) == before


@pytest.fixture
def empty(db_url: str) -> Iterator[DeskDatabase]:
    upgrade_database(db_url)
    db = open_database(db_url)
    yield db
    db.dispose()


def test_the_last_active_team_lead_can_be_neither_locked_nor_demoted(empty):
    first = create_user(empty, user_id=None, username="leitung.a", display_name="Leitung A",
                        role="team_lead", office_id=None, password=SECRET, now=tick())  # fmt: skip
    refusals = (
        ({"active": False}, "active", first.id),
        ({"role": "clerk"}, "role", first.id),
        ({"active": False}, "active", None),  # the IT at the command line neither
    )
    for change, field, actor in refusals:
        with pytest.raises(
            UserInvalid, match=r"leitung\.a ist die letzte aktive Teamleitung"
        ) as no:
            change_user(empty, user_id=actor, target_id=first.id, now=tick(), **change)  # type: ignore[arg-type]
        assert no.value.field == field
    assert authenticate(empty, "leitung.a", SECRET).team_lead

    second = create_user(empty, user_id=first.id, username="leitung.b", display_name="Leitung B",
                         role="team_lead", office_id=None, password=SECRET, now=tick())  # fmt: skip
    change_user(empty, user_id=first.id, target_id=first.id, role="clerk", now=tick())

    assert not authenticate(empty, "leitung.a", SECRET).team_lead
    with pytest.raises(UserInvalid, match=r"leitung\.b ist die letzte aktive Teamleitung"):
        change_user(empty, user_id=second.id, target_id=second.id, active=False, now=tick())
