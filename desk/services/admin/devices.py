"""The device registry of the central service (DESIGN.md §3): the admin registers a PC
with a one-time enrollment code, the PC exchanges the code for its device credential,
and the service recognises the PC by that credential until it is revoked.

Codes and credentials are stored only as sha256 hashes; neither is ever audited or
logged. Every unknown, used, expired or revoked credential gets the same answer.
"""

from __future__ import annotations

import hashlib
import secrets
import string
import uuid
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from desk.domain.audit import AuditAction
from desk.domain.errors import NotAuthenticated, RequestRefused, UnknownId
from desk.domain.refusals import german
from desk.domain.status import DeviceKind
from desk.services.admin import sign_in_guard
from desk.services.admin.sign_in_guard import Subject
from desk.services.audit_log import record
from desk.services.database import DeskDatabase
from desk.store.models import Counter, Device, Office, UserSession
from desk.store.uow import UnitOfWork, single_read

#: Letters and digits that cannot be mistaken for each other (no I, O, 0, 1).
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
CODE_VALID_FOR = timedelta(hours=24)
#: last_seen_at is written at most this often (not once per request).
SEEN_EVERY = timedelta(minutes=1)
#: The shortest id prefix ``revoke_device`` accepts (as the list shows it).
SHORT_ID = 8

WAITING = "wartet auf Anmeldung"
ENROLLED = "angemeldet"
REVOKED = "gesperrt"
EXPIRED = "Code abgelaufen"

CODE_REFUSED = german("code_refused")
DEVICE_REFUSED = german("device_refused")

KIND_LABELS_DE: dict[str, str] = {
    DeviceKind.COUNTER: "Schalter-PC",
    DeviceKind.RECEPTION: "Empfangs-PC",
    DeviceKind.DISPLAY: "Aufrufanzeige",
    DeviceKind.PORTAL: "Online-Portal",
}


@dataclass(frozen=True)
class DeviceInfo:
    """A registered device as the admin and the service see it (never a hash)."""

    id: uuid.UUID
    office_id: str
    kind: str
    counter_number: int | None
    name: str | None
    created_at: datetime
    enrolled_at: datetime | None
    revoked_at: datetime | None
    last_seen_at: datetime | None
    enroll_expires_at: datetime | None = None
    #: sign-ins blocked after failures until then (a team lead's sign-in lifts it)
    sign_in_blocked_until: datetime | None = None

    @property
    def short_id(self) -> str:
        """The id's first characters, enough to name it on the command line."""
        return self.id.hex[:SHORT_ID]

    @property
    def label(self) -> str:
        """The kind in German, e.g. "Schalter-PC"."""
        return KIND_LABELS_DE.get(self.kind, self.kind)

    def state_at(self, now: datetime) -> str:
        """gesperrt, angemeldet, Code abgelaufen or wartet auf Anmeldung, at ``now``."""
        if self.revoked_at is not None:
            return REVOKED
        if self.enrolled_at is not None:
            return ENROLLED
        if self.enroll_expires_at is not None and self.enroll_expires_at <= now:
            return EXPIRED
        return WAITING

    @property
    def state(self) -> str:
        """The state by the clock (``state_at`` for a given moment)."""
        return self.state_at(datetime.now(UTC))


@dataclass(frozen=True)
class Enrollment:
    """A newly registered device and its one-time code (shown once, stored hashed)."""

    device: DeviceInfo
    code: str
    expires_at: datetime


def digest(secret: str) -> str:
    """The sha256 hex digest under which a code or token is stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_enroll_code() -> str:
    """A random code of 12 unambiguous characters, grouped XXXX-XXXX-XXXX."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(chars[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalised_code(code: str) -> str:
    """A code as typed, in the form that is hashed: uppercase, no dashes or spaces."""
    return "".join(code.split()).replace("-", "").upper()


def device_info(device: Device) -> DeviceInfo:
    """The frozen view of a device row (its fields are named as the columns; the
    sign-in block is not a column: ``list_devices`` fills it in)."""
    columns = (f.name for f in fields(DeviceInfo) if f.name not in _NOT_COLUMNS)
    return DeviceInfo(**{name: getattr(device, name) for name in columns})


_NOT_COLUMNS = frozenset({"sign_in_blocked_until"})


def _check_office(session: Session, office_id: str) -> None:
    if session.get(Office, office_id) is None:
        known = ", ".join(sorted(session.scalars(select(Office.id)))) or "keine"
        raise UnknownId(f"Unbekannter Standort {office_id!r} (vorhanden: {known})")


