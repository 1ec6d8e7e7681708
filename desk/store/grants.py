"""What the central service's own PostgreSQL role may do, and granting exactly that.

Migrations run as the owner role; the service runs as a login role that owns
nothing (DESIGN.md §3, §6). It changes data in the working tables, may only add
to and read the audit log, prunes the change log, and can neither alter, drop or
create a table nor switch a trigger off (all of which need ownership or CREATE).

The working tables are the ORM models' tables, so a new model is granted without
anyone remembering it; every other table must be named below (a test compares
this plan with a migrated database and fails on a table nobody decided about).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from desk.domain.errors import RequestRefused
from desk.store.models import Base

DML: tuple[str, ...] = ("SELECT", "INSERT", "UPDATE", "DELETE")

#: Tables whose rights are not plain DML, and why.
SPECIAL: dict[str, tuple[str, ...]] = {
    # append-only (DESIGN.md §6): the service writes and reads audit rows, nothing else
    "audit_entry": ("SELECT", "INSERT"),
    # the change-log triggers run as the writing role; pulls read it, pruning deletes
    "change_log": ("SELECT", "INSERT", "DELETE"),
    # one row: how far the change log is pruned (read by pulls, raised by pruning)
    "change_log_horizon": ("SELECT", "UPDATE"),
    # the service checks the schema's revision at its start
    "alembic_version": ("SELECT",),
    # a counter's sync state; empty centrally, which tells the services "not a replica"
    "sync_state": ("SELECT",),
}

#: Relations the service never touches: a counter's own local tables (empty in the
#: central database) and the display views (for a display's own read-only role).
EXCLUDED = frozenset(
    {
        "outbox",
        "offline_verifier",
        "sync_conflict",
        "display_call",
        "display_waiting_ticket",
        "display_checked_in",
    }
)


def plan() -> dict[str, tuple[str, ...]]:
    """Table name → the privileges the service role gets on it (excluded ones absent)."""
    wanted: dict[str, tuple[str, ...]] = {
        name: DML for name in Base.metadata.tables if name not in EXCLUDED
    }
    wanted.update(SPECIAL)
    return dict(sorted(wanted.items()))


@dataclass(frozen=True)
class GrantReport:
    """What ``grant_service_role`` granted: tables and the sequences they draw from."""

    role: str
    tables: dict[str, tuple[str, ...]]
    sequences: tuple[str, ...]


def grant_service_role(conn: Connection, role: str) -> GrantReport:
    """Give ``role`` exactly the service's rights in ``conn``'s database (run as the
    owner, in one transaction): everything else on the schema's tables is revoked
    first, so a second run changes nothing and a widened grant is narrowed again."""
    _check_role(conn, role)
    quote = conn.dialect.identifier_preparer.quote
    who = quote(role)
    tables = text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    existing = set(conn.scalars(tables))
    wanted = {name: rights for name, rights in plan().items() if name in existing}
    conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {who}"))
    conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {who}"))
    conn.execute(text(f"REVOKE CREATE ON SCHEMA public FROM PUBLIC, {who}"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {who}"))
    for name, rights in wanted.items():
        conn.execute(text(f"GRANT {', '.join(rights)} ON {quote(name)} TO {who}"))
    sequences = tuple(_sequences_of(conn, [n for n, r in wanted.items() if "INSERT" in r]))
    for sequence in sequences:
        conn.execute(text(f"GRANT USAGE ON SEQUENCE {quote(sequence)} TO {who}"))
    return GrantReport(role, wanted, sequences)


def _check_role(conn: Connection, role: str) -> None:
    """Refuse a role that does not exist, or that could do more than granted anyway."""
    row = conn.execute(
        text(
            "SELECT r.rolsuper, pg_has_role(r.oid, current_user, 'MEMBER')"
            " FROM pg_roles r WHERE r.rolname = :role"
        ),
        {"role": role},
    ).one_or_none()
    if row is None:
        raise RequestRefused(
            f"Die Rolle {role!r} gibt es nicht: zuerst als Administrator "
            f"CREATE ROLE … LOGIN anlegen"
        )
    superuser, member_of_owner = row
    if superuser or member_of_owner:
        raise RequestRefused(
            f"Die Rolle {role!r} ist Superuser oder hat die Rechte des Eigentümers: "
            "der Dienst braucht eine eigene Rolle ohne diese Rechte"
        )


def _sequences_of(conn: Connection, tables: list[str]) -> list[str]:
    """The sequences behind serial or identity columns of ``tables``."""
    found = conn.scalars(
        text(
            "SELECT DISTINCT s.relname FROM pg_depend d"
            " JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
            " JOIN pg_class t ON t.oid = d.refobjid"
            " JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'"
            " WHERE d.deptype IN ('a', 'i') AND t.relname = ANY(:tables)"
        ),
        {"tables": tables},
    )
    return sorted(found)
