"""One request budget for a speech service, shared by every thread that calls it.

``RateLimiter(rate)`` lets at most ``rate`` requests per second start (evenly spaced: a request takes the
next free slot), and ``pause(seconds)`` holds every caller back until then: when the service answers 429,
all workers wait together instead of each hammering it on its own schedule. ``rate=None`` means no limit
(only pauses apply). Waiting goes through the caller's ``wait(seconds)`` (an interruptible wait, such as an
engine's cancel event), so a cancelled job stops waiting at once.
"""

from __future__ import annotations

import threading
import time
from typing import Callable


class RateLimiter:
    def __init__(self, rate: float | None = None, clock: Callable[[], float] = time.monotonic):
        if rate is not None and not rate > 0:
            raise ValueError(f"rate must be a positive number of requests per second, not {rate!r}")
        self.interval = 1.0 / rate if rate else 0.0
        self.clock = clock
        self._lock = threading.Lock()
        self._next_slot = -float("inf")  # when the next request may start
        self._resume_at = -float("inf")  # set by pause(): nobody starts before
        self.pauses = 0  # how many times pause() was called (for reports and tests)

    def acquire(self, wait: Callable[[float], object] = time.sleep, stopped: Callable[[], bool] = lambda: False) -> bool:
        """Block until this caller may send one request; False if ``stopped()`` became true while waiting."""
        while not stopped():
            with self._lock:
                now = self.clock()
                ready = max(self._next_slot, self._resume_at)
                if ready <= now:
                    self._next_slot = max(now, self._next_slot) + self.interval
                    return True
            wait(ready - now)
        return False

    def pause(self, seconds: float) -> None:
        """Hold every caller back for ``seconds`` from now (a longer pause already set wins)."""
        with self._lock:
            self._resume_at = max(self._resume_at, self.clock() + max(0.0, seconds))
            self.pauses += 1

    def paused_for(self) -> float:
        """Seconds until callers may start again (0 when not paused)."""
        with self._lock:
            return max(0.0, self._resume_at - self.clock())