def _checked_kind(kind: str) -> DeviceKind:
    try:
        return DeviceKind(kind.strip())
    except ValueError:
        kinds = ", ".join(k.value for k in DeviceKind)
        raise RequestRefused(f"Unbekannte Geräteart {kind!r} (möglich: {kinds})") from None


def _check_counter(session: Session, office_id: str, kind: DeviceKind, number: int) -> None:
    if kind is not DeviceKind.COUNTER:
        raise RequestRefused(
            f"Eine Schalternummer hat nur ein Schalter-PC (Art counter), "
            f"kein Gerät der Art {kind.value}"
        )
    numbers = list(
        session.scalars(
            select(Counter.number).where(Counter.office_id == office_id).order_by(Counter.number)
        )
    )
    if number not in numbers:
        known = ", ".join(str(n) for n in numbers) or "keine"
        raise UnknownId(f"Standort {office_id} hat keinen Schalter {number} (vorhanden: {known})")


def _checked_name(name: str | None) -> str | None:
    shown = name.strip() if name is not None else ""
    if len(shown) > 120:
        raise RequestRefused("Gerätename: höchstens 120 Zeichen")
    return shown or None


def _audit(
    session: Session, action: AuditAction, device: DeviceInfo, now: datetime, done: str,
    old: object = None, new: object = None,
) -> None:  # fmt: skip
    """The audit row of a device change (never its code or credential)."""
    where = f", Schalter {device.counter_number}" if device.counter_number is not None else ""
    record(
        session, action, at=now, entity="device", entity_id=device.id,
        office_id=device.office_id, counter_number=device.counter_number, old=old, new=new,
        detail=f"{device.label} {device.short_id} {done} ({device.office_id}{where})",
    )  # fmt: skip


def add_device(
    db: DeskDatabase,
    office_id: str,
    kind: str,
    now: datetime,
    *,
    counter_number: int | None = None,
    name: str | None = None,
    valid_for: timedelta = CODE_VALID_FOR,
) -> Enrollment:
    """Register a device of ``office_id`` and make its one-time enrollment code; audited.
    A counter PC without ``counter_number`` serves any counter of its office."""
    checked = _checked_kind(kind)
    shown = _checked_name(name)
    if valid_for <= timedelta(0):
        raise RequestRefused("Der Anmeldecode muss eine Weile gültig sein")
    code = new_enroll_code()
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        _check_office(session, office_id)
        if counter_number is not None:
            _check_counter(session, office_id, checked, counter_number)
        device = Device(
            id=uuid.uuid4(),
            office_id=office_id,
            counter_number=counter_number,
            kind=checked.value,
            name=shown,
            enroll_code_hash=digest(normalised_code(code)),
            enroll_expires_at=now + valid_for,
            created_at=now,
        )
        session.add(device)
        session.flush()
        info = device_info(device)
        new = {"kind": checked.value, "counter": counter_number, "name": shown}
        _audit(session, AuditAction.DEVICE_ADD, info, now, "registriert", new=new)
        uow.commit()
    return Enrollment(info, code, now + valid_for)


def list_devices(db: DeskDatabase, office_id: str | None = None) -> list[DeviceInfo]:
    """All registered devices (or one office's), by office, kind, counter and age."""
    with UnitOfWork(db.engine) as uow:
        query = select(Device)
        if office_id is not None:
            _check_office(uow.session, office_id)
            query = query.where(Device.office_id == office_id)
        rows = [device_info(d) for d in uow.session.scalars(query)]
    blocked = sign_in_guard.locked(db, "device", datetime.now(UTC))
    rows = [replace(d, sign_in_blocked_until=blocked.get(d.id)) for d in rows]
    return sorted(rows, key=_order)


def unlock_device(db: DeskDatabase, device_id: uuid.UUID | str, now: datetime) -> bool:
    """Lift a device's sign-in block after failures (the admin); audited. Whether one
    was held."""
    with UnitOfWork(db.engine, write=True) as uow:
        info = device_info(_find(uow.session, device_id))
        subject = Subject("device", info.id, f"{info.label} {info.short_id}", info.office_id)
        held = sign_in_guard.lift(uow.session, subject, None, now)
        uow.commit()
        return held


def _order(d: DeviceInfo) -> tuple[str, str, bool, int, datetime]:
    """By office, kind, counter (devices without one first) and age."""
    return (d.office_id, d.kind, d.counter_number is not None, d.counter_number or 0, d.created_at)


