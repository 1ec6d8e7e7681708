"""Central-only tables of the service (DESIGN.md §3): registered devices and signed-in
sessions. Never replicated to a PC; tokens and enrollment codes only as hashes."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from desk.domain.status import DeviceKind
from desk.store.base import Base, one_of, utcnow
from desk.store.types import UTCDateTime


class Device(Base):
    """A PC (counter, reception, display) or the online portal, registered by the admin."""

    __tablename__ = "device"
    __table_args__ = (one_of("kind", DeviceKind, "kind"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"), index=True)
    counter_number: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str | None] = mapped_column(String(120))
    #: sha256 of the one-time enrollment code while it is unused
    enroll_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enroll_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: sha256 of the device credential once enrolled
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class UserSession(Base):
    """A user signed in on a device through the service: short-lived and revocable."""

    __tablename__ = "user_session"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), index=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("device.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SignInGuard(Base):
    """Failed sign-ins of one user or one device (``user:<id>``, ``device:<id>``): the
    count within the current run of failures, and until when sign-in is held off."""

    __tablename__ = "sign_in_guard"

    subject: Mapped[str] = mapped_column(String(60), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
