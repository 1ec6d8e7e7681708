"""Attacks on the sign-in: guessing passwords (per user and across users on one
device), a weak password, an old hash. Each test is named after the attack; the
checks run in the desk services the service and a standalone PC share, and once
through the real service over HTTPS."""

from __future__ import annotations

import base64
import hashlib
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from desk.cli.main import main
from desk.domain.audit import AuditAction
from desk.domain.errors import RequestRefused
from desk.domain.users import UserInvalid
from desk.services.admin.auth import NotAllowed, authenticate
from desk.services.admin.devices import DeviceInfo, add_device, enroll_device, list_devices
from desk.services.admin.sign_in_guard import LOCK_FOR, USER_LIMIT, SignInHeld, Subject
from desk.services.admin.users import create_user, list_users, set_password, unlock_user
from desk.services.database import DeskDatabase, open_database, upgrade_database
from desk.store.models import AuditEntry, User
from desk.store.uow import UnitOfWork
from tests.builders import add_office
from tests.service_fixtures import PASSWORD, Service
from tests.sync.conftest import Central

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
RIGHT = "Amtsstube-Nord-7"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[DeskDatabase]:
    """A migrated database with an office, a team lead and a clerk."""
    url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    upgrade_database(url)
    made = open_database(url)
    add_office(made, "bb-nord", counters=1)
    for name, role in (("leitung", "team_lead"), ("klara", "clerk"), ("bernd", "clerk")):
        create_user(made, user_id=None, username=name, display_name=name.title(), role=role,
                    office_id="bb-nord", password=RIGHT, now=T0)  # fmt: skip
    yield made
    made.dispose()


def _id(db: DeskDatabase, username: str) -> uuid.UUID:
    with UnitOfWork(db.engine) as uow:
        found = uow.session.scalar(select(User.id).where(User.username == username))
        assert found is not None
        return found


def _audit(db: DeskDatabase, action: AuditAction) -> list[AuditEntry]:
    with UnitOfWork(db.engine) as uow:
        rows = uow.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()
        uow.session.expunge_all()
        return list(rows)


def _guess(db: DeskDatabase, username: str, times: int, start: datetime, **kw: object) -> None:
    """``times`` wrong passwords, each 10 s after the one before."""
    for i in range(times):
        with pytest.raises(RequestRefused, match="Benutzername oder Passwort falsch"):
            authenticate(db, username, f"falsch-{i}", now=start + timedelta(seconds=10 * i), **kw)  # type: ignore[arg-type]


def test_guessing_a_password_locks_the_account_even_for_the_right_password(db):
    _guess(db, "klara", USER_LIMIT, T0)
    later = T0 + timedelta(minutes=5)
    with pytest.raises(SignInHeld, match="Konto nach 5 Fehlversuchen gesperrt bis 10:15 Uhr"):
        authenticate(db, "klara", RIGHT, now=later)
    assert authenticate(db, "bernd", RIGHT, now=later).username == "bernd"  # others still work
    [locked] = _audit(db, AuditAction.SIGN_IN_LOCK)
    assert locked.entity_id == str(_id(db, "klara")) and "Fehlversuchen" in (locked.detail or "")
    assert RIGHT not in f"{locked.old_value}{locked.new_value}{locked.detail}"


def test_guessing_fast_is_slowed_down_after_the_third_failure(db):
    _guess(db, "klara", 3, T0)
    third = T0 + timedelta(seconds=20)
    with pytest.raises(SignInHeld, match="bitte 1 s warten"):
        authenticate(db, "klara", RIGHT, now=third + timedelta(milliseconds=200))
    assert authenticate(db, "klara", RIGHT, now=third + timedelta(seconds=2)).username == "klara"
    # a success clears the count: five more failures are needed to lock
    _guess(db, "klara", USER_LIMIT - 1, third + timedelta(minutes=1))
    assert not _audit(db, AuditAction.SIGN_IN_LOCK)


