"""The speech engines of a batch: one voice for every article, one request budget for the service.

Google's voice (gTTS) gets one engine per article, all sharing one ``RateLimiter``: requests from every
worker together stay under ``--tts-rate`` per second, a 429 pauses all of them, and one article's failure
cancels only that article's engine. Offline engines (espeak, Piper) are one shared instance, unlimited.
``settings`` is what makes the sound (engine, voice, options, footnote policy, lexicon): an article made
with other settings is made again.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass

DEFAULT_RATES = {"gtts": 4.0}  # requests per second when --tts-rate is not given; other engines: unlimited
LIMITED = frozenset(DEFAULT_RATES)  # engines that take a shared limiter


def lexicon_digest(lexicon) -> str:
    if lexicon is None or not len(lexicon):
        return ""
    blob = json.dumps([[e.written, e.spoken, e.pattern.pattern, e.pattern.flags, e.regex] for e in lexicon.entries],
                      ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Voice:
    engine: str = "auto"
    voice: str | None = None
    rate: int | None = None
    footnotes: str = "end"
    tts_rate: float | None = None  # requests per second (None: the engine's default)


class Speakers:
    def __init__(self, wanted: Voice, lexicon=None):
        from ..api import engine_options, open_engine
        from ..engines import get_engine
        from ..engines.ratelimit import RateLimiter

        first, self.reason = open_engine(wanted.engine, voice=wanted.voice, rate=wanted.rate)  # auto probes once
        self.name = first.name
        self.wanted = wanted
        self.lexicon = lexicon
        self._lock = threading.Lock()
        self._active: set = set()
        self.shared = None
        self.limiter = None
        self.rate = None  # requests per second, None = unlimited
        if self.name in LIMITED:
            rate = wanted.tts_rate or DEFAULT_RATES[self.name]
            self.limiter = RateLimiter(rate)
            self.rate = rate
            options = engine_options(self.name, voice=wanted.voice, rate=None)
            self._make = lambda: get_engine(self.name, limiter=self.limiter, **options)
            first.close()
        else:
            self.shared = first
        sample = self.shared or self._make()
        self.settings = json.dumps({
            "engine": sample.name, "voice": sample.voice, "options": sample.options(),
            "footnotes": wanted.footnotes, "lexicon": lexicon_digest(lexicon),
        }, sort_keys=True, default=str)
        self.max_chars = sample.max_chars
        self.languages = getattr(sample, "languages", frozenset())
        self.sample = sample  # for cache keys in a dry run

    def open(self):
        """The engine for one article (release it with ``release``)."""
        if self.shared is not None:
            return self.shared
        engine = self._make()
        with self._lock:
            self._active.add(engine)
        return engine

    def release(self, engine) -> None:
        if engine is self.shared:
            return
        with self._lock:
            self._active.discard(engine)
        engine.close()

    def cancel_all(self) -> None:
        """Ctrl-C: every article's engine stops waiting and sends nothing more."""
        with self._lock:
            engines = list(self._active)
        for engine in engines:
            cancel = getattr(engine, "cancel", None)
            if callable(cancel):
                cancel()

    def close(self) -> None:
        self.cancel_all()
        for engine in (self.shared, self.sample):
            if engine is not None:
                engine.close()
