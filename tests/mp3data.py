"""Real audio for tests, made and measured with the bundled ffmpeg (imageio-ffmpeg).

``sine_mp3`` makes MP3 bytes the way Google's voice sends them (24 kHz mono, no Xing header, no ID3,
so parts written back to back decode as one stream); ``batchexecute_body`` wraps them the way
Google's translate endpoint answers gTTS; ``decode`` turns any audio bytes back into samples.
"""

from __future__ import annotations

import base64
import functools
import math
import subprocess
from array import array

import imageio_ffmpeg

RATE = 24000


def _ffmpeg(args: list[str], data: bytes | None = None) -> bytes:
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", *args]
    return subprocess.run(cmd, input=data, capture_output=True, check=True).stdout


@functools.lru_cache(maxsize=None)
def sine_mp3(seconds: float = 1.0, frequency: int = 440) -> bytes:
    """A mono MP3 of a sine tone, without Xing header or ID3 tag."""
    source = f"sine=frequency={frequency}:duration={seconds}:sample_rate={RATE}"
    return _ffmpeg(
        ["-f", "lavfi", "-i", source, "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k",
         "-write_xing", "0", "-id3v2_version", "0", "-f", "mp3", "pipe:1"]
    )


def batchexecute_body(mp3: bytes) -> str:
    """Google's batchexecute answer carrying ``mp3`` as gTTS expects to find it."""
    b64 = base64.b64encode(mp3).decode("ascii")
    return ")]}'\n\n123\n" + '[["wrb.fr","jQ1olc","[\\"' + b64 + '\\"]",null,null,null,"generic"]]\n'


def decode(data: bytes, fmt: str, rate: int = RATE) -> array:
    """Audio file bytes ("mp3" or "wav") -> 16-bit mono samples at ``rate``."""
    raw = _ffmpeg(["-f", fmt, "-i", "pipe:0", "-ac", "1", "-ar", str(rate), "-f", "s16le", "pipe:1"], data)
    return array("h", raw)


def duration(data: bytes, fmt: str) -> float:
    return len(decode(data, fmt)) / RATE


def rms(samples: array) -> float:
    """Root mean square on a 0..1 scale (1 = full-scale square wave)."""
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768
