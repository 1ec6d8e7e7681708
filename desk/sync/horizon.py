"""Pruning the central change log, and knowing when a replica's cursor is older than it.

Rows older than the kept period are deleted (only of finished transactions); the
horizon records the lowest transaction id still complete in the log. A replica
whose cursor does not reach the horizon may have missed pruned changes, so it
reads everything again instead of trusting the log.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

#: How long change-log rows are kept (a replica offline for longer reads everything again).
KEEP_DAYS = 14
#: Advisory lock key, so that counters pruning at the same moment do not queue.
LOCK_KEY = 0x62645F70  # "bd_p"

_PRUNE = text(
    "WITH gone AS ("
    " DELETE FROM change_log"
    " WHERE at < now() - make_interval(days => :days)"
    " AND xid < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint"
    " RETURNING xid)"
    " SELECT max(xid), count(*) FROM gone"
)
_RAISE_HORIZON = text(
    "UPDATE change_log_horizon"
    " SET pruned_below_xid = GREATEST(pruned_below_xid, :xid), pruned_at = :at"
)
_BEHIND = text(
    "SELECT (pg_snapshot_xmin(CAST(:cursor AS pg_snapshot))::text)::bigint < pruned_below_xid"
    " FROM change_log_horizon"
)


def prune_change_log(central: Engine, now: datetime, keep_days: int = KEEP_DAYS) -> int:
    """Delete change-log rows older than ``keep_days`` and raise the horizon; returns how
    many rows went (0 when another counter is pruning right now)."""
    with Session(central) as session, session.begin():
        if not session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": LOCK_KEY}):
            return 0
        top, gone = session.execute(_PRUNE, {"days": keep_days}).one()
        if gone:
            session.execute(_RAISE_HORIZON, {"xid": int(top) + 1, "at": now})
        return int(gone)


def cursor_behind_horizon(session: Session, cursor: str) -> bool:
    """Whether changes newer than ``cursor`` may have been pruned from the log."""
    return bool(session.scalar(_BEHIND, {"cursor": cursor}))


def prune_due(last: str | None, now: datetime) -> bool:
    """Once a day is enough."""
    return last is None or now - datetime.fromisoformat(last) >= timedelta(days=1)
