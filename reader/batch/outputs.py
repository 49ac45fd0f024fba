"""The files a batch writes at the top of DIR: index.json (every post), report.json (this run), feed.xml.

Plain data in, files out, each through the atomic writer: a reader of DIR sees the old file or the new
one. Paths inside them are relative to DIR, so the folder can be moved or served as it is.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ..files import write_bytes, write_text
from .state import Row

log = logging.getLogger("reader")

INDEX = "index.json"
REPORT = "report.json"
FEED = "feed.xml"
AUDIO = "article.mp3"
MANIFEST = "article.json"
CHAPTERS = "chapters.json"


def index_entry(row: Row) -> dict:
    done = row.status == "done"
    return {
        "url": row.url,
        "slug": row.slug,
        "title": row.title,
        "published": row.published,
        "modified": row.modified,
        "categories": json.loads(row.categories or "[]"),
        "content_hash": row.content_hash or None,
        "audio": f"{row.slug}/{AUDIO}" if done else None,
        "manifest": f"{row.slug}/{MANIFEST}" if done else None,
        "chapters": f"{row.slug}/{CHAPTERS}" if done else None,
        "audio_bytes": row.audio_bytes if done else 0,
        "duration_ms": row.duration_ms if done else 0,
        "status": row.status,
        "error": row.error or None,
        "converted": row.finished,
    }


def build_index(rows: list[Row], *, source: str, base_url: str | None) -> dict:
    from .. import __version__

    posts = sorted((index_entry(r) for r in rows), key=lambda e: (e["published"] or "", e["url"]), reverse=True)
    return {"generator": f"reader {__version__}", "source": source, "base_url": base_url, "posts": posts}


def write_json(path: Path, data: dict) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_feed(folder: Path, index: dict, *, base_url: str | None, title: str | None = None) -> bool:
    """DIR/feed.xml from the index when the feed module is there and a base URL is known; True if written."""
    try:
        from .feed import podcast_feed
    except ImportError:
        log.info("no feed module: feed.xml not written")
        return False
    if not base_url:
        return False
    extra = {"title": title} if title else {}
    write_bytes(folder / FEED, podcast_feed(index, base_url=base_url, folder=folder, **extra))
    return True
