"""A generated German WordPress blog served over loopback HTTP, for batch discovery and conversion tests.

    def test_x(blog_site):                      # a fresh Blog(posts=36) per test, already serving
        blog_site.url("/")                      # "http://127.0.0.1:PORT/"
        blog_site.published()                   # public posts, newest first (Entry objects); kind="page" for pages
        blog_site.link(entry)                   # an entry's public URL
        blog_site.edit(entry, paragraph=1)      # new text for its 2nd paragraph, modified_gmt bumped; returns the text
        blog_site.delete(entry); blog_site.add(title="Neu")   # gone (404 everywhere) / a new newest post
        blog_site.faults(seed=1, error=0.1, rate_limit=0.05, reset=0.05, slow=0.05)   # deterministic faults
        blog_site.log                           # every request: Hit(method, target, time, status, fault)

    Blog(posts=100, rest="plain", sitemap="plain", feed=False).start() ... .stop()   # or: with serving(...) as blog
    Blog(posts=30, max_sections=1)              # shorter posts (one heading each) where length does not matter

What it serves (facts from ../shared/notes/wordpress.md):
- ``rest``: "pretty" (default; ``/wp-json/...`` and ``/?rest_route=/...``), "plain" (only ``/?rest_route=``;
  ``/wp-json/`` is a 404 HTML page), "off" (no REST API at all: 404 HTML). Routes: ``/`` (index with
  namespaces), ``/wp/v2/posts``, ``/wp/v2/posts/ID``, ``/wp/v2/pages``, ``/wp/v2/categories`` with ``per_page``
  (1..100, else 400 ``rest_invalid_param``), ``page`` (past the end: 400 ``rest_post_invalid_page_number``),
  ``_fields``, ``after``/``modified_after`` (ISO 8601; naive = UTC), ``categories`` (ids, comma separated);
  headers ``X-WP-Total``, ``X-WP-TotalPages``, ``Link`` (rel next/prev). Newest first. Drafts never appear.
- ``sitemap``: "wp" (default; ``/wp-sitemap.xml`` index, ``wp-sitemap-posts-post-N.xml`` with loc and lastmod,
  ``-posts-page-1``, ``-taxonomies-category-1``, ``-users-1``; ``/sitemap.xml`` redirects there, 301),
  "plain" (no wp-sitemap; ``/sitemap.xml`` is an index of ``post-sitemap.xml``, ``page-sitemap.xml``,
  ``category-sitemap.xml``, Yoast style), "off" (no sitemap). ``sitemap_size`` URLs per sitemap (default 2000).
- ``feed``: ``/feed/`` RSS 2.0 (``content:encoded``, ``dc:creator``, ``category``, ``guid`` ``/?p=ID``),
  ``per_feed`` items per page (default 10), ``?paged=N``, 404 past the last page; ``feed=False``: 404.
- ``/robots.txt``: ``Disallow: /wp-admin/`` and the sitemap; ``blog.disallow.append("/some-post/")`` adds rules,
  ``blog.robots = "..."`` replaces the whole text.
- every public post and page at ``/<slug>/`` as classic-theme HTML (``article#post-N > h1.entry-title``,
  ``div.entry-content`` with the content, comments form, sidebar); footnotes as Modern Footnotes (inline notes
  and the list) or WordPress core footnotes; ``/?p=ID`` redirects to it; home ``/`` and ``/page/N/`` list posts;
  ``/category/<slug>/`` archives. Drafts, deleted posts and unknown paths: 404 HTML.
- one post has a percent-encoded slug (``%c3%bcbermorgen-...``), one a hostile title (``Q&A: Ist <KI> ...``).

Faults (``faults(...)``): each request draws from ``random.Random(f"{seed}|{target}|{n}")`` (target = path with
query, n = how often it was asked before), so the same run gets the same faults whatever the thread timing:
``error`` share answers 500, ``rate_limit`` 429 with ``Retry-After: retry_after``, ``reset`` drops the connection,
``slow`` answers after ``slow_delay`` s. At most ``max_in_row`` failures in a row per target (then it answers), so
a client that retries gets through. ``paths``: only targets starting with one of these prefixes. ``no_faults()``.
"""

from __future__ import annotations

import html
import json
import math
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pytest

from loopback import Loopback, Route, started

