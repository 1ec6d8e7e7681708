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
        _keep_to_office(state, office, user.office_id, kwargs)
    result = call.func(state.central, **kwargs)
    if name == "list_users":
        result = [r for r in result if isinstance(r, UserRow) and r.office_id in (None, office)]
    return encode_result(name, result)


def _keep_to_office(state: State, office: str, own: str | None, kwargs: dict[str, Any]) -> None:
    """User management from a PC reaches only its office's users: a new user only in
    that office, no move out of it, no user of another office, a city-wide account only
    for a city-wide caller (``own``: the caller's office); other offices' and city-wide
    accounts the admin makes on the server."""
    target = kwargs.get("target_id")
    current = _office_of(state, target) if isinstance(target, uuid.UUID) else None
    if current is not None and current[0] not in (None, office):
        raise Forbidden.of("users_other_office")
    if current == (None,) and own is not None:
        raise Forbidden.of("users_office_only", office=office)
    moved = kwargs.get("office_id", Keep.KEEP)
    unmoved = current is not None and moved == current[0]
    if moved is not Keep.KEEP and moved != office and not unmoved:
        raise Forbidden.of("users_office_only", office=office)


def _office_of(state: State, user_id: uuid.UUID) -> tuple[str | None] | None:
    """The office of an existing user (None inside: city-wide), None if there is none."""
    with UnitOfWork(state.central.engine) as uow:
        found = uow.session.get(User, user_id)
        return (found.office_id,) if found is not None else None
