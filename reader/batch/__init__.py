"""Batch conversion of a whole blog: discover posts, convert them incrementally and resumably, publish a feed.

Stages (plain data between them, side effects at the edges):
    discover.py   SOURCE (site, sitemap, feed, file of URLs) -> list[Post]           (network, read only)
    runner.py     list[Post] -> converted articles in DIR, recorded in the state store (speech, files)
    state.py      the SQLite store in DIR that makes a run resumable
    feed.py       index -> DIR/feed.xml (podcast RSS 2.0)                             (plain data -> XML)

Around the runner: run.py (``run_batch``: the whole command as one function), select.py (the filters, applied
once, by discovery), slugs.py (safe folder names), folders.py (reader's own folder in DIR, staging, swapping a
post's folder in whole, the run's lock, whose folder is whose), speakers.py (engines with one shared rate limiter
and its breaker, ``reader.engines.ratelimit``), polite.py (one request at a time per host), outputs.py
(index.json, report.json, feed.xml, never over a file reader did not make), plan.py (--dry-run), publishing.py
(--publish), progress.py and summary.py (what the user sees), command.py (argparse).
"""
