"""Utterance clips + pauses -> one section WAV on disk (mono, 16-bit, ``SAMPLE_RATE``), streamed.

Each clip is decoded by ffmpeg to raw samples at the common rate and appended, then its pause as
silence; the start and end sample of every utterance's speech are recorded. Clips are decoded a
few at a time in parallel (one ffmpeg per clip); memory holds at most ``2 * workers`` utterances'
samples, whatever the section's length.
"""

from __future__ import annotations

import os
import wave
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EngineError
from . import ffmpeg

SAMPLE_RATE = 44100
SAMPLE_WIDTH = 2  # bytes: 16-bit
SILENCE_CHUNK = bytes(SAMPLE_WIDTH * SAMPLE_RATE)  # one second
MIN_SAMPLES = 1152  # one MP3 frame


@dataclass
class SectionPCM:
    wav: Path
    samples: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)  # (start, end) sample of each utterance's speech


def decode_clip(path: Path) -> bytes:
    """A clip file (any format ffmpeg reads) -> 16-bit mono little-endian samples at SAMPLE_RATE."""
    args = ["-i", ffmpeg.file_arg(path), "-vn", "-ac", "1", "-ar", str(SAMPLE_RATE), "-f", "s16le", "pipe:1"]
    proc = ffmpeg.run(
        args,
        error=EngineError,
        message=(
            f"audio from the speech engine could not be decoded ({Path(path).name}); "
            "delete that cache entry or try another engine"
        ),
        stdout=True,
    )
    return proc.stdout


def _write_silence(out: wave.Wave_write, samples: int) -> None:
    chunk = len(SILENCE_CHUNK) // SAMPLE_WIDTH
    while samples > 0:
        n = min(samples, chunk)
        out.writeframes(SILENCE_CHUNK[: n * SAMPLE_WIDTH])
        samples -= n


def pause_samples(pause_ms: int) -> int:
    return max(0, int(pause_ms)) * SAMPLE_RATE // 1000


def decoded(clips: list[Path], workers: int) -> Iterator[bytes]:
    """The decoded clips in order; at most ``2 * workers`` are being decoded or waiting at a time."""
    queue: deque = deque()
    upcoming = iter(clips)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reader-decode") as pool:
        for clip in upcoming:
            queue.append(pool.submit(decode_clip, clip))
            if len(queue) >= 2 * workers:
                break
        try:
            while queue:
                pcm = queue.popleft().result()
                clip = next(upcoming, None)
                if clip is not None:
                    queue.append(pool.submit(decode_clip, clip))
                yield pcm
        finally:
            for future in queue:
                future.cancel()


def assemble_section(
    clips: list[Path], pauses_ms: list[int], wav_path: Path, workers: int | None = None
) -> SectionPCM:
    """Write ``clips`` with ``pauses_ms`` of silence after each to ``wav_path``; return where each speaks."""
    if len(clips) != len(pauses_ms):
        raise ValueError("one pause per clip")
    section = SectionPCM(wav=wav_path)
    workers = workers or os.cpu_count() or 1
    with wave.open(str(wav_path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(SAMPLE_WIDTH)
        out.setframerate(SAMPLE_RATE)
        for pcm, pause_ms in zip(decoded(clips, workers), pauses_ms):
            start = section.samples
            out.writeframes(pcm)
            section.samples += len(pcm) // SAMPLE_WIDTH
            section.spans.append((start, section.samples))
            del pcm
            silence = pause_samples(pause_ms)
            _write_silence(out, silence)
            section.samples += silence
        if section.samples < MIN_SAMPLES:  # an encoder needs something to encode
            _write_silence(out, MIN_SAMPLES - section.samples)
            section.samples = MIN_SAMPLES
    return section
