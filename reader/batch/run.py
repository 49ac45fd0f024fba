"""``reader batch`` as one function: discover, select, convert, then write index.json, feed.xml, report.json.

    report = run_batch("https://blog.example/", Options(out=Path("audio"), voice=Voice(engine="espeak")))

Plain data in (Options), plain data out (the report dict, also written to DIR/report.json).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from . import folders, outputs
from .post import Post
from .runner import Job, Outcome, convert_all, outcome_dict
from .select import Filters, select
from .speakers import Speakers, Voice
from .state import State, now

STATUSES = ("converted", "unchanged", "failed", "deleted", "pruned")


@dataclass
class Options:
    out: Path
    voice: Voice = field(default_factory=Voice)
    filters: Filters = field(default_factory=Filters)
    lexicon: object = None
    timeout: float | None = None
    delay: float = 1.0
    concurrency: int = 2
    base_url: str | None = None
    prune: bool = False
    publish: object = None  # a callable publish(post_folder, post), or None
    events: object = None


@dataclass
class Discovered:
    posts: list[Post]
    method: str = ""
    notes: list[str] = field(default_factory=list)


def discover_posts(source: str, *, timeout: float | None = None, delay: float = 1.0) -> Discovered:
    """Every post SOURCE lists (a site, a sitemap, a feed, or a file with one URL per line)."""
    try:
        from .discover import discover
    except ImportError:
        return Discovered(url_file(source), "url-file")
    found = discover(source, timeout=timeout, delay=delay)
    return Discovered(list(found.posts), found.method, list(found.notes))


def url_file(source: str) -> list[Post]:
    path = Path(source).expanduser()
    if not path.is_file():
        raise UsageError(f"{source} is not a file of URLs (one per line)")
    lines = path.read_text(encoding="utf-8").splitlines()
    urls = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return [Post(url=url) for url in dict.fromkeys(urls)]


def run_batch(source: str, options: Options) -> dict:
    started, began = now(), time.monotonic()
    out = folders.prepare(options.out)
    with folders.locked(out):
        folders.clear_staging(out)
        found = discover_posts(source, timeout=options.timeout, delay=options.delay)
        chosen = select(found.posts, options.filters)
        state = State(out)
        speakers = Speakers(options.voice, options.lexicon)
        try:
            job = Job(out=out, speakers=speakers, footnotes=options.voice.footnotes, lexicon=options.lexicon,
                      timeout=options.timeout, delay=options.delay, concurrency=options.concurrency,
                      publish=options.publish, events=options.events)
            outcomes = convert_all(job, state, chosen, {p.url for p in found.posts}, prune=options.prune)
            rows = list(state.rows().values())
        finally:
            speakers.close()
            state.close()
            folders.clear_staging(out)
        index = outputs.build_index(rows, source=source, base_url=options.base_url)
        outputs.write_json(out / outputs.INDEX, index)
        feed = outputs.write_feed(out, index, base_url=options.base_url)
        report = build_report(source, out, found, chosen, outcomes, rows, speakers, started=started,
                              seconds=time.monotonic() - began, feed=feed)
        outputs.write_json(out / outputs.REPORT, report)
    return report


def build_report(source: str, out: Path, found: Discovered, chosen: list[Post], outcomes: list[Outcome], rows,
                 speakers, *, started: str, seconds: float, feed: bool) -> dict:
    counts = Counter(o.status for o in outcomes)
    done = [r for r in rows if r.status == "done"]
    return {
        "source": source,
        "out": str(out),
        "started": started,
        "finished": now(),
        "seconds": round(seconds, 3),
        "engine": speakers.name,
        "engine_reason": speakers.reason,
        "tts_rate": speakers.rate,
        "discovery": {"method": found.method, "notes": found.notes, "listed": len(found.posts),
                      "selected": len(chosen)},
        "counts": {status: counts.get(status, 0) for status in STATUSES},
        "synthesized": sum(o.synthesized for o in outcomes),
        "cached": sum(o.cached for o in outcomes),
        "rate_limit_pauses": speakers.limiter.pauses if speakers.limiter else 0,
        "audio_ms_converted": sum(o.duration_ms for o in outcomes if o.status == "converted"),
        "audio_ms_total": sum(r.duration_ms for r in done),
        "posts_with_audio": len(done),
        "feed": outputs.FEED if feed else None,
        "failed": [{"url": o.url, "reason": o.reason} for o in outcomes if o.status == "failed"],
        "posts": [outcome_dict(o) for o in outcomes],
    }
