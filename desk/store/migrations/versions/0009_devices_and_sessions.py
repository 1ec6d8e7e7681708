"""the central service: registered devices, user sessions, who sent an operation

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 11:40:00

Devices and sessions are central-only: no change-log trigger, never replicated.
On PostgreSQL the change-log function also names the office of an appointment's
event (it has no office column of its own), so its notification wakes that office's
counters only, not every counter of the city.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


#: migration 0003's function, with the office of an appointment event looked up.
LOG_FUNCTION = """
CREATE OR REPLACE FUNCTION buergerdesk_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_json jsonb;
    office text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        row_json := to_jsonb(OLD);
    ELSE
        row_json := to_jsonb(NEW);
    END IF;
    office := row_json ->> 'office_id';
    IF office IS NULL AND TG_ARGV[0] = 'appointment_event' THEN
        SELECT a.office_id INTO office FROM appointment a
        WHERE a.id = (row_json ->> 'appointment_id')::uuid;
    END IF;
    INSERT INTO change_log (office_id, entity, entity_id)
    VALUES (office, TG_ARGV[0], COALESCE(row_json ->> 'id', ''));
    PERFORM pg_notify('bd_' || COALESCE(office, 'all'), TG_ARGV[0]);
    RETURN NULL;
END
$$
"""
#: migration 0003's function as it was.
OLD_LOG_FUNCTION = LOG_FUNCTION.replace(
    """    IF office IS NULL AND TG_ARGV[0] = 'appointment_event' THEN
        SELECT a.office_id INTO office FROM appointment a
        WHERE a.id = (row_json ->> 'appointment_id')::uuid;
    END IF;
""",
    "",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(LOG_FUNCTION)
    op.create_table(
        "device",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=True),
        sa.Column("enroll_code_hash", sa.String(length=64), nullable=True),
        sa.Column("enroll_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('counter', 'reception', 'display', 'portal')", name=op.f("ck_device_kind")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_device_office_id_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
        sa.UniqueConstraint("enroll_code_hash", name=op.f("uq_device_enroll_code_hash")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_device_token_hash")),
    )
    op.create_index(op.f("ix_device_office_id"), "device", ["office_id"])
    op.create_table(
        "user_session",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_user_session_device_id_device")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_user_session_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_session_token_hash")),
    )
    op.create_index(op.f("ix_user_session_user_id"), "user_session", ["user_id"])
    op.create_index(op.f("ix_user_session_device_id"), "user_session", ["device_id"])
    with op.batch_alter_table("applied_op") as batch:
        batch.add_column(sa.Column("device_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("client_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "offline_verifier",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("verifier", sa.String(length=255), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_offline_verifier")),
        sa.UniqueConstraint("username", name=op.f("uq_offline_verifier_username")),
    )
    with op.batch_alter_table("sync_conflict") as batch:
        batch.add_column(sa.Column("entity_id", sa.Uuid(), nullable=True))
        batch.create_index(batch.f("ix_sync_conflict_entity_id"), ["entity_id"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(OLD_LOG_FUNCTION)
    op.drop_table("offline_verifier")
    with op.batch_alter_table("sync_conflict") as batch:
        batch.drop_index(batch.f("ix_sync_conflict_entity_id"))
        batch.drop_column("entity_id")
    with op.batch_alter_table("applied_op") as batch:
        batch.drop_column("client_at")
        batch.drop_column("device_id")
    op.drop_index(op.f("ix_user_session_device_id"), table_name="user_session")
    op.drop_index(op.f("ix_user_session_user_id"), table_name="user_session")
    op.drop_table("user_session")
    op.drop_index(op.f("ix_device_office_id"), table_name="device")
    op.drop_table("device")
