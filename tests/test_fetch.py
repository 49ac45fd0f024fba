"""reader.fetch against a real HTTP server on 127.0.0.1 (tests/loopback.py) and real files."""

from __future__ import annotations

import json
import re
import socket
import struct
import zlib
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import pytest

import reader.fetch as fetch_module
from loopback import SAMPLES, Route, loopback  # noqa: F401  (loopback is a fixture)
from reader.charset import codec_for, decode_html
from reader.errors import FetchError, NotAnArticleError, UsageError
from reader.fetch import MAX_REDIRECTS, USER_AGENT, download, fetch, make_session, total_deadline

GERMAN = "Über die Größe der Bäume – „Straße“ kostet 5 €"  # needs windows-1252, not plain latin1
LATIN = "Über die Größe der Bäume: Straße, Öl und Übermaß"  # fits every western single-byte charset
FAST = {"backoff": 0, "timeout": (2, 2)}


def html(text: str = GERMAN, head: str = "") -> str:
    return f"<!doctype html><html lang='de'><head>{head}<title>Test</title></head><body><p>{text}</p></body></html>"


def png_bytes() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0")) + chunk(
        b"IEND", b"")


@pytest.fixture
def waits(monkeypatch):
    """Record the policy's waits instead of sleeping."""
    seen: list[float] = []
    monkeypatch.setattr(fetch_module, "_sleep", seen.append)
    return seen


# ---------------------------------------------------------------- pages and charsets


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.html")), ids=lambda p: p.name)
def test_sample_pages_decode_with_umlauts(loopback, sample):
    url = loopback.url("/" + sample.name)
    page = fetch(url, **FAST)
    assert page.url == url
    assert "<html" in page.html.lower()
    assert re.search("[äöüÄÖÜß]", page.html), "a German sample should keep its umlauts"
    assert "\ufffd" not in page.html and "Ã¤" not in page.html and "Ã¼" not in page.html


def test_german_iso_8859_1_page_comes_out_right(loopback):
    url = loopback.content("/alt.html", html().encode("cp1252"), "text/html; charset=ISO-8859-1")
    page = fetch(url, **FAST)
    assert GERMAN in page.html
    assert page.encoding == "windows-1252"  # latin1 labels are read as windows-1252, like browsers do


UTF8_BOM = b"\xef\xbb\xbf"
CHARSET_CASES = {  # id: (body, Content-Type, expected encoding, text to find)
    "http-header": (html().encode("cp1252"), "text/html; charset=windows-1252", "windows-1252", GERMAN),
    "meta-charset": (html(head='<meta charset="iso-8859-1">').encode("cp1252"), "text/html", "windows-1252", GERMAN),
    "meta-http-equiv": (
        html(head='<meta http-equiv="Content-Type" content="text/html; charset=latin1">').encode("cp1252"),
        "text/html", "windows-1252", GERMAN),
    "meta-after-comment-only": (
        html(LATIN, head='<!-- <meta charset="utf-8"> --><meta charset="iso-8859-15">').encode("iso8859-15"),
        "text/html", "iso8859-15", LATIN),
    "xml-declaration": (
        ('<?xml version="1.0" encoding="ISO-8859-15"?>' + html(LATIN)).encode("iso8859-15"),
        "application/xhtml+xml", "iso8859-15", LATIN),
    "utf8-bom-beats-http": (UTF8_BOM + html().encode(), "text/html; charset=iso-8859-1", "utf-8", GERMAN),
    "utf16-bom": (html().encode("utf-16"), "text/html", "utf-16-le", GERMAN),
    "http-beats-meta": (html(head='<meta charset="utf-8">').encode("cp1252"), "text/html; charset=cp1252",
                        "windows-1252", GERMAN),
    "no-declaration-windows-1252": (html().encode("cp1252"), "text/html", "windows-1252", GERMAN),
    "no-declaration-utf8": (html().encode(), "text/html", "utf-8", GERMAN),
    "unknown-http-label": (html().encode(), "text/html; charset=x-no-such-thing", "utf-8", GERMAN),
    "unknown-http-label-then-meta": (html(head='<meta charset="windows-1252">').encode("cp1252"),
                                     "text/html; charset=x-no-such-thing", "windows-1252", GERMAN),
    "non-text-codec-label": (html().encode("cp1252"), "text/html; charset=base64", "windows-1252", GERMAN),
    "declared-utf8-but-windows-1252": (html().encode("cp1252"), "text/html; charset=utf-8", "windows-1252", GERMAN),
    "declared-latin1-but-utf8": (html().encode(), "text/html; charset=iso-8859-1", "utf-8", GERMAN),
    "meta-says-utf16-on-ascii-bytes": (html(head='<meta charset="utf-16">').encode(), "text/html", "utf-8", GERMAN),
}


