"""The web application: ``create_app(settings)`` builds a FastAPI app on the register the settings name.

Pages (dashboard, commitments, documents, search) are server-rendered Jinja2 templates with
autoescape on; the JSON API lives under /api with its schema at /openapi.json. CSS and the small
script are served from /static by the app itself, so the dashboard works offline (the interactive
/docs pages, which load from a CDN, are switched off). Every route reads, except the write routes
of web/views/corrections.py (review, verdict, correction), which a person unlocks with the
``write_token`` setting (web/writing.py: login cookie, CSRF token, same-origin check); without a
token the app is read-only.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from beleidsmonitor.register.store import Register, open_register
from beleidsmonitor.settings import Settings
from beleidsmonitor.web.params import dutch_message
from beleidsmonitor.web.rendering import STATIC, build_environment, render
from beleidsmonitor.web.views import (
    api,
    charts,
    commitments,
    corrections,
    dashboard,
    documents,
    feeds,
    rappel,
    search,
)

logger = logging.getLogger(__name__)

#: security headers on every response: no framing, no sniffing, scripts and styles only from here
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
    ),
}
#: pages and API answers may hold notes that are not public: no copy in any cache; static files may be kept
NO_STORE = "no-store"


def create_app(settings: Settings, register: Register | None = None) -> FastAPI:
    """The web app on the register of ``settings``.

    Args:
        settings: validated settings; ``database_url`` names the register.
        register: an already open register to serve (tests, benchmarks); opened from the settings
            and closed on shutdown when None.

    Returns:
        The FastAPI application.

    Raises:
        RegisterError: R002 when the register cannot be opened.
    """
    owned = register is None
    reg = register if register is not None else open_register(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            reg.close()

    app = FastAPI(
        title="beleidsmonitor",
        summary="Register van toezeggingen uit Kamerbrieven",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.register = reg
    app.state.templates = build_environment()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (dashboard, commitments, corrections, documents, search, charts, rappel, feeds, api):
        app.include_router(module.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = NO_STORE
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, exc: RequestValidationError) -> Response:
        # FastAPI's own answer is an English structure; the user gets one Dutch line per field
        message = dutch_message(exc.errors())
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": message}, status_code=422)
        error = StarletteHTTPException(400, message)
        page: HTMLResponse = render(request, "error.html", status_code=400, error=error)
        return page

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api") or request.url.path.startswith("/openapi"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        page: HTMLResponse = render(request, "error.html", status_code=exc.status_code, error=exc)
        return page

    return app
