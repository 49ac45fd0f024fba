"""Loudness: measure integrated loudness and true peak (EBU R128, ffmpeg's ebur128 filter), and
choose the gain and limiter ceiling that bring a whole article to the target.

One gain for the whole article: the section WAVs are measured in one pass as one stream. Encoding
then applies that gain and a limiter on 4x oversampled audio (so true peaks, not just samples, stay
under the ceiling). The encoded file is measured again; ``adjust`` corrects gain and ceiling for
another pass when MP3 encoding or the limiter moved the result outside the tolerance.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from . import ffmpeg
from .data import MAX_TRUE_PEAK_DBTP, TARGET_LUFS

LUFS_TOLERANCE = 0.5  # re-encode when the measured loudness is further than this from the target
CEILING_DBTP = -2.0  # first limiter ceiling: leaves 1 dB for the MP3 encoder's overshoot
MIN_CEILING_DBTP = -24.0  # alimiter's lowest limit (0.0625)
MAX_GAIN_DB = 30.0
# Loudness lost on the way to the MP3, measured on espeak speech: the limiter about 0.2 LU, the
# 64 kbit/s encoder's low-pass about 0.4 LU (K-weighting counts high frequencies). Added up front
# so the first encoding usually lands on the target.
ENCODING_LOSS_DB = 0.4
SILENT_LUFS = -70.0  # ebur128's absolute gate: nothing louder to measure

_SUMMARY = {
    "integrated": re.compile(r"I:\s+(-?(?:\d+(?:\.\d+)?|inf))\s+LUFS"),
    "true_peak": re.compile(r"Peak:\s+(-?(?:\d+(?:\.\d+)?|inf))\s+dBFS"),
}


@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS
    true_peak: float  # dBTP


@dataclass(frozen=True)
class Plan:
    gain_db: float
    ceiling_dbtp: float


def parse_summary(stderr: str) -> Loudness:
    """The last ebur128 summary in ffmpeg's stderr -> Loudness."""
    values = {}
    for name, pattern in _SUMMARY.items():
        found = pattern.findall(stderr)
        if not found:
            raise ValueError(f"no {name} value in ffmpeg's ebur128 summary")
        values[name] = float(found[-1])
    return Loudness(**values)


def measure(paths: list[Path], list_file: Path, *, true_peak: bool = True) -> Loudness:
    """Loudness of ``paths`` played one after the other (one ffmpeg pass, nothing held in memory).

    Without ``true_peak`` (about twice as fast) the peak reported is the sample peak.
    """
    ffmpeg.write_concat_list(paths, list_file)
    meter = f"ebur128=peak={'true' if true_peak else 'sample'}:framelog=quiet"
    args = [*ffmpeg.concat_input(list_file), "-af", meter, "-f", "null", "-"]
    proc = ffmpeg.run(args, message="the loudness of the audio could not be measured", loglevel="info")
    try:
        return parse_summary(proc.stderr.decode("utf-8", "replace"))
    except ValueError as exc:
        raise OutputError(f"the loudness of the audio could not be measured ({exc}); run with -v") from exc


def first_plan(measured: Loudness) -> Plan:
    """Gain that moves ``measured`` to the target; silence (or near silence) is left alone."""
    if not math.isfinite(measured.integrated) or measured.integrated <= SILENT_LUFS:
        return Plan(gain_db=0.0, ceiling_dbtp=CEILING_DBTP)
    gain = min(MAX_GAIN_DB, TARGET_LUFS - measured.integrated + ENCODING_LOSS_DB)
    return Plan(gain_db=gain, ceiling_dbtp=CEILING_DBTP)


def within_target(result: Loudness) -> bool:
    if not math.isfinite(result.integrated) or result.integrated <= SILENT_LUFS:
        return result.true_peak <= MAX_TRUE_PEAK_DBTP
    return abs(result.integrated - TARGET_LUFS) <= LUFS_TOLERANCE and result.true_peak <= MAX_TRUE_PEAK_DBTP


def adjust(plan: Plan, result: Loudness) -> Plan:
    """The next plan after encoding with ``plan`` measured as ``result``."""
    gain = plan.gain_db
    if math.isfinite(result.integrated) and result.integrated > SILENT_LUFS:
        gain = min(MAX_GAIN_DB, gain + TARGET_LUFS - result.integrated)
    ceiling = plan.ceiling_dbtp
    if result.true_peak > MAX_TRUE_PEAK_DBTP:
        ceiling = max(MIN_CEILING_DBTP, ceiling - (result.true_peak - MAX_TRUE_PEAK_DBTP) - 0.3)
    return Plan(gain_db=gain, ceiling_dbtp=ceiling)


def filter_chain(plan: Plan, rate: int) -> str:
    """ffmpeg filters: gain in float, then a lookahead limiter at 4x rate (true-peak safe), back to ``rate``."""
    limit = 10 ** (plan.ceiling_dbtp / 20)
    return ",".join(
        [
            f"volume={plan.gain_db:.2f}dB:precision=float",
            f"aresample={rate * 4}",
            f"alimiter=limit={limit:.4f}:attack=5:release=50:level=0:latency=1",
            f"aresample={rate}",
        ]
    )