@pytest.mark.parametrize("case", CHARSET_CASES, ids=str)
def test_charset_is_resolved(loopback, case):
    body, content_type, encoding, text = CHARSET_CASES[case]
    page = fetch(loopback.content("/c.html", body, content_type), **FAST)
    assert (page.encoding, text in page.html) == (encoding, True)
    assert not page.html.startswith("\ufeff")


def test_declared_utf8_with_one_stray_byte_stays_utf8():
    body = html().encode() + b"<p>kaputt: \xff</p>"
    text, encoding = decode_html(body, "utf-8")
    assert encoding == "utf-8" and GERMAN in text


@pytest.mark.parametrize("label,codec", [
    ("ISO-8859-1", "cp1252"), ("latin1", "cp1252"), ("US-ASCII", "cp1252"), ('"utf-8"', "utf-8"),
    ("UTF8", "utf-8"), ("x-sjis", "shift_jis"), ("utf-7", None), ("rot13", None), ("hex", None), ("", None),
])
def test_charset_labels_read_like_a_browser(label, codec):
    assert codec_for(label) == codec


# ---------------------------------------------------------------- HTTP status, retries, timeouts


def test_404_is_not_retried(loopback):
    url = loopback.status("/missing", 404)
    with pytest.raises(FetchError, match=r"HTTP 404 Not Found for .*/missing: check the address") as err:
        fetch(url, retries=3, **FAST)
    assert loopback.hits("/missing") == 1
    assert err.value.exit_code == 3


def test_500_then_200_is_retried_and_succeeds(loopback):
    url = loopback.flaky("/wobbly", failures=2, fault=Route(status=500), then=Route(body=html().encode()))
    page = fetch(url, retries=3, **FAST)
    assert GERMAN in page.html
    assert loopback.hits("/wobbly") == 3


def test_500_forever_fails_after_the_retries(loopback):
    url = loopback.status("/broken", 500)
    with pytest.raises(FetchError, match=r"HTTP 500 Internal Server Error .*try again later"):
        fetch(url, retries=2, **FAST)
    assert loopback.hits("/broken") == 3


def test_backoff_doubles_between_attempts(loopback, waits):
    url = loopback.status("/broken", 502)
    with pytest.raises(FetchError, match="HTTP 502"):
        fetch(url, retries=3, backoff=0.25, timeout=(2, 2))
    assert waits == [0.25, 0.5, 1.0]


def test_retry_after_is_honoured(loopback, waits):
    url = loopback.flaky("/busy", failures=1, fault=Route(status=503, headers={"Retry-After": "3"}),
                         then=Route(body=html().encode()))
    fetch(url, retries=3, **FAST)
    assert waits == [3.0]
    assert loopback.hits("/busy") == 2


def test_retry_after_as_an_http_date(loopback, waits):
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=5), usegmt=True)
    url = loopback.flaky("/busy", failures=1, fault=Route(status=503, headers={"Retry-After": when}),
                         then=Route(body=html().encode()))
    fetch(url, retries=1, **FAST)
    assert len(waits) == 1 and 1 < waits[0] <= 5  # the date has whole seconds


def test_long_retry_after_is_not_waited_for(loopback, waits):
    url = loopback.status("/busy", 503, **{"Retry-After": "3600"})
    with pytest.raises(FetchError, match="wait 3600 s; try again later"):
        fetch(url, retries=3, **FAST)
    assert (loopback.hits("/busy"), waits) == (1, [])


def test_429_is_retried_at_most_twice(loopback, waits):
    url = loopback.status("/limited", 429)
    with pytest.raises(FetchError, match="HTTP 429"):
        fetch(url, retries=5, **FAST)
    assert loopback.hits("/limited") == 3


