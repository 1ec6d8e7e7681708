"""The team lead's tools through the service: the same desk functions, with the
signed-in user, the device's office and the server's clock filled in by the service."""

from __future__ import annotations

import inspect
import uuid
from typing import Any

from fastapi import APIRouter, Body, HTTPException

from desk.domain.errors import RequestRefused
from desk.server.auth import Now, State, unauthorized
from desk.server.routes_sync import Replica
from desk.services.admin.users import Keep, UserRow
from desk.services.team_door import TEAM_CALLS, decode_args, encode_result
from desk.store.models import User
from desk.store.uow import UnitOfWork
from desk.sync.operations import Forbidden

router = APIRouter(prefix="/v1", tags=["team tools"])


@router.post("/team/{name}", summary="a team tool's call (capacity, users, audit, statistics)")
def team_call(
    name: str,
    state: State,
    who: Replica,
    now: Now,
    body: dict[str, Any] = Body(default_factory=dict),  # noqa: B008
) -> Any:
    """One of the team tools' functions by name, its other arguments in the body. The
    functions check the role themselves (changes need a team lead)."""
    user = who.user
    if user is None:
        raise unauthorized("Bitte anmelden: diese Aktion braucht eine angemeldete Person")
    call = TEAM_CALLS.get(name)
    if call is None:
        raise HTTPException(status_code=404, detail=f"Unbekannte Funktion {name!r}")
    try:
        kwargs = decode_args(name, body)
    except ValueError as err:
        raise RequestRefused(f"{name}: {err}") from None
    office = who.device.office_id
    params = inspect.signature(call.func).parameters
    if "office_id" in params and call.office:
        kwargs["office_id"] = office
    if "user_id" in params:
        kwargs["user_id"] = user.id
    if "now" in params:
        kwargs["now"] = now
    if call.users:
        _keep_to_office(state, name, office, kwargs)
    result = call.func(state.central, **kwargs)
    if name == "list_users":
        result = [r for r in result if isinstance(r, UserRow) and r.office_id in (None, office)]
    return encode_result(name, result)


def _keep_to_office(state: State, name: str, office: str, kwargs: dict[str, Any]) -> None:
    """User management from a PC reaches only its office's users: no user of another
    office, no city-wide user (those the admin makes on the server)."""
    moved = kwargs.get("office_id", Keep.KEEP if name != "create_user" else None)
    if moved is not Keep.KEEP and moved != office:
        raise Forbidden(
            f"Von diesem PC aus nur Benutzer von {office}; andere Standorte und "
            "stadtweite Konten verwaltet die Verwaltung am Server"
        )
    target = kwargs.get("target_id")
    if isinstance(target, uuid.UUID):
        with UnitOfWork(state.central.engine) as uow:
            found = uow.session.get(User, target)
            if found is not None and found.office_id not in (None, office):
                raise Forbidden("Benutzer anderer Standorte verwaltet die Teamleitung dort")