def test_a_lock_ends_by_itself_after_fifteen_minutes(db):
    _guess(db, "klara", USER_LIMIT, T0)
    after = T0 + timedelta(seconds=40) + LOCK_FOR + timedelta(seconds=1)
    assert authenticate(db, "klara", RIGHT, now=after).username == "klara"


def test_a_team_lead_lifts_the_lock_and_it_is_audited_but_a_clerk_cannot(db):
    _guess(db, "klara", USER_LIMIT, T0)
    lead, clerk, target = _id(db, "leitung"), _id(db, "bernd"), _id(db, "klara")
    now = datetime.now(UTC)
    if now < T0 + LOCK_FOR:  # the list shows locks by the real clock: only then visible
        assert next(r for r in list_users(db, user_id=lead) if r.id == target).locked_until
    with pytest.raises(NotAllowed):
        unlock_user(db, user_id=clerk, target_id=target, now=T0 + timedelta(minutes=1))
    unlock_user(db, user_id=lead, target_id=target, now=T0 + timedelta(minutes=1))
    assert authenticate(db, "klara", RIGHT, now=T0 + timedelta(minutes=2)).username == "klara"
    [lifted] = _audit(db, AuditAction.SIGN_IN_UNLOCK)
    assert (lifted.user_id, lifted.entity_id) == (lead, str(target))


def test_a_lock_shows_in_the_users_list_by_the_real_clock(db):
    now = datetime.now(UTC)
    _guess(db, "klara", USER_LIMIT, now - timedelta(minutes=1))
    rows = {r.username: r for r in list_users(db, user_id=None)}
    assert rows["klara"].locked_until is not None and rows["bernd"].locked_until is None


def _device(db: DeskDatabase) -> DeviceInfo:
    code = add_device(db, "bb-nord", "counter", T0, counter_number=1).code
    return enroll_device(db, code, T0)[0]


def test_guessing_many_user_names_on_one_device_blocks_the_device(db):
    device = _device(db)
    guard = Subject("device", device.id, "Schalter-PC 1", device.office_id)
    names = ["klara", "bernd", "leitung", "anna", "otto"]
    for i in range(10):  # two tries per name: no single account reaches its limit
        at = T0 + timedelta(seconds=30 * i)
        with pytest.raises(RequestRefused, match="falsch"):
            authenticate(db, names[i % 5], f"falsch-{i}", device=guard, now=at)
    held_at = T0 + timedelta(minutes=6)
    with pytest.raises(SignInHeld, match="an diesem Gerät"):
        authenticate(db, "bernd", RIGHT, device=guard, now=held_at)
    assert authenticate(db, "bernd", RIGHT, now=held_at).username == "bernd"  # elsewhere
    [blocked] = _audit(db, AuditAction.SIGN_IN_LOCK)
    assert blocked.entity == "device" and blocked.entity_id == str(device.id)


def _block(db: DeskDatabase, guard: Subject, start: datetime) -> None:
    """Ten wrong passwords on the device over several user names, 30 s apart."""
    names = ["klara", "bernd", "leitung", "anna", "otto"]
    for i in range(10):
        at = start + timedelta(seconds=30 * i)
        with pytest.raises(RequestRefused, match="falsch"):
            authenticate(db, names[i % 5], f"falsch-{i}", device=guard, now=at)


def test_a_blocked_device_lets_only_a_team_lead_try_whose_sign_in_lifts_the_block(db):
    device = _device(db)
    guard = Subject("device", device.id, "Schalter-PC 1", device.office_id)
    _block(db, guard, T0)
    at = T0 + timedelta(minutes=6)
    with pytest.raises(SignInHeld, match="an diesem Gerät"):
        authenticate(db, "bernd", RIGHT, device=guard, now=at)
    assert authenticate(db, "leitung", RIGHT, device=guard, now=at).username == "leitung"
    assert authenticate(db, "bernd", RIGHT, device=guard, now=at).username == "bernd"
    [lifted] = _audit(db, AuditAction.SIGN_IN_UNLOCK)
    assert (lifted.entity, lifted.user_id) == ("device", _id(db, "leitung"))