def test_slow_server_times_out_with_a_clear_message(loopback):
    url = loopback.slow("/slow", delay=3)
    with pytest.raises(FetchError, match=r"127\.0\.0\.1 did not answer within 0\.2 s; .*raise --timeout"):
        fetch(url, retries=1, backoff=0, timeout=(2, 0.2))
    assert loopback.hits("/slow") == 2  # a timeout is retried


def test_connection_reset_then_success(loopback):
    url = loopback.flaky("/reset", failures=1, fault=Route(reset=True), then=Route(body=html().encode()))
    assert GERMAN in fetch(url, retries=2, **FAST).html
    assert loopback.hits("/reset") == 2


def test_connection_reset_forever(loopback):
    url = loopback.reset("/reset")
    with pytest.raises(FetchError, match="closed the connection early; try again later"):
        fetch(url, retries=1, **FAST)
    assert loopback.hits("/reset") == 2


def test_body_cut_short_is_retried(loopback):
    body = html().encode()
    url = loopback.flaky("/cut", failures=1, fault=Route(body=body, cut_after=20), then=Route(body=body))
    assert GERMAN in fetch(url, retries=1, **FAST).html
    assert loopback.hits("/cut") == 2


def test_server_stalling_mid_body_times_out(loopback):
    url = loopback.route("/stall", Route(body=html().encode(), cut_after=20, stall=3))
    with pytest.raises(FetchError, match=r"did not answer within 0\.2 s"):
        fetch(url, retries=0, backoff=0, timeout=(2, 0.2))


def test_headers_that_arrive_slowly_are_cut_off_at_the_deadline(loopback, waits):
    """One header line every 0.05 s never trips the read timeout; the deadline for the whole download ends it,
    and it is not retried."""
    url = loopback.slow_headers("/drip", lines=400, pace=0.05)
    with pytest.raises(FetchError, match=r"127\.0\.0\.1 sent the page too slowly \(not complete after 0\.5 s\)"):
        fetch(url, timeout=(2, 2), total=0.5, retries=3)
    assert loopback.hits("/drip") == 1 and waits == []
    assert loopback.bytes_sent["/drip"] < 400 * len("X-Slow-100: 100\r\n")  # it stopped listening early


def test_slowly_arriving_headers_are_fine_within_the_deadline(loopback):
    url = loopback.slow_headers("/drip", lines=5, pace=0.05, body=html().encode())
    assert GERMAN in fetch(url, timeout=(2, 2), total=30, retries=0).html


def test_the_whole_download_deadline_grows_with_the_read_timeout():
    assert total_deadline(3) == 120 and total_deadline(30) == 120
    assert total_deadline(600) == 2400


def test_default_deadline_follows_the_read_timeout(loopback, monkeypatch):
    """A page that takes longer than the minimum deadline loads with a longer read timeout (--timeout)."""
    monkeypatch.setattr(fetch_module, "MIN_TOTAL", 0.2)
    url = loopback.route("/trickle", Route(stream_size=40 * 500, chunk=500, pace=0.04))
    with pytest.raises(FetchError, match=r"too slowly \(not complete after 0\.8 s\); .*raise --timeout"):
        fetch(url, timeout=(2, 0.2), retries=0)
    assert len(fetch(url, timeout=(2, 2), retries=0).html) == 40 * 500


def test_retries_stop_at_the_deadline(loopback, waits):
    url = loopback.status("/busy", 503, **{"Retry-After": "20"})
    with pytest.raises(FetchError, match="HTTP 503"):
        fetch(url, retries=3, timeout=(2, 2), total=5)
    assert (loopback.hits("/busy"), waits) == (1, [])  # a 20 s wait would end after the 5 s deadline


@pytest.mark.parametrize("timeout,total", [(0, None), (-1, None), (float("nan"), None), ((2, float("inf")), None),
                                           ((2, 2), 0), ((2, 2), float("nan"))])
def test_timeouts_must_be_positive_and_finite(loopback, timeout, total):
    with pytest.raises(UsageError, match="positive numbers of seconds"):
        fetch(loopback.url("/latin1.html"), timeout=timeout, total=total)


def test_other_3xx_without_location_is_an_error(loopback):
    with pytest.raises(FetchError, match="HTTP 304 Not Modified"):
        fetch(loopback.status("/same", 304), **FAST)


def test_connection_refused():
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match=r"could not connect to 127\.0\.0\.1: check the address and your network"):
        fetch(f"http://127.0.0.1:{port}/", retries=0, **FAST)


