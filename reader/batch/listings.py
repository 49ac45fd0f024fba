"""Sitemaps and feeds, bytes -> plain rows. No network here: ``discover`` fetches, this reads.

XML is parsed by lxml with entity expansion, DTD loading and network access switched off and its size
limits on (``huge_tree`` off), so an XML bomb or an external entity (``file:///etc/passwd``) is read as
nothing; a body that is gzip is unpacked to at most MAX_XML_BYTES. Elements are matched by local name, so
sitemaps and feeds without (or with wrong) namespaces are read too.
"""

from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

MAX_XML_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limit for one uncompressed file
SITEMAP_ROOTS = {"urlset": "urlset", "sitemapindex": "index"}
FEED_ROOTS = {"rss", "feed", "RDF"}  # RSS 2.0 / 0.9x, Atom, RSS 1.0


@dataclass
class Listing:
    """What one sitemap or feed document says."""

    kind: str  # "urlset", "index" (a sitemap index), "feed"
    rows: list["Row"] = field(default_factory=list)  # urlset/feed: the entries; index: the sitemaps
    next_page: str | None = None  # feed: an explicit link to the next page (RFC 5005 / Atom rel="next")
    generator: str = ""  # feed: <generator>
    title: str = ""  # feed: the channel's (or Atom feed's) <title>


@dataclass
class Row:
    url: str
    title: str = ""
    published: str | None = None
    modified: str | None = None
    categories: tuple[str, ...] = ()


def unpack(body: bytes) -> bytes:
    """A gzip body (``sitemap.xml.gz``) unpacked, at most MAX_XML_BYTES; anything else as it is."""
    if body[:2] != b"\x1f\x8b":
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, MAX_XML_BYTES + 1)
    except zlib.error:
        return b""
    return data[: MAX_XML_BYTES + 1]


def looks_like_xml(body: bytes, content_type: str = "") -> bool:
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"<rdf:rdf")):
        return True
    return "xml" in content_type.lower() and not head.startswith((b"<!doctype html", b"<html"))


def parse(body: bytes) -> Listing | None:
    """The listing in ``body``, or None if it is not a sitemap or a feed (HTML, JSON, broken XML)."""
    from lxml import etree

    body = unpack(body)
    if not body or len(body) > MAX_XML_BYTES:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    name = _local(root)
    if name in SITEMAP_ROOTS:
        return _sitemap(root, SITEMAP_ROOTS[name])
    if name in FEED_ROOTS:
        return _feed(root)
    return None


# ---------------------------------------------------------------- sitemaps


def _sitemap(root, kind: str) -> Listing:
    child = "url" if kind == "urlset" else "sitemap"
    rows = []
    for node in root:
        if _local(node) != child:
            continue
        loc, lastmod = _child_text(node, "loc"), _child_text(node, "lastmod")
        if loc:
            rows.append(Row(url=html.unescape(loc.strip()), modified=iso_date(lastmod)))
    return Listing(kind=kind, rows=rows)


# ---------------------------------------------------------------- feeds


def _feed(root) -> Listing:
    atom = _local(root) == "feed"
    entries = [n for n in root.iter() if _local(n) in (("entry",) if atom else ("item",))]
    rows = [row for row in (_atom_entry(n) if atom else _rss_item(n) for n in entries) if row]
    next_page = None
    for link in root.iter():
        if _local(link) == "link" and link.get("rel") == "next" and link.get("href") and link.getparent() in (
                root, _first(root, "channel")):
            next_page = link.get("href").strip()
            break
    head = _first(root, "channel") if not atom else root
    return Listing(kind="feed", rows=rows, next_page=next_page, generator=_child_text(head, "generator") or "",
                   title=plain_text(_child_text(head, "title")))


def _rss_item(item) -> Row | None:
    link = _child_text(item, "link") or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    guid = next((n for n in item if _local(n) == "guid"), None)
    if not link and guid is not None and guid.get("isPermaLink", "true") != "false":
        link = guid.text
    if not link:
        return None
    published = _child_text(item, "pubDate") or _child_text(item, "date")  # RSS 2.0 / dc:date
    texts = (n.text for n in item if _local(n) in ("category", "subject"))
    categories = tuple(text.strip() for text in texts if text and text.strip())
    return Row(url=link.strip(), title=plain_text(_child_text(item, "title")), published=iso_date(published),
               modified=iso_date(_child_text(item, "modified") or _child_text(item, "updated")), categories=categories)


def _atom_entry(entry) -> Row | None:
    links = [n for n in entry if _local(n) == "link" and n.get("href")]
    chosen = next((n for n in links if n.get("rel", "alternate") == "alternate"), None)
    if chosen is None:
        return None
    categories = tuple((n.get("label") or n.get("term") or "").strip() for n in entry if _local(n) == "category")
    return Row(url=chosen.get("href").strip(), title=plain_text(_child_text(entry, "title")),
               published=iso_date(_child_text(entry, "published") or _child_text(entry, "issued")),
               modified=iso_date(_child_text(entry, "updated") or _child_text(entry, "modified")),
               categories=tuple(c for c in categories if c))


# ---------------------------------------------------------------- helpers


def _local(node) -> str:
    tag = node.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _first(node, name: str):
    return next((n for n in node if _local(n) == name), None)


def _child_text(node, name: str) -> str | None:
    child = _first(node, name) if node is not None else None
    return child.text if child is not None and child.text else None


_TAGS = re.compile(r"<[^>]{0,500}>")


def plain_text(text: str | None) -> str:
    """A title as plain text: markup dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAGS.sub(" ", text or "")).split())[:500]


def iso_date(value: str | None) -> str | None:
    """ISO 8601 with time zone from an ISO 8601 or RFC 822 date; a date alone stays a date; None if unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    when = None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]) and len(value) == 10:
            return value
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if len(value) == 10 and "T" not in value:
        return value
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.isoformat()
