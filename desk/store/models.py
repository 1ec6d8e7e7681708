"""The domain model of DESIGN.md §2 as typed SQLAlchemy 2 tables.

Rows a counter may create offline (appointments, tickets, calls, events, audit)
have UUID keys; reference data an admin creates centrally (offices, services)
keeps the stable slug ids of the demo city. All timestamps are UTC-aware.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from desk.domain.status import (
    AppointmentStatus,
    Channel,
    OfficeKind,
    PolicyKind,
    Role,
    TicketReason,
    TicketStatus,
)
from desk.store.base import Base, one_of, utcnow
from desk.store.types import UTCDateTime


class Office(Base):
    """Standort: a location with counters, services, policies and maybe a walk-in hour."""

    __tablename__ = "office"
    __table_args__ = (one_of("kind", OfficeKind, "kind"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    street: Mapped[str] = mapped_column(String(120))
    postcode: Mapped[str] = mapped_column(String(10))
    city: Mapped[str] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(String(8), default="ST")
    timezone: Mapped[str] = mapped_column(String(40), default="Europe/Berlin")
    walk_in_quota: Mapped[int | None] = mapped_column(Integer)
    walk_in_from: Mapped[time | None] = mapped_column(Time)
    walk_in_until: Mapped[time | None] = mapped_column(Time)
    ticket_prefix: Mapped[str] = mapped_column(String(4), default="W")
    #: F9 with someone at the counter: "ask" what becomes of them, or "refuse".
    call_next_with_current: Mapped[str] = mapped_column(
        String(8), default="ask", server_default=text("'ask'")
    )


class Counter(Base):
    """Schalter: a numbered workplace in an office."""

    __tablename__ = "counter"
    __table_args__ = (UniqueConstraint("office_id", "number"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Service(Base):
    """Dienstleistung with its duration and optional national service key (LeiKa)."""

    __tablename__ = "service"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    leika_key: Mapped[str | None] = mapped_column(String(20))
    online: Mapped[bool] = mapped_column(Boolean, default=True)


class OfficeService(Base):
    """Which services an office offers."""

    __tablename__ = "office_service"

    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"), primary_key=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), primary_key=True)


class OpeningTemplate(Base):
    """Öffnungszeiten: when a counter is staffed on a weekday, in slots of a length."""

    __tablename__ = "opening_template"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("opens < closes", name="hours"),
        CheckConstraint("slot_minutes > 0", name="slot"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"), index=True)
    counter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counter.id"))
    weekday: Mapped[int] = mapped_column(Integer)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)
    slot_minutes: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)


class OpeningTemplateService(Base):
    """The services a template's slots may be booked for."""

    __tablename__ = "opening_template_service"

    template_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("opening_template.id", ondelete="CASCADE"), primary_key=True
    )
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), primary_key=True)


