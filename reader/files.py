"""The one atomic writer: every file reader produces is written to a temporary name beside its
destination and renamed into place, so a destination is either untouched or complete.

``staged()`` prepares several files and renames them together at the end, in the order they were
asked for: a run that fails, or is interrupted, before that leaves every destination as it was.
A replaced file keeps its permission bits; a new one gets what the user's umask allows.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

from .errors import OutputError


def check_folder(dest: str | os.PathLike) -> Path:
    """The folder ``dest`` will be written into; OutputError if it is missing or not a folder."""
    dest = Path(dest)
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {dest}: folder {folder} does not exist; create it first")
    return folder


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode(dest: Path) -> int:
    """Permission bits for a file written to ``dest``: those of the file it replaces, else 0o666 & ~umask."""
    try:
        return stat.S_IMODE(os.stat(dest).st_mode)
    except OSError:
        return 0o666 & ~_umask()


class Staging:
    """Temporary files beside their destinations, renamed into place by ``commit``."""

    def __init__(self):
        self._pending: list[tuple[Path, Path]] = []  # (temporary, destination), in commit order

    def path(self, dest: str | os.PathLike, suffix: str | None = None) -> Path:
        """A new temporary file in dest's folder. ``suffix`` defaults to dest's own (ffmpeg picks the format by it)."""
        dest = Path(dest)
        folder = check_folder(dest)
        try:
            fd, tmp = tempfile.mkstemp(
                prefix=f".{dest.name}.", suffix=(suffix if suffix is not None else dest.suffix) + ".part", dir=folder
            )
        except OSError as exc:
            raise OutputError(f"cannot write in {folder}: {exc.strerror}; choose another output folder") from exc
        os.close(fd)
        self._pending.append((Path(tmp), dest))
        return Path(tmp)

    def commit(self) -> None:
        while self._pending:
            tmp, dest = self._pending[0]
            os.chmod(tmp, file_mode(dest))
            os.replace(tmp, dest)
            self._pending.pop(0)

    def discard(self) -> None:
        for tmp, _ in self._pending:
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._pending.clear()


@contextlib.contextmanager
def staged():
    """Yield a Staging; on success rename all its files into place, on any error remove them."""
    staging = Staging()
    try:
        yield staging
        staging.commit()
    except BaseException:
        staging.discard()
        raise


@contextlib.contextmanager
def atomic_path(dest: str | os.PathLike, suffix: str | None = None):
    """Yield a temporary path in dest's folder; on success rename it to dest, on error remove it.

    ``suffix`` defaults to dest's own suffix (tools like ffmpeg pick the format from it).
    """
    with staged() as staging:
        yield staging.path(dest, suffix)


def write_bytes(dest: str | os.PathLike, data: bytes) -> None:
    try:
        with atomic_path(dest) as tmp:
            tmp.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"cannot write {dest}: {exc.strerror}; check the path and free space") from exc


def write_text(dest: str | os.PathLike, text: str) -> None:
    write_bytes(dest, text.encode("utf-8"))


@contextlib.contextmanager
def scratch_folder(prefix: str = "reader-"):
    """A private temporary folder, removed on the way out however the block ends.

    Unlike tempfile.TemporaryDirectory, the folder is made inside the ``try``: a Ctrl-C or SIGTERM that
    lands just after it is made (before the ``with`` block starts) still removes it.
    """
    path = Path(tempfile.gettempdir()) / f"{prefix}{os.urandom(8).hex()}"
    try:
        path.mkdir(mode=0o700)
        yield path
    finally:
        _remove_tree(path)


def _remove_tree(path: Path, attempts: int = 20) -> None:
    """Remove ``path`` and everything in it; a file that lands while it is being removed (a worker thread
    finishing its last write as the run stops) is removed by the next attempt."""
    for _ in range(attempts):
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            return
        time.sleep(0.05)
