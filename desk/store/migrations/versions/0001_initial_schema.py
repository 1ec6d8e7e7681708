"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 15:47:26.133445
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "office",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("street", sa.String(length=120), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("timezone", sa.String(length=40), nullable=False),
        sa.Column("walk_in_quota", sa.Integer(), nullable=True),
        sa.Column("walk_in_from", sa.Time(), nullable=True),
        sa.Column("walk_in_until", sa.Time(), nullable=True),
        sa.Column("ticket_prefix", sa.String(length=4), nullable=False),
        sa.CheckConstraint(
            "kind IN ('buergerbuero', 'appointment_only', 'walk_in_only')",
            name=op.f("ck_office_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office")),
    )
    op.create_table(
        "service",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("leika_key", sa.String(length=20), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service")),
    )
    op.create_table(
        "app_user",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "role IN ('clerk', 'team_lead')", name=op.f("ck_app_user_role")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_app_user_office_id_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    op.create_table(
        "booking_policy",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("service_id", sa.String(length=40), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("horizon_days", sa.Integer(), nullable=True),
        sa.Column("min_lead_minutes", sa.Integer(), nullable=False),
        sa.Column("release_weekday", sa.Integer(), nullable=True),
        sa.Column("release_time", sa.Time(), nullable=True),
        sa.Column("free_months", sa.Integer(), nullable=True),
        sa.Column("fee_months", sa.Integer(), nullable=True),
        sa.Column("fee_cents", sa.Integer(), nullable=True),
        sa.Column("portal_share_percent", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('rolling', 'weekly_release', 'tiered')",
            name=op.f("ck_booking_policy_kind"),
        ),
        sa.CheckConstraint(
            "portal_share_percent BETWEEN 0 AND 100",
            name=op.f("ck_booking_policy_share"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["office.id"],
            name=op.f("fk_booking_policy_office_id_office"),
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_booking_policy_service_id_service"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_policy")),
    )
    with op.batch_alter_table("booking_policy", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_booking_policy_office_id"), ["office_id"], unique=False
        )

    op.create_table(
        "counter",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_counter_office_id_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counter")),
        sa.UniqueConstraint(
            "office_id", "number", name=op.f("uq_counter_office_id_number")
        ),
    )
    op.create_table(
        "office_service",
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("service_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["office.id"],
            name=op.f("fk_office_service_office_id_office"),
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_office_service_service_id_service"),
        ),
        sa.PrimaryKeyConstraint(
            "office_id", "service_id", name=op.f("pk_office_service")
        ),
    )
    op.create_table(
        "appointment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("counter_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.String(length=40), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("booking_code", sa.String(length=12), nullable=False),
        sa.Column("citizen_name", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("move_in_date", sa.Date(), nullable=True),
        sa.Column("fee_cents", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "channel IN ('portal', 'phone', 'counter')",
            name=op.f("ck_appointment_channel"),
        ),
        sa.CheckConstraint(
            "status IN ('booked', 'checked_in', 'called', 'in_service', 'done', 'cancelled', 'no_show')",
            name=op.f("ck_appointment_status"),
        ),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_appointment_period")),
        sa.ForeignKeyConstraint(
            ["counter_id"],
            ["counter.id"],
            name=op.f("fk_appointment_counter_id_counter"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_appointment_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_appointment_service_id_service"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
        sa.UniqueConstraint("booking_code", name=op.f("uq_appointment_booking_code")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_appointment_office_starts", ["office_id", "starts_at"], unique=False
        )
        batch_op.create_index(
            "uq_appointment_counter_start_holding",
            ["counter_id", "starts_at"],
            unique=True,
            sqlite_where=sa.text("status <> 'cancelled'"),
            postgresql_where=sa.text("status <> 'cancelled'"),
        )

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("office_id", sa.String(length=40), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_audit_entry_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_audit_entry_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)

    op.create_table(
        "closure",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("counter_id", sa.Uuid(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.CheckConstraint("starts_on <= ends_on", name=op.f("ck_closure_period")),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counter.id"], name=op.f("fk_closure_counter_id_counter")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_closure_office_id_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closure")),
    )
    with op.batch_alter_table("closure", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_closure_office_id"), ["office_id"], unique=False
        )

    op.create_table(
        "opening_template",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("counter_id", sa.Uuid(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Time(), nullable=False),
        sa.Column("closes", sa.Time(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.CheckConstraint("opens < closes", name=op.f("ck_opening_template_hours")),
        sa.CheckConstraint("slot_minutes > 0", name=op.f("ck_opening_template_slot")),
        sa.CheckConstraint(
            "weekday BETWEEN 0 AND 6", name=op.f("ck_opening_template_weekday")
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"],
            ["counter.id"],
            name=op.f("fk_opening_template_counter_id_counter"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["office.id"],
            name=op.f("fk_opening_template_office_id_office"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opening_template")),
    )
    with op.batch_alter_table("opening_template", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opening_template_office_id"), ["office_id"], unique=False
        )

    op.create_table(
        "ticket",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("counter_id", sa.Uuid(), nullable=True),
        sa.Column("recall_count", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "reason IN ('verlust_diebstahl', 'dringendes_dokument', 'anmeldung', 'sonstiges')",
            name=op.f("ck_ticket_reason"),
        ),
        sa.CheckConstraint(
            "status IN ('waiting', 'called', 'in_service', 'done', 'no_show', 'parked')",
            name=op.f("ck_ticket_status"),
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counter.id"], name=op.f("fk_ticket_counter_id_counter")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_ticket_office_id_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket")),
        sa.UniqueConstraint(
            "office_id",
            "service_day",
            "number",
            name=op.f("uq_ticket_office_id_service_day_number"),
        ),
    )
    op.create_table(
        "appointment_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("appointment_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counter_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('booked', 'checked_in', 'called', 'in_service', 'done', 'cancelled', 'no_show')",
            name=op.f("ck_appointment_event_status"),
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointment.id"],
            name=op.f("fk_appointment_event_appointment_id_appointment"),
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"],
            ["counter.id"],
            name=op.f("fk_appointment_event_counter_id_counter"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["app_user.id"],
            name=op.f("fk_appointment_event_user_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment_event")),
    )
    with op.batch_alter_table("appointment_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_appointment_event_appointment_id"),
            ["appointment_id"],
            unique=False,
        )

    op.create_table(
        "call",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("counter_id", sa.Uuid(), nullable=False),
        sa.Column("ticket_id", sa.Uuid(), nullable=True),
        sa.Column("appointment_id", sa.Uuid(), nullable=True),
        sa.Column("display_code", sa.String(length=20), nullable=False),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "(ticket_id IS NULL) <> (appointment_id IS NULL)",
            name=op.f("ck_call_one_subject"),
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointment.id"],
            name=op.f("fk_call_appointment_id_appointment"),
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counter.id"], name=op.f("fk_call_counter_id_counter")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_call_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_call_ticket_id_ticket")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_call_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call")),
    )
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.create_index(
            "ix_call_office_called", ["office_id", "called_at"], unique=False
        )

    op.create_table(
        "opening_template_service",
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_opening_template_service_service_id_service"),
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["opening_template.id"],
            name=op.f("fk_opening_template_service_template_id_opening_template"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "template_id", "service_id", name=op.f("pk_opening_template_service")
        ),
    )


def downgrade() -> None:

    op.drop_table("opening_template_service")
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.drop_index("ix_call_office_called")

    op.drop_table("call")
    with op.batch_alter_table("appointment_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointment_event_appointment_id"))

    op.drop_table("appointment_event")
    op.drop_table("ticket")
    with op.batch_alter_table("opening_template", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opening_template_office_id"))

    op.drop_table("opening_template")
    with op.batch_alter_table("closure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_closure_office_id"))

    op.drop_table("closure")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))

    op.drop_table("audit_entry")
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_appointment_counter_start_holding",
            sqlite_where=sa.text("status <> 'cancelled'"),
            postgresql_where=sa.text("status <> 'cancelled'"),
        )
        batch_op.drop_index("ix_appointment_office_starts")

    op.drop_table("appointment")
    op.drop_table("office_service")
    op.drop_table("counter")
    with op.batch_alter_table("booking_policy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_policy_office_id"))

    op.drop_table("booking_policy")
    op.drop_table("app_user")
    op.drop_table("service")
    op.drop_table("office")
