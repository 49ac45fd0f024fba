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
drafts never (the REST API and sitemaps list published posts only). Bounds against hostile sources:
MAX_SITEMAP_DEPTH, MAX_SITEMAPS, MAX_URLS, MAX_FEED_PAGES, MAX_REST_PAGES; reaching one is a note and
``complete = False``.

Errors: a bad SOURCE or filter -> UsageError (2); the site cannot be reached, or a listing breaks off halfway
-> FetchError (3) (half a list would look like deleted posts); a site that answers but lists no post by any
method -> NotAnArticleError (4), "no posts found". Filters that leave nothing are not an error.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable, Sequence
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..errors import FetchError, NotAnArticleError, UsageError
from ..fetch import DEFAULT_TIMEOUT, Download, download, make_session
from ..sniff import local_path, looks_like_host
from . import listings, robots as robots_txt
from .polite import HostGate
from .post import Post
from .select import Filters, select
from .slugs import slugify
from .urls import normalize, read_url_file, same_site, site_key

MAX_REST_PAGES = 1000  # x 100 posts
MAX_SITEMAP_DEPTH = 3  # index -> index -> urlset
MAX_SITEMAPS = 500
MAX_URLS = 100_000
MAX_FEED_PAGES = 200
REST_FIELDS = "id,link,slug,title,date_gmt,modified_gmt,categories,status,type"
API_REL = "https://api.w.org/"
# Sub-sitemaps by file name: (pattern, kind of their URLs; None = not posts). First match wins; default "post".
SITEMAP_KINDS = (
    (re.compile(r"wp-sitemap-posts-post-\d"), "post"),
    (re.compile(r"wp-sitemap-posts-page-\d"), "page"),
    (re.compile(r"wp-sitemap-(posts-|taxonomies-|users-)"), None),  # custom post types, terms, authors
    (re.compile(r"categor|(^|[-_/])tags?[-_.\d]|author|user|taxonom|attachment|image|video|product|locat"), None),
    (re.compile(r"(^|[-_/])pages?[-_.\d]"), "page"),
)
FEED_TYPES = ("application/rss+xml", "application/atom+xml")
_LINK_TAG = re.compile(r"<link\b[^>]{0,2000}>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")


@dataclass
class Discovery:
    posts: list[Post]
    method: str  # "rest", "wp-sitemap", "sitemap", "feed", "urls"
    notes: list[str] = field(default_factory=list)
    complete: bool = True  # False: the source was not read to its end (a bound, a feed without paging, --limit)


Get = Callable[[str], Download]


class _Crawl:
    """The network side of one discovery: requests through the gate, robots rules once known, notes."""

    def __init__(self, get: Get | None, gate: HostGate, timeout, retries: int, backoff: float):
        self.gate, self.notes, self.robots = gate, [], None
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
        if self.robots is not None and not self.robots.allows(url):
            self.notes.append(f"{what}: {url} is disallowed by robots.txt")
            return None
        try:
            return self.get(url)
        except FetchError as exc:
            self.notes.append(f"{what}: {exc}")
            return None

    def allowed(self, url: str) -> bool:
        return self.robots is None or self.robots.allows(url)


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
    crawl = _Crawl(get, gate or HostGate(delay), timeout or DEFAULT_TIMEOUT, retries, backoff)
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
    posts = found.posts
    if filters.since:  # published <= modified: an undated post last changed before --since was published before it
        posts = [p for p in posts if p.published or not p.modified or p.modified[:10] >= filters.since[:10]]
    chosen = select(posts, filters)
    if found.posts and not chosen:
        found.notes.append(f"{len(found.posts)} posts found, none left after the filters")
    found.posts = chosen
    return found


# ---------------------------------------------------------------- a file of URLs


def _from_file(source: str) -> Discovery:
    path = Path(source).expanduser()
    if not path.is_file():
        hint = f" (for a site write https://{source})" if looks_like_host(source) else ""
        raise UsageError(f"{source} is neither a web address nor a file of URLs{hint}")
    rows = read_url_file(path)
    posts = [Post(url=url) for url in dict.fromkeys(url for _, url in rows)]
    notes = [f"{len(rows) - len(posts)} duplicate URLs ignored"] if len(posts) < len(rows) else []
    if not posts:
        raise UsageError(f"{source} lists no URLs: one post address per line")
    return Discovery(posts=posts, method="urls", notes=notes)


# ---------------------------------------------------------------- a URL: site, sitemap or feed


