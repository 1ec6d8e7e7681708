"""audit rows reach the counters: the central change log records each new audit row

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 23:00:00

Only INSERT is logged: audit rows are never updated or deleted (0007), so a
counter's pull only ever inserts them (insert-or-ignore by id).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER log_audit_entry AFTER INSERT ON audit_entry "
            "FOR EACH ROW EXECUTE FUNCTION buergerdesk_log_change('audit_entry')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS log_audit_entry ON audit_entry")