def test_device_list_shows_a_blocked_device_and_the_admin_unlocks_it(db, capsys):
    device = _device(db)
    guard = Subject("device", device.id, "Schalter-PC 1", device.office_id)
    _block(db, guard, datetime.now(UTC) - timedelta(minutes=6))
    [listed] = list_devices(db, "bb-nord")
    assert listed.sign_in_blocked_until is not None
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["device", "list", "--url", url]) == 0
    assert "Anmeldung gesperrt bis" in capsys.readouterr().out
    assert main(["device", "unlock", "--url", url, device.id.hex[:8]]) == 0
    assert capsys.readouterr().out == "Anmeldesperre aufgehoben.\n"
    [listed] = list_devices(db, "bb-nord")
    assert listed.sign_in_blocked_until is None
    assert authenticate(db, "bernd", RIGHT, device=guard).username == "bernd"


def _scrypt_of_version_1(password: str) -> str:
    salt = b"version-1-salt!!"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    b64 = base64.b64encode
    return f"scrypt$16384$8$1${b64(salt).decode()}${b64(digest).decode()}"


def test_a_version_1_scrypt_hash_is_replaced_by_argon2id_at_the_next_sign_in(db):
    with UnitOfWork(db.engine, write=True) as uow:
        uow.session.execute(
            update(User)
            .where(User.username == "klara")
            .values(password_hash=_scrypt_of_version_1(RIGHT))
        )
        uow.commit()
    assert authenticate(db, "klara", RIGHT, now=T0).username == "klara"
    with UnitOfWork(db.engine) as uow:
        stored = uow.session.scalar(select(User.password_hash).where(User.username == "klara"))
    assert stored is not None and stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert authenticate(db, "klara", RIGHT, now=T0).username == "klara"


@pytest.mark.parametrize(
    "weak", ["kurz-7!", "Sommer2024", "passwort123", "1234567890", "Qwertyuiop", "Passwort!!"]
)
def test_setting_a_short_or_common_password_is_refused(db, weak):
    lead, target = _id(db, "leitung"), _id(db, "klara")
    with pytest.raises(UserInvalid) as refused:
        set_password(db, user_id=lead, target_id=target, password=weak, now=T0)
    assert refused.value.field == "password"
    assert authenticate(db, "klara", RIGHT, now=T0).username == "klara"


@pytest.fixture(scope="module")
def served(
    central_factory: Callable[..., Central], service_factory: Callable[..., Service]
) -> Service:
    made = service_factory(central_factory({"bb-wacht": 1}))
    made.user("wacht.leitung", None, "team_lead")
    made.user("wacht1", "bb-wacht")
    return made


def test_guessing_passwords_through_the_service_locks_the_account_until_a_lead_lifts_it(served):
    device = served.enroll("bb-wacht", counter=1)
    with served.http(device) as http:
        for i in range(USER_LIMIT):
            wrong = http.post("/v1/sessions", json={"username": "wacht1", "password": f"x{i}"})
            assert wrong.status_code == 401, wrong.text
            if i in (2, 3):  # the back-off: wait it out as a patient attacker would
                time.sleep(2 ** (i - 2) + 0.2)
        right = http.post("/v1/sessions", json={"username": "wacht1", "password": PASSWORD})
        assert right.status_code == 401 and "gesperrt bis" in right.json()["detail"]
        assert "token" not in right.json()
    lead = served.sign_in(served.enroll("bb-wacht", counter=1), "wacht.leitung")
    with served.http(lead) as http:
        listed = http.post("/v1/team/list_users", json={}).json()
        locked = next(u for u in listed if u["username"] == "wacht1")
        assert locked["locked_until"] is not None
        lifted = http.post("/v1/team/unlock_user", json={"target_id": locked["id"]})
        assert lifted.status_code == 200, lifted.text
    with served.http(device) as http:
        again = http.post("/v1/sessions", json={"username": "wacht1", "password": PASSWORD})
        assert again.status_code == 200, again.text
