"""``reader batch --dry-run``: what a run would do, and roughly what it would cost; nothing is written.

Posts whose modified date and settings are unchanged since their last conversion are counted without
fetching them; the others are fetched (politely, as a run would) and scripted, never spoken: the plan
counts their characters, utterances and the engine requests the cache in DIR does not already answer.
Audio length and time are estimates from the figures in ``ESTIMATES`` (measured on the project's machine,
2 cores): speaking time is the engine's time per request shared among ``--concurrency`` workers (Google's
voice: never faster than ``--tts-rate``), plus fetching, assembly and encoding per article.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReaderError
from . import folders
from .polite import HostGate
from .post import Post
from .runner import CACHE, Taken, content_hash, deleted_rows, unchanged_by_date, unchanged_content
from .slugs import unique_slug
from .state import COLUMNS, FILE_NAME, Row

CHARS_PER_SECOND = 14.0  # German read aloud: characters of spoken text per second of audio
ESTIMATES = {  # engine -> (seconds per request/utterance on one core, seconds per article: fetch, assembly, encoding)
    "gtts": (0.35, 1.5),
    "espeak": (0.08, 1.2),
    "piper": (0.8, 1.5),
}


@dataclass
class Planned:
    url: str
    slug: str
    title: str = ""
    action: str = "convert"  # convert | unchanged | failed
    reason: str = ""
    characters: int = 0
    utterances: int = 0
    requests: int = 0  # utterances the cache does not have


@dataclass
class Plan:
    source: str
    out: str
    engine: str
    listed: int
    posts: list[Planned] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    rate: float | None = None
    concurrency: int = 1

    def totals(self) -> dict:
        todo = [p for p in self.posts if p.action == "convert"]
        chars = sum(p.characters for p in todo)
        requests = sum(p.requests for p in todo)
        per_request, per_article = ESTIMATES.get(self.engine, (0.5, 1.0))
        workers = max(1, self.concurrency)
        speaking = max(requests / self.rate if self.rate else 0.0, requests * per_request / workers)
        return {"convert": len(todo), "unchanged": sum(p.action == "unchanged" for p in self.posts),
                "unreadable": sum(p.action == "failed" for p in self.posts), "characters": chars,
                "utterances": sum(p.utterances for p in todo), "requests": requests,
                "audio_minutes": round(chars / CHARS_PER_SECOND / 60, 1),
                "minutes": round((speaking + per_article * len(todo) / workers) / 60, 1)}


def read_rows(out: Path) -> dict[str, Row]:
    """The state store's rows, read only (an empty dict when there is none)."""
    path = out / FILE_NAME
    if not path.is_file():
        return {}
    # Without a WAL file (the last run closed it) the database is read as immutable, which creates no
    # -wal/-shm files; after a killed run the WAL holds the latest rows and is read as it is.
    wal = path.with_name(path.name + "-wal").exists()
    for uri in (f"file:{path}?mode=ro", f"file:{path}?immutable=1")[:: 1 if wal else -1]:
        try:
            with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
                return {r[0]: Row(*r) for r in db.execute(f"SELECT {', '.join(COLUMNS)} FROM posts")}
        except sqlite3.Error:
            continue
    return {}


def make_plan(source: str, options) -> Plan:
    from .run import discover_posts, listing_of
    from .speakers import Speakers

    out = folders.check(options.out)
    gate = HostGate(options.delay)
    found = discover_posts(source, options, gate)
    rows = read_rows(out)
    speakers = Speakers(options.voice, options.lexicon)
    try:
        plan = Plan(source, str(out), speakers.name, len(found.listed), rate=speakers.rate,
                    concurrency=options.concurrency)
        plan.deleted = [r.url for r in deleted_rows(rows, listing_of(source, found, options.filters.pages))]
        taken = Taken(out, rows.values())
        for post in found.posts:
            row = rows.get(post.url)
            slug = row.slug if row else unique_slug(post.url, post.slug, taken, title=post.title)
            taken.add(slug)
            plan.posts.append(_plan_post(post, row, slug, speakers, options, gate, out))
    finally:
        speakers.close()
    return plan


def _plan_post(post: Post, row: Row | None, slug: str, speakers, options, gate, out: Path) -> Planned:
    from ..api import read, script_for
    from ..cache import Cache

    planned = Planned(post.url, slug, post.title)
    if unchanged_by_date(row, post, speakers.settings, out):
        planned.action, planned.reason = "unchanged", "modified date unchanged"
        return planned
    try:
        with gate.visit(post.url):
            article = read(post.url, timeout=options.timeout)
        script = script_for(article, footnotes=options.voice.footnotes, max_chars=speakers.max_chars,
                            lexicon=options.lexicon, languages=speakers.languages)
    except ReaderError as err:
        planned.action, planned.reason = "failed", err.message
        return planned
    planned.title = article.title or post.title
    if unchanged_content(row, content_hash(article), speakers.settings, out):
        planned.action, planned.reason = "unchanged", "content unchanged"
        return planned
    cache = Cache(options.cache_dir or out / CACHE)
    utterances = [u for s in script.sections for u in s.utterances]
    keys = {cache.key(speakers.sample, u.spoken, u.lang) for u in utterances}
    planned.characters = sum(len(u.spoken) for u in utterances)
    planned.utterances = len(utterances)
    planned.requests = sum(1 for k in keys if cache.path(k) is None)
    planned.reason = "edited" if row is not None and row.status == "done" else "new"
    return planned


def plan_text(plan: Plan) -> str:
    t = plan.totals()
    lines = [f"plan for {plan.source} -> {plan.out} with {plan.engine}"
             + (f" at {plan.rate:g} requests/s" if plan.rate else "") + " (dry run: nothing is written)"]
    for p in plan.posts:
        detail = f"{p.characters} chars, {p.requests}/{p.utterances} to synthesize" if p.action == "convert" else ""
        lines.append(f"  {p.action:<9} {p.slug:<40} {p.reason}{'; ' if detail and p.reason else ''}{detail}")
    lines += [f"  deleted   {url}" for url in plan.deleted]
    lines.append(
        f"{plan.listed} posts listed, {len(plan.posts)} selected: {t['convert']} to convert, {t['unchanged']} "
        f"unchanged, {t['unreadable']} unreadable, {len(plan.deleted)} no longer listed")
    lines.append(
        f"estimate: {t['characters']} characters, {t['requests']} engine requests, about {t['audio_minutes']} "
        f"minutes of audio, about {t['minutes']} minutes to convert")
    return "\n".join(lines)

