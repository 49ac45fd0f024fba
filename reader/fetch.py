"""URLs and files -> Page. The one HTTP policy of reader lives here.

Policy: connect and read timeouts; retries with exponential backoff on connection errors, timeouts and 5xx
(Retry-After honoured when it asks for at most MAX_RETRY_AFTER seconds); 429 retried at most twice; other 4xx
never; redirects followed by hand, at most MAX_REDIRECTS; a size cap enforced while streaming; one deadline for
the whole download (connecting, headers, body, retries and redirects: ``total_deadline``); a User-Agent
naming the tool. ``download`` applies the policy to any URL (feeds, sitemaps, media); ``fetch`` adds the checks
for an article page: HTML only (by Content-Type and by magic bytes, ``reader.sniff``), decoded to text
(``reader.charset``).
``requests`` is imported only when a URL is fetched, so reading a local file starts fast.
"""

from __future__ import annotations

import errno
import itertools
import math
import mimetypes
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from . import __version__
from .charset import charset_from_content_type, decode_html
from .retry_after import retry_after_seconds
from .errors import FetchError, UsageError
from .page import Page
from .sniff import check_html, check_http_url, host_of, is_web_address, local_path, looks_like_host

if TYPE_CHECKING:
    import requests

USER_AGENT = f"reader/{__version__} (+article-to-audio)"
DEFAULT_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "de,en;q=0.7",
}
DEFAULT_TIMEOUT = (10.0, 30.0)  # (connect, read) seconds
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 10
CHUNK_BYTES = 64 * 1024
MAX_BACKOFF = 8.0  # seconds between two attempts, at most
MAX_RETRY_AFTER = 30.0  # a server asking for a longer wait is not retried
MAX_RATE_LIMIT_RETRIES = 2  # 429: a rate limit seldom lifts within seconds
MIN_TOTAL = 120.0  # seconds a whole download may take, at least (more with a longer read timeout)
TOTAL_PER_READ_TIMEOUT = 4
_sleep = time.sleep  # the one place the policy waits (tests record the waits instead)


@dataclass
class Download:
    """A fetched resource: final URL after redirects, lower-case response headers, body bytes."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    status: int = 200


@dataclass
class _Policy:
    timeout: tuple[float, float]
    retries: int
    backoff: float
    max_bytes: int
    total: float = MIN_TOTAL  # seconds the whole download may take (a server that trickles is cut off)
    deadline: float = math.inf  # time.monotonic() at which it is given up


@dataclass
class _Reply:
    download: Download
    reason: str = ""
    location: str | None = None  # redirect target as sent by the server


def total_deadline(read_timeout: float) -> float:
    """Seconds a whole download may take with this read timeout: max(MIN_TOTAL, 4 x read timeout)."""
    return max(MIN_TOTAL, TOTAL_PER_READ_TIMEOUT * read_timeout)


def make_session() -> "requests.Session":
    """A requests.Session with reader's headers (User-Agent, Accept, Accept-Language) and redirect bound."""
    import requests

    session = requests.Session()
    session.headers.update(DEFAULT_HEADERS)
    session.max_redirects = MAX_REDIRECTS
    return session


def fetch(
    source: str,
    *,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    retries: int = 3,
    backoff: float = 0.5,
    max_bytes: int = DEFAULT_MAX_BYTES,
    total: float | None = None,
    session: "requests.Session | None" = None,
) -> Page:
    """Fetch an article page from an http(s) URL, a file:// URL or a local path (``~`` expanded).

    ``timeout``: (connect, read) seconds, or one number for both; ``total``: seconds the whole download may
    take (default ``total_deadline(read timeout)``).
    """
    source = os.fspath(source).strip()
    path = local_path(source)
    if path is None:
        got = download(source, timeout=timeout, retries=retries, backoff=backoff, max_bytes=max_bytes,
                       total=total, session=session)
        url, headers, body = got.url, got.headers, got.body
    else:
        url, headers, body = path.resolve().as_uri(), {}, _read_file(path, max_bytes)
    content_type = headers.get("content-type") or (mimetypes.guess_type(url)[0] if path else "") or ""
    check_html(body, content_type, url)
    html, encoding = decode_html(body, charset_from_content_type(content_type))
    return Page(html=html, url=url, headers=headers, encoding=encoding)


