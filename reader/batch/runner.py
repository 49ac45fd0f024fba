"""Convert a list of posts into DIR, incrementally and resumably.

For each selected post, in this order of cheapness:
1. done before with the same ``modified`` date and settings, and its folder complete: skipped, no fetch;
2. fetched; the article's content hash and the settings unchanged: skipped, nothing synthesized;
3. otherwise spoken into a staging folder (utterances come from the cache in DIR, so an edited post
   synthesizes only its changed sentences), its extra files made (VTT, chapters), and swapped in whole.
The state store records each step as it happens. One post's failure is recorded and the batch goes on;
only Google refusing for good (``RateLimitedError``, the shared limiter's breaker) stops it: the posts not
finished stay pending for the next run. Posts the source no longer lists are reported as deleted (their
folder removed with ``prune``), but only when this run read that source's complete listing of their kind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..embed.vtt import write_vtt_files
from ..engines.ratelimit import RateLimitedError
from ..errors import ReaderError
from . import folders, outputs
from .feed import chapters_json
from .polite import HostGate
from .post import Post
from .state import Row, State, now
from .slugs import unique_slug

log = logging.getLogger("reader")

CACHE = ".cache"  # the utterance cache inside DIR: the folder is self-contained


@dataclass
class Outcome:
    """What happened to one post in this run (plain data: the report and the summary read it)."""

    url: str
    slug: str
    title: str = ""
    status: str = "converted"  # converted | unchanged | failed | deleted | pruned
    reason: str = ""  # why: 'modified date unchanged', the error message ...
    synthesized: int = 0
    cached: int = 0
    duration_ms: int = 0
    seconds: float = 0.0


@dataclass
class Job:
    out: Path
    speakers: object  # reader.batch.speakers.Speakers
    footnotes: str = "end"
    lexicon: object = None
    timeout: float | None = None
    delay: float = 1.0
    concurrency: int = 2
    cache_dir: Path | None = None
    publish: Callable | None = None  # publish(post, audio) -> what WordPress now has (a key); raises ReaderError
    events: object = None  # on_start(total), on_begin(post), on_end(outcome): progress display
    gate: object = None  # reader.batch.polite.HostGate shared with discovery (default: a new one)
    stop: threading.Event = field(default_factory=threading.Event)
    halted: RateLimitedError | None = None  # why the batch stopped early (the posts not done stay pending)


@dataclass(frozen=True)
class Listing:
    """What this run's SOURCE listed, for telling deleted posts: ``urls`` is None when the listing was not
    read to its end (or is a file of URLs), so nothing is taken for deleted; only rows of this ``source``
    and of the ``kinds`` it listed count."""

    urls: frozenset[str] | None
    source: str = ""
    kinds: frozenset[str] = frozenset({"post"})


class _Quiet:
    def on_start(self, total: int) -> None: ...
    def on_begin(self, post: Post) -> None: ...
    def on_end(self, outcome: Outcome) -> None: ...


def content_hash(article) -> str:
    """What is read aloud (title, language, blocks, footnotes), not the page around it or its dates."""
    data = article.to_dict()
    spoken = {k: data.get(k) for k in ("title", "language", "blocks", "footnotes")}
    return hashlib.sha256(json.dumps(spoken, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class Taken:
    """Folder names a new post cannot have: other posts' (``rows``), and DIR's entries that are not post
    folders of reader's (the user's own files and folders). Asked only for the names new posts want."""

    def __init__(self, out: Path, rows):
        self.out, self.names = out, {r.slug for r in rows}

    def __contains__(self, name: str) -> bool:
        return name in self.names or folders.taken_by_others(self.out, name)

    def add(self, name: str) -> None:
        self.names.add(name)


def assign_slugs(state: State, posts: list[Post], out: Path, source: str = "") -> dict[str, Row]:
    """Every post gets its row (and its folder name, kept from then on), and the source that lists it now;
    returns the rows by URL."""
    rows = state.rows()
    taken = Taken(out, rows.values())
    for post in posts:
        row = rows.get(post.url)
        if row is None:
            slug = unique_slug(post.url, post.slug, taken, title=post.title)
            taken.add(slug)
            state.add(post.url, slug, title=post.title, published=post.published, categories=post.categories,
                      kind=post.kind, source=source)
        elif (row.source, row.kind) != (source, post.kind):
            state.update(post.url, source=source, kind=post.kind)
    return state.rows()


def unchanged_by_date(row: Row | None, post: Post, settings: str, out: Path) -> bool:
    """Done before with the same modified date and settings: nothing to fetch."""
    return (row is not None and row.status == "done" and post.modified is not None and row.modified == post.modified
            and row.settings == settings and folders.complete(out / row.slug))


def unchanged_content(row: Row | None, digest: str, settings: str, out: Path) -> bool:
    """The folder already holds this text, spoken with these settings (whatever the last attempt did)."""
    return (row is not None and bool(row.content_hash) and row.content_hash == digest and row.settings == settings
            and folders.complete(out / row.slug))


def deleted_rows(rows: dict[str, Row], listing: Listing) -> list[Row]:
    """Rows of this source and a kind it listed in full, that it no longer lists."""
    if listing.urls is None:
        return []
    return [r for url, r in rows.items()
            if url not in listing.urls and r.source == listing.source and r.kind in listing.kinds]


def convert_all(job: Job, state: State, posts: list[Post], listing: Listing, *,
                prune: bool = False) -> list[Outcome]:
    """Convert the selected ``posts``; ``listing`` says what the source lists (for deletions)."""
    events = job.events or _Quiet()
    rows = assign_slugs(state, posts, job.out, listing.source)
    _undeleted(job, state, rows, listing)
    outcomes = _deletions(job, state, rows, listing, prune)
    todo = []
    for post in posts:
        row = rows[post.url]
        if unchanged_by_date(row, post, job.speakers.settings, job.out) and not _to_publish(job, row):
            outcomes.append(Outcome(post.url, row.slug, row.title, "unchanged", "modified date unchanged"))
        else:
            todo.append(post)
    events.on_start(len(todo))
    gate = job.gate or HostGate(job.delay)
    pool = ThreadPoolExecutor(max_workers=max(1, job.concurrency), thread_name_prefix="reader-batch")
    try:
        futures = [pool.submit(_guarded, job, state, gate, post, rows[post.url]) for post in todo]
        for future in as_completed(futures):
            outcome = future.result()
            if outcome is not None:
                outcomes.append(outcome)
                events.on_end(outcome)
    except BaseException:  # Ctrl-C, SIGTERM: no new article starts, running ones stop their engine
        job.stop.set()
        job.speakers.cancel_all()
        pool.shutdown(wait=True, cancel_futures=True)
        folders.clear_staging(job.out)
        raise
    pool.shutdown(wait=True)
    return outcomes


def _undeleted(job: Job, state: State, rows: dict[str, Row], listing: Listing) -> None:
    """A post listed again after it was taken for deleted is what it was (its folder kept) or pending."""
    for url, row in rows.items():
        if row.status == "deleted" and listing.urls is not None and url in listing.urls:
            row.status = "done" if row.content_hash and folders.complete(job.out / row.slug) else "pending"
            state.update(url, status=row.status)


def _deletions(job: Job, state: State, rows: dict[str, Row], listing: Listing, prune: bool) -> list[Outcome]:
    found = []
    for row in deleted_rows(rows, listing):
        if prune and folders.remove_post(job.out / row.slug):
            state.remove(row.url)
            found.append(Outcome(row.url, row.slug, row.title, "pruned", "no longer listed; folder removed"))
            continue
        if row.status != "deleted":
            state.update(row.url, status="deleted")
        reason = "no longer listed" + ("; folder kept (not only reader's files)" if prune else "; --prune removes it")
        found.append(Outcome(row.url, row.slug, row.title, "deleted", reason))
    return found


def _guarded(job: Job, state: State, gate, post: Post, row: Row) -> Outcome | None:
    """One post, whatever happens: an error becomes a failed Outcome (and a row that says why)."""
    if job.stop.is_set():
        return None
    (job.events or _Quiet()).on_begin(post)
    began = time.monotonic()
    try:
        outcome = _convert(job, state, gate, post, row)  # may be 'failed' to publish: its audio stays done
    except RateLimitedError as err:  # Google keeps refusing: the whole batch stops, this post stays pending
        job.halted = job.halted or err
        job.stop.set()
        state.update(post.url, status="pending")
        return None
    except Exception as err:  # this post fails, the batch goes on
        if job.stop.is_set():
            if job.halted is not None:
                state.update(post.url, status="pending")
            return None  # stopped (Ctrl-C, or Google refusing), not failed: it is redone next time
        if isinstance(err, ReaderError):
            reason = err.message
        else:  # a bug, or something unforeseen
            log.debug("converting %s failed", post.url, exc_info=True)
            reason = f"internal error ({type(err).__name__}: {err})"
        outcome = Outcome(post.url, row.slug, post.title or row.title, "failed", reason)
        state.update(post.url, status="failed", error=reason, finished=now())
    outcome.seconds = round(time.monotonic() - began, 3)
    return outcome


def _read(job: Job, gate, url: str):
    from ..api import read

    with gate.visit(url):
        return read(url, timeout=job.timeout)


def _convert(job: Job, state: State, gate, post: Post, row: Row) -> Outcome:
    article = _read(job, gate, post.url)
    digest = content_hash(article)
    title = article.title or post.title
    common = dict(title=title, published=post.published or article.published, modified=post.modified,
                  categories=post.categories, description=lead(article))
    dest = job.out / row.slug
    if unchanged_content(row, digest, job.speakers.settings, job.out):
        state.update(post.url, status="done", error="", **common)
        outcome = Outcome(post.url, row.slug, title, "unchanged", "content unchanged")
        return _published(job, state, post, outcome) if _to_publish(job, row) else outcome
    if job.stop.is_set():
        raise InterruptedError("stopped")
    state.started(post.url)
    staged = folders.new_staging(job.out, row.slug)
    try:
        result = _speak(job, article, staged)
        _extras(staged)
        folders.swap_in(staged, dest)
    finally:
        shutil.rmtree(staged, ignore_errors=True)  # gone already when it was swapped in
    audio = dest / outputs.AUDIO
    state.update(post.url, status="done", settings=job.speakers.settings, content_hash=digest,
                 audio_bytes=audio.stat().st_size, duration_ms=result.duration_ms, synthesized=result.synthesized,
                 cached=result.cached, error="", finished=now(), publish_key="", **common)
    outcome = Outcome(post.url, row.slug, title, "converted", "", result.synthesized, result.cached,
                      result.duration_ms)
    return _published(job, state, post, outcome) if job.publish is not None else outcome


def lead(article, limit: int = 400) -> str:
    """The article's first paragraph (its excerpt in the feed), cut at a word near ``limit``."""
    text = next((b.text for b in article.blocks if b.kind == "paragraph" and b.text.strip()), "")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _to_publish(job: Job, row: Row) -> bool:
    return job.publish is not None and not row.publish_key


def _published(job: Job, state: State, post: Post, outcome: Outcome) -> Outcome:
    """--publish: put the post's audio into its WordPress; a refusal fails this post (its audio stays)."""
    try:
        key = job.publish(post, job.out / outcome.slug / outputs.AUDIO)
    except ReaderError as err:
        outcome.status, outcome.reason = "failed", f"converted, but not published: {err.message}"
        state.update(post.url, error=outcome.reason)
        return outcome
    state.update(post.url, publish_key=key)
    outcome.reason = "; ".join(filter(None, [outcome.reason, "published"]))
    return outcome


def _speak(job: Job, article, staged: Path):
    from ..api import speak

    engine = job.speakers.open()
    try:
        return speak(article, staged / outputs.AUDIO, engine=engine, footnotes=job.footnotes,
                     cache_dir=job.cache_dir or job.out / CACHE, lexicon=job.lexicon)
    finally:
        job.speakers.release(engine)


def _extras(staged: Path) -> None:
    """Files made from the manifest: WebVTT chapters and captions (embed), chapters JSON (feed)."""
    manifest_path = staged / outputs.MANIFEST
    write_vtt_files(manifest_path)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    outputs.write_json(staged, outputs.CHAPTERS, chapters_json(manifest))
