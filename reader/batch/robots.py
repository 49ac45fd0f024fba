"""robots.txt for a crawl that does not go through the site's REST API (urllib.robotparser, reader's user agent).

What the server answers decides, as RFC 9309 says: 2xx -> its rules; 4xx (no file) -> everything allowed;
5xx or no answer -> nothing allowed (the site cannot say what it wants, so reader does not crawl it).
``Crawl-delay`` and ``Sitemap:`` lines are read too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.robotparser import RobotFileParser

from ..fetch import USER_AGENT

AGENT = USER_AGENT.split("/", 1)[0]  # "reader": robots.txt groups name products, not versions
MAX_CRAWL_DELAY = 60.0


@dataclass
class Robots:
    parser: RobotFileParser | None = None  # None: allow everything
    refuse_all: bool = False
    sitemaps: list[str] = field(default_factory=list)
    crawl_delay: float = 0.0

    def allows(self, url: str) -> bool:
        if self.refuse_all:
            return False
        return self.parser is None or self.parser.can_fetch(AGENT, url)


def from_answer(status: int | None, text: str = "") -> Robots:
    """Robots from robots.txt's HTTP status (None: no answer at all) and body."""
    if status is None or status >= 500:
        return Robots(refuse_all=True)
    if status >= 400:
        return Robots()
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    delay = parser.crawl_delay(AGENT)
    try:
        delay = min(max(float(delay or 0), 0.0), MAX_CRAWL_DELAY)
    except (TypeError, ValueError):
        delay = 0.0
    return Robots(parser=parser, sitemaps=list(parser.site_maps() or []), crawl_delay=delay)