def _from_url(crawl: _Crawl, source: str, filters: Filters) -> Discovery:
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
            return _feed(crawl, first.url, listing, hosts, filters)
        return _sitemap(crawl, first.url, listing, hosts, filters, "sitemap")
    if "html" not in content_type.lower() and not body.lstrip()[:1] == b"<":
        raise UsageError(f"{source} is not a site, a sitemap or a feed ({content_type or 'unknown content'})")
    return _site(crawl, first, hosts, filters)


def _site(crawl: _Crawl, home: Download, hosts: set[str], filters: Filters) -> Discovery:
    base = _base(home.url)
    links = _links(home)
    for root in _api_roots(links, base, hosts):
        found = _rest(crawl, root, hosts, filters)
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
                found = _sitemap(crawl, got.url, listing, hosts, filters, name)
                if found.posts:
                    return found
                crawl.notes.append(f"{name}: {url} lists no posts")
    feeds = [href for rel, kind, href in links if rel == "alternate" and kind in FEED_TYPES and "comments" not in href]
    for url in dict.fromkeys([*feeds[:1], urljoin(base, "feed/")]):
        got = crawl.probe(urljoin(base, url), "feed") if same_site(urljoin(base, url), hosts) else None
        listing = listings.parse(got.body) if got else None
        if listing is not None and listing.kind == "feed" and listing.rows:
            return _feed(crawl, got.url, listing, hosts, filters)
    raise NotAnArticleError(f"no posts found at {home.url}: no WordPress REST API, sitemap or feed lists any "
                            f"({'; '.join(crawl.notes[-3:]) or 'nothing answered'}); give a sitemap or feed "
                            "URL, or a file of URLs")


def _base(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


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


def _read_robots(crawl: _Crawl, url: str) -> None:
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


# ---------------------------------------------------------------- the WordPress REST API


def _api_roots(links, base: str, hosts: set[str]) -> list[str]:
    named = [href for rel, _, href in links if rel == API_REL and same_site(href, hosts)]
    return named[:1] or [urljoin(base, "wp-json/"), urljoin(base, "?rest_route=/")]


def _rest_url(root: str, route: str, params: dict) -> str:
    parts = urlsplit(root)
    if "rest_route=" in parts.query:
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "rest_route"]
        return urlunsplit(parts._replace(query=urlencode([("rest_route", route), *query, *params.items()],
                                                         safe="/,")))
    return urljoin(root, route.lstrip("/")) + "?" + urlencode(params, safe=",")


def _rest(crawl: _Crawl, root: str, hosts: set[str], filters: Filters) -> Discovery | None:
    """Posts (and pages) from the REST API at ``root``, or None if it is not there."""
    params = {"per_page": 100, "_fields": REST_FIELDS}
    if filters.since:  # a day early: WordPress compares with the local date; select() is exact
        params["after"] = (date.fromisoformat(filters.since[:10]) - timedelta(days=1)).isoformat() + "T00:00:00"
    found = Discovery(posts=[], method="rest", notes=crawl.notes)
    items = _rest_items(crawl, _rest_url(root, "/wp/v2/posts", params), found, filters)
    if items is None:
        return None
    pages = (_rest_items(crawl, _rest_url(root, "/wp/v2/pages", params), found, filters) or []) \
        if filters.pages else []
    names = _rest_categories(crawl, root, found) if filters.categories or any(
        item.get("categories") for item in items) else {}
    if filters.categories and names:
        have = {slugify(n) for pair in names.values() for n in pair}
        if not have & {slugify(c) for c in filters.categories}:
            shown = ", ".join(sorted(name for name, _ in names.values())[:12])
            raise UsageError(f"no category {', '.join(filters.categories)} on this site; it has: {shown}")
    found.posts = _unique(_rest_posts(items, "post", names, hosts, found.notes)
                          + _rest_posts(pages, "page", names, hosts, found.notes), found.notes)
    return found


def _rest_categories(crawl: _Crawl, root: str, found: Discovery) -> dict[int, tuple[str, str]]:
    """id -> (name, slug) of every category (empty, with a note, if the site does not say)."""
    url = _rest_url(root, "/wp/v2/categories", {"per_page": 100, "_fields": "id,name,slug"})
    items = _rest_items(crawl, url, found, Filters())
    if items is None:
        found.notes.append("REST API: categories not available; --category cannot match")
        return {}
    return {item["id"]: (html.unescape(str(item.get("name", ""))), str(item.get("slug", "")))
            for item in items if isinstance(item.get("id"), int)}


