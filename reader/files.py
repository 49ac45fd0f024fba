"""The one atomic writer: every file reader produces is written to a temporary name beside its
destination and renamed into place, so a destination is either untouched or complete."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import OutputError


@contextlib.contextmanager
def atomic_path(dest: str | os.PathLike, suffix: str | None = None):
    """Yield a temporary path in dest's folder; on success rename it to dest, on error remove it.

    ``suffix`` defaults to dest's own suffix (tools like ffmpeg pick the format from it).
    """
    dest = Path(dest)
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {dest}: folder {folder} does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{dest.name}.", suffix=(suffix if suffix is not None else dest.suffix) + ".part", dir=folder
        )
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror}; choose another output folder") from exc
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def write_bytes(dest: str | os.PathLike, data: bytes) -> None:
    try:
        with atomic_path(dest) as tmp:
            tmp.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"cannot write {dest}: {exc.strerror}; check the path and free space") from exc


def write_text(dest: str | os.PathLike, text: str) -> None:
    write_bytes(dest, text.encode("utf-8"))