def test_unknown_host_is_not_retried(waits):
    # .invalid never resolves (RFC 6761); without a network the lookup fails at once too
    with pytest.raises(FetchError, match=r"could not find nothing\.invalid: check the address and your network"):
        fetch("http://nothing.invalid/artikel", retries=3, **FAST)
    assert waits == []


# ---------------------------------------------------------------- redirects


def test_redirect_chain_ends_at_the_page(loopback):
    final = loopback.content("/final", html().encode("cp1252"), "text/html; charset=windows-1252")
    loopback.redirect("/r1", "/r2", 301)
    loopback.redirect("/r2", "r3", 302)  # relative to /r2
    loopback.redirect("/r3", final, 307)  # absolute
    page = fetch(loopback.url("/r1"), **FAST)
    assert page.url == final
    assert GERMAN in page.html
    assert [loopback.hits(p) for p in ("/r1", "/r2", "/r3", "/final")] == [1, 1, 1, 1]


def test_redirect_loop_is_a_clear_error(loopback):
    loopback.redirect("/a", "/b")
    loopback.redirect("/b", "/a")
    with pytest.raises(FetchError, match="redirect loop at .*/a"):
        fetch(loopback.url("/a"), **FAST)
    assert loopback.hits("/a") + loopback.hits("/b") == MAX_REDIRECTS + 1


def test_too_many_redirects_without_a_loop(loopback):
    for n in range(MAX_REDIRECTS + 2):
        loopback.redirect(f"/hop{n}", f"/hop{n + 1}")
    with pytest.raises(FetchError, match=f"more than {MAX_REDIRECTS} redirects"):
        fetch(loopback.url("/hop0"), **FAST)


def test_redirect_to_another_scheme_is_refused(loopback):
    url = loopback.redirect("/away", "ftp://example.org/file.html")
    with pytest.raises(FetchError, match="unsupported address ftp://example.org/file.html"):
        fetch(url, **FAST)


# ---------------------------------------------------------------- headers and sessions


@pytest.mark.parametrize("location", ["http://[::1", "http://[::1/seite", "http://example.org:port/"])
def test_redirect_to_a_malformed_address_is_a_fetch_error(loopback, location):
    url = loopback.redirect("/odd", location)
    with pytest.raises(FetchError, match=r"/odd redirects to an (unsupported|invalid) address .*open it in a browser") as err:
        fetch(url, **FAST)
    assert "\n" not in str(err.value) and err.value.exit_code == 3


def test_requests_name_the_tool_and_ask_for_german(loopback):
    fetch(loopback.content("/p", html().encode()), **FAST)
    sent = loopback.requests[-1].headers
    assert sent["user-agent"] == USER_AGENT and USER_AGENT.startswith("reader/")
    assert sent["accept-language"].startswith("de")
    assert "text/html" in sent["accept"]


def test_page_headers_have_lower_case_names(loopback):
    url = loopback.content("/p", html().encode(), "text/html", **{"X-Custom-Thing": "42", "Content-Language": "de"})
    page = fetch(url, **FAST)
    assert page.headers["x-custom-thing"] == "42" and page.headers["content-language"] == "de"
    assert all(name == name.lower() for name in page.headers)


def test_a_given_session_is_used_and_left_open(loopback):
    session = make_session()
    session.headers["X-Batch"] = "7"
    assert session.headers["User-Agent"] == USER_AGENT and session.max_redirects == MAX_REDIRECTS
    fetch(loopback.content("/p", html().encode()), session=session, **FAST)
    fetch(loopback.url("/p"), session=session, **FAST)
    assert [r.headers.get("x-batch") for r in loopback.requests] == ["7", "7"]
    session.close()


def test_download_returns_any_content_under_the_same_policy(loopback):
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title></channel></rss>'
    loopback.redirect("/feed", "/feed/")
    loopback.content("/feed/", feed, "application/rss+xml; charset=utf-8")
    got = download(loopback.url("/feed"), **FAST)
    assert (got.body, got.status, got.url) == (feed, 200, loopback.url("/feed/"))
    assert got.headers["content-type"].startswith("application/rss+xml")
    with pytest.raises(NotAnArticleError, match="RSS feed"):
        fetch(loopback.url("/feed"), **FAST)


