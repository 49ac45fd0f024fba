"""The files a batch writes at the top of DIR: index.json (every post), report.json (this run), feed.xml.

Plain data in, files out, each through the atomic writer: a reader of DIR sees the old file or the new
one. Paths inside them are relative to DIR, so the folder can be moved or served as it is. A file of that
name that reader did not make (index.json and report.json carry reader's ``generator``, feed.xml its
``<generator>``) is never replaced: ``check_ours`` refuses before any work, and again before each write.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import OutputError
from ..files import write_bytes, write_text
from ..ownership import GENERATOR, made_by_reader
from .feed import podcast_feed
from .folders import AUDIO, CHAPTERS, MANIFEST
from .state import Row

INDEX = "index.json"
REPORT = "report.json"
FEED = "feed.xml"
_FEED_GENERATOR = re.compile(rb"<generator>\s*" + GENERATOR.encode() + rb"[\s<]")


def generator() -> str:
    from .. import __version__

    return f"{GENERATOR} {__version__}"


def ours(path: Path) -> bool:
    """True if the file at ``path`` is one reader wrote (a feed by its <generator>, JSON by its generator)."""
    if path.is_symlink() or not path.is_file():
        return False
    if path.suffix == ".xml":
        try:
            with open(path, "rb") as handle:
                return bool(_FEED_GENERATOR.search(handle.read(65536)))
        except OSError:
            return False
    return made_by_reader(path)


def check_ours(folder: Path, names=(INDEX, REPORT, FEED)) -> None:
    for name in names:
        path = folder / name
        if (path.exists() or path.is_symlink()) and not ours(path):
            raise OutputError(f"{path} exists and was not made by reader: move it away, or choose another --out")


def has_good_version(row: Row) -> bool:
    """The post's folder holds a complete conversion (kept when a later attempt failed); not when deleted."""
    return bool(row.content_hash) and row.duration_ms > 0 and row.status != "deleted"


def index_entry(row: Row) -> dict:
    good = has_good_version(row)
    return {
        "url": row.url,
        "slug": row.slug,
        "kind": row.kind,
        "title": row.title,
        "published": row.published,
        "modified": row.modified,
        "categories": json.loads(row.categories or "[]"),
        "content_hash": row.content_hash or None,
        "audio": f"{row.slug}/{AUDIO}" if good else None,
        "manifest": f"{row.slug}/{MANIFEST}" if good else None,
        "chapters": f"{row.slug}/{CHAPTERS}" if good else None,
        "audio_bytes": row.audio_bytes if good else 0,
        "duration_ms": row.duration_ms if good else 0,
        "description": row.description or None,
        "status": row.status,
        "error": row.error or None,
        "converted": row.finished,
    }


def build_index(rows: list[Row], *, source: str, base_url: str | None) -> dict:
    posts = sorted((index_entry(r) for r in rows), key=lambda e: (e["published"] or "", e["url"]), reverse=True)
    return {"generator": generator(), "source": source, "base_url": base_url, "posts": posts}


def write_json(folder: Path, name: str, data: dict) -> None:
    check_ours(folder, (name,))
    write_text(folder / name, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_feed(folder: Path, index: dict, *, base_url: str | None, **channel) -> bool:
    """DIR/feed.xml from the index when a base URL is known; True if written. Without one, a feed.xml of
    reader's from an earlier run is removed (its links would point at an old address)."""
    check_ours(folder, (FEED,))
    if not base_url:
        (folder / FEED).unlink(missing_ok=True)
        return False
    write_bytes(folder / FEED, podcast_feed(index, base_url=base_url, folder=folder, **channel))
    return True
