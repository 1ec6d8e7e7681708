"""The team tools' door on a PC that works through the central service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from desk.domain.errors import DatabaseUnavailable
from desk.services.team_door import TeamDoor, decode_result, encode_args
from desk.sync.remote import SESSION_HEADER, answer, client


class RemoteTeamDoor(TeamDoor):
    """Each call goes to the service, which runs it for the signed-in team lead; offline
    it is refused at once (team-lead work needs the service)."""

    def __init__(
        self, central: str, token: str, ca: str | None, session: Callable[[], str | None]
    ) -> None:
        self._http = client(central, ca=ca, token=token)
        self._session = session

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        body = encode_args(name, args, kwargs)
        headers = {SESSION_HEADER: token} if (token := self._session()) else {}
        try:
            response = self._http.post(f"/v1/team/{name}", json=body, headers=headers)
        except httpx.TransportError:
            raise DatabaseUnavailable(
                "Der zentrale Dienst ist nicht erreichbar: Kapazität, Benutzer, Protokoll und "
                "Statistik gehen nur online, damit Portal und alle Schalter dasselbe sehen"
            ) from None
        return decode_result(name, answer(response))

    def close(self) -> None:
        """Release the connection."""
        self._http.close()