# ---------------------------------------------------------------- not HTML


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NOT_HTML = {  # id: (body, Content-Type, words the message must contain)
    "pdf": (PDF, "application/pdf", "PDF document"),
    "pdf-served-as-html": (PDF, "text/html; charset=utf-8", "PDF document (served as text/html)"),
    "png": (png_bytes(), "image/png", "PNG image"),
    "png-served-as-html": (png_bytes(), "text/html", "PNG image"),
    "json": (json.dumps({"title": "Größe"}).encode(), "application/json", "JSON data"),
    "json-served-as-html": (json.dumps([{"id": 1}]).encode(), "text/html", "JSON data"),
    "zip": (b"PK\x03\x04" + bytes(40), "application/zip", "ZIP archive"),
    "mp3": (b"ID3\x04\x00\x00" + bytes(40), "audio/mpeg", "MP3 audio file"),
    "image-type-only": (b"\x00\x01\x02 not a known format", "image/x-icon", "an image (image/x-icon)"),
    "plain-text": ("Nur Text, kein HTML.".encode(), "text/plain; charset=utf-8", "plain text"),
    "octet-stream": (bytes(range(1, 200)), "application/octet-stream", "does not look like HTML"),
}


@pytest.mark.parametrize("case", NOT_HTML, ids=str)
def test_non_html_is_not_an_article(loopback, case):
    body, content_type, words = NOT_HTML[case]
    url = loopback.content("/thing", body, content_type)
    with pytest.raises(NotAnArticleError) as err:
        fetch(url, **FAST)
    assert words in str(err.value) and url in str(err.value)
    assert err.value.exit_code == 4


@pytest.mark.parametrize("content_type", ["text/plain", "application/xhtml+xml", None])
def test_html_under_other_types_is_accepted(loopback, content_type):
    page = fetch(loopback.content("/x", html().encode(), content_type), **FAST)
    assert GERMAN in page.html


# ---------------------------------------------------------------- size cap

BIG = 64 * 1024 * 1024  # generated by the server, never stored


@pytest.mark.parametrize("content_length", [True, False], ids=["declared-length", "streamed"])
def test_oversized_body_stops_reading_early(loopback, content_length):
    url = loopback.stream("/huge", BIG, content_length=content_length)
    with pytest.raises(FetchError, match=r"page is larger than 100 KB"):
        fetch(url, max_bytes=100 * 1024, retries=2, **FAST)
    assert loopback.hits("/huge") == 1  # too large is not retried
    assert loopback.bytes_sent["/huge"] < BIG // 4  # the client hung up long before the end


def test_body_exactly_at_the_cap_is_fine(loopback):
    url = loopback.stream("/edge", 100 * 1024, content_length=False, chunk=4096)
    page = fetch(url, max_bytes=100 * 1024, **FAST)
    assert len(page.html) == 100 * 1024


# ---------------------------------------------------------------- local files


@pytest.fixture
def article_file(tmp_path) -> Path:
    path = tmp_path / "artikel.html"
    path.write_bytes(html(head='<meta charset="iso-8859-1">').encode("cp1252"))
    return path


def test_absolute_path(article_file):
    page = fetch(str(article_file))
    assert GERMAN in page.html
    assert page.url == article_file.resolve().as_uri() and page.url.startswith("file:///")
    assert (page.encoding, page.headers) == ("windows-1252", {})


def test_relative_path(article_file, monkeypatch):
    monkeypatch.chdir(article_file.parent)
    assert GERMAN in fetch("artikel.html").html


def test_home_path(article_file, monkeypatch):
    monkeypatch.setenv("HOME", str(article_file.parent))
    assert GERMAN in fetch("~/artikel.html").html


def test_file_url_with_space_and_umlaut(tmp_path):
    path = tmp_path / "mein Artikel über Bäume.html"
    path.write_text(html(), encoding="utf-8")
    page = fetch(path.as_uri())
    assert "%20" in page.url and page.url == path.resolve().as_uri()
    assert GERMAN in page.html


def test_missing_file(tmp_path):
    missing = tmp_path / "nichts.html"
    with pytest.raises(FetchError, match=f"file not found: {re.escape(str(missing))}$") as err:
        fetch(str(missing))
    assert err.value.exit_code == 3


def test_missing_file_that_looks_like_a_web_address(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FetchError, match=r"file not found: example\.org/post .*https://example\.org/post"):
        fetch("example.org/post")


