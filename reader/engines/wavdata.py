"""WAV bytes from 16-bit mono PCM, and short silences: what the engines hand back.

``SILENCE_MS``: how long the clip is that every engine returns for text with nothing to say.
"""

from __future__ import annotations

import io
import wave

SILENCE_MS = 100


def wav_bytes(pcm: bytes, sample_rate: int) -> bytes:
    """16-bit little-endian mono PCM -> the bytes of a complete WAV file."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm)
    return buf.getvalue()


def silence_wav(ms: int, sample_rate: int) -> bytes:
    """A WAV file of ``ms`` milliseconds of silence (engines pass ``SILENCE_MS``)."""
    return wav_bytes(bytes(2 * (sample_rate * ms // 1000)), sample_rate)
