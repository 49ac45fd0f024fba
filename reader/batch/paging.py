"""Sitemaps followed and feeds paged, within bounds: an index may list indexes (MAX_SITEMAP_DEPTH deep,
MAX_SITEMAPS files, MAX_URLS URLs, each sitemap read once), a feed is paged with ``?paged=N`` (WordPress) or its
``rel="next"`` link until a page answers 404 or repeats itself (at most MAX_FEED_PAGES). Reaching a bound is a
note and ``complete = False``; a page that fails halfway is a FetchError (half a list would look like deleted
posts)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..errors import FetchError
from . import listings
from .crawl import Crawl, Discovery, base_of, enough, unique
from .post import Post
from .select import Filters
from .urls import normalize, same_site

MAX_SITEMAP_DEPTH = 3  # index -> index -> urlset
MAX_SITEMAPS = 500
MAX_URLS = 100_000
MAX_FEED_PAGES = 200
# Sub-sitemaps by file name: (pattern, kind of their URLs; None = not posts). First match wins; default "post".
SITEMAP_KINDS = (
    (re.compile(r"wp-sitemap-posts-post-\d"), "post"),
    (re.compile(r"wp-sitemap-posts-page-\d"), "page"),
    (re.compile(r"wp-sitemap-(posts-|taxonomies-|users-)"), None),  # custom post types, terms, authors
    (re.compile(r"categor|(^|[-_/])tags?[-_.\d]|author|user|taxonom|attachment|image|video|product|locat"), None),
    (re.compile(r"(^|[-_/])pages?[-_.\d]"), "page"),
)


# ---------------------------------------------------------------- sitemaps


def _is_home(url: str, sitemap: str) -> bool:
    parts = urlsplit(url)
    return not parts.query and parts.path.strip("/") in ("", urlsplit(base_of(sitemap)).path.strip("/"))


def _sitemap_kind(url: str) -> str | None:
    name = urlsplit(url).path.rsplit("/", 1)[-1].lower()
    return next((kind for pattern, kind in SITEMAP_KINDS if pattern.search(name)), "post")


def sitemap(crawl: Crawl, url: str, listing, hosts: set[str], filters: Filters, method: str) -> Discovery:
    found = Discovery(posts=[], method=method, notes=crawl.notes)
    todo, seen, posts = [(url, listing, 0, "post")], {normalize(url)}, []
    skipped = {"other sites": 0, "robots.txt": 0}
    while todo:
        here, listing, depth, kind = todo.pop(0)
        if listing is None:
            try:
                listing = listings.parse(crawl.get(here).body)
            except FetchError as exc:
                raise FetchError(f"sitemap {here} cannot be read: {exc}") from exc
            if listing is None or listing.kind == "feed":
                raise FetchError(f"{here} is listed as a sitemap but is none; try again later")
        for row in listing.rows:
            target = normalize(row.url)
            if target is None or not same_site(target, hosts):
                skipped["other sites"] += 1
            elif listing.kind == "index":
                sub_kind = _sitemap_kind(target)
                if target in seen or sub_kind is None or (sub_kind == "page" and not filters.pages):
                    continue
                if depth + 1 > MAX_SITEMAP_DEPTH or len(seen) >= MAX_SITEMAPS:
                    found.complete = False
                    continue
                seen.add(target)
                todo.append((target, None, depth + 1, sub_kind))
            elif not crawl.allowed(target):
                skipped["robots.txt"] += 1
            elif not _is_home(target, url):
                posts.append(Post(url=target, slug="", modified=row.modified, kind=kind))
        if len(posts) > MAX_URLS:
            found.complete = False
            del posts[MAX_URLS:]
            break
    if not found.complete:
        found.notes.append(f"sitemaps: bounded (at most {MAX_SITEMAPS} files, {MAX_URLS} URLs, depth "
                           f"{MAX_SITEMAP_DEPTH}); the list may be incomplete")
    found.notes += [f"sitemaps: {n} URLs of {why} skipped" for why, n in skipped.items() if n]
    found.posts = unique(posts, found.notes)
    return found


# ---------------------------------------------------------------- feeds


def feed(crawl: Crawl, url: str, listing, hosts: set[str], filters: Filters) -> Discovery:
    found = Discovery(posts=[], method="feed", notes=crawl.notes)
    seen, posts, page, here = set(), [], 1, url
    wordpress = "wordpress" in listing.generator.lower() or urlsplit(url).path.rstrip("/").endswith("/feed")
    while True:
        new = [row for row in listing.rows if normalize(row.url) not in seen]
        if not new:
            if page > 1:  # a feed that ignores ?paged= repeats its first page
                found.complete = False
                found.notes.append(f"feed: {url} does not page; it lists only its newest {len(posts)} posts")
            break
        for row in new:
            target = normalize(row.url)
            seen.add(target)
            if target and same_site(target, hosts) and crawl.allowed(target):
                posts.append(Post(url=target, title=row.title, published=row.published, modified=row.modified,
                                  categories=row.categories))
        if enough(posts, filters):
            found.complete = False
            break
        next_url = urljoin(here, listing.next_page) if listing.next_page else (
            _with_query(url, paged=page + 1) if wordpress else None)
        if next_url is None:
            found.complete = False
            found.notes.append(f"feed: {url} does not page; it lists only its newest {len(posts)} posts")
            break
        if page >= MAX_FEED_PAGES or not same_site(next_url, hosts) or not crawl.allowed(next_url):
            found.complete = False
            found.notes.append(f"feed: stopped after {page} pages")
            break
        try:
            got = crawl.get(next_url)
        except FetchError as exc:
            if getattr(exc, "status", None) in (404, 410):
                break  # past the last page
            raise FetchError(f"the feed broke off at page {page + 1}: {exc}") from exc
        listing, here, page = listings.parse(got.body), got.url, page + 1
        if listing is None or listing.kind != "feed":
            break
    found.posts = unique(posts, found.notes)
    return found


def _with_query(url: str, **params) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in params] + [(k, str(v)) for k, v in params.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


