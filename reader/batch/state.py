"""The batch's memory: a small SQLite database in DIR, one row per post, written as things happen.

SQLite in WAL mode commits every change on its own, so after Ctrl-C or ``kill -9`` at any moment the
database says exactly which posts were finished (status ``done``, with the content hash and settings they
were made from) and which were not (``converting`` or ``failed``): a re-run does the rest. The row also
keeps the post's folder name, so a post keeps its folder from run to run.

Statuses: ``done`` (its folder is complete), ``converting`` (started, not finished: redone next time),
``failed`` (with the error), ``deleted`` (no longer listed by the blog; its folder kept unless pruned).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

from ..errors import OutputError
from .folders import HOME

FILE_NAME = f"{HOME}/state.sqlite"  # inside reader's own folder in DIR
SCHEMA = """
CREATE TABLE IF NOT EXISTS posts (
    url TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    published TEXT,
    modified TEXT,
    categories TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'pending',
    settings TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL DEFAULT '',
    audio_bytes INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    synthesized INTEGER NOT NULL DEFAULT 0,
    cached INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    started TEXT,
    finished TEXT,
    publish_key TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'post',
    source TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT ''
)
"""


@dataclass
class Row:
    url: str
    slug: str
    title: str = ""
    published: str | None = None
    modified: str | None = None
    categories: str = "[]"
    status: str = "pending"
    settings: str = ""
    content_hash: str = ""
    audio_bytes: int = 0
    duration_ms: int = 0
    synthesized: int = 0
    cached: int = 0
    error: str = ""
    attempts: int = 0
    started: str | None = None
    finished: str | None = None
    publish_key: str = ""  # --publish: what WordPress has (empty: not published since the last conversion)
    kind: str = "post"  # post | page
    source: str = ""  # the SOURCE that listed it last (run.source_key)
    description: str = ""  # the post's lead, for the feed


COLUMNS = [f.name for f in fields(Row)]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class State:
    """The store of one output folder; safe to use from several threads (one connection, one lock)."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / FILE_NAME
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses nothing committed
            self._db.execute(SCHEMA)
            self._add_missing_columns()
        except (sqlite3.Error, OSError) as exc:
            raise OutputError(f"cannot open the batch state {self.path} ({exc}); check the folder, or delete "
                              "that file to start over") from exc

    def _add_missing_columns(self) -> None:
        """A store made by an older reader gets the columns added since, with their defaults."""
        have = {row[1] for row in self._db.execute("PRAGMA table_info(posts)")}
        for line in SCHEMA.splitlines():
            name = line.strip().split(" ", 1)[0]
            if name in COLUMNS and name not in have:
                self._db.execute(f"ALTER TABLE posts ADD COLUMN {line.strip().rstrip(',')}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def rows(self) -> dict[str, Row]:
        with self._lock:
            cursor = self._db.execute(f"SELECT {', '.join(COLUMNS)} FROM posts ORDER BY published, url")
            return {r[0]: Row(*r) for r in cursor.fetchall()}

    def add(self, url: str, slug: str, *, title: str = "", published: str | None = None,
            categories: tuple[str, ...] = (), kind: str = "post", source: str = "") -> None:
        """A post seen for the first time, with the folder name it keeps from now on."""
        self._write("INSERT OR IGNORE INTO posts (url, slug, title, published, categories, kind, source) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (url, slug, title, published, json.dumps(list(categories), ensure_ascii=False), kind, source))

    def update(self, url: str, **values) -> None:
        unknown = set(values) - set(COLUMNS[1:])
        if unknown:
            raise ValueError(f"unknown state columns {sorted(unknown)}")
        if "categories" in values and not isinstance(values["categories"], str):
            values["categories"] = json.dumps(list(values["categories"]), ensure_ascii=False)
        assignments = ", ".join(f"{name} = ?" for name in values)
        self._write(f"UPDATE posts SET {assignments} WHERE url = ?", (*values.values(), url))

    def started(self, url: str) -> None:
        self._write("UPDATE posts SET status = 'converting', attempts = attempts + 1, started = ?, error = '' "
                    "WHERE url = ?", (now(), url))

    def remove(self, url: str) -> None:
        self._write("DELETE FROM posts WHERE url = ?", (url,))

    def _write(self, sql: str, params: tuple) -> None:
        try:
            with self._lock:
                self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise OutputError(f"cannot write the batch state {self.path} ({exc}); check free space") from exc
