"""Join section MP3s into one file with the concat demuxer and ``-c copy``: no decoding, no re-encoding,
memory independent of the length. Also: a generator of long synthetic articles for benchmarks.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import ffmpeg
from .encode import MP3_OUTPUT_ARGS
from .mp3frames import Mp3Info, scan_file

_COPY_ARGS = ["-c", "copy", "-map_metadata", "-1", "-write_xing", "0", "-id3v2_version", "0", "-f", "mp3"]


def join(mp3s: list[Path], out: Path, list_file: Path | None = None) -> Mp3Info:
    """Write the frames of ``mp3s`` one after the other to ``out``; return what ``out`` holds."""
    list_file = list_file or Path(out).with_name(Path(out).name + ".concat.txt")
    ffmpeg.write_concat_list(list(mp3s), list_file)
    try:
        ffmpeg.run([*ffmpeg.concat_input(list_file), *_COPY_ARGS, str(out)], message="the sections could not be joined")
    finally:
        list_file.unlink(missing_ok=True)
    return scan_file(out)


def make_section_mp3(out: Path, seconds: float, frequency: int = 220) -> Path:
    """A synthetic section: a tone with noise, ``seconds`` long, encoded like real sections."""
    source = f"sine=frequency={frequency}:sample_rate=44100:duration={seconds}"
    noise = f"anoisesrc=color=pink:amplitude=0.05:sample_rate=44100:duration={seconds}"
    args = ["-f", "lavfi", "-i", source, "-f", "lavfi", "-i", noise, "-filter_complex", "amix=inputs=2",
            *MP3_OUTPUT_ARGS, str(out)]
    ffmpeg.run(args, message="a benchmark section could not be generated")
    return out


def make_sections(folder: Path, sections: int = 60, seconds: float = 60.0) -> list[Path]:
    """Benchmark input: ``sections`` synthetic section MP3s of ``seconds`` each in ``folder``
    (60 x 60 s = a one-hour article)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        jobs = [
            pool.submit(make_section_mp3, folder / f"{i + 1:03d}.mp3", seconds, 150 + 10 * (i % 30))
            for i in range(sections)
        ]
        return [job.result() for job in jobs]


def long_join(folder: Path, sections: int = 60, seconds: float = 60.0) -> Mp3Info:
    """Benchmark: ``make_sections`` then ``join`` them into ``folder/joined.mp3``; the joined file's frames."""
    return join(make_sections(folder, sections, seconds), Path(folder) / "joined.mp3")
