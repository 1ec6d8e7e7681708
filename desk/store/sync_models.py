"""Sync tables (DESIGN.md §4).

Local side: outbox, state, conflicts, ticket number blocks. Central side: applied
operations (idempotency). The central change log is PostgreSQL-only (xid and
triggers) and is created by migration 0003, not by a model.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from desk.store.base import Base, utcnow
from desk.store.types import UTCDateTime


class OutboxOp(Base):
    """An operation a counter made locally, waiting for the central database's ack."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    office_id: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SyncState(Base):
    """Key/value state of the local sync: role, central cursor, last sync."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncConflict(Base):
    """A local operation the central database refused; the citizen's data is kept."""

    __tablename__ = "sync_conflict"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    office_id: Mapped[str] = mapped_column(String(40))
    #: the appointment or ticket the refused operation was about
    entity_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    payload: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AppliedOp(Base):
    """Central record of every applied operation, written with its effect (exactly once)."""

    __tablename__ = "applied_op"

    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(20))
    result: Mapped[str] = mapped_column(Text)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: the device that sent it, and its own time of an offline action ("done offline at")
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    client_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TicketLease(Base):
    """A block of ticket numbers a counter PC may issue offline for one office and day."""

    __tablename__ = "ticket_lease"
    __table_args__ = (
        UniqueConstraint("office_id", "service_day", "client_id"),
        CheckConstraint("first_number <= last_number", name="block"),
    )

    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"), primary_key=True)
    service_day: Mapped[date] = mapped_column(Date, primary_key=True)
    first_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    leased_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OfflineVerifier(Base):
    """Local: a verifier of the password of a user who signed in on this PC through the
    central service (as cached domain logons do), so the user can sign in here while the
    service is out of reach. Nobody else can; the service's hash never comes here."""

    __tablename__ = "offline_verifier"

    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    verifier: Mapped[str] = mapped_column(String(255))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
