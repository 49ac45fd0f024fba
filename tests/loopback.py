"""A real HTTP server on 127.0.0.1 for tests: static files with Range support, plus programmable faults.

    def test_x(loopback):
        loopback.status("/gone", 404)
        loopback.flaky("/wobbly", failures=2, fault=Route(status=500), then=Route(body=b"<p>ok</p>"))
        loopback.slow_headers("/drip", lines=200, pace=0.1)  # one header line every 0.1 s
        loopback.url("/page.html")            # -> "http://127.0.0.1:PORT/page.html"
        loopback.hits("/wobbly")              # requests seen for that path

Static files come from ``root`` (``samples/`` by default) with their Content-Type and ``Accept-Ranges: bytes``;
``Range: bytes=a-b`` gets ``206 Partial Content`` with ``Content-Range`` (a browser's audio element needs it to
seek). Routes take precedence over files. Every wait is bounded and ends early when the server stops.
"""

from __future__ import annotations

import contextlib
import mimetypes
import re
import socket
import struct
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MAX_DELAY = 10.0  # no route sleeps longer, whatever a test asks
MAX_STREAM = 1024 * 1024 * 1024  # a generated body never exceeds 1 GB
CONTENT_TYPES = {  # what real servers send for the files the project serves
    ".html": "text/html", ".htm": "text/html", ".mp3": "audio/mpeg", ".vtt": "text/vtt",
    ".json": "application/json", ".js": "text/javascript", ".css": "text/css", ".txt": "text/plain",
    ".pdf": "application/pdf", ".png": "image/png", ".wav": "audio/wav", ".xml": "application/xml",
}
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@dataclass
class Route:
    """What one path answers. Plain data: the handler reads it, tests build it."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (longer than the client's read timeout = slow server)
    stream_size: int = 0  # >0: generate a body of this many bytes, sent in chunks (instead of ``body``)
    chunk: int = 64 * 1024
    pace: float = 0.0  # seconds to wait between streamed chunks (a server that trickles)
    header_lines: int = 0  # >0: send this many filler header lines first, ``header_pace`` s apart
    header_pace: float = 0.0
    content_length: bool = True  # False: no Content-Length (the body ends when the connection closes)
    reset: bool = False  # drop the connection with a TCP reset instead of answering
    cut_after: int | None = None  # send headers and only this many body bytes, wait ``stall`` s, then reset
    stall: float = 0.0
    fail_first: int = 0  # the first N requests get ``fault`` instead
    fault: "Route | None" = None


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]


class Loopback:
    """The server's state, shared with its handler threads. Start with ``start()``, stop with ``stop()``."""

    def __init__(self, root: Path | str = SAMPLES):
        self.root = Path(root)
        self.routes: dict[str, Route] = {}
        self.app = None  # optional callable(method, path_with_query) -> Route | None, asked when no route matches
        self.requests: list[Seen] = []
        self.bytes_sent: Counter[str] = Counter()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle
    def start(self, port: int = 0) -> "Loopback":
        handler = type("Handler", (_Handler,), {"loopback": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01},
                                        name="loopback", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    # -- programming routes
    def route(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def content(self, path: str, body: bytes, content_type: str | None = "text/html", **headers: str) -> str:
        return self.route(path, Route(body=body, content_type=content_type, headers=headers))

    def status(self, path: str, status: int, body: bytes = b"", **headers: str) -> str:
        return self.route(path, Route(status=status, body=body, headers=headers))

    def flaky(self, path: str, failures: int, fault: Route, then: Route) -> str:
        then.fail_first, then.fault = failures, fault
        return self.route(path, then)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.route(path, Route(status=status, content_type=None, headers={"Location": to}))

    def slow(self, path: str, delay: float, body: bytes = b"<p>late</p>") -> str:
        return self.route(path, Route(body=body, delay=delay))

    def stream(self, path: str, size: int, content_length: bool = True, chunk: int = 64 * 1024) -> str:
        return self.route(path, Route(stream_size=size, content_length=content_length, chunk=chunk))

    def slow_headers(self, path: str, lines: int, pace: float, body: bytes = b"<p>late</p>") -> str:
        """Headers that arrive one line every ``pace`` seconds: no read timeout ever fires."""
        return self.route(path, Route(body=body, header_lines=lines, header_pace=pace))

    def reset(self, path: str) -> str:
        return self.route(path, Route(reset=True))

    # -- what happened
    def hits(self, path: str) -> int:
        with self._lock:
            return self._counts[path]

    def _count(self, seen: Seen) -> int:
        with self._lock:
            self.requests.append(seen)
            self._counts[seen.path] += 1
            return self._counts[seen.path]

    def _sent(self, path: str, n: int) -> None:
        with self._lock:
            self.bytes_sent[path] += n

    def wait(self, seconds: float) -> None:
        """Sleep at most MAX_DELAY, and not at all once the server is stopping."""
        self.stopping.wait(min(max(seconds, 0.0), MAX_DELAY))


class _Handler(BaseHTTPRequestHandler):
    loopback: Loopback  # set on the subclass made by Loopback.start
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms delayed-ACK stall per request
    timeout = 5  # a stuck socket read or write ends after this

    def log_message(self, format, *args):  # keep test output clean
        pass

    def do_GET(self):
        self._answer(head=False)

    def do_HEAD(self):
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        path = urlsplit(self.path).path
        n = self.loopback._count(Seen(self.command, path, {k.lower(): v for k, v in self.headers.items()}))
        route = self.loopback.routes.get(path)
        if route is None and self.loopback.app is not None:
            route = self.loopback.app(self.command, self.path)
        if route is None:
            self._serve_file(path, head)
            return
        if n <= route.fail_first and route.fault is not None:
            route = route.fault
        try:
            self._serve_route(path, route, head)
        except OSError:  # the client went away (reset, broken pipe, timeout): nothing more to say
            self.close_connection = True

    # -- routes
    def _serve_route(self, path: str, route: Route, head: bool) -> None:
        self.loopback.wait(route.delay)
        if route.reset:
            self._reset()
            return
        size = min(route.stream_size, MAX_STREAM) if route.stream_size else len(route.body)
        if route.header_lines:
            self._drip_headers(path, route)
        else:
            self.send_response(route.status)
        headers = dict(route.headers)
        if route.content_type:
            headers.setdefault("Content-Type", route.content_type)
        if route.content_length:
            headers["Content-Length"] = str(size)
        else:
            headers["Connection"] = "close"
            self.close_connection = True
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if head:
            return
        if route.cut_after is not None:
            self._write(path, route.body[: route.cut_after])
            self.wfile.flush()
            self.loopback.wait(route.stall)
            self._reset()
        elif route.stream_size:
            self._stream(path, size, route.chunk, route.pace)
        else:
            self._write(path, route.body)

    def _drip_headers(self, path: str, route: Route) -> None:
        """The status line, then filler header lines one by one (the real headers follow)."""
        self._write(path, f"{self.protocol_version} {route.status} {self.responses[route.status][0]}\r\n".encode())
        for n in range(route.header_lines):
            if self.loopback.stopping.is_set():
                break
            self._write(path, f"X-Slow-{n}: {n}\r\n".encode())
            self.wfile.flush()
            self.loopback.wait(route.header_pace)

    def _stream(self, path: str, size: int, chunk: int, pace: float = 0.0) -> None:
        block = (b"<p>" + b"x" * max(chunk - 8, 1) + b"</p>\n")[:chunk]
        left = size
        while left > 0 and not self.loopback.stopping.is_set():
            self._write(path, block[: min(chunk, left)])
            self.wfile.flush()
            left -= chunk
            self.loopback.wait(pace)

    def _write(self, path: str, data: bytes) -> None:
        self.wfile.write(data)
        self.loopback._sent(path, len(data))

    def _reset(self) -> None:
        """Close with RST (SO_LINGER 0): the client sees 'connection reset by peer'."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    # -- static files with Range
    def _serve_file(self, path: str, head: bool) -> None:
        file = self._resolve(path)
        if file is None:
            self.send_error(404, "Not Found")
            return
        data = file.read_bytes()
        start, end = 0, len(data) - 1
        status = 200
        wanted = (self.headers.get("Range") or "").strip()
        if _RANGE.match(wanted):  # a malformed Range header is ignored, as servers do
            span = _parse_range(wanted, len(data))
            if span is None:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(data)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            (start, end), status = span, 206
        self.send_response(status)
        self.send_header("Content-Type", CONTENT_TYPES.get(file.suffix.lower())
                         or mimetypes.guess_type(file.name)[0] or "application/octet-stream")
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(end - start + 1))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.end_headers()
        if not head:
            try:
                self._write(path, data[start : end + 1])
            except OSError:
                self.close_connection = True

    def _resolve(self, path: str) -> Path | None:
        root = self.loopback.root.resolve()
        file = (root / unquote(path).lstrip("/")).resolve()
        if file.is_dir():
            file = file / "index.html"
        inside = file == root or root in file.parents
        return file if inside and file.is_file() else None


def _parse_range(value: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single 'bytes=a-b', 'bytes=a-' or 'bytes=-n' range; None if unsatisfiable."""
    match = _RANGE.match(value)
    if not match or size == 0 or match.groups() == ("", "") or match.groups() == ("", "0"):
        return None
    first, last = match.groups()
    if first == "":  # the last n bytes
        return max(size - int(last), 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    return (start, end) if start <= end else None


@contextlib.contextmanager
def started(server):
    """``server`` (a Loopback, a Blog: anything with start() and stop()) started, stopped on exit."""
    server.start()
    try:
        yield server
    finally:
        server.stop()


def running(root: Path | str = SAMPLES):
    """A started Loopback, stopped on exit (for module-scoped fixtures of other test files)."""
    return started(Loopback(root))


@pytest.fixture
def loopback():
    """A fresh server per test (routes and counts start empty) serving samples/."""
    with running() as server:
        yield server


if __name__ == "__main__":  # python3 tests/loopback.py FOLDER [PORT]: serve a folder with Range, e.g. the player demo
    import sys
    import time

    server = Loopback(sys.argv[1] if len(sys.argv) > 1 else SAMPLES).start(int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"serving {server.root} at {server.url('/')} (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
