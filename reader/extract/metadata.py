"""Metadata: title, author, dates, language, canonical URL and site name, each from a table of sources.

Each field has an ordered tuple of sources; the first that yields a usable value wins. A source
is a small function of the ``Sources`` (the parsed page plus its JSON-LD objects). Read this
before anything is removed from the page: the ``<head>``, JSON-LD scripts and the byline in the
entry header are all dropped as boilerplate later.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from .selectors import Index
from .text import squash

ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle", "TechArticle",
                 "AnalysisNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "LiveBlogPosting"}
TITLE_SEPARATORS = (" – ", " — ", " - ", " | ", " · ", " :: ", " » ", " « ")
GREETINGS = re.compile(r"^(welcome to|willkommen (bei|auf|zu))\b", re.I)
BYLINE_PREFIX = re.compile(r"^(by|von|autor(in)?:?|author:?)\s+", re.I)


@dataclass
class Sources:
    soup: BeautifulSoup
    url: str
    jsonld: list[dict] = field(default_factory=list)
    index: Index | None = None

    def __post_init__(self):
        self.index = self.index or Index(self.soup)


@dataclass
class Metadata:
    title: str | None = None
    author: str | None = None
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    url: str | None = None
    site_name: str | None = None


# --- source builders -------------------------------------------------------------------------

def meta(key: str):
    """``<meta property|name|itemprop=key content=...>``."""
    def get(src: Sources):
        tags = src.index.by_tag.get("meta", ())
        for attr in ("property", "name", "itemprop"):
            for tag in tags:
                if tag.get(attr) == key and (tag.get("content") or "").strip():
                    return tag["content"]
        return None
    return get


def css_text(selector: str):
    def get(src: Sources):
        element = src.index.select_one(selector)
        return element.get_text(" ", strip=True) if element is not None else None
    return get


def css_attr(selector: str, attr: str):
    def get(src: Sources):
        element = src.index.select_one(selector)
        return element.get(attr) if element is not None else None
    return get


def jsonld(key: str, sub: str = "name", types=ARTICLE_TYPES):
    """A JSON-LD value (or its ``sub`` key when it is an object, or the first of a list)."""
    def get(src: Sources):
        for obj in src.jsonld:
            kinds = obj.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if types and not kinds & types:
                continue
            value = _plain(obj.get(key), sub, src.jsonld)
            if value:
                return value
        return None
    return get


def _plain(value, sub: str, objects: list[dict]):
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        if sub not in value and "@id" in value:  # a reference into the @graph
            value = next((o for o in objects if o.get("@id") == value["@id"]), value)
        value = value.get(sub)
    return value if isinstance(value, str) else None


def home_link(src: Sources):
    """The text of a link to the site's root in the page header (a classic theme's site title)."""
    holders = src.index.select(HOME_HOLDERS)
    links = [a for holder in holders for a in holder.find_all("a", href=True)] + src.index.select("a[rel=home]")
    for link in sorted({id(a): a for a in links}.values(), key=lambda a: src.index.order.get(id(a), 0)):
        target = urlsplit(urljoin(src.url, link.get("href", "")))
        if target.path in ("", "/") and not target.query and link.get_text(strip=True):
            return link.get_text(" ", strip=True)
    return None


# Where a classic theme puts the link to the site's root (its text is the site's name).
HOME_HOLDERS = ("header", "#header", "[role=banner]", ".site-header", ".site-title", ".site-branding", "#site-title")
HOME_LINKS = ", ".join(f"{where} a[href]" for where in HOME_HOLDERS) + ", a[rel=home]"

FIELDS = {
    "site_name": (meta("og:site_name"), jsonld("name", types={"WebSite"}), jsonld("publisher"),
                  meta("application-name"), home_link),
    "title": (css_text("h1.entry-title"), css_text("h1.wp-block-post-title"), meta("og:title"), jsonld("headline"),
              css_text(".entry-title"), css_text(".wp-block-post-title"),
              css_text("article h1"), css_text("main h1"), css_text("[itemprop=headline]"),
              meta("twitter:title"), css_text("h1"), css_text("title")),
    "author": (meta("author"), jsonld("author"), css_text("[rel~=author]"), css_text(".byline .author"),
               css_text(".author .fn"), css_text("[itemprop=author]"), css_text(".byline"), css_text(".author"),
               meta("article:author"), meta("dc.creator")),
    "published": (meta("article:published_time"), meta("datePublished"), jsonld("datePublished"),
                  css_attr("time.published[datetime]", "datetime"),
                  css_attr("time[itemprop=datePublished]", "datetime"),
                  meta("date"), meta("dc.date.issued"), meta("pubdate"), css_attr("time[datetime]", "datetime")),
    "modified": (meta("article:modified_time"), meta("og:updated_time"), meta("dateModified"),
                 jsonld("dateModified"), css_attr("time.updated[datetime]", "datetime")),
    "language": (css_attr("html", "lang"), css_attr("html", "xml:lang"), meta("content-language"),
                 meta("og:locale"), jsonld("inLanguage", types=None)),
    "url": (css_attr("link[rel~=canonical]", "href"), meta("og:url")),
}


def read_metadata(soup: BeautifulSoup, url: str) -> Metadata:
    src = Sources(soup, url, _jsonld_objects(soup))
    found = Metadata(site_name=_first(src, "site_name", _clean_text))
    found.title = _first(src, "title", lambda v: _clean_title(v, found.site_name))
    found.author = _first(src, "author", _clean_author)
    found.published = _first(src, "published", _clean_date)
    found.modified = _first(src, "modified", _clean_date)
    found.language = _first(src, "language", _clean_language)
    found.url = _first(src, "url", lambda v: _clean_url(v, url)) or url
    return found


def _first(src: Sources, name: str, clean):
    for source in FIELDS[name]:
        value = source(src)
        value = clean(value) if value else None
        if value:
            return value
    return None


def _jsonld_objects(soup: BeautifulSoup) -> list[dict]:
    objects: list[dict] = []
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        try:
            data = json.loads(script.string or "", strict=False)
        except ValueError:
            continue
        pending = [data]
        while pending:
            item = pending.pop(0)
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if isinstance(item.get("@graph"), list):
                    pending.extend(item["@graph"])
    return objects


# --- cleaners: return None to reject a value ------------------------------------------------

def _clean_text(value: str) -> str | None:
    value = squash(value)
    return value or None


def _clean_title(value: str, site_name: str | None) -> str | None:
    value = squash(value)
    value = _strip_site_suffix(value, site_name)
    if not value or GREETINGS.match(value):
        return None
    if site_name and value.casefold() == site_name.casefold():
        return None
    return value


def _strip_site_suffix(title: str, site_name: str | None) -> str:
    """"Post – Site" -> "Post"; without a known site name, a short last part after a separator goes."""
    for sep in TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if not found or not head.strip():
            continue
        if site_name and tail.strip().casefold() == site_name.casefold():
            return head.strip()
        if not site_name and len(tail.split()) <= 3 and len(head.split()) >= 2:
            return head.strip()
    return title


def _clean_author(value: str) -> str | None:
    value = BYLINE_PREFIX.sub("", squash(value))
    if not value or len(value) > 80 or "://" in value or value.startswith("@"):
        return None
    return value


def _clean_date(value: str) -> str | None:
    value = value.strip()
    return value if re.match(r"^\d{4}-\d{2}(-\d{2})?", value) else None


def _clean_language(value: str) -> str | None:
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _clean_url(value: str, base: str) -> str | None:
    value = value.strip()
    if not value or value.startswith(("javascript:", "#")):
        return None
    return urljoin(base, value)
