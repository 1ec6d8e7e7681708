"""The device registry and user sessions of the central service, on SQLite and PostgreSQL:
a one-time code becomes a device credential, a revoked device and its sessions are
refused, sessions are bound to their device, office and time, and only hashes are kept."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from desk.domain.audit import AuditAction
from desk.domain.errors import NotAuthenticated, RequestRefused, UnknownId
from desk.domain.localtime import parse_now
from desk.services.admin.auth import WRONG
from desk.services.admin.devices import (
    CODE_REFUSED,
    DEVICE_REFUSED,
    DeviceInfo,
    add_device,
    authenticate_device,
    digest,
    enroll_device,
    list_devices,
    normalised_code,
    revoke_device,
)
from desk.services.admin.sessions import (
    SESSION_REFUSED,
    close_session,
    has_signed_in_here,
    open_session,
    session_user,
)
from desk.services.admin.users import change_user, create_user, find_user
from desk.services.database import DeskDatabase
from desk.store.models import AuditEntry, Device
from desk.store.uow import UnitOfWork
from tests.builders import add_office

NOW = parse_now("2024-03-20T10:30")
PASSWORD = "Rathaus-Schalter 7"
CODE = re.compile(r"^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$")


@pytest.fixture(scope="module")
def db(fresh_db: DeskDatabase) -> DeskDatabase:
    """Two offices (bb-mitte with counters 1–3, bb-nord with 1) and three users: a
    clerk of each office and a city-wide team lead."""
    add_office(fresh_db, "bb-mitte", counters=3)
    add_office(fresh_db, "bb-nord", counters=1)
    for username, role, office in (
        ("sb.mitte", "clerk", "bb-mitte"),
        ("sb.nord", "clerk", "bb-nord"),
        ("tl.stadt", "team_lead", None),
    ):
        create_user(
            fresh_db, user_id=None, username=username, display_name=username, role=role,
            office_id=office, password=PASSWORD, now=NOW,
        )  # fmt: skip
    return fresh_db


def enrolled(db: DeskDatabase, kind: str = "counter", office: str = "bb-mitte", **options):
    """A device added and enrolled at NOW: (device, credential)."""
    enrollment = add_device(db, office, kind, NOW, **options)
    return enroll_device(db, enrollment.code, NOW)


def device_row(db: DeskDatabase, device: DeviceInfo) -> dict[str, object]:
    """The device's row as the database holds it, every column."""
    with UnitOfWork(db.engine) as uow:
        table = Device.__table__
        row = uow.session.execute(select(table).where(table.c.id == device.id)).one()
        return dict(row._mapping)


def test_an_added_device_enrolls_with_its_code_once_and_then_authenticates(db):
    enrollment = add_device(db, "bb-mitte", "counter", NOW, counter_number=2, name="Platz 2")

    assert CODE.match(enrollment.code)
    assert enrollment.expires_at == NOW + timedelta(hours=24)
    assert enrollment.device.state_at(NOW) == "wartet auf Anmeldung"
    assert (enrollment.device.counter_number, enrollment.device.name) == (2, "Platz 2")

    device, token = enroll_device(db, enrollment.code, NOW + timedelta(minutes=5))

    assert device.id == enrollment.device.id
    assert device.enrolled_at == NOW + timedelta(minutes=5)
    assert device.state_at(NOW) == "angemeldet"
    assert len(token) >= 40
    seen = authenticate_device(db, token, NOW + timedelta(hours=1))
    assert (seen.id, seen.office_id, seen.kind, seen.counter_number) == (
        device.id, "bb-mitte", "counter", 2,
    )  # fmt: skip
    with pytest.raises(NotAuthenticated) as again:
        enroll_device(db, enrollment.code, NOW + timedelta(minutes=6))
    assert str(again.value) == CODE_REFUSED


def test_a_code_is_accepted_as_people_type_it(db):
    code = add_device(db, "bb-mitte", "reception", NOW).code

    device, _ = enroll_device(db, f" {code.replace('-', ' ').lower()} ", NOW)

    assert device.kind == "reception"


def test_an_expired_code_is_refused_with_the_same_answer_as_an_unknown_one(db):
    enrollment = add_device(db, "bb-mitte", "display", NOW)
    later = NOW + timedelta(hours=25)

    listed = next(d for d in list_devices(db, "bb-mitte") if d.id == enrollment.device.id)
    assert listed.state_at(later) == "Code abgelaufen"
    answers = []
    for code in (enrollment.code, "AAAA-BBBB-CCCC", "", "zu kurz"):
        with pytest.raises(NotAuthenticated) as refused:
            enroll_device(db, code, later)
        answers.append(str(refused.value))
    assert answers == [CODE_REFUSED] * 4


