"""Posts (and pages) from the WordPress REST API: ``/wp/v2/posts?per_page=100&page=N`` with ``_fields``,
``after`` for --since, the pages ``X-WP-TotalPages`` announces, and ``/wp/v2/categories`` for category names.
Works with ``/wp-json/`` and with ``/?rest_route=/`` (sites without pretty permalinks)."""

from __future__ import annotations

import html
import json
from datetime import date, timedelta
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..errors import FetchError
from ..fetch import Download
from . import listings
from .crawl import Crawl, Discovery, enough, unique
from .post import Post
from .select import Filters, check_category
from .slugs import slugify
from .urls import normalize, same_site

MAX_REST_PAGES = 1000  # x 100 posts
REST_FIELDS = "id,link,slug,title,date_gmt,modified_gmt,categories,status,type"
API_REL = "https://api.w.org/"


def api_roots(links, base: str, hosts: set[str]) -> list[str]:
    named = [href for rel, _, href in links if rel == API_REL and same_site(href, hosts)]
    return named[:1] or [urljoin(base, "wp-json/"), urljoin(base, "?rest_route=/")]


def _rest_url(root: str, route: str, params: dict) -> str:
    parts = urlsplit(root)
    if "rest_route=" in parts.query:
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "rest_route"]
        return urlunsplit(parts._replace(query=urlencode([("rest_route", route), *query, *params.items()],
                                                         safe="/,")))
    return urljoin(root, route.lstrip("/")) + "?" + urlencode(params, safe=",")


def rest_listing(crawl: Crawl, root: str, hosts: set[str], filters: Filters) -> Discovery | None:
    """Posts (and pages) from the REST API at ``root``, or None if it is not there."""
    params = {"per_page": 100, "_fields": REST_FIELDS}
    found = Discovery(posts=[], method="rest", notes=crawl.notes)
    if filters.since:  # a day early: WordPress compares with the local date; select() is exact
        params["after"] = (date.fromisoformat(filters.since[:10]) - timedelta(days=1)).isoformat() + "T00:00:00"
        found.complete = False  # only the newer posts are listed: the older ones are not deleted
    items = _rest_items(crawl, _rest_url(root, "/wp/v2/posts", params), found, filters)
    if items is None:
        return None
    pages = (_rest_items(crawl, _rest_url(root, "/wp/v2/pages", params), found, filters) or []) \
        if filters.pages else []
    names = _rest_categories(crawl, root, found) if filters.categories or any(
        item.get("categories") for item in items) else {}
    if filters.categories and names:
        check_category(filters.categories, {slugify(n) for pair in names.values() for n in pair},
                       [name for name, _ in names.values()])
    found.posts = unique(_rest_posts(items, "post", names, hosts, found.notes)
                          + _rest_posts(pages, "page", names, hosts, found.notes), found.notes)
    return found


def _rest_categories(crawl: Crawl, root: str, found: Discovery) -> dict[int, tuple[str, str]]:
    """id -> (name, slug) of every category (empty, with a note, if the site does not say)."""
    url = _rest_url(root, "/wp/v2/categories", {"per_page": 100, "_fields": "id,name,slug"})
    items = _rest_items(crawl, url, found, Filters())
    if items is None:
        found.notes.append("REST API: categories not available; --category cannot match")
        return {}
    return {item["id"]: (html.unescape(str(item.get("name", ""))), str(item.get("slug", "")))
            for item in items if isinstance(item.get("id"), int)}


def _rest_items(crawl: Crawl, url: str, found: Discovery, filters: Filters) -> list[dict] | None:
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
        if enough(data, filters):
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


def _gmt(value) -> str | None:
    return listings.iso_date(value + "+00:00" if isinstance(value, str) and len(value) == 19 else value) \
        if isinstance(value, str) else None

