"""gTTS: Google Translate's voice, online, through the gtts library's own code path.

One utterance is one request: ``max_chars`` is gTTS's own part size (100), so reader, not gTTS,
decides where a sentence is split. gTTS's default pre-processors are English rules, so none are
used: reader's speech stage has already normalised the German text.

Failures are sorted into kinds (``classify``); the table ``RETRIES`` says how often each kind is
tried again and ``MESSAGES`` what the user is told when it gives up. Rate limits (429) and server
errors (5xx) back off exponentially with jitter, or as long as the server's Retry-After asks,
capped at ``max_backoff``. With a shared ``limiter`` (``reader.engines.ratelimit.RateLimiter``: what a
batch gives all its engines) every request first takes a slot of the common budget, and a 429 pauses
the limiter, so every engine using it waits out the Retry-After together (up to 15 minutes); 429s are then
not counted per utterance: the limiter's breaker decides when Google keeps refusing, and every engine
using it raises ``RateLimitedError``. Each call builds its own gTTS object (and requests session), so one
engine can be used from several threads at once. The back-off waits on an event that ``cancel()``
(and ``close()``) sets: a cancelled engine stops waiting at once and makes no further requests.

Text with nothing to say (empty, only spaces or punctuation) gives a short silent WAV clip.
"""

from __future__ import annotations

import io
import random
import threading
from dataclasses import dataclass

from ..errors import EngineError
from ..retry_after import retry_after_seconds
from .base import Clip
from .ratelimit import RateLimitedError
from .wavdata import SILENCE_MS, silence_wav

SILENCE_RATE = 24000  # Google's MP3s are 24 kHz mono
CONNECT_RETRIES = 2  # a network that is down stays down: fail over quickly

# HTTP status range -> kind of failure; any other status is "rejected" (a 4xx: not worth retrying).
STATUS_KINDS = (
    (429, 429, "rate_limited"),
    (500, 599, "server"),
    (200, 299, "no_audio"),  # gTTS raises on a 2xx only when the answer holds no audio
)

# kind -> how many times it is retried (None = the engine's ``retries``).
RETRIES = {
    "rate_limited": None,
    "server": None,
    "timeout": CONNECT_RETRIES,
    "unreachable": CONNECT_RETRIES,
    "rejected": 0,
    "no_audio": 0,
}

MESSAGES = {
    "rate_limited": "Google's text-to-speech service keeps refusing requests (HTTP 429, too many requests): "
    "wait a few minutes and run again (finished parts are cached), or use --engine espeak",
    "server": "Google's text-to-speech service failed {tries} times (HTTP {status}): "
    "try again later, or use --engine espeak (offline)",
    "timeout": "Google's text-to-speech service did not answer within {timeout:g} s: "
    "check your network, or use --engine espeak (offline)",
    "unreachable": "Google's text-to-speech service is unreachable: "
    "check your network, or use --engine espeak (offline)",
    "rejected": "Google's text-to-speech service rejected the request (HTTP {status}): "
    "update gTTS (pip install -U gTTS), or use --engine espeak",
    "no_audio": "Google's text-to-speech service answered without audio: "
    "update gTTS (pip install -U gTTS), or use --engine espeak",
}


@dataclass(frozen=True)
class Failure:
    """One failed request, as plain data."""

    kind: str
    status: int | None = None
    retry_after: float | None = None  # seconds the server asked us to wait


def classify(exc: Exception) -> Failure:
    """A gTTSError or requests exception -> Failure."""
    import requests

    rsp = getattr(exc, "rsp", None)
    if rsp is None:
        cause = exc if isinstance(exc, requests.RequestException) else exc.__context__
        return Failure("timeout" if isinstance(cause, requests.Timeout) else "unreachable")
    status = rsp.status_code
    kind = next((k for lo, hi, k in STATUS_KINDS if lo <= status <= hi), "rejected")
    return Failure(kind, status, retry_after_seconds(rsp.headers.get("Retry-After")))


def speakable(text: str) -> bool:
    """True if the text has a letter or digit for Google to say."""
    return any(ch.isalnum() for ch in text or "")


CANCELLED = "speech synthesis was stopped"


