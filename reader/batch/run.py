"""``reader batch`` as one function: discover, select, convert, then write index.json, feed.xml, report.json.

    report = run_batch("https://blog.example/", Options(out=Path("audio"), voice=Voice(engine="espeak")))

Plain data in (Options), plain data out (the report dict, also written to DIR/report.json).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from . import folders, outputs
from .polite import HostGate
from .post import Post
from .runner import CACHE, Job, Outcome, convert_all, outcome_dict
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
    cache_dir: Path | None = None  # default: DIR/.cache
    prune: bool = False
    publish: object = None  # --publish: make(engine name) -> publish(post) (reader.batch.publishing), or None
    events: object = None


def discover_posts(source: str, options: Options, gate: HostGate):
    """Every post SOURCE lists (pages too with --pages; the other filters are applied by ``select``)."""
    from .discover import discover

    return discover(source, include_pages=options.filters.pages, timeout=options.timeout, gate=gate)


def run_batch(source: str, options: Options) -> dict:
    started, began = now(), time.monotonic()
    out = folders.prepare(options.out)
    with folders.locked(out):
        folders.clear_staging(out)
        if options.cache_dir is None:  # DIR's own cache: nobody else writes in it while this run holds the lock
            folders.clear_unfinished_cache(out / CACHE)
        gate = HostGate(options.delay)
        found = discover_posts(source, options, gate)
        chosen = select(found.posts, options.filters)
        state = State(out)
        speakers = Speakers(options.voice, options.lexicon)
        try:
            check_auto_engine(options.voice, speakers, state.rows().values(), out)
            job = Job(out=out, speakers=speakers, footnotes=options.voice.footnotes, lexicon=options.lexicon,
                      cache_dir=options.cache_dir,
                      timeout=options.timeout, delay=options.delay, concurrency=options.concurrency,
                      publish=options.publish(speakers.name) if options.publish else None,
                      events=options.events, gate=gate)
            listed = {p.url for p in found.posts} if found.complete else None  # half a list: no deletions
            outcomes = convert_all(job, state, chosen, listed, prune=options.prune)
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


def check_auto_engine(wanted: Voice, speakers: Speakers, rows, out: Path) -> None:
    """--engine auto must not switch a kept-current folder to another voice because the network is down."""
    if wanted.engine != "auto":
        return
    made = sorted({json.loads(r.settings).get("engine") for r in rows if r.status == "done" and r.settings})
    if made and speakers.name not in made:
        raise UsageError(f"the audio in {out} was made with {', '.join(made)}, but --engine auto chose "
                         f"{speakers.name} this time ({speakers.reason}); give --engine {made[0]} to keep its voice, "
                         f"or --engine {speakers.name} to convert every post again")


def build_report(source: str, out: Path, found, chosen: list[Post], outcomes: list[Outcome], rows,
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
        "discovery": {"method": found.method, "notes": list(found.notes), "listed": len(found.posts),
                      "complete": found.complete, "selected": len(chosen)},
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