def test_missing_path_with_a_colon_is_a_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FetchError, match=r"^file not found: notes:draft\.html$") as err:
        fetch("notes:draft.html")
    assert err.value.exit_code == 3
    Path("notes:draft.html").write_text(html(), encoding="utf-8")
    assert GERMAN in fetch("notes:draft.html").html


def test_directory_is_not_a_file(tmp_path):
    with pytest.raises(FetchError, match="is a folder, not a file"):
        fetch(str(tmp_path))


def test_local_pdf_and_text_are_not_articles(tmp_path):
    (tmp_path / "doc.pdf").write_bytes(PDF)
    (tmp_path / "notes.txt").write_text("Einkaufsliste: Äpfel", encoding="utf-8")
    (tmp_path / "saved").write_text(html(), encoding="utf-8")  # no suffix, but HTML
    with pytest.raises(NotAnArticleError, match="PDF document"):
        fetch(str(tmp_path / "doc.pdf"))
    with pytest.raises(NotAnArticleError, match="plain text"):
        fetch(str(tmp_path / "notes.txt"))
    assert GERMAN in fetch(str(tmp_path / "saved")).html


def test_local_file_over_the_cap(tmp_path):
    path = tmp_path / "gross.html"
    path.write_bytes(html("x" * 5000).encode())
    with pytest.raises(FetchError, match="page is larger than 1000 bytes"):
        fetch(str(path), max_bytes=1000)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_local_source_is_cut_off_while_reading():
    with pytest.raises(FetchError, match="page is larger than 1 KB"):
        fetch("/dev/zero", max_bytes=1024)


# ---------------------------------------------------------------- what is not a source


@pytest.mark.parametrize("source", ["ftp://example.org/a.html", "mailto:autor@example.org", "javascript:alert(1)",
                                    "file://otherhost/share/a.html", "http://", "http://[::1",
                                    "https://example.org:99999999/", "data:text/html,<p>hallo</p>"])
def test_unsupported_sources_are_usage_errors(source):
    with pytest.raises(UsageError) as err:
        fetch(source)
    assert err.value.exit_code == 2 and "\n" not in str(err.value)


# ---------------------------------------------------------------- the loopback server itself (players seek with Range)


@pytest.mark.parametrize("wanted,status,first,last", [
    ("bytes=10-19", 206, 10, 19), ("bytes=100-", 206, 100, None), ("bytes=-7", 206, -7, None),
    ("bytes=5-999999999", 206, 5, None), ("nonsense", 200, 0, None),
])
def test_loopback_serves_ranges(loopback, wanted, status, first, last):
    import requests

    sample = next(SAMPLES.glob("*.html"))
    data = sample.read_bytes()
    got = requests.get(loopback.url("/" + sample.name), headers={"Range": wanted}, timeout=5)
    expected = data[first:] if last is None else data[first : last + 1]
    assert (got.status_code, got.content, got.headers["accept-ranges"]) == (status, expected, "bytes")
    assert got.headers["content-type"] == "text/html"
    if status == 206:
        start = first % len(data)
        assert got.headers["content-range"] == f"bytes {start}-{start + len(expected) - 1}/{len(data)}"


def test_loopback_refuses_bad_ranges_and_paths(loopback):
    import requests

    sample = next(SAMPLES.glob("*.html"))
    size = sample.stat().st_size
    got = requests.get(loopback.url("/" + sample.name), headers={"Range": f"bytes={size}-"}, timeout=5)
    assert (got.status_code, got.headers["content-range"]) == (416, f"bytes */{size}")
    assert requests.get(loopback.url("/../pyproject.toml"), timeout=5).status_code == 404
    assert requests.get(loopback.url("/%2e%2e/pyproject.toml"), timeout=5).status_code == 404
    head = requests.head(loopback.url("/" + sample.name), timeout=5)
    assert (head.status_code, head.headers["content-length"], head.content) == (200, str(size), b"")


def test_a_server_that_trickles_is_cut_off(loopback):
    """Each chunk arrives inside the read timeout, but the whole page never would: the total limit ends it."""
    url = loopback.route("/trickle", Route(stream_size=200_000, chunk=500, pace=0.05))
    with pytest.raises(FetchError, match="too slowly"):
        fetch(url, timeout=(2, 2), total=0.5, retries=0)
    assert loopback.bytes_sent["/trickle"] < 200_000
