"""Script + engine -> one chaptered, tagged, loudness-normalised MP3 (and optional section MP3s).

``render`` is loaded on first use, so ``import reader.audio`` (and its small helpers) stays light.
"""

from __future__ import annotations

from .data import MAX_TRUE_PEAK_DBTP, TARGET_LUFS, Rendered, SectionTiming, Tags, UtteranceTiming

__all__ = [
    "render",
    "Tags",
    "UtteranceTiming",
    "SectionTiming",
    "Rendered",
    "TARGET_LUFS",
    "MAX_TRUE_PEAK_DBTP",
]


def __getattr__(name):
    if name == "render":
        from .pipeline import render

        return render
    raise AttributeError(f"module 'reader.audio' has no attribute {name!r}")
