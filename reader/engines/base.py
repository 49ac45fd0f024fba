"""The engine protocol: a small adapter that turns text into audio and knows its own limits.

An engine knows nothing of articles. It has a name, a voice, the longest text it takes in one
call (``max_chars``), a dict of options that change its sound (part of the cache key), and
``synthesize(text, lang) -> Clip``. Engines raise ``reader.errors.EngineError`` with a one-line
message that says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Clip:
    """Audio for one utterance: the bytes of a complete audio file and its format."""

    data: bytes
    format: str  # "mp3" or "wav" (a file suffix ffmpeg/pydub understand)


@runtime_checkable
class Engine(Protocol):
    name: str
    voice: str
    max_chars: int

    def options(self) -> dict:
        """Everything besides name and voice that changes the sound (rate, speed, ...)."""
        ...

    def synthesize(self, text: str, lang: str = "de") -> Clip:
        ...

    def close(self) -> None:
        """Release resources (loaded models, sessions). Safe to call twice."""
        ...

    # Optional: ``cancel() -> None`` stops waits and retries in progress at once (Ctrl-C, a failed run);
    # the synthesis stage calls it when an engine has it.