SITE = "Denkzettel"
AUTHOR = "Redaktion"
START = datetime(2024, 1, 3, 7, 15, tzinfo=timezone.utc)
SPAN_DAYS = 700  # posts spread over about two years
CATEGORIES = (  # id, slug, name
    (2, "kuenstliche-intelligenz", "Künstliche Intelligenz"),
    (3, "stadt-und-verkehr", "Stadt und Verkehr"),
    (4, "wirtschaft", "Wirtschaft"),
    (5, "wissenschaft", "Wissenschaft"),
    (6, "allgemein", "Allgemein"),
)
TOPICS = ("Wärmepumpen", "Straßenbahnen", "Sprachassistenten", "Solaranlagen", "Stadtbibliotheken", "Kitas",
          "Windkraftanlagen", "Rechenzentren", "Ladesäulen", "Gründerzentren", "Drohnen", "Fahrradstraßen")
ANGLES = ("Warum {} unterschätzt werden", "Was {} wirklich kosten", "Fünf Fragen zu {}", "Wie {} den Alltag verändern",
          "Ein Jahr mit {}", "Streit um {}", "Die Zukunft der {}", "Was wir über {} wissen", "Neue Zahlen zu {}")
SUBJECTS = ("Die Stadtverwaltung", "Eine neue Studie", "Der Verband", "Die Bürgerinitiative", "Das Ministerium",
            "Ein Sprecher der Stadtwerke", "Die Forschungsgruppe", "Der Landkreis", "Eine Umfrage", "Die Kommission",
            "Der Betriebsrat", "Die Hochschule")
VERBS = ("prüft", "beschreibt", "kritisiert", "unterstützt", "bewertet", "vergleicht", "fordert", "untersucht",
         "verschiebt", "erklärt", "begrüßt", "plant")
OBJECTS = ("die Kosten des Umbaus", "den neuen Zeitplan", "die Förderung für Familien", "die Daten aus dem Vorjahr",
           "den Ausbau der Radwege", "die Regeln für kleine Betriebe", "die Folgen für das Klima",
           "die Pläne des Bundes", "den Bericht der Prüfer", "die Zahl der Anträge", "die Preise im Sommer",
           "die Erfahrungen anderer Städte")
TAILS = ("seit dem Frühjahr", "ohne große Eile", "mit deutlichen Worten", "zum ersten Mal", "noch in diesem Jahr",
         "gemeinsam mit den Ländern", "nach langer Diskussion", "in einem ausführlichen Papier",
         "trotz vieler Bedenken", "auf einer Versammlung", "für die kommenden Monate", "im Detail")
HEADINGS = ("Was bisher geschah", "Die Zahlen", "Stimmen aus der Praxis", "Kritik und Zweifel", "Wie es weitergeht",
            "Ein Blick ins Ausland", "Was das kostet", "Fazit")
NOTES = ("Angaben laut Jahresbericht, Seite zwölf.", "Die Umfrage wurde online durchgeführt.",
         "Zahlen gerundet.", "Das Gespräch wurde schriftlich geführt.", "Stand der Recherche: Frühjahr.")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
GERMAN_SLUG = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


@dataclass
class Entry:
    """One post or page of the fixture blog (the blog's own data; tests read it to know what to expect)."""

    id: int
    title: str
    slug: str
    blocks: list[tuple[str, str]]  # ("p" | "h2", text)
    date: datetime
    modified: datetime
    kind: str = "post"
    status: str = "publish"
    categories: tuple[int, ...] = ()
    notes: dict[int, str] = field(default_factory=dict)  # block index -> footnote text
    footnote_style: str = "modern"  # or "core"

    @property
    def paragraphs(self) -> list[str]:
        return [text for tag, text in self.blocks if tag == "p"]


@dataclass
class Hit:
    method: str
    target: str  # path with query
    time: float  # time.monotonic() when the request arrived
    status: int  # 0: the connection was reset
    fault: str = ""  # "", "error", "rate_limit", "reset", "slow"


@dataclass
class Faults:
    seed: int = 0
    error: float = 0.0
    rate_limit: float = 0.0
    reset: float = 0.0
    slow: float = 0.0
    slow_delay: float = 0.3
    retry_after: int = 1
    max_in_row: int = 2
    paths: tuple[str, ...] = ("/",)