class GTTSEngine:
    """Google's voice via gTTS. ``sleep`` is injectable so tests need not wait out the backoff
    (default: an interruptible wait, cut short by ``cancel``)."""

    name = "gtts"
    max_chars = 100  # gTTS's part size: one utterance = one request

    def __init__(
        self,
        lang: str = "de",
        tld: str = "com",
        timeout: float = 10.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_backoff: float = 30.0,
        concurrency: int = 4,
        sleep=None,
        limiter=None,
    ):
        self.languages = _gtts_languages()
        if lang not in self.languages:
            raise EngineError(f"gTTS does not speak {lang!r}: use a language code such as 'de'")
        if not timeout or timeout <= 0:
            raise EngineError("the gTTS timeout must be a positive number of seconds")
        self.lang = self.voice = lang
        self.tld = tld
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.backoff = float(backoff)
        self.max_backoff = float(max_backoff)
        self.concurrency = max(1, int(concurrency))
        self._cancelled = threading.Event()
        self._sleep = sleep or self._cancelled.wait
        self.limiter = limiter

    def options(self) -> dict:
        return {"tld": self.tld}

    def lang_for(self, lang: str) -> str:
        """The utterance's language if Google speaks it, else the engine's own."""
        if not lang or lang == "de":
            return self.lang
        return lang if lang in self.languages else self.lang

    def synthesize(self, text: str, lang: str = "de") -> Clip:
        if not speakable(text):
            return Clip(silence_wav(SILENCE_MS, SILENCE_RATE), "wav")
        lang = self.lang_for(lang)
        attempt = 0
        while True:
            if self._cancelled.is_set():
                raise EngineError(CANCELLED)
            if self.limiter is not None and not self.limiter.acquire(self._sleep, self._cancelled.is_set):
                raise self._stopped()
            result = self._request(text, lang)
            if isinstance(result, Clip):
                if self.limiter is not None:
                    self.limiter.succeeded()
                return result
            if self.limiter is not None and result.kind == "rate_limited":
                # The shared limiter decides, not this utterance's tries: everyone waits (acquire() does the
                # waiting) for as long as Retry-After asks, until its breaker says Google keeps refusing.
                if not self.limiter.refused(result.retry_after, self._backoff):
                    raise RateLimitedError(MESSAGES["rate_limited"])
                continue
            if attempt >= self._tries_allowed(result.kind):
                raise EngineError(self._message(result, attempt + 1))
            self._sleep(self.delay(result, attempt))
            attempt += 1

    def _request(self, text: str, lang: str) -> Clip | Failure:
        """One gTTS call: the MP3 clip, or what went wrong."""
        import requests
        from gtts import gTTS, gTTSError

        buf = io.BytesIO()
        try:
            gTTS(text, lang=lang, tld=self.tld, timeout=self.timeout, pre_processor_funcs=[]).write_to_fp(buf)
        except (gTTSError, requests.RequestException) as exc:
            return classify(exc)
        except AssertionError:  # gTTS found nothing to say after its own cleaning
            return Clip(silence_wav(SILENCE_MS, SILENCE_RATE), "wav")
        data = buf.getvalue()
        return Clip(data, "mp3") if data else Failure("no_audio", 200)

    def _tries_allowed(self, kind: str) -> int:
        limit = RETRIES.get(kind, 0)
        return self.retries if limit is None else min(limit, self.retries)

    def delay(self, failure: Failure, attempt: int) -> float:
        """Seconds to wait before try ``attempt + 2``: Retry-After if given, else jittered exponential."""
        if failure.retry_after is not None:
            return min(failure.retry_after, self.max_backoff)
        return self._backoff(attempt)

    def _backoff(self, attempt: int) -> float:
        return min(self.backoff * 2**attempt, self.max_backoff) * random.uniform(0.5, 1.0)

    def _stopped(self) -> EngineError:
        """Why the shared limiter let no request start: its breaker tripped, or this engine was cancelled."""
        return RateLimitedError(MESSAGES["rate_limited"]) if self.limiter.tripped else EngineError(CANCELLED)

    def _message(self, failure: Failure, tries: int) -> str:
        return MESSAGES[failure.kind].format(status=failure.status, tries=tries, timeout=self.timeout)

    def cancel(self) -> None:
        """Stop: waits end now, and no call makes another request (each raises EngineError)."""
        self._cancelled.set()

    def close(self) -> None:
        """Nothing held open (each request uses its own session); stops any call still waiting."""
        self.cancel()


def _gtts_languages() -> frozenset:
    from gtts.lang import tts_langs

    return frozenset(tts_langs())