def _rest_items(crawl: _Crawl, url: str, found: Discovery, filters: Filters) -> list[dict] | None:
    """Every item of a REST collection, page by page; None if page 1 is not a REST answer."""
    got = crawl.probe(url, "REST API")
    data = _json_list(got)
    if data is None:
        if got is not None:
            crawl.notes.append(f"REST API: {url} did not answer with a list")
        return None
    pages = got.headers.get("x-wp-totalpages", "")
    total = min(int(pages), MAX_REST_PAGES) if pages.isdigit() else MAX_REST_PAGES
    if pages.isdigit() and int(pages) > MAX_REST_PAGES:
        found.notes.append(f"REST API: only the first {MAX_REST_PAGES} pages read")
        found.complete = False
    for page in range(2, total + 1):
        if _enough(data, filters):
            found.complete = False  # newest first: the rest is older than what --limit keeps
            break
        try:
            more = _json_list(crawl.get(url + f"&page={page}"))
        except FetchError as exc:
            if getattr(exc, "status", None) == 400 and not pages.isdigit():
                break  # past the end (rest_post_invalid_page_number)
            raise FetchError(f"the REST API's list broke off at page {page}: {exc}") from exc
        if more is None:
            raise FetchError(f"the REST API's page {page} is not a list ({url}&page={page}); try again later")
        data += more
        if not more:
            break
    return [item for item in data if isinstance(item, dict)]


def _json_list(got: Download | None) -> list | None:
    if got is None:
        return None
    try:
        data = json.loads(got.body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return data if isinstance(data, list) else None


def _rest_posts(items: list[dict], kind: str, names, hosts: set[str], notes: list[str]) -> list[Post]:
    posts, foreign = [], 0
    for item in items:
        if item.get("status", "publish") != "publish" or not isinstance(item.get("link"), str):
            continue
        url = normalize(item["link"])
        if url is None or not same_site(url, hosts):
            foreign += 1
            continue
        title = item.get("title")
        title = title.get("rendered", "") if isinstance(title, dict) else ""
        cats = item.get("categories") if isinstance(item.get("categories"), list) else []
        posts.append(Post(url=url, title=listings.plain_text(str(title)), slug=str(item.get("slug") or ""),
                          published=_gmt(item.get("date_gmt")), modified=_gmt(item.get("modified_gmt")),
                          categories=tuple(names[c][0] for c in cats if c in names), kind=kind,
                          post_id=item.get("id") if isinstance(item.get("id"), int) else None))
    if foreign:
        notes.append(f"REST API: {foreign} links to other sites or non-http addresses ignored")
    return posts


def _enough(listed: list, filters: Filters) -> bool:
    """Newest first, --limit N needs no more than N entries when no other filter drops any of them."""
    return bool(filters.limit and len(listed) >= filters.limit
                and not (filters.include or filters.exclude or filters.categories or filters.since))


def _gmt(value) -> str | None:
    return listings.iso_date(value + "+00:00" if isinstance(value, str) and len(value) == 19 else value) \
        if isinstance(value, str) else None


# ---------------------------------------------------------------- sitemaps


def _is_home(url: str, sitemap: str) -> bool:
    parts = urlsplit(url)
    return not parts.query and parts.path.strip("/") in ("", urlsplit(_base(sitemap)).path.strip("/"))


def _sitemap_kind(url: str) -> str | None:
    name = urlsplit(url).path.rsplit("/", 1)[-1].lower()
    return next((kind for pattern, kind in SITEMAP_KINDS if pattern.search(name)), "post")


def _sitemap(crawl: _Crawl, url: str, listing, hosts: set[str], filters: Filters, method: str) -> Discovery:
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
    found.posts = _unique(posts, found.notes)
    return found


# ---------------------------------------------------------------- feeds


def _feed(crawl: _Crawl, url: str, listing, hosts: set[str], filters: Filters) -> Discovery:
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
        if _enough(posts, filters):
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
    found.posts = _unique(posts, found.notes)
    return found


def _with_query(url: str, **params) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in params] + [(k, str(v)) for k, v in params.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _unique(posts: list[Post], notes: list[str]) -> list[Post]:
    seen: set[str] = set()
    kept = [p for p in posts if not (p.url in seen or seen.add(p.url))]
    if len(kept) < len(posts):
        notes.append(f"{len(posts) - len(kept)} duplicate URLs ignored")
    return kept
