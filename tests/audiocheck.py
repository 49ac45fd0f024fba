"""Measure real audio in tests: decode with the bundled ffmpeg and read what ffmpeg reports."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import imageio_ffmpeg

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


def loudness(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of an audio file, by ffmpeg's ebur128 filter."""
    run = subprocess.run(
        [FFMPEG, "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )
    summary = run.stderr[run.stderr.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return integrated, peak


def decoded_seconds(path: Path) -> float:
    """Duration by decoding every frame (not by trusting headers)."""
    run = subprocess.run(
        [FFMPEG, "-hide_banner", "-i", str(path), "-f", "null", "-"], capture_output=True, text=True, check=True
    )
    h, m, s = re.findall(r"time=(\d+):(\d+):([\d.]+)", run.stderr)[-1]
    return int(h) * 3600 + int(m) * 60 + float(s)
