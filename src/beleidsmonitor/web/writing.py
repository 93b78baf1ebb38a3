"""Who may write through the dashboard, and the checks every write route makes.

Writing is off unless the ``write_token`` setting is set. A person unlocks it by entering the token
on /login; the answer is a cookie holding an HMAC of the token (HttpOnly, SameSite=Strict, so no
other site can send it along). Every form of a write route carries a CSRF token, also an HMAC of
the write token, that only pages served to a logged-in person hold; the route compares both in
constant time and refuses a request whose Origin is another site. The token itself never leaves the
server after login.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote, unquote, urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import Response

from beleidsmonitor.settings import Settings
from beleidsmonitor.web.rendering import settings_of

#: the cookie that marks a logged-in writer
SESSION_COOKIE = "bm_schrijver"
#: the cookie that remembers the name people write corrections under (prefills the forms)
WHO_COOKIE = "bm_wie"
#: how long a login lasts, in seconds
SESSION_SECONDS = 8 * 3600


def _mac(settings: Settings, purpose: str) -> str:
    return hmac.new(settings.write_token.encode("utf-8"), purpose.encode("ascii"), hashlib.sha256).hexdigest()


def write_enabled(settings: Settings) -> bool:
    """Whether the dashboard may write at all (a write token is set)."""
    return bool(settings.write_token)


def is_writer(request: Request) -> bool:
    """Whether the request comes from a person who entered the write token."""
    settings = settings_of(request)
    if not write_enabled(settings):
        return False
    cookie = request.cookies.get(SESSION_COOKIE, "")
    return hmac.compare_digest(cookie, _mac(settings, "session"))


def csrf_token(request: Request) -> str:
    """The CSRF token the write forms carry ("" for people who may not write)."""
    return _mac(settings_of(request), "csrf") if is_writer(request) else ""


def who_of(request: Request) -> str:
    """The name remembered for the forms ("" when none)."""
    return unquote(request.cookies.get(WHO_COOKIE, ""))[:200]


def check_origin(request: Request) -> None:
    """Refuse a request that another site sent (its Origin or Referer names another host)."""
    sent = request.headers.get("origin") or request.headers.get("referer")
    if not sent or sent == "null":
        return
    if urlsplit(sent).netloc != request.url.netloc:
        raise HTTPException(403, "verzoek van een andere site geweigerd")


def check_write(request: Request, csrf: str) -> None:
    """Every write route's gate: writing on, logged in, same site, a valid CSRF token.

    Raises:
        HTTPException: 403 with a Dutch message saying which check failed.
    """
    settings = settings_of(request)
    if not write_enabled(settings):
        raise HTTPException(403, "dit register is alleen-lezen (geen write_token ingesteld)")
    check_origin(request)
    if not is_writer(request):
        raise HTTPException(403, "log eerst in met het schrijftoken")
    if not hmac.compare_digest(csrf, _mac(settings, "csrf")):
        raise HTTPException(403, "formulier verlopen of vervalst (CSRF); laad de pagina opnieuw")


def token_matches(request: Request, token: str) -> bool:
    """Whether ``token`` is the write token (constant time)."""
    settings = settings_of(request)
    return write_enabled(settings) and hmac.compare_digest(
        token.encode("utf-8"), settings.write_token.encode("utf-8")
    )


def start_session(request: Request, response: Response) -> None:
    """Set the writer's cookie on ``response``."""
    response.set_cookie(
        SESSION_COOKIE,
        _mac(settings_of(request), "session"),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


def end_session(response: Response) -> None:
    """Remove the writer's cookie."""
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")


def remember_who(request: Request, response: Response, who: str) -> None:
    """Remember the name a correction was made under, for the next form."""
    response.set_cookie(
        WHO_COOKIE,
        quote(who[:200]),
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
