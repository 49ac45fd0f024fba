"""What the parts of discovery share: the result (``Discovery``), the network side of one run (``Crawl``:
requests through reader's HTTP policy and the per-host gate, robots.txt rules once known, notes), and a few
small rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit, urlunsplit

from ..errors import FetchError
from ..fetch import Download, download, make_session
from .polite import HostGate
from .post import Post
from .select import Filters


@dataclass
class Discovery:
    posts: list[Post]
    method: str  # "rest", "wp-sitemap", "sitemap", "feed", "urls"
    notes: list[str] = field(default_factory=list)
    complete: bool = True  # False: the source was not read to its end (a bound, a feed without paging, --limit)
    listed: list[str] = field(default_factory=list)  # every post URL the source gave, before the filters
    title: str = ""  # the site's name (the feed's or the home page's <title>), for the podcast feed


Get = Callable[[str], Download]


class Crawl:
    """The network side of one discovery: requests through the gate, robots rules once known, notes."""

    def __init__(self, get: Get | None, gate: HostGate, timeout, retries: int, backoff: float):
        self.gate, self.notes, self.robots = gate, [], None
        self.tried: list[str] = []  # what was probed (paths), for the 'no posts found' message
        self.session = make_session() if get is None else None
        self._get = get or (lambda url: download(url, timeout=timeout, retries=retries, backoff=backoff,
                                                 session=self.session))

    def close(self) -> None:
        if self.session is not None:
            self.session.close()

    def get(self, url: str) -> Download:
        with self.gate.visit(url):
            return self._get(url)

    def probe(self, url: str, what: str) -> Download | None:
        """The answer, or None (with a note) when the URL does not answer with success."""
        parts = urlsplit(url)
        self.tried.append(parts.path + (f"?{parts.query.split('&')[0]}" if parts.query else ""))
        if not self.allowed(url):
            self.notes.append(f"{what}: {url} is disallowed by robots.txt")
            return None
        try:
            return self.get(url)
        except FetchError as exc:
            self.notes.append(f"{what}: {exc}")
            return None

    def allowed(self, url: str) -> bool:
        return self.robots is None or self.robots.allows(url)


def unique(posts: list[Post], notes: list[str]) -> list[Post]:
    seen: set[str] = set()
    kept = [p for p in posts if not (p.url in seen or seen.add(p.url))]
    if len(kept) < len(posts):
        notes.append(f"{len(posts) - len(kept)} duplicate URLs ignored")
    return kept


def enough(listed: list, filters: Filters) -> bool:
    """Newest first, --limit N needs no more than N entries when no other filter drops any of them."""
    return bool(filters.limit and len(listed) >= filters.limit
                and not (filters.include or filters.exclude or filters.categories or filters.since))


def base_of(url: str) -> str:
    """The folder of a URL: the site's base for relative paths (``/blog/`` for ``/blog/`` and ``/blog/x``)."""
    parts = urlsplit(url)
    path = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