class BookingPolicy(Base):
    """Buchungsfenster with a validity period, per office and optionally per service."""

    __tablename__ = "booking_policy"
    __table_args__ = (
        one_of("kind", PolicyKind, "kind"),
        CheckConstraint("portal_share_percent BETWEEN 0 AND 100", name="share"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"), index=True)
    service_id: Mapped[str | None] = mapped_column(ForeignKey("service.id"))
    kind: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    horizon_days: Mapped[int | None] = mapped_column(Integer)
    min_lead_minutes: Mapped[int] = mapped_column(Integer, default=0)
    release_weekday: Mapped[int | None] = mapped_column(Integer)
    release_time: Mapped[time | None] = mapped_column(Time)
    free_months: Mapped[int | None] = mapped_column(Integer)
    fee_months: Mapped[int | None] = mapped_column(Integer)
    fee_cents: Mapped[int | None] = mapped_column(Integer)
    portal_share_percent: Mapped[int] = mapped_column(Integer, default=100)


class Closure(Base):
    """A closed day or period, of a whole office or of one counter."""

    __tablename__ = "closure"
    __table_args__ = (CheckConstraint("starts_on <= ends_on", name="period"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"), index=True)
    counter_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("counter.id"))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200))


class User(Base):
    """A clerk or team lead; the password only as a memory-hard hash."""

    __tablename__ = "app_user"
    __table_args__ = (one_of("role", Role, "role"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    office_id: Mapped[str | None] = mapped_column(ForeignKey("office.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Appointment(Base):
    """Termin: a citizen's booking of a slot at a counter for a service."""

    __tablename__ = "appointment"
    __table_args__ = (
        one_of("status", AppointmentStatus, "status"),
        one_of("channel", Channel, "channel"),
        CheckConstraint("starts_at < ends_at", name="period"),
        # Two holding appointments on one counter and start time can never both stand.
        Index(
            "uq_appointment_counter_start_holding",
            "counter_id",
            "starts_at",
            unique=True,
            sqlite_where=text("status <> 'cancelled'"),
            postgresql_where=text("status <> 'cancelled'"),
        ),
        Index("ix_appointment_office_starts", "office_id", "starts_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"))
    counter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counter.id"))
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default=AppointmentStatus.BOOKED)
    channel: Mapped[str] = mapped_column(String(20))
    booking_code: Mapped[str] = mapped_column(String(12), unique=True)
    citizen_name: Mapped[str] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    notes: Mapped[str | None] = mapped_column(Text)
    move_in_date: Mapped[date | None] = mapped_column(Date)
    fee_cents: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class AppointmentEvent(Base):
    """One stamped transition of an appointment's life cycle (time, counter, clerk)."""

    __tablename__ = "appointment_event"
    __table_args__ = (one_of("status", AppointmentStatus, "status"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    appointment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("appointment.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    counter_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("counter.id"))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    note: Mapped[str | None] = mapped_column(Text)


class Ticket(Base):
    """Wartenummer of the walk-in hour, unique per office and day."""

    __tablename__ = "ticket"
    __table_args__ = (
        UniqueConstraint("office_id", "service_day", "number"),
        Index("uq_ticket_office_request", "office_id", "request_id", unique=True),
        one_of("status", TicketStatus, "status"),
        one_of("reason", TicketReason, "reason"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"))
    service_day: Mapped[date] = mapped_column(Date)
    number: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default=TicketStatus.WAITING)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    counter_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("counter.id"))
    recall_count: Mapped[int] = mapped_column(Integer, default=0)
    #: The reception's press that issued it: the same press again gets this ticket.
    request_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class Call(Base):
    """Aufruf: a ticket or appointment called to a counter; what the display shows."""

    __tablename__ = "call"
    __table_args__ = (
        CheckConstraint("(ticket_id IS NULL) <> (appointment_id IS NULL)", name="one_subject"),
        Index("ix_call_office_called", "office_id", "called_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"))
    counter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counter.id"))
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ticket.id"))
    appointment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("appointment.id"))
    display_code: Mapped[str] = mapped_column(String(20))
    called_at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    offline: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditEntry(Base):
    """Who changed what when, from which counter, old and new value (append-only:
    the database refuses UPDATE and DELETE, see migration 0007)."""

    __tablename__ = "audit_entry"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    office_id: Mapped[str | None] = mapped_column(ForeignKey("office.id"))
    counter_number: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class SlotHold(Base):
    """One slot held by an appointment; the key makes a double booking impossible.

    An appointment longer than one slot holds each of its slots, so two
    overlapping bookings at one counter collide here even with different starts.
    Cancelling deletes the holds and frees the slots.
    """

    __tablename__ = "slot_hold"

    counter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counter.id"), primary_key=True)
    slot_start: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    appointment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("appointment.id", ondelete="CASCADE"), index=True
    )


class ReleasedSlot(Base):
    """An extra same-day slot a team lead released for the portal by hand."""

    __tablename__ = "released_slot"
    __table_args__ = (UniqueConstraint("counter_id", "starts_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    office_id: Mapped[str] = mapped_column(ForeignKey("office.id"), index=True)
    counter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counter.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    released_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    released_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


from desk.store.device_models import Device, SignInGuard, UserSession  # noqa: E402

# The sync tables live in their own module; importing it here registers them
# with Base.metadata wherever the models are loaded (migrations, tests).
from desk.store.sync_models import (  # noqa: E402
    AppliedOp,
    OfflineVerifier,
    OutboxOp,
    SyncConflict,
    SyncState,
    TicketLease,
)

__all__ = [
    "AppliedOp",
    "Base",
    "Device",
    "OfflineVerifier",
    "OutboxOp",
    "SignInGuard",
    "SyncConflict",
    "SyncState",
    "TicketLease",
    "UserSession",
    "utcnow",
]
