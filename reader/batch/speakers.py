"""The speech engines of a batch: one voice for every article, one request budget for the service.

Google's voice (gTTS) gets one engine per article, all sharing one ``RateLimiter``: requests from every
worker together stay under ``--tts-rate`` per second, a 429 pauses all of them, and one article's failure
cancels only that article's engine. Offline engines (espeak, Piper) are one shared instance, unlimited.
Workers converting articles that share sentences (a byline, a standard closing) ask for each of them once:
``OnceAtATime`` lets one worker synthesize an utterance while the others wait for its clip.
``settings`` is what makes the sound (engine, voice, options, footnote policy, lexicon): an article made
with other settings is made again.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
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


class OnceAtATime:
    """An engine that, shared by several workers, synthesizes an utterance asked for by more than one of them
    once: the others wait for that clip (the last RECENT clips are kept for latecomers). Everything else is
    the engine's own (name, voice, options, cancel, close ...)."""

    RECENT = 64

    def __init__(self, engine, shared: "_InFlight"):
        self._engine, self._shared = engine, shared

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def synthesize(self, text: str, lang: str = "de"):
        key, shared = (text, lang), self._shared
        while True:
            with shared.lock:
                if key in shared.recent:
                    return shared.recent[key]
                pending = shared.pending.get(key)
                if pending is None:
                    shared.pending[key] = threading.Event()
                    break
            pending.wait()  # the other worker's try ended: its clip is in recent, or it failed and we try
        try:
            clip = self._engine.synthesize(text, lang)
            with shared.lock:
                shared.recent[key] = clip
                while len(shared.recent) > self.RECENT:
                    shared.recent.popitem(last=False)
            return clip
        finally:
            with shared.lock:
                shared.pending.pop(key).set()


class _InFlight:
    def __init__(self):
        self.lock = threading.Lock()
        self.pending: dict[tuple[str, str], threading.Event] = {}
        self.recent: OrderedDict = OrderedDict()


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
        self._in_flight = _InFlight()
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
            self.shared = OnceAtATime(first, self._in_flight)
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
        engine = OnceAtATime(self._make(), self._in_flight)
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
        self.sample.close()  # the shared engine, or the one made for the settings
