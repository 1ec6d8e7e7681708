"""The ASGI application: routers per area, errors as JSON with the reason in words."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException

from desk import __version__
from desk.domain.errors import (
    DatabaseUnavailable,
    DeskError,
    NotAuthenticated,
    RequestRefused,
    UnknownId,
)
from desk.server import routes_devices, routes_portal, routes_push, routes_sync, routes_team
from desk.server.batches import BatchCache
from desk.server.models import Refusal
from desk.server.push import Listener, PushHub
from desk.server.state import ServiceState
from desk.services.admin.auth import NotAllowed
from desk.services.database import DeskDatabase, notify_conninfo, reason_of
from desk.store.models import Office
from desk.store.uow import UnitOfWork
from desk.sync.operations import Forbidden

log = logging.getLogger(__name__)
UNREACHABLE = "Zentrale Datenbank nicht erreichbar"

DESCRIPTION = """The central service of Bürgerdesk: the one door to the central database.

Every call but `/v1/enroll` and `/health` carries the device credential
(`Authorization: Bearer …`, from `buergerdesk enroll`). Counter and reception PCs
add the signed-in user's session (`X-Buergerdesk-Session`) from `POST /v1/sessions`.
Refusals come as JSON `{"detail": "reason", "code": "slot_taken", "params": {…}}`
(`Refusal`: the reason in German, and the same as a code with its parameters for a
client that words it in its own language): 401 not authenticated, 403 not allowed
for this device or user, 404 unknown, 409 refused by a rule; 503 database unreachable.
"""

#: The refusals every route may answer, documented with their body.
REFUSALS: dict[int | str, dict[str, object]] = {
    status: {"model": Refusal, "description": words}
    for status, words in (
        (401, "not authenticated"),
        (403, "not allowed for this device or user"),
        (404, "unknown"),
        (409, "refused by a rule"),
    )
}


def create_app(
    central: DeskDatabase,
    *,
    training: bool = False,
    listen: bool = True,
    retention_days: int | None = None,
) -> FastAPI:
    """The service over an opened central database (``listen``: start the push listener;
    ``retention_days``: run the nightly retention and change-log pruning)."""
    hub = PushHub()
    # downloads are shared only where notifications tell when they are out of date
    batches = BatchCache(hub) if listen else None
    state = ServiceState(central=central, training=training, hub=hub, batches=batches)
    if batches is not None:
        hub.carrier = routes_sync.carrier(state)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        listener = None
        conninfo = notify_conninfo(central.pool.url.render_as_string(hide_password=False))
        if listen and conninfo is not None:
            listener = Listener(conninfo, lambda: _office_ids(central), state.hub)
            listener.start()
        nightly = None
        if retention_days is not None and not training:  # training: no real clock to run by
            from desk.server.housekeeping import start_housekeeping

            nightly = start_housekeeping(central, retention_days)
        try:
            yield
        finally:
            if listener is not None:
                listener.stop()
            hub.close()
            if nightly is not None:
                nightly.shutdown(wait=False)

    app = FastAPI(
        title="Bürgerdesk central service",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.service = state
    for router in (routes_devices, routes_sync, routes_portal, routes_push, routes_team):
        app.include_router(router.router, responses=REFUSALS)

    @app.get("/health", tags=["health"], summary="the service answers and reaches its database")
    def health() -> dict[str, object]:
        with UnitOfWork(central.engine) as uow:
            uow.session.scalar(select(Office.id).limit(1))
        return {"ok": True, "training": training, "streams": state.hub.connected}

    _errors(app)
    return app


def _office_ids(central: DeskDatabase) -> list[str]:
    with UnitOfWork(central.engine) as uow:
        return list(uow.session.scalars(select(Office.id)))


def refusal(err: DeskError) -> dict[str, object]:
    """A refusal's JSON body (``Refusal``): the German reason, its code and params."""
    return {"detail": str(err), "code": err.code, "params": err.params}


async def _http_refusal(request: Request, err: Exception) -> Response:
    """An HTTPException as FastAPI answers it; one a route made of a refusal (``raise …
    from None`` keeps the refusal as its context) carries the refusal's code and params."""
    assert isinstance(err, HTTPException)
    cause = err.__context__
    if isinstance(cause, DeskError) and err.detail == str(cause):
        return JSONResponse(refusal(cause), status_code=err.status_code, headers=err.headers)
    return await http_exception_handler(request, err)


def _errors(app: FastAPI) -> None:
    """Domain errors as JSON with the reason; nothing unexpected leaks a traceback."""

    def reply(status: int, err: DeskError) -> JSONResponse:
        return JSONResponse(status_code=status, content=refusal(err))

    app.add_exception_handler(HTTPException, _http_refusal)

    @app.exception_handler(RequestValidationError)
    async def _422(_r: Request, err: RequestValidationError) -> Response:
        # FastAPI's own answer echoes the input, which may hold what no UTF-8 answer can
        # carry (a lone surrogate from "\udcff"): a 500 instead of the 422
        errors = [{k: v for k, v in e.items() if k != "input"} for e in err.errors()]
        body = json.dumps({"detail": errors}, ensure_ascii=True, default=str)
        return Response(body, status_code=422, media_type="application/json")

    @app.exception_handler(NotAuthenticated)
    async def _401(_r: Request, err: NotAuthenticated) -> JSONResponse:
        return reply(401, err)

    @app.exception_handler(Forbidden)
    async def _403(_r: Request, err: Forbidden) -> JSONResponse:
        return reply(403, err)

    @app.exception_handler(NotAllowed)
    async def _403_role(_r: Request, err: NotAllowed) -> JSONResponse:
        return reply(403, err)  # the signed-in user's role does not allow it

    @app.exception_handler(UnknownId)
    async def _404(_r: Request, err: UnknownId) -> JSONResponse:
        return reply(404, err)

    @app.exception_handler(RequestRefused)
    async def _409(_r: Request, err: RequestRefused) -> JSONResponse:
        return reply(409, err)

    @app.exception_handler(DatabaseUnavailable)
    async def _503(_r: Request, err: DatabaseUnavailable) -> JSONResponse:
        log.warning("central database unavailable: %s", err)
        return JSONResponse(status_code=503, content={"detail": UNREACHABLE})

    @app.exception_handler(OperationalError)
    async def _503_db(_r: Request, err: OperationalError) -> JSONResponse:
        log.warning("central database unavailable: %s", reason_of(err))
        return JSONResponse(status_code=503, content={"detail": UNREACHABLE})

    @app.exception_handler(InterfaceError)
    async def _503_gone(_r: Request, err: InterfaceError) -> JSONResponse:
        log.warning("central database connection lost: %s", reason_of(err))
        return JSONResponse(status_code=503, content={"detail": UNREACHABLE})

    @app.exception_handler(Exception)
    async def _500(_r: Request, err: Exception) -> JSONResponse:
        log.error("internal error", exc_info=err)
        return JSONResponse(status_code=500, content={"detail": "Interner Fehler des Dienstes"})