def _find(session: Session, device_id: uuid.UUID | str) -> Device:
    """The device with this id, or with this unambiguous id prefix (8+ hex digits)."""
    text = str(device_id).strip().lower()
    try:
        exact: uuid.UUID | None = uuid.UUID(text)
    except ValueError:
        exact = None
    if exact is None:
        prefix = text.replace("-", "")
        if len(prefix) < SHORT_ID or not set(prefix) <= set(string.hexdigits):
            raise RequestRefused(
                f"Ungültige Geräte-ID {text!r}: die ID oder mindestens ihre ersten "
                f"{SHORT_ID} Zeichen angeben (siehe 'buergerdesk device list')"
            )
        matches = [i for i in session.scalars(select(Device.id)) if i.hex.startswith(prefix)]
        if len(matches) > 1:
            raise RequestRefused(
                f"Geräte-ID {text!r} ist nicht eindeutig ({len(matches)} Geräte): "
                "mehr Zeichen angeben"
            )
        exact = matches[0] if matches else None
    device = session.get(Device, exact, with_for_update=True) if exact is not None else None
    if device is None:
        raise UnknownId(f"Unbekanntes Gerät {text!r}")
    return device


def revoke_device(db: DeskDatabase, device_id: uuid.UUID | str, now: datetime) -> DeviceInfo:
    """Lock a device out for good, and end its users' open sessions; audited.
    ``device_id`` may be an unambiguous prefix of at least 8 hex digits."""
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        device = _find(session, device_id)
        info = device_info(device)
        if device.revoked_at is not None:
            raise RequestRefused(f"{info.label} {info.short_id} ist bereits gesperrt")
        device.revoked_at = now
        device.enroll_code_hash = None
        closed = session.execute(
            update(UserSession)
            .where(
                UserSession.device_id == device.id,
                UserSession.revoked_at.is_(None),
                UserSession.expires_at > now,
            )
            .values(revoked_at=now)
        ).rowcount  # type: ignore[attr-defined]
        old = {"state": info.state_at(now)}
        new = {"state": REVOKED, "sessions_closed": closed}
        _audit(session, AuditAction.DEVICE_REVOKE, info, now, "gesperrt", old=old, new=new)
        session.flush()
        info = device_info(device)
        uow.commit()
    return info


def enroll_device(db: DeskDatabase, code: str, now: datetime) -> tuple[DeviceInfo, str]:
    """Exchange a valid one-time code for the device's credential (shown once; stored
    hashed); audited. Any unusable code is NotAuthenticated with one message."""
    typed = normalised_code(code)
    if len(typed) != CODE_LENGTH:
        raise NotAuthenticated.of("code_refused")
    with UnitOfWork(db.engine, write=True) as uow:
        session = uow.session
        device = session.scalar(
            select(Device).where(Device.enroll_code_hash == digest(typed)).with_for_update()
        )
        if (
            device is None
            or device.revoked_at is not None
            or device.enroll_expires_at is None
            or device.enroll_expires_at <= now
        ):
            raise NotAuthenticated.of("code_refused")
        token = secrets.token_urlsafe(32)
        device.token_hash = digest(token)
        device.enroll_code_hash = None
        device.enroll_expires_at = None
        device.enrolled_at = now
        device.last_seen_at = now
        info = device_info(device)
        _audit(session, AuditAction.DEVICE_ENROLL, info, now, "angemeldet")
        uow.commit()
    return info, token


_BY_TOKEN = select(
    *(getattr(Device, f.name) for f in fields(DeviceInfo) if f.name not in _NOT_COLUMNS)
).where(Device.token_hash == bindparam("hashed"))


def authenticate_device(db: DeskDatabase, token: str, now: datetime) -> DeviceInfo:
    """The enrolled, unrevoked device holding ``token``, else NotAuthenticated; notes
    when it was last seen (at most once a minute, so not every request writes)."""
    if not token:
        raise NotAuthenticated.of("device_refused")
    with single_read(db.engine) as conn:  # once per request: one statement, no ORM
        row = conn.execute(_BY_TOKEN, {"hashed": digest(token)}).one_or_none()
    if row is None or row.revoked_at is not None:
        raise NotAuthenticated.of("device_refused")
    info = DeviceInfo(**row._asdict())
    if info.last_seen_at is not None and now - info.last_seen_at < SEEN_EVERY:
        return info
    with UnitOfWork(db.engine, write=True) as uow:
        seen = uow.session.execute(
            update(Device)
            .where(
                Device.id == info.id,
                Device.revoked_at.is_(None),
                or_(Device.last_seen_at.is_(None), Device.last_seen_at <= now - SEEN_EVERY),
            )
            .values(last_seen_at=now)
        ).rowcount  # type: ignore[attr-defined]
        uow.commit()
    return replace(info, last_seen_at=now) if seen else info