def download(
    url: str,
    *,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    retries: int = 3,
    backoff: float = 0.5,
    max_bytes: int = DEFAULT_MAX_BYTES,
    total: float | None = None,
    session: "requests.Session | None" = None,
) -> Download:
    """GET an http(s) URL under reader's policy; raise FetchError with a one-line message on failure."""
    check_http_url(url)
    timeout = (timeout, timeout) if isinstance(timeout, (int, float)) else tuple(timeout)
    if not all(0 < t < math.inf for t in timeout) or (total is not None and not 0 < total < math.inf):
        raise UsageError(f"timeouts must be positive numbers of seconds, not {timeout} / {total}")
    total = total_deadline(timeout[1]) if total is None else total
    policy = _Policy(timeout=timeout, retries=max(0, retries), backoff=max(0.0, backoff), max_bytes=max_bytes,
                     total=total, deadline=time.monotonic() + total)
    own = session is None
    session = make_session() if own else session
    try:
        return _follow_redirects(session, url, policy)
    finally:
        if own:
            session.close()


def network_error(exc: Exception, url: str, timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> tuple[FetchError, bool]:
    """(the one-line error for requests' exception EXC, whether the policy retries it): for clients that send
    their own requests (the WordPress REST client of reader.publish)."""
    error, allowed, _ = _network_failure(exc, url, _Policy(timeout=timeout, retries=1, backoff=0, max_bytes=0))
    return error, allowed > 0


def read_body(response, url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, total: float = MIN_TOTAL) -> bytes:
    """The body of a streamed requests response, under the policy's size cap and a deadline of TOTAL seconds."""
    policy = _Policy(timeout=DEFAULT_TIMEOUT, retries=0, backoff=0, max_bytes=max_bytes, total=total,
                     deadline=time.monotonic() + total)
    return _read_capped(response, policy, url, threading.Event())


# ---------------------------------------------------------------- local files


FILE_ERRORS = (  # (OSError subclass, message template)
    (FileNotFoundError, "file not found: {path}{hint}"),
    (IsADirectoryError, "{path} is a folder, not a file: give the path of a saved HTML page"),
    (PermissionError, "cannot read {path}: permission denied; check the file's permissions"),
    (OSError, "cannot read {path}: {reason}; check the path"),
)


def _read_file(path: Path, max_bytes: int) -> bytes:
    """Read at most max_bytes + 1 bytes, so a huge file (or a device) is refused without reading it all."""
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _file_error(exc, path) from exc
    if len(data) > max_bytes:
        raise _too_large(str(path), max_bytes)
    return data


def _file_error(exc: OSError, path: Path) -> FetchError:
    hint = f" (for a web page write https://{path})" if looks_like_host(str(path)) else ""
    template = next(text for kind, text in FILE_ERRORS if isinstance(exc, kind))
    return FetchError(template.format(path=path, hint=hint, reason=exc.strerror or exc))


def _too_large(where: str, max_bytes: int) -> FetchError:
    return FetchError(f"page is larger than {_size(max_bytes)}: {where}; check that it is an article page, "
                      "or save just the article as an HTML file")


def _size(n: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


# ---------------------------------------------------------------- HTTP


def _follow_redirects(session, url: str, policy: _Policy) -> Download:
    visited = [url]
    for _ in range(MAX_REDIRECTS + 1):
        reply = _get_with_retries(session, url, policy)
        if reply.location is None:
            return reply.download
        url = _redirect_target(visited[-1], reply.location)
        visited.append(url)
    if len(set(visited)) < len(visited):
        raise FetchError(f"redirect loop at {visited[0]}: the site keeps sending reader around in a circle; "
                         "open the address in a browser to find the page")
    raise FetchError(f"more than {MAX_REDIRECTS} redirects from {visited[0]}; "
                     "open it in a browser and give the page's final address")


def _redirect_target(url: str, location: str) -> str:
    try:
        target = urljoin(url, location)
    except ValueError:
        target = location
    if not is_web_address(target):
        raise FetchError(f"{url} redirects to an unsupported address {target} (not a valid http(s) address); "
                         "open it in a browser")
    return target


def _get_with_retries(session, url: str, policy: _Policy) -> _Reply:
    import requests

    for attempt in itertools.count():
        try:
            reply = _attempt_in_time(session, url, policy)
        except requests.RequestException as exc:
            error, allowed, server_wait = _network_failure(exc, url, policy)
            error.__cause__ = exc
        else:
            if reply.location is not None or reply.download.status < 300:
                return reply
            error, allowed, server_wait = _status_failure(reply, url, policy)
        wait = max(min(policy.backoff * 2**attempt, MAX_BACKOFF), server_wait)
        if attempt >= allowed or time.monotonic() + wait >= policy.deadline:
            raise error
        _sleep(wait)


def _attempt_in_time(session, url: str, policy: _Policy) -> _Reply:
    """One attempt, given up at the policy's deadline whatever the server does (a read timeout alone
    never fires for a server that sends a byte now and then). The attempt runs in a daemon thread, told
    to stop at the deadline; the caller stops waiting for it then."""
    outcome: dict = {}
    stop = threading.Event()

    def work() -> None:
        try:
            outcome["reply"] = _attempt(session, url, policy, stop)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="reader-fetch", daemon=True)
    worker.start()
    try:
        worker.join(max(0.0, policy.deadline - time.monotonic()))
    finally:  # the deadline, or Ctrl-C: the worker stops at its next chunk
        stop.set()
    if worker.is_alive():
        raise _too_slow(url, policy)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["reply"]


def _too_slow(url: str, policy: _Policy) -> FetchError:
    return FetchError(f"{host_of(url)} sent the page too slowly (not complete after {policy.total:g} s); "
                      "try again later or raise --timeout")


def _attempt(session, url: str, policy: _Policy, stop: threading.Event) -> _Reply:
    """One GET, redirects not followed; the body is read only for a success, and never beyond the cap."""
    try:
        response = session.get(url, timeout=policy.timeout, stream=True, allow_redirects=False)
    except ValueError as exc:  # requests parses a Location header even when not following it
        raise FetchError(f"{url} redirects to an invalid address ({exc}); open it in a browser") from exc
    with response:
        headers = {name.lower(): value for name, value in response.headers.items()}
        got = Download(url=response.url or url, headers=headers, status=response.status_code)
        location = session.get_redirect_target(response)
        if location is None and response.status_code < 300:
            got.body = _read_capped(response, policy, url, stop)
        return _Reply(download=got, reason=response.reason or "", location=location)


def _read_capped(response, policy: _Policy, url: str, stop: threading.Event) -> bytes:
    max_bytes = policy.max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(url, max_bytes)
    parts, total = [], 0
    for chunk in _arriving(response):
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise _too_large(url, max_bytes)
        if stop.is_set() or time.monotonic() > policy.deadline:
            raise _too_slow(url, policy)
    return b"".join(parts)


def _arriving(response):
    """The body as it arrives (read1 returns what is there, so the total deadline is checked often);
    urllib3's errors are wrapped as requests' so the retry policy sees them."""
    import requests
    import urllib3

    while True:
        try:
            data = response.raw.read1(CHUNK_BYTES, decode_content=True)
        except urllib3.exceptions.HTTPError as exc:
            raise requests.ConnectionError(exc) from exc
        if not data:
            return
        yield data


SERVER_TROUBLE = "the server has a problem; try again later"
STATUS_HINTS = {
    401: "the page needs a login; save it from your browser and give reader the file",
    403: "the site refuses access (login or bot block); save the page from your browser and give reader the file",
    404: "check the address",
    410: "the page was removed; check the address",
    429: "the site limits how often it may be asked; try again later",
}


def _status_failure(reply: _Reply, url: str, policy: _Policy) -> tuple[FetchError, int, float]:
    """(error, retries allowed for it, the wait the server asked for)."""
    status = reply.download.status
    allowed = _retries_for_status(status, policy.retries)
    hint = STATUS_HINTS.get(status, SERVER_TROUBLE if status >= 500 else "check the address")
    wait = _retry_after(reply.download.headers.get("retry-after")) if allowed else 0.0
    if wait > MAX_RETRY_AFTER:
        allowed, hint = 0, f"the server asks to wait {wait:.0f} s; try again later"
    message = f"HTTP {status} {reply.reason} for {url}: {hint}".replace("  ", " ")
    error = FetchError(message)
    error.status = status  # callers that probe (batch discovery) tell "not there" from "unreachable"
    return error, allowed, wait


def _retries_for_status(status: int, retries: int) -> int:
    if status >= 500:
        return retries
    return min(retries, MAX_RATE_LIMIT_RETRIES) if status == 429 else 0


def _retry_after(value: str | None) -> float:
    """Seconds from a Retry-After header; 0 if absent or unreadable."""
    return retry_after_seconds(value) or 0.0


# (names of exception classes anywhere in the chain, error class, message template, retried?)
NETWORK_FAILURES = (
    ({"ReadTimeout", "ReadTimeoutError"}, FetchError,
     "{host} did not answer within {read} s; try again later or raise --timeout", True),
    ({"ConnectTimeout", "ConnectTimeoutError"}, FetchError,
     "{host} did not accept a connection within {connect} s; check your network or raise --timeout", True),
    ({"SSLError", "SSLCertVerificationError"}, FetchError,
     "secure connection to {host} failed; check the address (https or http) and the system's certificates", False),
    ({"NameResolutionError", "gaierror"}, FetchError, "could not find {host}: check the address and your network",
     False),
    ({"ConnectionRefusedError", "NewConnectionError"}, FetchError,
     "could not connect to {host}: check the address and your network", True),
    ({"ConnectionResetError", "RemoteDisconnected", "ProtocolError", "ChunkedEncodingError", "IncompleteRead",
      "BrokenPipeError"}, FetchError, "{host} closed the connection early; try again later", True),
    ({"ContentDecodingError"}, FetchError, "{host} sent a damaged compressed page; try again later", True),
    ({"InvalidURL", "InvalidSchema", "MissingSchema", "LocationParseError", "InvalidHeader"}, UsageError,
     "not a valid web address: {url}; check it", False),
)


def _network_failure(exc: Exception, url: str, policy: _Policy) -> tuple[FetchError, int, float]:
    names = {type(err).__name__ for err in _chain(exc)}
    host = host_of(url)
    fields = {"host": host, "url": url, "connect": f"{policy.timeout[0]:g}", "read": f"{policy.timeout[1]:g}"}
    for kinds, error_class, template, retried in NETWORK_FAILURES:
        if names & kinds:
            return error_class(template.format(**fields)), policy.retries if retried else 0, 0.0
    return FetchError(f"could not fetch {url} ({type(exc).__name__}); check the address and your network"), \
        policy.retries, 0.0


def _chain(exc: BaseException, limit: int = 12):
    """The exception and everything it wraps (causes, contexts, wrapped args, urllib3's .reason)."""
    todo, seen = [exc], set()
    while todo and len(seen) < limit:
        err = todo.pop()
        if id(err) in seen:
            continue
        seen.add(id(err))
        yield err
        wrapped = [err.__cause__, err.__context__, getattr(err, "reason", None), *err.args]
        todo.extend(w for w in wrapped if isinstance(w, BaseException))
