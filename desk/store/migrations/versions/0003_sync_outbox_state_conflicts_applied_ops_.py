"""sync outbox, state, conflicts, applied ops, change log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 16:48:07.738572
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


#: Tables whose rows counters copy whole when any of them changes.
REFERENCE = (
    "office",
    "counter",
    "service",
    "office_service",
    "opening_template",
    "opening_template_service",
    "booking_policy",
    "closure",
    "app_user",
    "released_slot",
)
#: Tables whose changed rows counters pull one by one.
ACTIVITY = ("appointment", "appointment_event", "ticket", "call")

#: ``xid`` is the 64-bit transaction id (xid8) kept as bigint, so that every tool can
#: read the table; the cursor compares it with pg_snapshot values cast back to xid8.
CHANGE_LOG = """
CREATE TABLE change_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text)::bigint,
    office_id varchar(40),
    entity varchar(40) NOT NULL,
    entity_id text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
)
"""

LOG_FUNCTION = """
CREATE FUNCTION buergerdesk_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
    INSERT INTO change_log (office_id, entity, entity_id)
    VALUES (office, TG_ARGV[0], COALESCE(row_json ->> 'id', ''));
    PERFORM pg_notify('bd_' || COALESCE(office, 'all'), TG_ARGV[0]);
    RETURN NULL;
END
$$
"""


def upgrade() -> None:

    op.create_table(
        "applied_op",
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_applied_op")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("op_id", name=op.f("uq_outbox_op_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
        sa.UniqueConstraint("op_id", name=op.f("uq_sync_conflict_op_id")),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )

    if op.get_bind().dialect.name == "postgresql":
        op.execute(CHANGE_LOG)
        op.execute("CREATE INDEX ix_change_log_xid ON change_log (xid)")
        op.execute(LOG_FUNCTION)
        for table in REFERENCE:
            op.execute(
                f"CREATE TRIGGER log_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION buergerdesk_log_change('reference')"
            )
        for table in ACTIVITY:
            op.execute(
                f"CREATE TRIGGER log_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION buergerdesk_log_change('{table}')"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in REFERENCE + ACTIVITY:
            op.execute(f"DROP TRIGGER IF EXISTS log_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS buergerdesk_log_change()")
        op.execute("DROP TABLE IF EXISTS change_log")

    op.drop_table("sync_state")
    op.drop_table("sync_conflict")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_entity_id"))

    op.drop_table("outbox")
    op.drop_table("applied_op")
