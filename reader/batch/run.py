"""``reader batch`` as one function: discover, select, convert, then write index.json, feed.xml, report.json.

    report = run_batch("https://blog.example/", Options(out=Path("audio"), voice=Voice(engine="espeak")))

Plain data in (Options), plain data out (the report dict, also written to DIR/report.json).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..sniff import local_path
from . import folders, outputs
from .polite import HostGate
from .post import Post
from .runner import CACHE, Job, Listing, Outcome, convert_all
from .select import Filters
from .speakers import Speakers, Voice
from .state import State, now
from .urls import normalize

STATUSES = ("converted", "unchanged", "failed", "deleted", "pruned", "pending")


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
    title: str | None = None  # the podcast's name (default: the site's)
    cover: Path | None = None  # an image for the podcast, copied into DIR
    cache_dir: Path | None = None  # default: DIR/.cache
    prune: bool = False
    publish: object = None  # --publish: make(engine name) -> publish(post, audio) (reader.batch.publishing), or None
    events: object = None


def discover_posts(source: str, options: Options, gate: HostGate):
    """The posts SOURCE lists that the filters keep (discovery applies them, in one place)."""
    from .discover import discover

    f = options.filters
    return discover(source, include_pages=f.pages, since=f.since, limit=f.limit, category=f.categories,
                    include=f.include, exclude=f.exclude, timeout=options.timeout, gate=gate)


def source_key(source: str) -> str:
    """SOURCE as the state store remembers it: a URL in its one spelling, a file by its full path."""
    if local_path(source) is not None:
        return "file:" + str(Path(source).expanduser().resolve())
    return normalize(source) or source.strip()


def listing_of(source: str, found, pages: bool) -> Listing:
    """What this run can tell about deleted posts: nothing from a file of URLs or a listing not read whole."""
    whole = found.complete and found.method != "urls"
    kinds = {"post", "page"} if pages and found.method in ("rest", "wp-sitemap", "sitemap") else {"post"}
    return Listing(frozenset(found.listed) if whole else None, source_key(source), frozenset(kinds))


def run_batch(source: str, options: Options) -> dict:
    """The whole command; raises RateLimitedError (after writing the outputs) when Google stopped it."""
    started, began = now(), time.monotonic()
    folders.check(options.out)
    gate = HostGate(options.delay)
    found = discover_posts(source, options, gate)  # before DIR exists: a bad SOURCE leaves nothing behind
    out = folders.prepare(options.out)
    with folders.locked(out):
        outputs.check_ours(out)
        folders.clear_staging(out)
        if options.cache_dir is None:  # DIR's own cache: nobody else writes in it while this run holds the lock
            folders.clear_unfinished_cache(out / CACHE)
        if options.cover:
            copy_cover(options.cover, out)
        state = State(out)
        speakers = Speakers(options.voice, options.lexicon)
        try:
            check_auto_engine(options.voice, speakers, state.rows().values(), out)
            job = Job(out=out, speakers=speakers, footnotes=options.voice.footnotes, lexicon=options.lexicon,
                      cache_dir=options.cache_dir,
                      timeout=options.timeout, delay=options.delay, concurrency=options.concurrency,
                      publish=options.publish(speakers.name) if options.publish else None,
                      events=options.events, gate=gate)
            outcomes = convert_all(job, state, found.posts, listing_of(source, found, options.filters.pages),
                                   prune=options.prune)
            rows = list(state.rows().values())
        finally:
            speakers.close()
            state.close()
            folders.clear_staging(out)
        folders.pause_point("index")  # every post recorded, the index not written yet
        index = outputs.build_index(rows, source=source, base_url=options.base_url)
        outputs.write_json(out, outputs.INDEX, index)
        feed = outputs.write_feed(out, index, base_url=options.base_url, title=options.title or found.title or None)
        report = build_report(source, out, found, found.posts, outcomes, rows, speakers, started=started,
                              seconds=time.monotonic() - began, feed=feed, halted=job.halted)
        outputs.write_json(out, outputs.REPORT, report)
    if job.halted is not None:
        from .summary import posts

        finished = report["counts"]["converted"] + report["counts"]["unchanged"]
        raise type(job.halted)(f"{job.halted.message}; this run stopped: {posts(finished)} done and kept, "
                               f"{posts(report['counts']['pending'])} left for the next run")
    return report


def copy_cover(cover: Path, out: Path) -> str:
    """--cover FILE: copied into DIR as cover.jpg or cover.png (the feed's itunes:image); its name in DIR."""
    from ..errors import OutputError
    from ..files import write_bytes

    suffix = cover.suffix.lower().replace(".jpeg", ".jpg")
    if suffix not in (".jpg", ".png"):
        raise UsageError(f"--cover {cover}: give a JPEG or PNG image (podcast directories want 1400 to 3000 "
                         "pixels square)")
    try:
        data = cover.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read --cover {cover}: {exc.strerror or exc}") from exc
    name = f"cover{suffix}"
    target = out / name
    if target.exists() and target.read_bytes() != data and not target.samefile(cover):
        raise OutputError(f"{target} exists and is another image: remove it to use --cover {cover}")
    if not target.exists():
        write_bytes(target, data)
    return name


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
                 speakers, *, started: str, seconds: float, feed: bool, halted=None) -> dict:
    counts = Counter(o.status for o in outcomes)
    counts["pending"] = len({p.url for p in chosen} - {o.url for o in outcomes})  # not reached (stopped early)
    good = [r for r in rows if outputs.has_good_version(r)]
    return {
        "generator": outputs.generator(),
        "source": source,
        "out": str(out),
        "started": started,
        "finished": now(),
        "seconds": round(seconds, 3),
        "engine": speakers.name,
        "engine_reason": speakers.reason,
        "tts_rate": speakers.rate,
        "discovery": {"method": found.method, "notes": list(found.notes), "listed": len(found.listed),
                      "complete": found.complete, "selected": len(chosen)},
        "counts": {status: counts.get(status, 0) for status in STATUSES},
        "synthesized": sum(o.synthesized for o in outcomes),
        "cached": sum(o.cached for o in outcomes),
        "rate_limit_pauses": speakers.limiter.pauses if speakers.limiter else 0,
        "rate_limit_waits": [round(w, 3) for w in speakers.limiter.waits] if speakers.limiter else [],
        "stopped": halted.message if halted is not None else None,
        "audio_ms_converted": sum(o.duration_ms for o in outcomes if o.status == "converted"),
        "audio_ms_total": sum(r.duration_ms for r in good),
        "posts_with_audio": len(good),
        "feed": outputs.FEED if feed else None,
        "failed": [{"url": o.url, "reason": o.reason} for o in outcomes if o.status == "failed"],
        "posts": [asdict(o) for o in outcomes],
    }
