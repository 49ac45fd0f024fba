"""DIR on disk: reader's own folder inside it, one lock per run, posts' folders swapped in whole.

Everything a run keeps for itself lives in ``DIR/.reader-batch/`` (``HOME``): the lock, the state store and
``staging/``. A post is made in ``staging/<slug>.<random>/`` and renamed to ``DIR/<slug>/`` when all its
files are there (the previous version is renamed aside first and removed after), so ``DIR/<slug>/`` is
always a complete set of files from one conversion. What a killed run leaves in ``staging/`` is removed by
the next run. A post's folder is replaced or pruned only if every file in it is one reader made for a post.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ..errors import OutputError
from ..ownership import made_by_reader

HOME = ".reader-batch"  # reader's own folder in DIR
STAGING = f"{HOME}/staging"
LOCK = f"{HOME}/lock"
AUDIO = "article.mp3"
MANIFEST = "article.json"
CHAPTERS = "chapters.json"
OWN_FILES = (AUDIO, MANIFEST, CHAPTERS)
OWN_SUFFIXES = (".vtt",)
PAUSE_AT = "READER_BATCH_TEST_PAUSE_AT"  # tests: the name of a point where the process stops, to be killed there


def pause_point(name: str) -> None:
    """Tests only: with $READER_BATCH_TEST_PAUSE_AT = name, say so on stderr and wait here to be killed."""
    if os.environ.get(PAUSE_AT) == name:
        print(f"reader: paused at {name}", file=sys.stderr, flush=True)
        time.sleep(3600)


def check(folder: Path) -> Path:
    """``--out`` as a path; OutputError when it is a file (nothing is created here)."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"--out {folder} is a file: give a folder")
    return folder


def prepare(folder: Path) -> Path:
    """DIR and reader's own folder in it, created when missing."""
    folder = check(folder)
    home = folder / HOME
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {home} ({exc.strerror}); choose another --out") from exc
    if home.is_symlink() or not home.is_dir():
        raise OutputError(f"{home} is not reader's folder: move it away")
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
    """Remove reader's staging folder (inside reader's own folder: nothing else is in it)."""
    shutil.rmtree(folder / STAGING, ignore_errors=True)


def clear_unfinished_cache(cache_dir: Path) -> None:
    """Unfinished cache writes a killed run left in DIR's own cache (this run holds DIR's lock)."""
    from ..cache import entry_files

    for path in entry_files(cache_dir):
        if path.name.endswith(".part"):
            path.unlink(missing_ok=True)


def new_staging(folder: Path, slug: str) -> Path:
    """A new empty folder in staging, with the permissions of any folder the user makes (not mkdtemp's)."""
    root = folder / STAGING
    root.mkdir(exist_ok=True)
    while True:
        staged = root / f"{slug}.{secrets.token_hex(4)}"
        try:
            staged.mkdir()
            return staged
        except FileExistsError:
            continue


def is_ours(post_folder: Path) -> bool:
    """True if the folder holds only files reader makes for a post, each one marked as reader's."""
    try:
        files = list(post_folder.iterdir())
    except OSError:
        return False
    return all((f.name in OWN_FILES or f.name.endswith(OWN_SUFFIXES)) and not f.is_symlink() and f.is_file()
               and made_by_reader(f) for f in files)


def taken_by_others(folder: Path, name: str) -> bool:
    """True if DIR/name is there and is not a post folder of reader's (a new post must not take that name)."""
    path = folder / name
    return (path.exists() or path.is_symlink()) and (path.is_symlink() or not path.is_dir() or not is_ours(path))


def swap_in(staged: Path, dest: Path) -> None:
    """Move the finished ``staged`` folder to ``dest``, replacing reader's previous version of it."""
    old = None
    if dest.exists() or dest.is_symlink():
        if taken_by_others(dest.parent, dest.name):
            raise OutputError(f"{dest} exists and holds files reader did not make: move them away")
        old = Path(tempfile.mkdtemp(prefix=f"old-{dest.name}.", dir=staged.parent))
        os.replace(dest, old / dest.name)
        pause_point("swap")  # the worst moment: the old version aside, the new one not in place
    os.replace(staged, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove_post(dest: Path) -> bool:
    """--prune: remove a deleted post's folder if it is reader's; True if removed (or already gone)."""
    if not (dest.exists() or dest.is_symlink()):
        return True
    if taken_by_others(dest.parent, dest.name):
        return False
    shutil.rmtree(dest)
    return True


def complete(dest: Path) -> bool:
    return (dest / AUDIO).is_file() and (dest / MANIFEST).is_file()
