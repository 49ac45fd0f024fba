"""espeak-ng, offline: the pip-installed libespeak-ng (``espeakng-loader``) driven in-process via ctypes.

The library is process-global state (one voice, one rate, one callback at a time), so this module
initialises it once and serialises every call with one lock. Audio comes back through a synth
callback as 16-bit mono samples at the library's sample rate; ``synthesize`` wraps them in WAV.

Empty or whitespace-only text is not an error: it gives a short silence (``SILENCE_MS``), so a
caller that passes an empty utterance still gets a valid clip of the right format.
"""

from __future__ import annotations

import threading

from ..errors import EngineError, UsageError
from .base import Clip
from .wavdata import SILENCE_MS, silence_wav, wav_bytes

# espeak-ng constants (speak_lib.h).
AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_RATE = 1
POS_CHARACTER = 1
CHARS_UTF8 = 1
EE_OK = 0

RATE_RANGE = (80, 450)  # words per minute the library accepts

# Voice used when an utterance is marked with another language than the engine's own.
LANG_VOICES = {"de": "de", "en": "en", "fr": "fr", "it": "it", "es": "es", "nl": "nl", "la": "la"}


class _Library:
    """The loaded libespeak-ng: one per process, used under ``lock``."""

    def __init__(self):
        import ctypes

        import espeakng_loader

        self.ctypes = ctypes
        try:
            lib = ctypes.CDLL(espeakng_loader.get_library_path())
        except OSError as exc:
            raise EngineError(
                f"espeak-ng could not be loaded ({exc}): "
                "reinstall it with pip install --force-reinstall espeakng-loader"
            ) from exc
        self._declare(lib)
        data_path = espeakng_loader.get_data_path().encode()
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path, 0)
        if rate <= 0:
            raise EngineError(
                "espeak-ng could not start (its voice data is missing): pip install --force-reinstall espeakng-loader"
            )
        self.lib = lib
        self.sample_rate = rate
        self.chunks: list[bytes] = []
        self.state: tuple[str, int] | None = None
        # Kept on the instance: ctypes must not free the callback while the library holds it.
        self.callback = self._make_callback()
        lib.espeak_SetSynthCallback(self.callback)

    def _declare(self, lib) -> None:
        c = self.ctypes
        lib.espeak_Initialize.argtypes = [c.c_int, c.c_int, c.c_char_p, c.c_int]
        lib.espeak_Initialize.restype = c.c_int
        lib.espeak_SetVoiceByName.argtypes = [c.c_char_p]
        lib.espeak_SetVoiceByName.restype = c.c_int
        lib.espeak_SetParameter.argtypes = [c.c_int, c.c_int, c.c_int]
        lib.espeak_SetParameter.restype = c.c_int
        lib.espeak_Synth.argtypes = [
            c.c_void_p, c.c_size_t, c.c_uint, c.c_int, c.c_uint, c.c_uint, c.c_void_p, c.c_void_p
        ]
        lib.espeak_Synth.restype = c.c_int

    def _make_callback(self):
        c = self.ctypes
        callback_type = c.CFUNCTYPE(c.c_int, c.POINTER(c.c_short), c.c_int, c.c_void_p)

        def collect(wav, n, _events):
            if wav and n > 0:
                self.chunks.append(c.string_at(wav, n * 2))
            return 0  # 0 = go on

        return callback_type(collect)

    def configure(self, voice: str, rate: int) -> None:
        if self.state == (voice, rate):
            return
        if self.lib.espeak_SetVoiceByName(voice.encode()) != EE_OK:
            self.state = None
            raise UsageError(f"espeak-ng has no voice {voice!r}: use a voice name such as 'de' or 'en'")
        self.lib.espeak_SetParameter(ESPEAK_RATE, rate, 0)
        self.state = (voice, rate)

    def speak(self, text: str) -> bytes:
        data = text.encode("utf-8") + b"\0"
        self.chunks = []
        err = self.lib.espeak_Synth(data, len(data), 0, POS_CHARACTER, 0, CHARS_UTF8, None, None)
        if err != EE_OK:
            raise EngineError(f"espeak-ng failed to speak (error {err}): try again, or use --engine gtts")
        pcm, self.chunks = b"".join(self.chunks), []
        return pcm


_LOCK = threading.Lock()
_LIBRARY: _Library | None = None


def _library() -> _Library:
    """The process-wide library, initialised on first use. Call with ``_LOCK`` held."""
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = _Library()
    return _LIBRARY


def checked_rate(rate) -> int:
    """Words per minute as an int in RATE_RANGE (a numeric string from the command line is fine)."""
    lo, hi = RATE_RANGE
    try:
        value = int(rate)
        ok = value == float(rate) and lo <= value <= hi
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise UsageError(f"--rate: espeak's rate must be a whole number of words per minute from {lo} to {hi}, not {rate!r}")
    return value


class EspeakEngine:
    """Offline German voice. ``rate`` is in words per minute (80-450)."""

    name = "espeak"
    max_chars = 1000
    concurrency = 1  # the library is process-global: calls are serialised anyway
    languages = frozenset(LANG_VOICES)  # utterance languages it switches voice for (the rest: its own voice)

    def __init__(self, voice: str = "de", rate: int = 165):
        self.voice = voice or "de"
        self.rate = checked_rate(rate)

    def options(self) -> dict:
        return {"rate": self.rate}

    def voice_for(self, lang: str) -> str:
        if not lang or lang == "de":
            return self.voice
        return LANG_VOICES.get(lang.split("-")[0].lower(), self.voice)

    def synthesize(self, text: str, lang: str = "de") -> Clip:
        with _LOCK:
            lib = _library()
            if not text or not text.strip():
                return Clip(silence_wav(SILENCE_MS, lib.sample_rate), "wav")
            lib.configure(self.voice_for(lang), self.rate)
            return Clip(wav_bytes(lib.speak(text), lib.sample_rate), "wav")

    def close(self) -> None:
        """Nothing to release per engine: the library stays loaded for the process."""
