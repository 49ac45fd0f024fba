"""Which of the discovered posts a run converts: the filters of the command line, as plain data.

``--since DATE`` keeps posts published on or after DATE (a post without a date is kept: it cannot be
told apart); ``--category`` matches a category's name or slug, case-insensitively; ``--include`` and
``--exclude`` take URL patterns (``*`` and ``?`` as in file names, otherwise a part of the URL);
pages (``kind == "page"``) only with ``--pages``; ``--limit N`` keeps the N newest of what is left.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from ..errors import UsageError
from .post import Post
from .slugs import slugify


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # ISO date (YYYY-MM-DD) or date-time
    limit: int | None = None
    categories: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    pages: bool = False


def url_matches(url: str, pattern: str) -> bool:
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(url, pattern)
    return pattern in url


def check_category(wanted: tuple[str, ...], have: set[str], names: list[str]) -> None:
    """--category names a category the site has (``have``: the site's categories slugified, ``names`` to show)."""
    if not have & {slugify(c) for c in wanted}:
        shown = ", ".join(sorted(names)[:12])
        raise UsageError(f"no category {', '.join(wanted)} on this site; it has: {shown}")


def _in_category(post: Post, wanted: tuple[str, ...]) -> bool:
    have = {slugify(c) for c in post.categories}
    return any(slugify(c) in have for c in wanted)


RULES = (  # (what it checks, applies when) -> a post is kept when every rule that applies says yes
    (lambda p, f: p.kind != "page" or f.pages, lambda f: True),
    (lambda p, f: p.published is None or p.published[:len(f.since)] >= f.since[:len(p.published)], lambda f: f.since),
    (lambda p, f: _in_category(p, f.categories), lambda f: f.categories),
    (lambda p, f: any(url_matches(p.url, pat) for pat in f.include), lambda f: f.include),
    (lambda p, f: not any(url_matches(p.url, pat) for pat in f.exclude), lambda f: f.exclude),
)


def select(posts: list[Post], filters: Filters) -> list[Post]:
    """The posts to convert, newest first (undated ones last, in their order)."""
    kept = [p for p in posts if all(check(p, filters) for check, applies in RULES if applies(filters))]
    dated = sorted((p for p in kept if p.published), key=lambda p: p.published, reverse=True)
    chosen = dated + [p for p in kept if not p.published]
    return chosen[: filters.limit] if filters.limit is not None else chosen
