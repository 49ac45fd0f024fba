"""Polite page fetches: one request at a time per host, at least ``delay`` seconds apart.

Workers of a batch convert several posts at once, but a blog's server sees them one after the other:
``HostGate.visit(url)`` holds the host's lock for the request and waits out the delay since the last one.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import defaultdict
from typing import Callable

from ..sniff import host_of


class HostGate:
    def __init__(self, delay: float = 0.0, wait: Callable[[float], object] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.delay = max(0.0, delay)
        self.wait = wait
        self.clock = clock
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    @contextlib.contextmanager
    def visit(self, url: str):
        host = host_of(url)
        with self._guard:
            lock = self._locks[host]
        with lock:
            last = self._last.get(host)
            if last is not None:
                self.wait(max(0.0, last + self.delay - self.clock()))
            try:
                yield
            finally:
                self._last[host] = self.clock()
