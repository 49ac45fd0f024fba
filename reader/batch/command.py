"""``reader batch``: the command line of batch conversion (argparse only at import time)."""

from __future__ import annotations

import argparse
import re
import sys

from ..options import add_speech_options

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$")


def iso_date(text: str) -> str:
    if not ISO_DATE.match(text.strip()):
        raise argparse.ArgumentTypeError(f"must be a date such as 2024-05-01, not {text!r}")
    return text.strip()


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < 3600:
        raise argparse.ArgumentTypeError(f"must be a number of seconds (0 or more), not {text!r}")
    return value


def per_second(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError(f"must be a positive number of requests per second, not {text!r}")
    return value


def add_parser(sub, common) -> None:
    batch = sub.add_parser(
        "batch", parents=[common], help="convert a whole blog into a folder of MP3s with a podcast feed",
        description="Find every published post of SOURCE (a site's address, a sitemap or feed URL, or a file "
        "with one URL per line) and convert each into DIR/<slug>/article.mp3 with its manifest; write "
        "DIR/index.json, DIR/feed.xml and DIR/report.json. A re-run converts only new and edited posts and "
        "finishes what an interrupted run left.",
        epilog="Exit code 8 when some articles failed (the others are converted; see DIR/report.json); 5 when "
        "Google keeps refusing (HTTP 429): the batch stops, and the posts not done wait for the next run.",
    )
    batch.add_argument("source", metavar="SOURCE")
    batch.add_argument("--out", required=True, metavar="DIR", help="the output folder (created if missing)")
    pick = batch.add_argument_group("which posts")
    pick.add_argument("--since", type=iso_date, metavar="DATE", help="only posts published on or after DATE (YYYY-MM-DD)")
    pick.add_argument("--limit", type=positive_int, metavar="N", help="only the N newest posts")
    pick.add_argument("--category", action="append", default=[], metavar="C", help="only posts in category C (repeatable)")
    pick.add_argument("--include", action="append", default=[], metavar="PATTERN",
                      help="only URLs matching PATTERN ('*' and '?' as in file names, else a part of the URL; repeatable)")
    pick.add_argument("--exclude", action="append", default=[], metavar="PATTERN", help="skip URLs matching PATTERN (repeatable)")
    pick.add_argument("--pages", action="store_true", help="also convert pages, not only posts")
    speech = batch.add_argument_group("speech")
    add_speech_options(speech)
    speech.add_argument("--cache-dir", metavar="DIR",
                        help="where synthesized utterances are cached (default: DIR/.cache inside --out)")
    speech.add_argument("--tts-rate", type=per_second, metavar="R",
                        help="requests per second to Google's voice, all workers together (default 4); offline engines are not limited")
    speech.add_argument("--concurrency", type=positive_int, default=2, metavar="N", help="articles converted at once (default 2)")
    pages = batch.add_argument_group("fetching")
    pages.add_argument("--delay", type=seconds, default=1.0, metavar="S",
                       help="seconds between two requests to the same host (default 1; one request at a time per host)")
    output = batch.add_argument_group("output")
    output.add_argument("--base-url", metavar="URL",
                        help="public address of DIR: feed.xml is written, its links point under it")
    output.add_argument("--title", metavar="TEXT", help="the podcast's name (default: the site's name)")
    output.add_argument("--cover", metavar="FILE",
                        help="the podcast's image (JPEG or PNG, 1400 to 3000 pixels square), copied into DIR")
    output.add_argument("--prune", action="store_true", help="remove the folders of posts the blog no longer lists")
    output.add_argument("--dry-run", action="store_true",
                        help="print the plan (posts, characters, engine requests, audio minutes, time); write nothing")
    wordpress = batch.add_argument_group("publishing (reader publish, for each converted post)")
    wordpress.add_argument("--publish", action="store_true",
                           help="put each converted post's audio into its WordPress post (media library + audio block)")
    wordpress.add_argument("--site", metavar="URL", help="the WordPress site (with --publish)")
    wordpress.add_argument("--user", metavar="USER", help="the WordPress user name (with --publish)")
    wordpress.add_argument("--password-file", metavar="FILE",
                           help="file holding the application password (default: $READER_WP_PASSWORD)")
    batch.set_defaults(func=run)


def publish_site(args):
    """The WordPress site of --publish (with its password), checked before any work; None without it."""
    from ..errors import UsageError

    if not args.publish:
        if args.site or args.user or args.password_file:
            raise UsageError("--site, --user and --password-file go with --publish: add it, or leave them out")
        return None
    if not (args.site and args.user):
        raise UsageError("--publish needs --site URL and --user USER (and the password in $READER_WP_PASSWORD or "
                         "--password-file)")
    from ..publish.command import read_password
    from .publishing import Site

    return Site(args.site, args.user, read_password(args.password_file))


def run(args) -> int:
    from pathlib import Path

    from ..lexicon import lexicon_for
    from .select import Filters
    from .speakers import Voice

    site = publish_site(args)
    if args.base_url:
        from .feed import checked_base_url

        checked_base_url(args.base_url)  # a bad --base-url is a usage error before any work
    if args.cover and not (Path(args.cover).expanduser().is_file()
                           and Path(args.cover).suffix.lower() in (".jpg", ".jpeg", ".png")):
        from ..errors import UsageError

        raise UsageError(f"--cover {args.cover}: give a JPEG or PNG file")
    lexicon = lexicon_for(args.lexicon, None)
    voice = Voice(engine=args.engine, voice=args.voice, rate=args.rate, footnotes=args.footnotes,
                  tts_rate=args.tts_rate)
    filters = Filters(since=args.since, limit=args.limit, categories=tuple(args.category),
                      include=tuple(args.include), exclude=tuple(args.exclude), pages=args.pages)
    from .run import Options

    options = Options(out=Path(args.out).expanduser(), voice=voice, filters=filters, lexicon=lexicon,
                      timeout=args.timeout, delay=args.delay, concurrency=args.concurrency,
                      base_url=args.base_url, prune=args.prune, title=args.title,
                      cover=Path(args.cover).expanduser() if args.cover else None,
                      cache_dir=Path(args.cache_dir).expanduser() if args.cache_dir else None)
    if site is not None and not args.dry_run:
        from .publishing import publisher
        from .run import CACHE

        options.publish = lambda engine: publisher(site, engine=engine, voice=voice, lexicon=lexicon,
                                                   cache_dir=options.cache_dir or options.out / CACHE,
                                                   timeout=args.timeout)
    if args.dry_run:
        from .plan import make_plan, plan_text

        print(plan_text(make_plan(args.source, options)))
        return 0
    from .progress import Progress
    from .run import run_batch
    from .summary import raise_if_failed, summary_lines

    with Progress(enabled=not args.quiet and sys.stderr.isatty(), verbose=not args.quiet) as progress:
        options.events = progress
        report = run_batch(args.source, options)
    if not args.quiet:
        for line in summary_lines(report):
            print(f"reader: {line}", file=sys.stderr)
    raise_if_failed(report)
    return 0
