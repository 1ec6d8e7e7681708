"""change log horizon: how far the central change log has been pruned

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 20:15:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HORIZON = """
CREATE TABLE change_log_horizon (
    id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    pruned_below_xid bigint NOT NULL DEFAULT 0,
    pruned_at timestamptz
)
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":  # the change log is central only
        op.execute(HORIZON)
        op.execute("INSERT INTO change_log_horizon (id) VALUES (1)")
        op.execute("CREATE INDEX ix_change_log_at ON change_log (at)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_change_log_at")
        op.execute("DROP TABLE IF EXISTS change_log_horizon")
