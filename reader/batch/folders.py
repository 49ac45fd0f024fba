"""DIR on disk: one lock per run, a staging folder inside DIR, posts' folders swapped in whole.

A post is made in ``DIR/.staging/<slug>.<random>/`` and renamed to ``DIR/<slug>/`` when all its files
are there (the previous version is renamed aside first and removed after), so ``DIR/<slug>/`` is always
a complete set of files from one conversion. What a killed run leaves in ``.staging`` is removed by the
next run. A post's folder is replaced or pruned only if it holds nothing but reader's own files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import OutputError
from ..files import _umask
from ..ownership import made_by_reader

STAGING = ".staging"
LOCK = ".reader-batch.lock"
OWN_FILES = ("article.mp3", "article.json", "chapters.json")
OWN_SUFFIXES = (".vtt",)


def prepare(folder: Path, *, create: bool = True) -> Path:
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"--out {folder} is a file: give a folder")
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {folder} ({exc.strerror}); choose another --out") from exc
    return folder


@contextlib.contextmanager
def locked(folder: Path):
    """Hold DIR's lock for the run: a second batch into the same folder is refused, not interleaved."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; one run at a time is up to the user
        yield
        return
    handle = open(folder / LOCK, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise OutputError(f"another 'reader batch' is writing {folder}: wait for it to end") from exc
        yield
    finally:
        handle.close()


def clear_staging(folder: Path) -> None:
    shutil.rmtree(folder / STAGING, ignore_errors=True)


def clear_unfinished_cache(cache_dir: Path) -> None:
    """Unfinished cache writes a killed run left in DIR's own cache (this run holds DIR's lock)."""
    from ..cache import entry_files

    for path in entry_files(cache_dir):
        if path.name.endswith(".part"):
            path.unlink(missing_ok=True)


def new_staging(folder: Path, slug: str) -> Path:
    root = folder / STAGING
    root.mkdir(exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f"{slug}.", dir=root))
    os.chmod(staged, 0o777 & ~_umask())  # mkdtemp makes it private; a post's folder is as any other
    return staged


def is_ours(post_folder: Path) -> bool:
    """True if the folder holds only files reader makes for a post, and its manifest is reader's."""
    try:
        names = [p.name for p in post_folder.iterdir()]
    except OSError:
        return False
    own = all(n in OWN_FILES or n.endswith(OWN_SUFFIXES) for n in names)
    manifest = post_folder / "article.json"
    return own and (not manifest.exists() or made_by_reader(manifest))


def swap_in(staged: Path, dest: Path) -> None:
    """Move the finished ``staged`` folder to ``dest``, replacing reader's previous version of it."""
    old = None
    if dest.exists() or dest.is_symlink():
        if dest.is_symlink() or not dest.is_dir() or not is_ours(dest):
            raise OutputError(f"{dest} exists and holds files reader did not make: move them away")
        old = Path(tempfile.mkdtemp(prefix=f"old-{dest.name}.", dir=staged.parent))
        os.replace(dest, old / dest.name)
    os.replace(staged, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove_post(dest: Path) -> bool:
    """--prune: remove a deleted post's folder if it is reader's; True if removed (or already gone)."""
    if not dest.exists():
        return True
    if dest.is_symlink() or not dest.is_dir() or not is_ours(dest):
        return False
    shutil.rmtree(dest)
    return True


def complete(dest: Path) -> bool:
    return (dest / "article.mp3").is_file() and (dest / "article.json").is_file()
