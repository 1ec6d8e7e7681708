"""sign-in guard: failed sign-ins per user and per device, back-off and lockout

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 15:00:00

Central-only (and in a standalone database): no change-log trigger, never replicated.
Password hashes move to argon2id at each user's next sign-in; nothing to migrate.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_in_guard",
        sa.Column("subject", sa.String(length=60), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("subject", name=op.f("pk_sign_in_guard")),
    )


def downgrade() -> None:
    op.drop_table("sign_in_guard")
