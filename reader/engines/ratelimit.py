"""One request budget for a speech service, shared by every thread that calls it, with a circuit breaker.

``RateLimiter(rate)`` lets at most ``rate`` requests per second start (evenly spaced: a request takes the
next free slot). When the service answers 429, ``refused(retry_after, backoff)`` holds every caller back
(for the Retry-After it asked, up to ``max_wait``; else ``backoff(strikes)``), so all workers wait together
instead of each hammering it on its own schedule. The breaker: ``max_strikes`` 429s in a row (from any
worker; an answer with audio, ``succeeded()``, resets the count), a Retry-After longer than ``max_wait``,
or more than ``max_paused`` seconds of pauses in all trip it; from then on ``acquire`` says no to everyone
and the caller raises ``RateLimitedError``: the service is refusing, and only a later run can help.
``rate=None`` means no limit (only pauses apply). Waiting goes through the caller's ``wait(seconds)`` (an
interruptible wait, such as an engine's cancel event), so a cancelled job stops waiting at once.
"""

from __future__ import annotations

import threading
import time
from typing import Callable

from ..errors import EngineError

MAX_WAIT = 900.0  # the longest Retry-After honoured (15 minutes); a longer one trips the breaker
MAX_STRIKES = 8  # 429s in a row, across workers
MAX_PAUSED = 1800.0  # seconds of pauses in all, over the limiter's life


class RateLimitedError(EngineError):
    """The service keeps refusing (the breaker tripped): stop everything that uses it; a later run goes on."""


class RateLimiter:
    def __init__(self, rate: float | None = None, clock: Callable[[], float] = time.monotonic, *,
                 max_wait: float = MAX_WAIT, max_strikes: int = MAX_STRIKES, max_paused: float = MAX_PAUSED):
        if rate is not None and not rate > 0:
            raise ValueError(f"rate must be a positive number of requests per second, not {rate!r}")
        self.interval = 1.0 / rate if rate else 0.0
        self.clock = clock
        self.max_wait, self.max_strikes, self.max_paused = max_wait, max_strikes, max_paused
        self._lock = threading.Lock()
        self._next_slot = -float("inf")  # when the next request may start
        self._resume_at = -float("inf")  # set by a pause: nobody starts before
        self.strikes = 0  # 429s since the last answer with audio
        self.pauses = 0  # pause episodes (a 429 while already paused extends the pause, it is not a new one)
        self.paused = 0.0  # seconds of pauses in all
        self.waits: list[float] = []  # every wait a 429 asked for, as granted (for reports and tests)
        self.tripped = False

    def acquire(self, wait: Callable[[float], object] = time.sleep, stopped: Callable[[], bool] = lambda: False) -> bool:
        """Block until this caller may send one request; False if ``stopped()`` became true or the breaker
        tripped while waiting."""
        while not (stopped() or self.tripped):
            with self._lock:
                now = self.clock()
                ready = max(self._next_slot, self._resume_at)
                if ready <= now:
                    self._next_slot = max(now, self._next_slot) + self.interval
                    return True
            wait(ready - now)
        return False

    def refused(self, retry_after: float | None, backoff: Callable[[int], float]) -> bool:
        """A 429: pause every caller (Retry-After, else ``backoff(strikes before this one)``); False when this
        429 trips the breaker (the caller stops)."""
        with self._lock:
            wait = max(0.0, retry_after if retry_after is not None else backoff(self.strikes))
            self.strikes += 1
            now = self.clock()
            start = max(now, self._resume_at)
            longer = max(0.0, now + wait - start)  # what this pause adds to one already running
            if wait > self.max_wait or self.strikes >= self.max_strikes or self.paused + longer > self.max_paused:
                self.tripped = True
                return False
            if self._resume_at <= now:
                self.pauses += 1
            self._resume_at = max(self._resume_at, now + wait)
            self.paused += longer
            self.waits.append(wait)
            return True

    def succeeded(self) -> None:
        """An answer with audio: the service takes requests again."""
        self.strikes = 0
