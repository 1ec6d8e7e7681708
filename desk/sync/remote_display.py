"""The call display of a display PC: its board read from the central service, which
sends numbers, counters and times only (DESIGN.md §6), and a new ticket's estimated wait."""

from __future__ import annotations

from datetime import datetime

import httpx

from desk.domain.errors import DatabaseUnavailable
from desk.domain.wait_estimate import WaitRange
from desk.services.walkin.display import SHOWN_CALLS, DisplayBoard, DisplayCall
from desk.sync.remote import NOW_HEADER, answer, client


class ServiceBoard:
    """Reads the board of the display device's office (``board``), like a database."""

    def __init__(self, central: str, token: str, ca: str | None, *, send_now: bool) -> None:
        self._http = client(central, ca=ca, token=token, timeout=httpx.Timeout(10.0))
        self._send_now = send_now

    def board(self, now: datetime, limit: int = SHOWN_CALLS) -> DisplayBoard:
        """The newest calls, how many wait and a new ticket's wait (times in ``now``'s zone)."""
        headers = {NOW_HEADER: now.isoformat()} if self._send_now else {}
        try:
            data = answer(self._http.get("/v1/display", params={"limit": limit}, headers=headers))
        except httpx.TransportError as err:
            raise DatabaseUnavailable(
                f"Zentraler Dienst nicht erreichbar: {type(err).__name__}"
            ) from None
        calls = tuple(
            DisplayCall(
                str(c["code"]),
                str(c["counter"]),
                datetime.fromisoformat(c["called_at"]).astimezone(now.tzinfo),
            )
            for c in data["calls"]
        )
        wait = data.get("next_ticket")
        next_ticket = (
            None
            if wait is None
            else WaitRange(int(wait["low"]), int(wait["high"]), float(wait["expected"]))
        )
        return DisplayBoard(str(data["office_name"]), calls, int(data["waiting"]), next_ticket)

    def dispose(self) -> None:
        """Release the connection."""
        self._http.close()
