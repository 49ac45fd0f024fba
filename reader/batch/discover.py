"""SOURCE -> every published post it lists, as plain ``Post`` data. Read only; the network is reached through
reader's one HTTP policy (``reader.fetch.download``) behind a per-host gate that spaces requests ``delay`` apart.

SOURCE is
- a site URL (the home page, or the folder WordPress lives in). Tried in order, the first that lists posts wins:
  the WordPress REST API (the root the site names in its ``Link: rel="https://api.w.org/"`` header or
  ``<link>``, else ``/wp-json/`` and ``/?rest_route=/``), ``/wp-sitemap.xml``, ``/sitemap.xml`` and the
  ``Sitemap:`` lines of robots.txt, the feed (the page's ``<link rel="alternate">`` or ``/feed/``) paged with
  ``?paged=N`` or its ``rel="next"`` link;
- a sitemap or sitemap index URL, or an RSS/Atom feed URL (recognised by what it answers);
- a file with one URL per line (``#`` starts a comment): taken as it is, any host, robots.txt not asked.
Without the REST API, robots.txt is honoured for every sitemap, feed page and post URL (``robots.py``).

Only posts of the site's own host (with or without ``www.``, http or https) are kept, each URL once
(``urls.normalize``); pages only with ``include_pages`` (REST ``/wp/v2/pages``, sitemaps named for pages);
drafts never (the REST API and sitemaps list published posts only). The parts: ``rest.py`` (the REST API),
``paging.py`` (sitemaps followed and feeds paged, with their bounds against hostile sources), ``listings.py``
(sitemap and feed XML -> rows), ``robots.py``, ``urls.py``, ``crawl.py`` (what they share).

Errors: a bad SOURCE or filter -> UsageError (2); the site cannot be reached, or a listing breaks off halfway
-> FetchError (3) (half a list would look like deleted posts); a site that answers but lists no post by any
method -> NotAnArticleError (4), "no posts found". Filters that leave nothing are not an error.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from pathlib import Path
from typing import Sequence
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError, NotAnArticleError, UsageError
from ..fetch import DEFAULT_TIMEOUT, Download
from ..sniff import local_path, looks_like_host
from . import listings, robots as robots_txt
from .crawl import Crawl, Discovery, Get, base_of, unique
from .paging import feed, sitemap
from .polite import HostGate
from .post import Post
from .rest import api_roots, rest_listing
from .select import Filters, check_category, select
from .slugs import slugify
from .urls import normalize, read_url_file, same_site, site_key

__all__ = ["Discovery", "discover"]

FEED_TYPES = ("application/rss+xml", "application/atom+xml")
_LINK_TAG = re.compile(r"<link\b[^>]{0,2000}>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")


def discover(source: str, *, include_pages: bool = False, since: str | None = None, limit: int | None = None,
             category: str | Sequence[str] | None = None, include: Sequence[str] = (), exclude: Sequence[str] = (),
             get: Get | None = None, delay: float = 0.0, gate: HostGate | None = None,
             timeout: float | tuple[float, float] | None = None, retries: int = 3, backoff: float = 0.5) -> Discovery:
    """Every published post SOURCE lists, filtered (``select.select``) and deduplicated, newest first."""
    categories = (category,) if isinstance(category, str) else tuple(category or ())
    filters = Filters(since=_check_since(since), limit=_check_limit(limit), categories=categories,
                      include=tuple(include), exclude=tuple(exclude), pages=include_pages)
    source = str(source).strip()
    if local_path(source) is not None:
        return _finish(_from_file(source), filters)
    if timeout is not None and not isinstance(timeout, tuple):
        timeout = (min(10.0, timeout), timeout)
    crawl = Crawl(get, gate or HostGate(delay), timeout or DEFAULT_TIMEOUT, retries, backoff)
    try:
        return _finish(_from_url(crawl, source, filters), filters)
    finally:
        crawl.close()


def _check_since(since: str | None) -> str | None:
    if since is None:
        return None
    try:
        (date if len(since.strip()) == 10 else datetime).fromisoformat(since.strip())
    except ValueError:
        raise UsageError(f"--since {since}: not a date; write it as YYYY-MM-DD") from None
    return since.strip()


def _check_limit(limit: int | None) -> int | None:
    if limit is not None and limit < 1:
        raise UsageError(f"--limit {limit}: give a number of posts, 1 or more")
    return limit


def _finish(found: Discovery, filters: Filters) -> Discovery:
    """The one place the filters apply (``select.select``, after the undated-post rule for --since)."""
    posts = found.posts
    found.listed = [p.url for p in posts]
    _check_categories(posts, filters, found.method)
    if filters.since:  # published <= modified: an undated post last changed before --since was published before it
        posts = [p for p in posts if p.published or not p.modified or p.modified[:10] >= filters.since[:10]]
    chosen = select(posts, filters)
    if found.posts and not chosen:
        found.notes.append(f"{len(found.posts)} posts found, none left after the filters")
    found.posts = chosen
    return found


def _check_categories(posts: list[Post], filters: Filters, method: str) -> None:
    """--category names a category the listing has, and the listing names categories at all (sitemaps do not)."""
    if not (filters.categories and posts) or method == "rest":  # the REST API checked the site's whole list
        return
    have = {slugify(c): c for p in posts for c in p.categories}
    if not have:
        raise UsageError(f"--category: the {method} listing names no categories; give the site's address "
                         "(REST API) or its feed")
    check_category(filters.categories, set(have), list(have.values()))


# ---------------------------------------------------------------- a file of URLs


def _from_file(source: str) -> Discovery:
    path = Path(source).expanduser()
    if not path.is_file():
        hint = f" (for a site write https://{source})" if looks_like_host(source) else ""
        raise UsageError(f"{source} is neither a web address nor a file of URLs{hint}")
    notes: list[str] = []
    posts = unique([Post(url=url) for url in read_url_file(path)], notes)
    if not posts:
        raise UsageError(f"{source} lists no URLs: one post address per line")
    return Discovery(posts=posts, method="urls", notes=notes)


# ---------------------------------------------------------------- a URL: site, sitemap or feed


def _from_url(crawl: Crawl, source: str, filters: Filters) -> Discovery:
    if normalize(source) is None:
        raise UsageError(f"not a web address: {source}; give a site, sitemap or feed URL (https://...) "
                         "or a file of URLs")
    first = crawl.get(source)  # the site cannot be reached: FetchError
    hosts = {site_key(source), site_key(first.url)}
    body = listings.unpack(first.body)
    content_type = first.headers.get("content-type", "")
    if listings.looks_like_xml(body, content_type):
        listing = listings.parse(body)
        if listing is None:
            raise UsageError(f"{source} is XML but neither a sitemap nor a feed")
        _read_robots(crawl, first.url)
        if listing.kind == "feed":
            return _named(feed(crawl, first.url, listing, hosts, filters), listing.title)
        return sitemap(crawl, first.url, listing, hosts, filters, "sitemap")
    if "html" not in content_type.lower() and not body.lstrip()[:1] == b"<":
        raise UsageError(f"{source} is not a site, a sitemap or a feed ({content_type or 'unknown content'})")
    return _named(_site(crawl, first, hosts, filters), _page_title(first))


def _named(found: Discovery, title: str) -> Discovery:
    found.title = found.title or title
    return found


_TITLE = re.compile(rb"<title[^>]{0,200}>(.{1,500}?)</title>", re.I | re.S)
_TAGLINE = re.compile(r"\s+[–—|·-]\s+.*$")  # WordPress: "Site – Tagline"


def _page_title(page: Download) -> str:
    """The site's name from its home page's <title>, without the tagline."""
    found = _TITLE.search(page.body[:300_000])
    title = listings.plain_text(found.group(1).decode("utf-8", "replace")) if found else ""
    return _TAGLINE.sub("", title)


def _site(crawl: Crawl, home: Download, hosts: set[str], filters: Filters) -> Discovery:
    base = base_of(home.url)
    links = _links(home)
    for root in api_roots(links, base, hosts):
        found = rest_listing(crawl, root, hosts, filters)
        if found is not None and (found.posts or filters.since):  # ?after= may rightly leave nothing
            return found
    _read_robots(crawl, base)
    for name, candidates in (("wp-sitemap", [urljoin(base, "wp-sitemap.xml")]),
                             ("sitemap", [urljoin(base, "sitemap.xml"), *crawl.robots.sitemaps])):
        for url in dict.fromkeys(candidates):
            if not same_site(url, hosts):
                continue
            got = crawl.probe(url, name)
            listing = listings.parse(got.body) if got else None
            if listing is not None and listing.kind != "feed":
                found = sitemap(crawl, got.url, listing, hosts, filters, name)
                if found.posts:
                    return found
                crawl.notes.append(f"{name}: {url} lists no posts")
    feeds = [href for rel, kind, href in links if rel == "alternate" and kind in FEED_TYPES and "comments" not in href]
    for url in dict.fromkeys([*feeds[:1], urljoin(base, "feed/")]):  # hrefs from _links are absolute already
        got = crawl.probe(url, "feed") if same_site(url, hosts) else None
        listing = listings.parse(got.body) if got else None
        if listing is not None and listing.kind == "feed" and listing.rows:
            return feed(crawl, got.url, listing, hosts, filters)
    raise NotAnArticleError(f"no posts found at {home.url}: no WordPress REST API, sitemap or feed lists any "
                            f"(tried {', '.join(dict.fromkeys(crawl.tried))}); give a sitemap or feed URL, "
                            "or a file of URLs")


def _links(page: Download) -> list[tuple[str, str, str]]:
    """(rel, type, href) of the page's Link header and <link> elements, hrefs absolute."""
    found = []
    for part in re.findall(r"<([^>]*)>\s*;([^,]*(?:,(?!\s*<)[^,]*)*)", page.headers.get("link", "")):
        rel = re.search(r'rel="?([^";]+)"?', part[1])
        found.append((rel.group(1).strip() if rel else "", "", urljoin(page.url, part[0].strip())))
    text = page.body[:300_000].decode("utf-8", "replace")
    for tag in _LINK_TAG.findall(text):
        attrs = {k.lower(): html.unescape(v.strip("'\"")) for k, v in _ATTR.findall(tag)}
        if attrs.get("href"):
            found.append((attrs.get("rel", "").strip(), attrs.get("type", "").lower(),
                          urljoin(page.url, attrs["href"].strip())))
    return found


def _read_robots(crawl: Crawl, url: str) -> None:
    if crawl.robots is not None:
        return
    robots_url = urljoin(url, "/robots.txt")
    try:
        got = crawl.get(robots_url)
    except FetchError as exc:
        status = getattr(exc, "status", None)
        crawl.robots = robots_txt.from_answer(status)
        if crawl.robots.refuse_all:
            raise FetchError(f"robots.txt of {urlsplit(url).netloc} cannot be read ({exc}); reader does not "
                             "crawl a site whose rules it cannot read: try again later") from exc
        return
    crawl.robots = robots_txt.from_answer(got.status, got.body.decode("utf-8", "replace"))
    if crawl.robots.crawl_delay > crawl.gate.delay:
        crawl.notes.append(f"robots.txt asks for {crawl.robots.crawl_delay:g} s between requests")
        crawl.gate.delay = crawl.robots.crawl_delay


