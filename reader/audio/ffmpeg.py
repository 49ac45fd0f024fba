"""The one module that runs ffmpeg (the binary bundled with ``imageio-ffmpeg``; there is no ffprobe).

Other modules build argument lists and call ``run``. A failure becomes the ``reader.errors`` class
the caller names, with a one-line message; ffmpeg's own stderr goes to the ``reader`` logger at
debug level.
"""

from __future__ import annotations

import functools
import logging
import subprocess
from pathlib import Path

from ..errors import OutputError, ReaderError

log = logging.getLogger("reader")

BASE_ARGS = ("-hide_banner", "-nostdin", "-nostats", "-y")


@functools.lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Path of the bundled ffmpeg binary."""
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError) as exc:
        raise OutputError(
            f"ffmpeg is not available ({exc}): reinstall it with pip install --force-reinstall imageio-ffmpeg"
        ) from exc


def run(
    args: list[str],
    *,
    error: type[ReaderError] = OutputError,
    message: str = "ffmpeg failed",
    loglevel: str = "error",
    stdout: bool = False,
) -> subprocess.CompletedProcess:
    """Run ffmpeg with ``args``; return the finished process (stdout captured only if asked).

    On failure raise ``error`` with ``message`` plus ffmpeg's last line and a hint to rerun with -v.
    """
    cmd = [ffmpeg_exe(), *BASE_ARGS, "-loglevel", loglevel, *args]
    log.debug("ffmpeg: %s", " ".join(cmd))
    try:
        proc = subprocess.run(
            cmd,
            stdout=subprocess.PIPE if stdout else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
    except OSError as exc:
        raise OutputError(f"ffmpeg could not be started ({exc.strerror}): reinstall imageio-ffmpeg") from exc
    stderr = proc.stderr.decode("utf-8", "replace")
    if stderr.strip():
        log.debug("ffmpeg stderr:\n%s", stderr.rstrip())
    if proc.returncode != 0:
        last = _last_line(stderr) or f"exit status {proc.returncode}"
        raise error(f"{message} ({last}); run with -v for ffmpeg's full output")
    return proc


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def file_arg(path: str | Path) -> str:
    """A file name as ffmpeg must get it: absolute, so "data:x/clip.wav" is a file, not a protocol."""
    return str(Path(path).absolute())


def write_concat_list(paths: list[Path], list_file: Path) -> Path:
    """Write a concat-demuxer list naming ``paths`` (absolute, quoted) and return ``list_file``."""
    lines = []
    for path in paths:
        quoted = file_arg(path).replace("'", "'\\''")
        lines.append(f"file '{quoted}'\n")
    list_file.write_text("".join(lines), encoding="utf-8")
    return list_file


def concat_input(list_file: Path) -> list[str]:
    """Input arguments that read the files of a concat list as one stream."""
    return ["-f", "concat", "-safe", "0", "-i", file_arg(list_file)]
