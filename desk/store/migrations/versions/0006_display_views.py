"""display views: what the waiting-room display may read, and nothing else

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 20:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Granting a display's database role SELECT on these views (and on office) alone
#: keeps every name, contact and note out of its reach.
VIEWS = {
    "display_call": (
        "SELECT call.id, call.office_id, call.display_code, counter.name AS counter_name,"
        " call.called_at FROM call JOIN counter ON counter.id = call.counter_id"
    ),
    "display_waiting_ticket": (
        "SELECT id, office_id, service_day FROM ticket WHERE status = 'waiting'"
    ),
    "display_checked_in": (
        "SELECT id, office_id, starts_at FROM appointment WHERE status = 'checked_in'"
    ),
}


def upgrade() -> None:
    for name, query in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {query}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
