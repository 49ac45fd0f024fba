"""Utterance clips + pauses -> one section WAV on disk (mono, 16-bit, at the clips' own rate), streamed.

Each clip is decoded with pydub (WAV in pure Python; MP3 through the bundled ffmpeg, never ffprobe)
and appended, then its pause as silence; the start and end sample of every utterance's speech are
recorded. The section keeps the rate of its clips (one engine, one rate: gTTS 24000 Hz, espeak and
Piper 22050 Hz): the only resampling to the output rate happens when the section is encoded. A clip
at another rate is converted to the section's. Clips are decoded a few at a time in parallel;
memory holds at most ``2 * workers`` utterances' samples, whatever the section's length.
"""

from __future__ import annotations

import functools
import os
import warnings
import wave
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from ..errors import EngineError
from . import ffmpeg

SAMPLE_WIDTH = 2  # bytes: 16-bit
MIN_MS = 30  # shortest section: more than one MP3 frame (1152 samples at 44.1 kHz), which the encoder needs

# How pydub reads each clip format. MP3 names its codec so that pydub never runs ffprobe.
DECODE_ARGS = {
    "wav": {"format": "wav"},
    "mp3": {"format": "mp3", "codec": "mp3"},
}


@dataclass
class SectionPCM:
    wav: Path
    rate: int = 0  # samples per second of ``wav`` (and of ``samples`` and ``spans``)
    samples: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)  # (start, end) sample of each utterance's speech


@functools.lru_cache(maxsize=1)
def audio_segment():
    """pydub's AudioSegment, set to run the bundled ffmpeg.

    pydub looks for ffmpeg on PATH when imported and warns when it is not there; its converter is
    set to the bundled one right after, so that one warning is moot and is not shown.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Couldn't find ffmpeg or avconv", category=RuntimeWarning)
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg.ffmpeg_exe()
    return AudioSegment


def decode_clip(path: Path):
    """A clip file (WAV or MP3, by its suffix) -> pydub AudioSegment, mono 16-bit at the clip's rate."""
    path = Path(path)
    kind = path.suffix[1:].lower()
    message = (
        f"audio from the speech engine could not be decoded ({path.name}); "
        "delete that cache entry or try another engine"
    )
    if kind not in DECODE_ARGS:
        raise EngineError(f"{message} (unsupported format {kind!r})")
    try:
        if kind == "wav":
            _check_wav(path)
        segment = audio_segment().from_file(str(path), **DECODE_ARGS[kind])
        return segment.set_channels(1).set_sample_width(SAMPLE_WIDTH)
    except Exception as exc:  # pydub raises CouldntDecodeError, IndexError, struct.error, ... on bad data
        last = str(exc).strip().splitlines()[-1:] or [type(exc).__name__]
        raise EngineError(f"{message} ({last[0][:200]})") from exc


def _check_wav(path: Path) -> None:
    """Raise unless the wave module reads the header: pydub reads every such WAV in pure Python and
    would hand any other to ffmpeg after asking ffprobe (absent here) what it is."""
    with wave.open(str(path), "rb"):
        pass


def pause_samples(pause_ms: int, rate: int) -> int:
    return max(0, int(pause_ms)) * rate // 1000


def _write_silence(out: wave.Wave_write, samples: int) -> None:
    chunk = out.getframerate()  # one second at a time
    silence = bytes(SAMPLE_WIDTH * chunk)
    while samples > 0:
        n = min(samples, chunk)
        out.writeframes(silence[: n * SAMPLE_WIDTH])
        samples -= n


def decoded(clips: list[Path], workers: int) -> Iterator:
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
                segment = queue.popleft().result()
                clip = next(upcoming, None)
                if clip is not None:
                    queue.append(pool.submit(decode_clip, clip))
                yield segment
        finally:
            for future in queue:
                future.cancel()


def assemble_section(
    clips: list[Path], pauses_ms: list[int], wav_path: Path, rate: int | None = None, workers: int | None = None
) -> SectionPCM:
    """Write ``clips`` with ``pauses_ms`` of silence after each to ``wav_path``; return where each speaks.

    The WAV is written at ``rate``, or (if None) at the rate of the first clip.
    """
    if len(clips) != len(pauses_ms):
        raise ValueError("one pause per clip")
    if not clips and not rate:
        raise ValueError("a section without clips needs a rate")
    audio_segment()  # imported here, in the calling thread, before the decoding threads start
    with closing(decoded(clips, workers or os.cpu_count() or 1)) as stream:
        first = next(stream, None)  # decoded before the WAV is opened: it may set the rate, or fail
        section = SectionPCM(wav=wav_path, rate=rate or first.frame_rate)
        segments = chain([first], stream) if first is not None else iter(())
        with wave.open(str(wav_path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(SAMPLE_WIDTH)
            out.setframerate(section.rate)
            _write_clips(out, section, segments, pauses_ms)
    return section


def _write_clips(out: wave.Wave_write, section: SectionPCM, segments, pauses_ms: list[int]) -> None:
    for segment, pause_ms in zip(segments, pauses_ms):
        if segment.frame_rate != section.rate:
            segment = segment.set_frame_rate(section.rate)
        start = section.samples
        out.writeframes(segment.raw_data)
        section.samples += len(segment.raw_data) // SAMPLE_WIDTH
        section.spans.append((start, section.samples))
        del segment
        silence = pause_samples(pause_ms, section.rate)
        _write_silence(out, silence)
        section.samples += silence
    shortest = section.rate * MIN_MS // 1000
    if section.samples < shortest:  # an encoder needs something to encode
        _write_silence(out, shortest - section.samples)
        section.samples = shortest
