"""The utterance cache: one audio file per (engine, voice, options, language, spoken text).

Entries live under ``<directory>/utterances/<first two hex digits>/<sha256>.<format>`` and are
written atomically, so an entry is complete or absent. An entry that does not parse as its format
(truncated, overwritten, unreadable) is treated as a miss and replaced on the next ``put``.
``--no-cache`` is the caller handing over a Cache on a temporary directory.
``entry_files`` and ``clear`` know reader's own files by their place and name, and touch nothing else:
a cache folder pointed at a folder that holds other files (even the home folder) keeps them.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import wave
from pathlib import Path

from .engines.base import Clip
from .errors import EngineError, OutputError
from .files import atomic_path

ENV_DIR = "READER_CACHE_DIR"
ENTRIES = "utterances"  # the one subfolder reader writes in a cache folder
_SHARD = re.compile(r"[0-9a-f]{2}")
# An entry "<sha256>.<format>", or what an interrupted atomic write left: ".<sha256>.<format>.<random>.<format>.part".
_ENTRY = re.compile(r"(?P<key>[0-9a-f]{64})\.[a-z0-9]{1,8}")
_UNFINISHED = re.compile(r"\.(?P<key>[0-9a-f]{64})\.[a-z0-9]{1,8}\.\w+\.[a-z0-9]{1,8}\.part")


def default_cache_dir() -> Path:
    """``$READER_CACHE_DIR`` if set, else the platform's user cache folder for reader."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("reader"))


def _valid_wav(data: bytes) -> bool:
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            frames = wav.getnframes()
            width = wav.getsampwidth() * wav.getnchannels()
            return width > 0 and len(wav.readframes(frames)) == frames * width
    except (wave.Error, EOFError, ValueError):
        return False


def _valid_mp3(data: bytes) -> bool:
    from .audio.mp3frames import is_valid_mp3

    return is_valid_mp3(data)


# How to tell a complete clip of each format; other formats only need to be non-empty.
VALIDATORS = {"wav": _valid_wav, "mp3": _valid_mp3}


def clip_is_valid(clip: Clip) -> bool:
    check = VALIDATORS.get(clip.format)
    return bool(clip.data) and (check is None or check(clip.data))


class Cache:
    def __init__(self, directory: str | os.PathLike):
        self.directory = Path(directory)
        self.root = self.directory / ENTRIES

    def key(self, engine, text: str, lang: str) -> str:
        """sha256 of what makes the sound: engine name, voice, options, language and spoken text."""
        ident = [engine.name, engine.voice, engine.options(), lang, text]
        blob = json.dumps(ident, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _folder(self, key: str) -> Path:
        return self.root / key[:2]

    def _candidates(self, key: str) -> list[Path]:
        folder = self._folder(key)
        try:
            return sorted(p for p in folder.glob(f"{key}.*") if not p.name.endswith(".part"))
        except OSError:
            return []

    def _load(self, key: str) -> tuple[Path, Clip] | None:
        for path in self._candidates(key):
            try:
                clip = Clip(path.read_bytes(), path.suffix[1:])
            except OSError:
                continue
            if clip_is_valid(clip):
                return path, clip
        return None

    def get(self, key: str) -> Clip | None:
        found = self._load(key)
        return found[1] if found else None

    def path(self, key: str) -> Path | None:
        """The file of a valid entry, or None."""
        found = self._load(key)
        return found[0] if found else None

    def put(self, key: str, clip: Clip) -> Path:
        """Store ``clip``; raise EngineError if it is not valid audio of its format."""
        if not clip_is_valid(clip):
            kind = clip.format or "audio"
            raise EngineError(f"the speech engine returned invalid {kind} audio: try again or use another engine")
        folder = self._folder(key)
        dest = folder / f"{key}.{clip.format}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with atomic_path(dest) as tmp:
                tmp.write_bytes(clip.data)
        except OSError as exc:
            raise OutputError(
                f"cannot write the speech cache in {self.directory} ({exc.strerror}): "
                f"free space, set {ENV_DIR}, or use --no-cache"
            ) from exc
        for other in self._candidates(key):
            if other != dest:
                other.unlink(missing_ok=True)
        return dest


def _is_entry(path: Path, shard: str) -> bool:
    match = _ENTRY.fullmatch(path.name) or _UNFINISHED.fullmatch(path.name)
    return bool(match) and match["key"].startswith(shard) and path.is_file() and not path.is_symlink()


def _shards(directory: Path) -> list[Path]:
    root = directory / ENTRIES
    if root.is_symlink() or not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if _SHARD.fullmatch(p.name) and p.is_dir() and not p.is_symlink())


def entry_files(directory: str | os.PathLike) -> list[Path]:
    """reader's own files in a cache folder: ``utterances/<xx>/<sha256>.<format>`` and unfinished writes."""
    try:
        return [path for shard in _shards(Path(directory)) for path in sorted(shard.iterdir())
                if _is_entry(path, shard.name)]
    except OSError as exc:
        raise OutputError(f"cannot read the speech cache in {directory} ({exc.strerror}); check its permissions") from exc


def clear(directory: str | os.PathLike) -> int:
    """Remove reader's cache entries from ``directory`` and the folders they leave empty; return how many
    files were removed. Any other file, and the folders that hold one, stay."""
    directory = Path(directory)
    files = entry_files(directory)
    try:
        for path in files:
            path.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot remove {path} ({exc.strerror}); check the cache folder's permissions") from exc
    for folder in [*_shards(directory), directory / ENTRIES]:
        try:
            folder.rmdir()  # only when empty
        except OSError:
            pass
    return len(files)
