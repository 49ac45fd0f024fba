"""Section WAV -> section MP3: gain and limiter applied, CBR mono 64 kbit/s 44.1 kHz, no Xing header, no tags.

The section WAV is at its clips' rate (22050 or 24000 Hz); ffmpeg resamples it once, straight to the
limiter's 4x oversampled rate, and the limiter's output is decimated to ``OUTPUT_RATE``.

CBR without Xing header is what makes ``-c copy`` joins exact: every frame has the same duration,
the frame count gives the length, and seeking is exact.
"""

from __future__ import annotations

from pathlib import Path

from . import ffmpeg
from .loudness import Plan, filter_chain

BITRATE = "64k"
OUTPUT_RATE = 44100  # Hz, of every MP3 this package writes

# Output options shared by every MP3 this package encodes (sections, and the benchmarks' synthetic sections).
MP3_OUTPUT_ARGS = [
    "-ac", "1",
    "-ar", str(OUTPUT_RATE),
    "-c:a", "libmp3lame",
    "-b:a", BITRATE,
    "-map_metadata", "-1",
    "-write_xing", "0",
    "-id3v2_version", "0",
    "-f", "mp3",
]


def encode_section(wav: Path, mp3: Path, plan: Plan) -> Path:
    args = ["-i", ffmpeg.file_arg(wav), "-af", filter_chain(plan, OUTPUT_RATE), *MP3_OUTPUT_ARGS, ffmpeg.file_arg(mp3)]
    ffmpeg.run(args, message=f"a section could not be encoded to MP3 ({Path(mp3).name})")
    return mp3