class Blog:
    def __init__(self, posts: int = 36, *, seed: int = 6, rest: str = "pretty", sitemap: str = "wp",
                 feed: bool = True, per_feed: int = 10, sitemap_size: int = 2000, max_sections: int = 4):
        assert rest in ("pretty", "plain", "off") and sitemap in ("wp", "plain", "off")
        self.rest, self.sitemap, self.feed = rest, sitemap, feed
        self.per_feed, self.sitemap_size = per_feed, sitemap_size
        self.robots: str | None = None
        self.disallow: list[str] = []
        self.log: list[Hit] = []
        self.server = Loopback()
        self.server.app = self._app
        self._faults: Faults | None = None
        self._asked: dict[str, int] = {}
        self._in_row: dict[str, int] = {}
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self.entries: list[Entry] = _generate(posts, self._rng, max_sections)
        self.clock = max(e.modified for e in self.entries) + timedelta(days=1)

    # -- lifecycle
    def start(self) -> "Blog":
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def url(self, path: str = "/") -> str:
        return self.server.url(path)

    # -- what is there
    def published(self, kind: str = "post") -> list[Entry]:
        found = [e for e in self.entries if e.kind == kind and e.status == "publish"]
        return sorted(found, key=lambda e: (e.date, e.id), reverse=True)

    def link(self, entry: Entry) -> str:
        return self.url(f"/{entry.slug}/")

    def category(self, key: int | str) -> tuple[int, str, str]:
        return next(c for c in CATEGORIES if key in c)

    def find(self, key: int | str) -> Entry:
        return next(e for e in self.entries if key in (e.id, e.slug))

    # -- mutations
    def _tick(self) -> datetime:
        self.clock += timedelta(hours=1)
        return self.clock

    def edit(self, entry: Entry | int | str, paragraph: int = 0, text: str | None = None) -> str:
        """Replace one paragraph (index among the paragraphs); modified_gmt moves on. Returns the new text."""
        entry = entry if isinstance(entry, Entry) else self.find(entry)
        index = [i for i, (tag, _) in enumerate(entry.blocks) if tag == "p"][paragraph]
        text = text or f"Nachtrag vom {self.clock.day}. {MONTHS[self.clock.month - 1]}: " + _sentences(self._rng, 2)
        entry.blocks[index] = ("p", text)
        entry.modified = self._tick()
        return text

    def delete(self, entry: Entry | int | str) -> None:
        entry = entry if isinstance(entry, Entry) else self.find(entry)
        self.entries.remove(entry)

    def add(self, title: str | None = None, categories: tuple[int, ...] = (6,)) -> Entry:
        when = self._tick()
        new_id = max(e.id for e in self.entries) + 1
        title = title or f"Nachgereicht: Beitrag {new_id}"
        entry = Entry(id=new_id, title=title, slug=_slugify(title), blocks=_body(self._rng, 2), date=when,
                      modified=when, categories=categories)
        self.entries.append(entry)
        return entry

    # -- faults
    def faults(self, **settings) -> None:
        self._faults = Faults(**settings)

    def no_faults(self) -> None:
        self._faults = None

    def hits(self, prefix: str = "/") -> list[Hit]:
        with self._lock:
            return [hit for hit in self.log if hit.target.startswith(prefix)]

    # -- serving
    def _app(self, method: str, target: str) -> Route:
        arrived = time.monotonic()
        parts = urlsplit(target)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        fault = self._fault(target)
        if fault in ("error", "rate_limit", "reset"):
            route = FAULTS[fault](self._faults)
        else:
            try:
                route = self._answer(unquote(parts.path), {k: v[-1] for k, v in parse_qs(parts.query).items()})
            except Exception as exc:  # a bug in the fixture: say so instead of hanging the client
                route = Route(status=500, body=f"fixture error: {exc!r}".encode(), content_type="text/plain")
            if fault == "slow":
                route.delay = self._faults.slow_delay
        with self._lock:
            self.log.append(Hit(method, target, arrived, 0 if route.reset else route.status, fault))
        return route

    def _fault(self, target: str) -> str:
        faults = self._faults
        if faults is None or not target.startswith(faults.paths):
            return ""
        with self._lock:
            n = self._asked.get(target, 0)
            self._asked[target] = n + 1
            roll = random.Random(f"{faults.seed}|{target}|{n}").random()
            kind = ""
            for name in ("error", "rate_limit", "reset", "slow"):
                share = getattr(faults, name)
                if roll < share:
                    kind = name
                    break
                roll -= share
            if kind in ("error", "rate_limit", "reset"):
                if self._in_row.get(target, 0) >= faults.max_in_row:
                    kind = ""
            self._in_row[target] = self._in_row.get(target, 0) + 1 if kind in ("error", "rate_limit", "reset") \
                else 0
            return kind

    def _answer(self, path: str, query: dict[str, str]) -> Route:
        if path == "/" and "rest_route" in query and self.rest != "off":
            return self._rest(query.pop("rest_route"), query, plain=True)
        if path.startswith("/wp-json"):
            if self.rest != "pretty":
                return _not_found()
            return self._rest(path[len("/wp-json"):] or "/", query, plain=False)
        if path == "/" and "p" in query:
            entry = self._public(lambda e: str(e.id) == query["p"])
            return Route(status=301, headers={"Location": self.link(entry)}) if entry else _not_found()
        if path == "/robots.txt":
            return Route(body=self._robots().encode(), content_type="text/plain; charset=utf-8")
        if path == "/feed/" or path == "/feed":
            return self._feed(query.get("paged", "1"))
        for prefix, handler in (("/category/", self._category_page), ("/page/", self._home)):
            if path.startswith(prefix):
                return handler(path[len(prefix):].strip("/"))
        if path == "/":
            return self._home("1")
        if path.endswith(".xml"):
            return self._sitemaps(path.lstrip("/"))
        entry = self._public(lambda e: unquote(e.slug) == path.strip("/"))
        return _html(self._page_html(entry), self) if entry else _not_found()

    def _public(self, match) -> Entry | None:
        return next((e for e in self.entries if e.status == "publish" and match(e)), None)

    # -- REST
    def api_root(self) -> str:
        return self.url("/wp-json/") if self.rest == "pretty" else self.url("/?rest_route=/")

    def _api_link(self) -> str:
        return f'<link rel="https://api.w.org/" href="{self.api_root()}" />' if self.rest != "off" else ""

    def _rest(self, route: str, query: dict[str, str], plain: bool) -> Route:
        route = "/" + route.strip("/")
        if route == "/":
            return _json({"name": SITE, "description": "Notizen aus Stadt und Land", "url": self.url("")[:-1],
                          "home": self.url("")[:-1], "namespaces": ["oembed/1.0", "wp/v2"],
                          "routes": {r: {} for r in ("/wp/v2/posts", "/wp/v2/pages", "/wp/v2/categories")}})
        if route == "/wp/v2/categories":
            return self._collection(route, query, plain, [self._category_json(c) for c in CATEGORIES])
        for kind in ("post", "page"):
            base = f"/wp/v2/{kind}s"
            if route == base:
                try:
                    items = [self._entry_json(e) for e in self._listed(kind, query)]
                except ValueError as exc:
                    return _rest_error("rest_invalid_param", f"Ungültiger Parameter: {exc}", 400)
                return self._collection(route, query, plain, items)
            if route.startswith(base + "/"):
                entry = self._public(lambda e: e.kind == kind and str(e.id) == route[len(base) + 1:])
                if entry is None:
                    return _rest_error("rest_post_invalid_id", "Ungültige Beitrags-ID.", 404)
                return _json(_fields(self._entry_json(entry), query.get("_fields")))
        return _rest_error("rest_no_route", "Es wurde keine Route gefunden, die mit der URL übereinstimmt.", 404)

    def _listed(self, kind: str, query: dict[str, str]) -> list[Entry]:
        entries = self.published(kind)
        for name, attr in (("after", "date"), ("modified_after", "modified")):
            if query.get(name):
                try:
                    limit = datetime.fromisoformat(query[name].replace("Z", "+00:00"))
                except ValueError:
                    raise ValueError(name) from None
                limit = limit if limit.tzinfo else limit.replace(tzinfo=timezone.utc)
                entries = [e for e in entries if getattr(e, attr) > limit]
        if query.get("categories"):
            try:
                wanted = {int(c) for c in query["categories"].split(",")}
            except ValueError:
                raise ValueError("categories") from None
            entries = [e for e in entries if wanted & set(e.categories)]
        return entries

    def _collection(self, route: str, query: dict[str, str], plain: bool, items: list[dict]) -> Route:
        try:
            per_page, page = int(query.get("per_page", "10")), int(query.get("page", "1"))
        except ValueError:
            return _rest_error("rest_invalid_param", "Ungültiger Parameter: per_page, page", 400)
        if not 1 <= per_page <= 100:
            return _rest_error("rest_invalid_param", "Ungültiger Parameter: per_page", 400)
        if page < 1:
            return _rest_error("rest_invalid_param", "Ungültiger Parameter: page", 400)
        total = len(items)
        pages = math.ceil(total / per_page)
        if page > max(pages, 1):
            return _rest_error("rest_post_invalid_page_number",
                               "Die angeforderte Seitennummer ist größer als die Anzahl der verfügbaren Seiten.", 400)
        shown = [_fields(item, query.get("_fields")) for item in items[(page - 1) * per_page: page * per_page]]
        links = []
        for rel, number in (("prev", page - 1), ("next", page + 1)):
            if 1 <= number <= pages:
                params = urlencode({**query, "page": number})
                target = (self.url(f"/?rest_route={route}&{params}") if plain
                          else self.url(f"/wp-json{route}?{params}"))
                links.append(f'<{target}>; rel="{rel}"')
        headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
        if links:
            headers["Link"] = ", ".join(links)
        return _json(shown, headers)

    def _entry_json(self, e: Entry) -> dict:
        content = self._content(e)
        data = {
            "id": e.id, "date": _local(e.date), "date_gmt": _gmt(e.date), "guid": {"rendered": self.url(f"/?p={e.id}")},
            "modified": _local(e.modified), "modified_gmt": _gmt(e.modified), "slug": e.slug, "status": e.status,
            "type": e.kind, "link": self.link(e), "title": {"rendered": _texturize(e.title)},
            "content": {"rendered": content, "protected": False},
            "excerpt": {"rendered": f"<p>{html.escape(_excerpt(e))}</p>\n", "protected": False},
            "author": 1, "featured_media": 0, "comment_status": "open", "template": "", "meta": {"footnotes": ""},
        }
        if e.kind == "post":
            data.update(categories=list(e.categories), tags=[], sticky=False, format="standard")
        else:
            data.update(parent=0, menu_order=0)
        return data

    def _category_json(self, category) -> dict:
        cid, slug, name = category
        count = sum(cid in e.categories for e in self.published())
        return {"id": cid, "count": count, "description": "", "link": self.url(f"/category/{slug}/"),
                "name": html.escape(name), "slug": slug, "taxonomy": "category", "parent": 0, "meta": []}

    # -- HTML
    def _content(self, e: Entry) -> str:
        out, notes = [], []
        for index, (tag, text) in enumerate(e.blocks):
            body = html.escape(text, quote=False)
            if index in e.notes:
                notes.append(e.notes[index])
                body = body[:-1] + _marker(e, len(notes), e.notes[index]) + body[-1]
            if tag == "h2":
                out.append(f'<h2 class="wp-block-heading">{body}</h2>')
            else:
                out.append(f"<p>{body}</p>")
        if notes and e.footnote_style == "modern":
            out.append('<h3 class="modern-footnotes-list-heading ">Fußnoten</h3><ul class="modern-footnotes-list">'
                       + "".join(f"<li><span>{n}</span><div>{html.escape(t)}</div></li>"
                                 for n, t in enumerate(notes, 1)) + "</ul>")
        elif notes:
            out.append('<ol class="wp-block-footnotes">' + "".join(
                f'<li id="{_uuid(e, n)}">{html.escape(t)} <a href="#{_uuid(e, n)}-link" '
                f'aria-label="Zur Fußnotenreferenz {n} navigieren">↩︎</a></li>' for n, t in enumerate(notes, 1))
                + "</ol>")
        return "\n\n\n\n".join(out) + "\n"

    def _page_html(self, e: Entry) -> str:
        title = html.escape(e.title)
        cats = " ".join(f"category-{self.category(c)[1]}" for c in e.categories)
        cat_links = ", ".join(f'<a href="{self.url(f"/category/{self.category(c)[1]}/")}" rel="category tag">'
                              f"{html.escape(self.category(c)[2])}</a>" for c in e.categories)
        kind_class = "single single-post" if e.kind == "post" else "page-template-default page"
        day = f"{e.date.day}. {MONTHS[e.date.month - 1]} {e.date.year}"
        return f"""<!DOCTYPE html>
<html lang="de-DE">
<head>
<meta charset="UTF-8">
<title>{title} &#8211; {SITE}</title>
<link rel="canonical" href="{self.link(e)}" />
<meta property="og:type" content="article" />
<meta property="og:title" content="{title}" />
<meta property="og:site_name" content="{SITE}" />
<meta property="article:published_time" content="{e.date.isoformat()}" />
<meta property="article:modified_time" content="{e.modified.isoformat()}" />
<meta name="author" content="{AUTHOR}" />
<link rel="alternate" type="application/rss+xml" title="{SITE} &raquo; Feed" href="{self.url('/feed/')}" />
{self._api_link()}
<link rel="shortlink" href="{self.url(f'/?p={e.id}')}" />
</head>
<body class="{kind_class} wp-embed-responsive">
<a class="skip-link screen-reader-text" href="#content">Zum Inhalt springen</a>
<header id="masthead" class="site-header"><p class="site-title"><a href="{self.url('/')}" rel="home">{SITE}</a></p>
<nav id="site-navigation" class="main-navigation"><ul class="menu"><li><a href="{self.url('/')}">Startseite</a></li>
<li><a href="{self.url('/ueber-uns/')}">Über uns</a></li><li><a href="{self.url('/kontakt/')}">Kontakt</a></li></ul></nav>
</header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-{e.id}" class="post-{e.id} {e.kind} type-{e.kind} status-publish format-standard hentry {cats}">
<header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{e.date.isoformat()}">{day}</time></span>
<span class="byline">von <span class="author vcard">{AUTHOR}</span></span></div></header>
<div class="entry-content">
{self._content(e)}</div>
<footer class="entry-footer"><span class="cat-links">Veröffentlicht in {cat_links}</span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Beiträge"><div class="nav-links">
<div class="nav-previous"><a href="{self.url('/')}" rel="prev">Vorheriger Beitrag</a></div></div></nav>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Schreibe einen Kommentar</h3>
<form action="{self.url('/wp-comments-post.php')}" method="post" id="commentform" class="comment-form">
<p class="comment-notes">Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert</p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Kommentar abschicken" /></p>
</form></div></div>
</main>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Neueste Beiträge</h2>
<ul>{"".join(f'<li><a href="{self.link(p)}">{html.escape(p.title)}</a></li>' for p in self.published()[:5])}</ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><p><a href="{self.url('/impressum/')}">Impressum</a> | Datenschutz</p></footer>
</body>
</html>
"""

    def _home(self, number: str) -> Route:
        posts = self.published()
        page = int(number) if number.isdigit() else 0
        shown = posts[(page - 1) * 10: page * 10] if page >= 1 else []
        if not shown and page != 1:
            return _not_found()
        items = "".join(f'<article class="post type-post"><h2 class="entry-title"><a href="{self.link(p)}">'
                        f"{html.escape(p.title)}</a></h2><p>{html.escape(_excerpt(p))}</p></article>" for p in shown)
        more = f'<a class="next page-numbers" href="{self.url(f"/page/{page + 1}/")}">Weiter</a>' \
            if page * 10 < len(posts) else ""
        return _html(f'<!DOCTYPE html><html lang="de-DE"><head><meta charset="UTF-8"><title>{SITE}</title>'
                     f'{self._api_link()}</head><body class="home blog">'
                     f"<main>{items}<nav>{more}</nav></main></body></html>", self)

    def _category_page(self, slug: str) -> Route:
        category = next((c for c in CATEGORIES if c[1] == slug), None)
        if category is None:
            return _not_found()
        posts = [p for p in self.published() if category[0] in p.categories]
        items = "".join(f'<li><a href="{self.link(p)}">{html.escape(p.title)}</a></li>' for p in posts)
        return _html(f'<!DOCTYPE html><html lang="de-DE"><head><meta charset="UTF-8"><title>{category[2]}</title>'
                     f"</head><body class=\"archive category\"><ul>{items}</ul></body></html>", self)

    # -- robots, sitemaps, feed
    def _robots(self) -> str:
        if self.robots is not None:
            return self.robots
        rules = "".join(f"Disallow: {path}\n" for path in self.disallow)
        sitemap = {"wp": "/wp-sitemap.xml", "plain": "/sitemap.xml"}.get(self.sitemap)
        return ("User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n" + rules
                + (f"\nSitemap: {self.url(sitemap)}\n" if sitemap else ""))

    def _sitemap_lists(self) -> dict[str, list[tuple[str, datetime | None]]]:
        """Sitemap file stem -> (loc, lastmod) rows, for the current mode."""
        posts = [(self.link(e), e.modified) for e in self.published()]
        pages = [(self.link(e), e.modified) for e in self.published("page")]
        categories = [(self.url(f"/category/{slug}/"), None) for _, slug, _ in CATEGORIES]
        if self.sitemap == "plain":
            return {"post-sitemap": posts, "page-sitemap": [(self.url("/"), None), *pages],
                    "category-sitemap": categories}
        lists = {"wp-sitemap-posts-page": pages, "wp-sitemap-taxonomies-category": categories,
                 "wp-sitemap-users": [(self.url("/author/redaktion/"), None)]}
        size = self.sitemap_size
        chunks = [posts[i: i + size] for i in range(0, len(posts), size)] or [[]]
        return {"wp-sitemap-posts-post": chunks, **{k: [v] for k, v in lists.items()}}

    def _sitemaps(self, name: str) -> Route:
        if self.sitemap == "off":
            return _not_found()
        lists = self._sitemap_lists()
        if self.sitemap == "wp":
            if name == "sitemap.xml":
                return Route(status=301, headers={"Location": self.url("/wp-sitemap.xml")})
            files = {f"{stem}-{n}.xml": rows for stem, chunks in lists.items() for n, rows in enumerate(chunks, 1)}
            index_name = "wp-sitemap.xml"
        else:
            files = {f"{stem}.xml": rows for stem, rows in lists.items()}
            index_name = "sitemap.xml"
        if name == index_name:
            return _xml(_sitemap_index([self.url(f"/{file}") for file in files], self))
        if name in files:
            return _xml(_urlset(files[name], self))
        return _not_found()

    def _feed(self, paged: str) -> Route:
        if not self.feed:
            return _not_found()
        posts = self.published()
        page = int(paged) if paged.isdigit() else 1
        shown = posts[(page - 1) * self.per_feed: page * self.per_feed]
        if not shown and page > 1:
            return _not_found()
        items = "".join(self._feed_item(p) for p in shown)
        built = max((p.modified for p in posts), default=START)
        body = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel>
	<title>{SITE}</title>
	<atom:link href="{html.escape(self.url('/feed/'))}" rel="self" type="application/rss+xml" />
	<link>{self.url('/')}</link>
	<description>Notizen aus Stadt und Land</description>
	<lastBuildDate>{format_datetime(built, usegmt=True)}</lastBuildDate>
	<language>de-DE</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<generator>https://wordpress.org/?v=6.6.2</generator>
{items}</channel>
</rss>
"""
        return Route(body=body.encode(), content_type="application/rss+xml; charset=UTF-8")

    def _feed_item(self, p: Entry) -> str:
        cats = "".join(f"\n\t\t<category><![CDATA[{self.category(c)[2]}]]></category>" for c in p.categories)
        return f"""	<item>
		<title>{html.escape(_texturize(p.title), quote=False)}</title>
		<link>{self.link(p)}</link>
		<dc:creator><![CDATA[{AUTHOR}]]></dc:creator>
		<pubDate>{format_datetime(p.date, usegmt=True)}</pubDate>{cats}
		<guid isPermaLink="false">{html.escape(self.url(f'/?p={p.id}'))}</guid>
		<description><![CDATA[{_excerpt(p)} [&#8230;]]]></description>
		<content:encoded><![CDATA[{self._content(p)}]]></content:encoded>
	</item>
"""


# ---------------------------------------------------------------- responses


FAULTS = {
    "error": lambda f: Route(status=500, body=b"<h1>Interner Serverfehler</h1>"),
    "rate_limit": lambda f: Route(status=429, body=b"<h1>Zu viele Anfragen</h1>",
                                  headers={"Retry-After": str(f.retry_after)}),
    "reset": lambda f: Route(reset=True),
}


def _html(text: str, blog: Blog) -> Route:
    return Route(body=text.encode(), content_type="text/html; charset=UTF-8",
                 headers={"Link": f'<{blog.api_root()}>; rel="https://api.w.org/"'} if blog.rest != "off" else {})


def _not_found() -> Route:
    return Route(status=404, body='<!DOCTYPE html><html lang="de-DE"><head><title>Seite nicht gefunden</title></head>'
                 '<body class="error404"><h1>Hoppla! Diese Seite kann nicht gefunden werden.</h1></body></html>'
                 .encode(), content_type="text/html; charset=UTF-8")


def _json(data, headers: dict[str, str] | None = None) -> Route:
    return Route(body=json.dumps(data, ensure_ascii=False).encode(), content_type="application/json; charset=UTF-8",
                 headers=headers or {})


def _rest_error(code: str, message: str, status: int) -> Route:
    route = _json({"code": code, "message": message, "data": {"status": status}})
    route.status = status
    return route


def _xml(text: str) -> Route:
    return Route(body=text.encode(), content_type="application/xml; charset=UTF-8")


def _sitemap_index(locs: list[str], blog: Blog) -> str:
    rows = "".join(f"<sitemap><loc>{html.escape(loc)}</loc></sitemap>" for loc in locs)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" '
            f'href="{blog.url("/wp-sitemap-index.xsl")}" ?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>\n')


def _urlset(rows: list[tuple[str, datetime | None]], blog: Blog) -> str:
    body = "".join(f"<url><loc>{html.escape(loc)}</loc>"
                   + (f"<lastmod>{when.strftime('%Y-%m-%dT%H:%M:%S+00:00')}</lastmod>" if when else "")
                   + "</url>" for loc, when in rows)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" '
            f'href="{blog.url("/wp-sitemap.xsl")}" ?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>\n')


def _fields(item: dict, fields: str | None) -> dict:
    if not fields:
        return item
    wanted = {name.split(".")[0] for name in fields.split(",")}
    return {k: v for k, v in item.items() if k in wanted}


def _gmt(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def _local(when: datetime) -> str:
    return (when.astimezone(timezone.utc) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S")


def _texturize(title: str) -> str:
    """As WordPress renders a title: HTML-escaped, '&' as &#038;."""
    return html.escape(title, quote=False).replace("&amp;", "&#038;")


def _excerpt(e: Entry) -> str:
    return " ".join(" ".join(e.paragraphs[:1]).split()[:30])


def _uuid(e: Entry, n: int) -> str:
    return f"{e.id:08x}-0000-4000-8000-{n:012x}"


def _marker(e: Entry, n: int, note: str) -> str:
    if e.footnote_style == "core":
        return f'<sup data-fn="{_uuid(e, n)}" class="fn"><a href="#{_uuid(e, n)}" id="{_uuid(e, n)}-link">{n}</a></sup>'
    scope = f"{e.id:034d}_{e.id}"
    return (f'<sup class="modern-footnotes-footnote " data-mfn="{n}" data-mfn-post-scope="{scope}">'
            f'<a href="javascript:void(0)" role="button" aria-describedby="mfn-content-{scope}-{n}">{n}</a></sup>'
            f'<span id="mfn-content-{scope}-{n}" role="tooltip" class="modern-footnotes-footnote__note" '
            f'tabindex="0" data-mfn="{n}">{html.escape(note)}</span>')


# ---------------------------------------------------------------- generated content


def _slugify(title: str) -> str:
    text = title.lower().translate(GERMAN_SLUG)
    return "-".join("".join(c if c.isalnum() and c.isascii() else " " for c in text).split())


def _sentences(rng: random.Random, n: int) -> str:
    return " ".join(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TAILS)} {rng.choice(OBJECTS)}."
                    for _ in range(n))


def _body(rng: random.Random, sections: int) -> list[tuple[str, str]]:
    blocks = [("p", _sentences(rng, 3))]
    for heading in rng.sample(HEADINGS, sections):
        blocks += [("h2", heading), ("p", _sentences(rng, 3)), ("p", _sentences(rng, 2))]
    return blocks


def _generate(count: int, rng: random.Random, max_sections: int = 4) -> list[Entry]:
    entries = []
    step = timedelta(days=SPAN_DAYS) / max(count, 1)
    for i in range(count):
        topic, angle = TOPICS[i % len(TOPICS)], ANGLES[(i // len(TOPICS)) % len(ANGLES)]
        title = angle.format(topic)
        if i >= len(TOPICS) * len(ANGLES):
            title += f" ({i // (len(TOPICS) * len(ANGLES)) + 1})"
        date = START + step * i + timedelta(minutes=rng.randrange(600))
        modified = date + timedelta(days=rng.choice((0, 0, 1, 3, 30)), minutes=rng.randrange(60))
        first = rng.choice(CATEGORIES)[0]
        categories = (first,) if rng.random() < 0.7 else tuple(sorted({first, rng.choice(CATEGORIES)[0]}))
        entry = Entry(id=100 + i, title=title, slug=_slugify(title), blocks=_body(rng, min(rng.randint(2, 4), max_sections)),
                      date=date, modified=modified, categories=categories)
        if i % 3 == 0:  # footnotes: Modern Footnotes, every seventh with WordPress core's markup instead
            paragraphs = [k for k, (tag, _) in enumerate(entry.blocks) if tag == "p"]
            for k in rng.sample(paragraphs, rng.randint(1, 2)):
                entry.notes[k] = rng.choice(NOTES)
            entry.footnote_style = "core" if i % 7 == 0 else "modern"
        entries.append(entry)
    if count >= 3:  # a non-ASCII slug and a title full of markup characters
        entries[1].title, entries[1].slug = "Übermorgen: ein Blick voraus", "%c3%bcbermorgen-ein-blick-voraus"
        entries[2].title = "Q&A: Ist <KI> „gefährlich“? Ein Test für 'Sonderzeichen' & Co."
        entries[2].slug = _slugify(entries[2].title)
    last = START + timedelta(days=SPAN_DAYS)
    for n, title in enumerate(("Impressum", "Über uns", "Kontakt")):
        entries.append(Entry(id=10 + n, title=title, slug=_slugify(title), blocks=_body(rng, 2), kind="page",
                             date=START - timedelta(days=30 - n), modified=START))
    entries.append(Entry(id=99, title="Entwurf: Noch nicht fertig", slug="entwurf-noch-nicht-fertig",
                         blocks=_body(rng, 2), status="draft", date=last, modified=last))
    return entries


def serving(**options):
    """A started Blog, stopped on exit (for module-scoped fixtures and benchmarks)."""
    return started(Blog(**options))


@pytest.fixture
def blog_site():
    """A fresh fixture blog per test (36 posts, REST API, wp-sitemap, feed), serving on 127.0.0.1."""
    with serving() as blog:
        yield blog
