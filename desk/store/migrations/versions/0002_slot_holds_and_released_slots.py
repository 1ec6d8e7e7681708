"""slot holds and released slots

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 16:22:38.807864
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "released_slot",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("counter_id", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released_by", sa.Uuid(), nullable=True),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counter.id"], name=op.f("fk_released_slot_counter_id_counter")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_released_slot_office_id_office")
        ),
        sa.ForeignKeyConstraint(
            ["released_by"], ["app_user.id"], name=op.f("fk_released_slot_released_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_released_slot")),
        sa.UniqueConstraint(
            "counter_id", "starts_at", name=op.f("uq_released_slot_counter_id_starts_at")
        ),
    )
    with op.batch_alter_table("released_slot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_released_slot_office_id"), ["office_id"], unique=False)

    op.create_table(
        "slot_hold",
        sa.Column("counter_id", sa.Uuid(), nullable=False),
        sa.Column("slot_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("appointment_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointment.id"],
            name=op.f("fk_slot_hold_appointment_id_appointment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counter.id"], name=op.f("fk_slot_hold_counter_id_counter")
        ),
        sa.PrimaryKeyConstraint("counter_id", "slot_start", name=op.f("pk_slot_hold")),
    )
    with op.batch_alter_table("slot_hold", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_slot_hold_appointment_id"), ["appointment_id"], unique=False
        )

    # Existing bookings hold at least their first slot (the guarantee of the index
    # uq_appointment_counter_start_holding); new bookings hold every slot they cover.
    op.execute(
        "INSERT INTO slot_hold (counter_id, slot_start, appointment_id) "
        "SELECT counter_id, starts_at, id FROM appointment WHERE status <> 'cancelled'"
    )


def downgrade() -> None:

    with op.batch_alter_table("slot_hold", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slot_hold_appointment_id"))

    op.drop_table("slot_hold")
    with op.batch_alter_table("released_slot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_released_slot_office_id"))

    op.drop_table("released_slot")
