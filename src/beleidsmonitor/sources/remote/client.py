"""A polite HTTP client for the official sources, with a local cache of the raw responses.

Library: httpx (synchronous). It gives timeouts per phase, connection reuse, HTTP/1.1 keep-alive and
typed responses, and it raises a distinct exception for a body that ends before its Content-Length,
so a truncated response is retried instead of stored.

Politeness, by default (settings ``fetch_*``): one request at a time (the client is synchronous and
shared), a pause of ``fetch_delay_ms`` between requests, ``fetch_retries`` retries of timeouts,
broken-off bodies and answers 429/500/502/503/504 with exponential back-off from
``fetch_backoff_ms`` (a ``Retry-After`` header wins, capped at five minutes), a ``User-Agent`` that
names the program, and conditional requests (``If-None-Match`` / ``If-Modified-Since``) when a
cached copy exists.

The cache (``fetch_cache_dir``) keeps each response body with its headers, keyed by the URL. A
published Kamerstuk does not change, so :meth:`PoliteClient.get` answers it from the cache without a
request (``revalidate=False``); listings are asked again with the cached validators
(``revalidate=True``) and a 304 answer is served from the cache. A body is written to a temporary
file and renamed, so an interrupted run never leaves half a response behind.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import httpx

from beleidsmonitor import __version__
from beleidsmonitor.errors import Code, RemoteError
from beleidsmonitor.settings import Settings

logger = logging.getLogger(__name__)

USER_AGENT = f"beleidsmonitor/{__version__} (commitment register; polite crawler, one request at a time)"
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_RETRY_AFTER_S = 300.0


@dataclass(frozen=True, slots=True)
class RemoteResponse:
    """A response body with where it came from."""

    url: str
    body: bytes
    content_type: str
    #: True when no request was made or the service answered 304 Not Modified
    from_cache: bool
    #: True when the body differs from the cached copy (or there was none)
    changed: bool


@dataclass(frozen=True, slots=True)
class _Cached:
    body: bytes
    content_type: str
    etag: str
    last_modified: str


class PoliteClient:
    """Fetches URLs one at a time with pauses, retries, conditional requests and a response cache.

    Args:
        settings: the ``fetch_*`` settings (delay, retries, back-off, timeout, cache folder).
        transport: an httpx transport to use instead of the network (for embedding; tests use a
            real server on 127.0.0.1 instead).
    """

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.cache_dir = Path(settings.fetch_cache_dir).expanduser()
        self._client = httpx.Client(
            timeout=httpx.Timeout(float(settings.fetch_timeout_s)),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
            transport=transport,
        )
        self._last_request = 0.0
        #: how many requests went out over the network (answers included 304s and failures)
        self.requests = 0

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def get(
        self, url: str, *, revalidate: bool = False, params: dict[str, str] | None = None
    ) -> RemoteResponse:
        """The body at ``url``, from the cache or the network.

        Args:
            url: the address.
            revalidate: ask the service whether a cached copy is still current (listings); when False
                a cached copy is returned without a request (published documents do not change).
            params: query parameters, part of the cache key.

        Returns:
            The body and whether it came from the cache or changed.

        Raises:
            RemoteError: N001 the service cannot be reached after the retries, N002 it answered an
                error status (404, or 429/5xx after the retries).
        """
        full = str(httpx.URL(url, params=params)) if params else url
        cached = self._read_cache(full)
        if cached is not None and not revalidate:
            logger.debug("%s: from cache", full)
            return RemoteResponse(full, cached.body, cached.content_type, True, False)
        headers: dict[str, str] = {}
        if cached is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        response = self._request(full, headers)
        if response.status_code == 304 and cached is not None:
            logger.info("%s: not modified", full)
            return RemoteResponse(full, cached.body, cached.content_type, True, False)
        body = response.content
        content_type = response.headers.get("Content-Type", "")
        changed = cached is None or cached.body != body
        self._write_cache(
            full,
            _Cached(
                body,
                content_type,
                response.headers.get("ETag", ""),
                response.headers.get("Last-Modified", ""),
            ),
        )
        return RemoteResponse(full, body, content_type, False, changed)

    # --- the network ------------------------------------------------------------------------------

    def _pause(self) -> None:
        wait = self.settings.fetch_delay_ms / 1000 - (time.monotonic() - self._last_request)
        if wait > 0:
            time.sleep(wait)

    def _request(self, url: str, headers: dict[str, str]) -> httpx.Response:
        attempts = self.settings.fetch_retries + 1
        problem = ""
        for attempt in range(attempts):
            self._pause()
            self.requests += 1
            try:
                response = self._client.get(url, headers=headers)
                response.read()
            except httpx.TimeoutException as exc:
                problem = f"no answer within {self.settings.fetch_timeout_s} s ({type(exc).__name__})"
                retry_after = None
            except httpx.ConnectError as exc:
                problem = f"cannot connect ({exc})"
                retry_after = None
            except httpx.TransportError as exc:
                problem = f"the answer broke off ({type(exc).__name__}: {exc})"
                retry_after = None
            else:
                if response.status_code < 400 or response.status_code not in _RETRY_STATUSES:
                    if response.status_code >= 400:
                        raise RemoteError(url, Code.N002, _status_text(response))
                    return response
                problem = _status_text(response)
                retry_after = _retry_after(response.headers.get("Retry-After", ""))
            finally:
                self._last_request = time.monotonic()
            if attempt + 1 < attempts:
                wait = retry_after if retry_after is not None else self._backoff(attempt)
                logger.warning(
                    "%s: %s; retry %d of %d in %.1f s", url, problem, attempt + 1, attempts - 1, wait
                )
                time.sleep(wait)
        logger.warning("%s: %s; giving up after %d attempts", url, problem, attempts)
        if problem.startswith("HTTP "):
            raise RemoteError(url, Code.N002, f"{problem} after {attempts} attempts")
        raise RemoteError(url, Code.N001, f"{problem} after {attempts} attempts")

    def _backoff(self, attempt: int) -> float:
        return float(self.settings.fetch_backoff_ms * 2**attempt) / 1000

    # --- the cache --------------------------------------------------------------------------------

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.cache_dir / key[:2]
        return folder / f"{key}.body", folder / f"{key}.json"

    def _read_cache(self, url: str) -> _Cached | None:
        body_path, meta_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or meta.get("length") != len(body):
            return None
        return _Cached(
            body,
            str(meta.get("content_type", "")),
            str(meta.get("etag", "")),
            str(meta.get("last_modified", "")),
        )

    def _write_cache(self, url: str, cached: _Cached) -> None:
        body_path, meta_path = self._paths(url)
        body_path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "url": url,
            "length": len(cached.body),
            "content_type": cached.content_type,
            "etag": cached.etag,
            "last_modified": cached.last_modified,
        }
        for path, data in ((body_path, cached.body), (meta_path, json.dumps(meta).encode("utf-8"))):
            tmp = path.with_suffix(path.suffix + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)


def _status_text(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.reason_phrase}".strip()


def _retry_after(value: str) -> float | None:
    """Seconds to wait by a ``Retry-After`` header (delta-seconds or an HTTP date); None when absent."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return min(float(value), _MAX_RETRY_AFTER_S)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(when.timestamp() - time.time(), 0.0), _MAX_RETRY_AFTER_S)
