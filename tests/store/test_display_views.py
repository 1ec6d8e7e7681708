"""The display reads its calls and count through views that hold no personal data, and
the estimate of a new ticket's wait from columns that hold none either: a database role
granted only those views, the office's configuration, tickets, calls and the appointments'
non-personal columns runs the display and cannot read a single name or contact."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from desk.domain.localtime import parse_now
from desk.domain.status import TicketReason
from desk.services.database import open_database
from desk.services.walkin.display import display_board
from desk.services.walkin.queue import queue_picture
from desk.services.walkin.tickets import call_next, issue_ticket
from tests.conftest import libpq_conninfo

VIEWS = ("display_call", "display_waiting_ticket", "display_checked_in")
#: What the estimate of a new ticket's wait reads besides the views (DisplayBoard.next_ticket):
#: the office's configuration, tickets and calls (none holds a citizen's data) ...
ESTIMATE_TABLES = (
    "counter",
    "opening_template",
    "opening_template_service",
    "closure",
    "booking_policy",
    "service",
    "office_service",
    "ticket",
    "call",
)
#: ... and of the appointments only these columns (no name, contact, note or fee).
APPOINTMENT_COLUMNS = ("id", "office_id", "service_id", "starts_at", "status", "booking_code")
#: Personal data the display's role must not read.
PERSONAL = (
    "SELECT citizen_name FROM appointment",
    "SELECT phone FROM appointment",
    "SELECT email FROM appointment",
    "SELECT notes FROM appointment",
    "SELECT * FROM appointment",
    "SELECT display_name FROM app_user",
    "SELECT * FROM appointment_event",
)
NOW = parse_now("2024-03-20T08:30")


def test_view_columns_hold_no_personal_data(demo_pg_url):
    with psycopg.connect(libpq_conninfo(demo_pg_url)) as conn:
        columns = {
            row[0]
            for row in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ANY(%s)",
                (list(VIEWS),),
            )
        }
    assert columns == {
        "id",
        "office_id",
        "display_code",
        "counter_name",
        "called_at",
        "service_day",
        "starts_at",
    }


def test_a_display_role_sees_the_board_and_no_names(pg_url):
    from desk.demo.seed import seed_demo_city
    from desk.services.database import upgrade_database

    upgrade_database(pg_url)
    db = open_database(pg_url)
    seed_demo_city(db, NOW)
    issue_ticket(db, "bb-mitte", TicketReason.OTHER, NOW)
    issue_ticket(db, "bb-mitte", TicketReason.OTHER, NOW)
    called = call_next(db, "bb-mitte", 2, NOW)
    reception = queue_picture(db, "bb-mitte", NOW).next_ticket
    db.dispose()

    role = f"bd_display_{uuid.uuid4().hex[:8]}"
    admin = libpq_conninfo(pg_url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        for name in (*VIEWS, *ESTIMATE_TABLES, "office", "alembic_version"):
            conn.execute(
                sql.SQL("GRANT SELECT ON {} TO {}").format(
                    sql.Identifier(name), sql.Identifier(role)
                )
            )
        conn.execute(
            sql.SQL("GRANT SELECT ({}) ON appointment TO {}").format(
                sql.SQL(", ").join(map(sql.Identifier, APPOINTMENT_COLUMNS)), sql.Identifier(role)
            )
        )
    try:
        url = make_url(pg_url).set(username=role, password=None).render_as_string(False)
        display_db = open_database(url)
        try:
            board = display_board(display_db, "bb-mitte", NOW)
        finally:
            display_db.dispose()
        assert board.calls[0].code == called.code
        assert board.calls[0].counter == "Schalter 2"
        assert board.waiting >= 1
        # in the walk-in hour: the wait reception shows for a new ticket, read without a name
        assert board.next_ticket is not None and board.next_ticket == reception
        with psycopg.connect(libpq_conninfo(url), autocommit=True) as conn:
            for query in PERSONAL:
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(query + " LIMIT 1")
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
