"""Batch conversion of a whole blog: discover posts, convert them incrementally and resumably, publish a feed.

Stages (plain data between them, side effects at the edges):
    discover.py   SOURCE (site, sitemap, feed, file of URLs) -> list[Post]           (network, read only)
    runner.py     list[Post] -> converted articles in DIR, recorded in the state store (speech, files)
    state.py      the SQLite store in DIR that makes a run resumable
    feed.py       index -> DIR/feed.xml (podcast RSS 2.0)                             (plain data -> XML)
"""
