"""The polite client against a real server on 127.0.0.1: cache, conditional requests, retries, faults."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidsmonitor.errors import Code, RemoteError
from beleidsmonitor.settings import Settings
from beleidsmonitor.sources.remote.client import PoliteClient, _retry_after

from .conftest import DOCS, OfficialSite


def test_a_document_is_fetched_once_then_read_from_the_cache(
    site: OfficialSite, remote_settings: Settings
) -> None:
    url = f"{site.base}/ob/kst-32824-47.xml"
    with PoliteClient(remote_settings) as client:
        first = client.get(url)
        second = client.get(url)
    assert first.body == (DOCS / "kst-32824-47.xml").read_bytes()
    assert (first.from_cache, first.changed) == (False, True)
    assert (second.from_cache, second.changed, second.body) == (True, False, first.body)
    assert site.paths() == ["/ob/kst-32824-47.xml"]
    # a new client on the same cache folder (a re-run) asks nothing either
    with PoliteClient(remote_settings) as client:
        assert client.get(url).body == first.body
        assert client.requests == 0


def test_a_listing_is_revalidated_by_etag_and_a_changed_etag_is_noticed(
    site: OfficialSite, remote_settings: Settings
) -> None:
    url = f"{site.base}/sru"
    params = {"startRecord": "1"}
    with PoliteClient(remote_settings) as client:
        client.get(url, revalidate=True, params=params)
        again = client.get(url, revalidate=True, params=params)
        assert (again.from_cache, again.changed) == (True, False)
        site.add("/sru#1", DOCS / "remote" / "sru-32824-2.xml")  # the listing changes: a new ETag
        changed = client.get(url, revalidate=True, params=params)
    assert (changed.from_cache, changed.changed) == (False, True)
    assert b"kst-32824-49" in changed.body
    assert site.paths() == ["/sru#1"] * 3
    assert len(site.conditional()) == 2


@pytest.mark.parametrize("fault", ["429", "503", "truncate", "timeout"])
def test_a_fault_is_retried_and_the_answer_then_kept(
    fault: str, site: OfficialSite, remote_settings: Settings
) -> None:
    site.fail("/ob/kst-32824-47.pdf", fault)
    with PoliteClient(remote_settings) as client:
        response = client.get(f"{site.base}/ob/kst-32824-47.pdf")
    assert response.body == (DOCS / "kst-32824-47.pdf").read_bytes()
    assert site.paths() == ["/ob/kst-32824-47.pdf"] * 2


def test_a_lasting_fault_is_reported_after_the_retries(site: OfficialSite, remote_settings: Settings) -> None:
    site.fail("/ob/kst-32824-47.pdf", "503", "503", "503")
    with PoliteClient(remote_settings) as client, pytest.raises(RemoteError) as caught:
        client.get(f"{site.base}/ob/kst-32824-47.pdf")
    assert caught.value.code is Code.N002
    assert "HTTP 503" in str(caught.value) and "after 3 attempts" in str(caught.value)
    assert site.paths() == ["/ob/kst-32824-47.pdf"] * 3
    # nothing half-written is cached: the next run asks again
    with PoliteClient(remote_settings) as client:
        assert client.get(f"{site.base}/ob/kst-32824-47.pdf").from_cache is False


def test_a_404_is_not_retried(site: OfficialSite, remote_settings: Settings) -> None:
    with PoliteClient(remote_settings) as client, pytest.raises(RemoteError) as caught:
        client.get(f"{site.base}/ob/kst-32824-99.xml")
    assert caught.value.code is Code.N002 and "404" in caught.value.detail
    assert site.paths() == ["/ob/kst-32824-99.xml"]


def test_offline_is_a_clear_error(remote_settings: Settings, tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with PoliteClient(remote_settings) as client, pytest.raises(RemoteError) as caught:
        client.get(f"http://127.0.0.1:{port}/kst-32824-47.xml")
    assert caught.value.code is Code.N001
    assert "cannot be reached" in str(caught.value) and "cannot connect" in str(caught.value)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("", None), ("7", 7.0), ("86400", 300.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None)],
)
def test_retry_after_header(header: str, seconds: float | None) -> None:
    assert _retry_after(header) == seconds
