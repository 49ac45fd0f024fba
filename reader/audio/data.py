"""Plain data of the audio stage: what goes in besides the Script (tags) and what comes out (timings)."""

from __future__ import annotations

from dataclasses import dataclass, field

TARGET_LUFS = -19.0  # integrated loudness of the final file (spoken word, mono)
MAX_TRUE_PEAK_DBTP = -1.0


@dataclass
class Tags:
    title: str
    author: str | None = None
    album: str | None = None  # the site's name
    date: str | None = None  # ISO 8601 date or datetime
    url: str | None = None
    language: str | None = None  # BCP 47, e.g. "de"
    comment: str | None = None


@dataclass
class UtteranceTiming:
    start_ms: int  # speech only: the pause after it is excluded
    end_ms: int


@dataclass
class SectionTiming:
    title: str
    start_ms: int
    end_ms: int
    file: str | None = None  # the section's own MP3, if written
    utterances: list[UtteranceTiming] = field(default_factory=list)


@dataclass
class Rendered:
    duration_ms: int
    sections: list[SectionTiming]
    synthesized: int  # engine calls made
    cached: int  # utterances served from the cache (or from an identical utterance of the same script)
    loudness_lufs: float  # measured on the final file
    true_peak_dbtp: float
