"""Join section MP3s into one file with the concat demuxer and ``-c copy``: no decoding, no re-encoding,
memory independent of the length."""

from __future__ import annotations

from pathlib import Path

from . import ffmpeg
from .mp3frames import Mp3Info, scan_file

_COPY_ARGS = ["-c", "copy", "-map_metadata", "-1", "-write_xing", "0", "-id3v2_version", "0", "-f", "mp3"]


def join(mp3s: list[Path], out: Path, list_file: Path | None = None) -> Mp3Info:
    """Write the frames of ``mp3s`` one after the other to ``out``; return what ``out`` holds."""
    list_file = list_file or Path(out).with_name(Path(out).name + ".concat.txt")
    ffmpeg.write_concat_list(list(mp3s), list_file)
    try:
        ffmpeg.run(
            [*ffmpeg.concat_input(list_file), *_COPY_ARGS, ffmpeg.file_arg(out)],
            message="the sections could not be joined",
        )
    finally:
        list_file.unlink(missing_ok=True)
    return scan_file(out)