def test_a_revoked_device_is_refused_at_its_next_request_and_so_are_its_sessions(db):
    device, token = enrolled(db)
    signed_in = open_session(db, device, "sb.mitte", PASSWORD, NOW)

    revoked = revoke_device(db, device.id, NOW + timedelta(minutes=1))

    assert revoked.revoked_at == NOW + timedelta(minutes=1)
    assert revoked.state_at(NOW) == "gesperrt"
    with pytest.raises(NotAuthenticated) as refused:
        authenticate_device(db, token, NOW + timedelta(minutes=2))
    assert str(refused.value) == DEVICE_REFUSED
    with pytest.raises(NotAuthenticated) as expired:
        session_user(db, device, signed_in.token, NOW + timedelta(minutes=2))
    assert str(expired.value) == SESSION_REFUSED
    with pytest.raises(NotAuthenticated):
        open_session(db, device, "sb.mitte", PASSWORD, NOW + timedelta(minutes=2))
    with pytest.raises(RequestRefused, match="bereits gesperrt"):
        revoke_device(db, device.id, NOW + timedelta(minutes=3))


def test_a_device_revoked_before_it_enrolled_cannot_use_its_code(db):
    enrollment = add_device(db, "bb-nord", "counter", NOW)

    revoke_device(db, str(enrollment.device.id), NOW)

    with pytest.raises(NotAuthenticated, match=CODE_REFUSED):
        enroll_device(db, enrollment.code, NOW)


def test_revoke_takes_an_unambiguous_id_prefix_of_eight_characters(db):
    device = add_device(db, "bb-nord", "reception", NOW).device

    with pytest.raises(RequestRefused, match="mindestens ihre ersten 8 Zeichen"):
        revoke_device(db, device.short_id[:7], NOW)
    with pytest.raises(UnknownId, match="Unbekanntes Gerät"):
        revoke_device(db, "ffffffff-ffff", NOW)
    assert revoke_device(db, device.short_id.upper(), NOW).id == device.id


def test_a_session_ends_after_its_time_to_live(db):
    device, _ = enrolled(db)
    opened = open_session(db, device, "sb.mitte", PASSWORD, NOW, ttl=timedelta(hours=10))

    assert opened.expires_at == NOW + timedelta(hours=10)
    assert opened.user.username == "sb.mitte"
    assert session_user(db, device, opened.token, NOW + timedelta(hours=9, minutes=59)) == (
        opened.user
    )
    with pytest.raises(NotAuthenticated, match=SESSION_REFUSED):
        session_user(db, device, opened.token, NOW + timedelta(hours=10))


def test_a_session_of_one_device_is_refused_on_another(db):
    first, _ = enrolled(db)
    second, _ = enrolled(db)
    opened = open_session(db, first, "sb.mitte", PASSWORD, NOW)

    with pytest.raises(NotAuthenticated, match=SESSION_REFUSED):
        session_user(db, second, opened.token, NOW)
    close_session(db, second, opened.token, NOW)  # not its session: nothing happens
    assert session_user(db, first, opened.token, NOW).username == "sb.mitte"


def test_a_user_of_bb_nord_cannot_sign_in_on_a_bb_mitte_device_and_learns_nothing(db):
    device, _ = enrolled(db, office="bb-mitte")

    with pytest.raises(NotAuthenticated) as other_office:
        open_session(db, device, "sb.nord", PASSWORD, NOW)
    with pytest.raises(NotAuthenticated) as wrong_password:
        open_session(db, device, "sb.mitte", "falsch-falsch", NOW)
    with pytest.raises(NotAuthenticated) as unknown_user:
        open_session(db, device, "niemand", PASSWORD, NOW)

    assert str(other_office.value) == str(wrong_password.value) == str(unknown_user.value) == WRONG
    assert open_session(db, device, "tl.stadt", PASSWORD, NOW).user.office_id is None


@pytest.mark.parametrize("kind", ["display", "portal"])
def test_displays_and_the_portal_open_no_user_sessions(db, kind):
    device, _ = enrolled(db, kind=kind)

    with pytest.raises(RequestRefused, match=r"niemand an|kein Benutzer an"):
        open_session(db, device, "sb.mitte", PASSWORD, NOW)


def test_a_closed_session_is_refused_and_its_user_still_counts_as_signed_in_here(db):
    device, _ = enrolled(db)
    other, _ = enrolled(db)
    opened = open_session(db, device, "sb.mitte", PASSWORD, NOW)
    user_id = opened.user.id

    close_session(db, device, opened.token, NOW + timedelta(hours=1))
    close_session(db, device, opened.token, NOW + timedelta(hours=2))

    with pytest.raises(NotAuthenticated, match=SESSION_REFUSED):
        session_user(db, device, opened.token, NOW + timedelta(hours=1))
    assert has_signed_in_here(db, device.id, user_id)
    assert not has_signed_in_here(db, other.id, user_id)


