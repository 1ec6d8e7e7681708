"""R8: citizens' names travel byte-exact SQLite → PostgreSQL → SQLite, whatever they hold;
values the central database cannot store never jam the outbox."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import select

from desk.domain.errors import DatabaseUnavailable, DeskError
from desk.domain.status import Channel
from desk.services.appointments.booking import MAX_NAME, book
from desk.services.database import DeskDatabase
from desk.store.models import Appointment, OutboxOp, SyncConflict
from desk.store.uow import UnitOfWork
from tests.sync.conftest import (
    NOW,
    SERVICE,
    Central,
    Replica,
    book_at,
    count,
    get,
    insert_local_bookings,
    slot,
)

OFFICE = "bb-names"
DAY = NOW.date() + timedelta(days=1)  # Thursday
NEXT = NOW.date() + timedelta(days=2)  # Friday

HOSTILE = [
    'O\'Brien "Bobby" `backtick` \\ back\\slash',
    "Robert'); DROP TABLE appointment;--",
    "'; DELETE FROM slot_hold; SELECT '",
    "%s %(name)s {0} $1 ?",
    "Weiß Straße GROSSES ẞ",
    "Jose\u0301 Rene\u0301e Zoe\u0308",  # combining marks, not NFC-composed
    "José Renée Zoë",  # the same, precomposed (must stay distinct)
    "محمد عبد الله بن سعيد",  # right-to-left Arabic
    "Müller-שלום 123 عبد",  # mixed directions, no bidi controls (desk.domain.names)
    "👩\u200d👩\u200d👧\u200d👦 Familie 🏳️\u200d🌈 🇩🇪 👍🏽",  # ZWJ sequences, flags, skin tone
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙 \U0001f600",  # astral plane
    "  Leer  zeichen\tTab\r\nZeile  ",
    "李小龍 / 김민준 / Ἀριστοτέλης / Владимир",
]
LONG = ("ß😀e\u0301 " * 2500)[:10_000]


@pytest.fixture(scope="module")
def central(central_factory: Callable[..., Central]) -> Central:
    return central_factory({OFFICE: 2})


@pytest.fixture(scope="module")
def replica(central: Central, replica_factory: Callable[..., Replica]) -> Replica:
    return replica_factory(central)


def name_of(db: DeskDatabase, appointment_id: uuid.UUID) -> str:
    row = get(db, Appointment, appointment_id)
    assert isinstance(row, Appointment), appointment_id
    return row.citizen_name


def raw_central(central: Central, appointment_id: uuid.UUID) -> tuple[str, int, int]:
    with psycopg.connect(central.conninfo) as conn:
        row = conn.execute(
            "SELECT citizen_name, octet_length(citizen_name), char_length(citizen_name) "
            "FROM appointment WHERE id = %s",
            (appointment_id,),
        ).fetchone()
    assert row is not None
    return row


def conflicts_of(db: DeskDatabase) -> list[SyncConflict]:
    with UnitOfWork(db.engine) as uow:
        rows = list(uow.session.scalars(select(SyncConflict)))
        for row in rows:
            uow.session.expunge(row)
        return rows


def test_names_travel_byte_exact_through_central_to_a_new_replica(
    central: Central, replica: Replica, replica_factory: Callable[..., Replica]
):
    assert len(LONG) == 10_000 and len(LONG) > MAX_NAME
    sent: dict[uuid.UUID, str] = {}
    for i, name in enumerate(HOSTILE):
        start = slot(DAY, 8) + timedelta(minutes=15 * i)
        sent[book_at(replica.db, OFFICE, start, name).id] = name
    # written into the replica by hand, past the client's length check: the central
    # side checks again and refuses it; the conflict keeps the name as it was typed
    (long_id,) = insert_local_bookings(
        replica.db, OFFICE, [(central.counters[OFFICE][2], slot(DAY, 8), LONG)]
    )
    # and the other way: hostile names booked online, straight into PostgreSQL
    for i, name in enumerate(HOSTILE[:6]):
        start = slot(NEXT, 8) + timedelta(minutes=15 * i)
        sent[book_at(central.db, OFFICE, start, name, Channel.PORTAL).id] = name

    report = replica.engine.sync_once(NOW)
    assert (report.pushed, report.rejected) == (len(HOSTILE) + 1, 1)
    (conflict,) = [c for c in conflicts_of(replica.db) if c.entity_id == long_id]
    assert json.loads(conflict.payload)["name"].encode("utf-8") == LONG.encode("utf-8")
    assert "zu lang" in json.loads(conflict.reason)["reason"]
    assert get(central.db, Appointment, long_id) is None
    fresh = replica_factory(central)

    for appointment_id, name in sent.items():
        expected = name.encode("utf-8")
        assert name_of(replica.db, appointment_id).encode("utf-8") == expected
        assert name_of(fresh.db, appointment_id).encode("utf-8") == expected
        text, octets, chars = raw_central(central, appointment_id)
        assert text.encode("utf-8") == expected
        assert (octets, chars) == (len(expected), len(name))
    assert count(central.db, Appointment) == len(sent)  # nothing was dropped


@pytest.mark.parametrize(
    ("name", "phone"),
    [("Nul\x00Byte", None), ("Telefon Zu Lang", "0" * 41)],
    ids=["nul-in-name", "phone-longer-than-column"],
)
def test_a_value_central_cannot_store_does_not_jam_the_outbox(
    central: Central, replica_factory: Callable[..., Replica], name: str, phone: str | None
):
    """A name with a NUL character (SQLite keeps it, PostgreSQL text cannot) or a
    phone number longer than its column (SQLite ignores varchar lengths, PostgreSQL
    refuses): the counter either refuses it when booking, or the central side
    refuses the operation as a conflict. Either way the central database is not
    'unreachable' and the bookings queued after it still go out."""
    counter_pc = replica_factory(central)
    start = slot(NEXT, 10, 0 if phone is None else 15)
    with contextlib.suppress(DeskError):  # refused at the counter: fine
        book(counter_pc.db, OFFICE, SERVICE, start, name, NOW, channel=Channel.COUNTER, phone=phone)
    after = book_at(counter_pc.db, OFFICE, start + timedelta(minutes=60), "Danach Gebucht")

    try:
        report = counter_pc.engine.sync_once(NOW)
    except DatabaseUnavailable as err:
        pytest.fail(f"one unstorable operation blocks the outbox: {err}")

    assert report.status.connected is True
    assert report.status.waiting == 0
    assert count(counter_pc.db, OutboxOp) == 0
    assert get(central.db, Appointment, after.id) is not None


def test_a_portal_name_with_a_nul_character_is_refused_as_a_request(central: Central):
    """Booking straight into PostgreSQL (portal, or an app working on the central
    database): a NUL in the name must be a refusal the caller can show (a DeskError),
    not a raw driver error."""
    before = count(central.db, Appointment)
    with pytest.raises(DeskError):
        book_at(central.db, OFFICE, slot(NEXT, 11, 30), "Nul\x00Portal", Channel.PORTAL)
    assert count(central.db, Appointment) == before
