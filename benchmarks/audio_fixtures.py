"""Synthetic section MP3s for the join benchmark (and the join tests): tone plus pink noise,
encoded exactly like reader's real sections (``reader.audio.encode.MP3_OUTPUT_ARGS``).

    from benchmarks.audio_fixtures import make_sections   # with the repository root on sys.path
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from reader.audio import ffmpeg
from reader.audio.encode import MP3_OUTPUT_ARGS
from reader.audio.join import join
from reader.audio.mp3frames import Mp3Info


def make_section_mp3(out: Path, seconds: float, frequency: int = 220) -> Path:
    """A synthetic section: a tone with noise, ``seconds`` long, encoded like real sections."""
    source = f"sine=frequency={frequency}:sample_rate=44100:duration={seconds}"
    noise = f"anoisesrc=color=pink:amplitude=0.05:sample_rate=44100:duration={seconds}"
    args = ["-f", "lavfi", "-i", source, "-f", "lavfi", "-i", noise, "-filter_complex", "amix=inputs=2",
            *MP3_OUTPUT_ARGS, ffmpeg.file_arg(out)]
    ffmpeg.run(args, message="a benchmark section could not be generated")
    return out


def make_sections(folder: Path, sections: int = 60, seconds: float = 60.0) -> list[Path]:
    """``sections`` synthetic section MP3s of ``seconds`` each in ``folder`` (60 x 60 s = a one-hour article)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        jobs = [
            pool.submit(make_section_mp3, folder / f"{i + 1:03d}.mp3", seconds, 150 + 10 * (i % 30))
            for i in range(sections)
        ]
        return [job.result() for job in jobs]


def long_join(folder: Path, sections: int = 60, seconds: float = 60.0) -> Mp3Info:
    """``make_sections`` then ``join`` them into ``folder/joined.mp3``; the joined file's frames."""
    return join(make_sections(folder, sections, seconds), Path(folder) / "joined.mp3")