def test_a_locked_user_loses_an_open_session(db):
    create_user(
        db, user_id=None, username="sb.gesperrt", display_name="Gesperrt", role="clerk",
        office_id="bb-mitte", password=PASSWORD, now=NOW,
    )  # fmt: skip
    device, _ = enrolled(db)
    opened = open_session(db, device, "sb.gesperrt", PASSWORD, NOW)

    target = find_user(db, "sb.gesperrt")
    change_user(db, user_id=None, target_id=target.id, active=False, now=NOW)

    with pytest.raises(NotAuthenticated, match=SESSION_REFUSED):
        session_user(db, device, opened.token, NOW)


def test_last_seen_is_written_at_most_once_a_minute(db):
    device, token = enrolled(db)  # seen at NOW by its enrollment

    assert authenticate_device(db, token, NOW + timedelta(seconds=30)).last_seen_at == NOW
    assert device_row(db, device)["last_seen_at"] == NOW
    later = NOW + timedelta(minutes=2)
    assert authenticate_device(db, token, later).last_seen_at == later
    assert device_row(db, device)["last_seen_at"] == later


def test_only_hashes_of_codes_and_tokens_are_stored(db):
    enrollment = add_device(db, "bb-mitte", "counter", NOW, counter_number=1)
    code = enrollment.code
    assert device_row(db, enrollment.device)["enroll_code_hash"] == digest(normalised_code(code))
    device, token = enroll_device(db, code, NOW)
    opened = open_session(db, device, "sb.mitte", PASSWORD, NOW)

    row = device_row(db, device)
    assert row["enroll_code_hash"] is None
    assert row["token_hash"] == digest(token)
    secrets = (code, normalised_code(code), token, opened.token)
    with db.engine.connect() as conn:
        for table in ("device", "user_session"):
            for stored in conn.exec_driver_sql(f"SELECT * FROM {table}"):
                text = " ".join(str(value) for value in stored)
                assert not any(secret in text for secret in secrets)


def test_add_enroll_and_revoke_are_audited_without_code_or_token(db):
    enrollment = add_device(db, "bb-mitte", "counter", NOW, counter_number=3)
    device, token = enroll_device(db, enrollment.code, NOW + timedelta(minutes=1))
    revoke_device(db, device.id, NOW + timedelta(minutes=2))

    with UnitOfWork(db.engine) as uow:
        rows = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == str(device.id)).order_by(AuditEntry.at)
        ).all()
        entries = [
            (r.action, r.entity, r.office_id, r.counter_number, r.detail, r.old_value, r.new_value)
            for r in rows
        ]

    assert [e[:4] for e in entries] == [
        (AuditAction.DEVICE_ADD, "device", "bb-mitte", 3),
        (AuditAction.DEVICE_ENROLL, "device", "bb-mitte", 3),
        (AuditAction.DEVICE_REVOKE, "device", "bb-mitte", 3),
    ]
    assert entries[0][4] == f"Schalter-PC {device.short_id} registriert (bb-mitte, Schalter 3)"
    text = repr(entries)
    for secret in (enrollment.code, normalised_code(enrollment.code), token):
        assert secret not in text


def test_adding_refuses_an_unknown_office_kind_or_counter_and_names_what_exists(db):
    with pytest.raises(UnknownId, match=r"Unbekannter Standort 'bb-ost' \(vorhanden: .*bb-mitte"):
        add_device(db, "bb-ost", "counter", NOW)
    with pytest.raises(RequestRefused, match="möglich: counter, reception, display, portal"):
        add_device(db, "bb-mitte", "kiosk", NOW)
    with pytest.raises(UnknownId, match=r"keinen Schalter 9 \(vorhanden: 1, 2, 3\)"):
        add_device(db, "bb-mitte", "counter", NOW, counter_number=9)
    with pytest.raises(RequestRefused, match="nur ein Schalter-PC"):
        add_device(db, "bb-mitte", "display", NOW, counter_number=1)
    assert add_device(db, "bb-nord", "counter", NOW).device.counter_number is None


def test_the_list_is_ordered_by_office_kind_and_counter_and_filters_by_office(db):
    add_device(db, "bb-nord", "counter", NOW, counter_number=1)

    everything = list_devices(db)
    keys = [(d.office_id, d.kind, d.counter_number or 0) for d in everything]

    assert keys == sorted(keys)
    assert {d.office_id for d in list_devices(db, "bb-nord")} == {"bb-nord"}
    with pytest.raises(UnknownId):
        list_devices(db, "bb-ost")
