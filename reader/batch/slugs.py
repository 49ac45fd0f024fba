"""Folder names for posts: whatever a page or feed says, the name stays a plain folder inside DIR.

A name is lower case ASCII letters, digits and single dashes (German letters spelled out: ä -> ae,
ß -> ss), at most MAX_LENGTH characters, never empty, never a name Windows reserves, never one of the
batch's own files. So '../x', '/etc', 'a\\0b', 'CON', 'Foo' next to 'foo' all become safe, distinct names:
``unique_slug`` gives a taken name a suffix from the post's URL, the same on every run.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, unquote, urlsplit

MAX_LENGTH = 60
FALLBACK = "post"
SPELLED = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "œ": "oe", "þ": "th", "đ": "d", "ł": "l"}
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")
PLAIN_PERMALINKS = {"p": "p", "page_id": "page"}  # WordPress without pretty permalinks: query key -> name


def slugify(text: str) -> str:
    """A safe folder name for ``text`` (may be FALLBACK)."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = "".join(SPELLED.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    name = _NOT_ALLOWED.sub("-", text).strip("-")
    if len(name) > MAX_LENGTH:
        name = name[:MAX_LENGTH].rsplit("-", 1)[0] if "-" in name[:MAX_LENGTH] else name[:MAX_LENGTH]
    name = name.strip("-") or FALLBACK
    return f"{name}-post" if name in RESERVED else name


def slug_source(url: str, slug: str = "", title: str = "") -> str:
    """What to name a post after: the slug its source gives, else the last part of its URL's path; for a
    plain permalink (``/?p=12``, ``/?page_id=3``) its title when known, else ``p-12``."""
    if slug and slug.strip():
        return unquote(slug)
    parts = urlsplit(url)
    path = [p for p in unquote(parts.path).split("/") if p]
    if not path or re.fullmatch(r"index\.php", path[-1], re.IGNORECASE):
        query = dict(parse_qsl(parts.query))
        key = next((k for k in PLAIN_PERMALINKS if query.get(k, "").isdigit()), None)
        if key:
            return title if title and title.strip() else f"{PLAIN_PERMALINKS[key]}-{query[key]}"
    last = path[-1] if path else parts.hostname or ""
    return re.sub(r"\.(html?|php)$", "", last, flags=re.IGNORECASE)


def unique_slug(url: str, slug: str, taken, title: str = "") -> str:
    """slugify(slug or URL), with a suffix from the URL's hash when ``taken`` (a set, or anything that
    answers ``in``) already has it."""
    base = slugify(slug_source(url, slug, title))
    if base not in taken:
        return base
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()
    for size in (6, 10, 40):
        name = f"{base[: MAX_LENGTH - size - 1]}-{digest[:size]}"
        if name not in taken:
            return name
    raise ValueError(f"no free folder name for {url}")  # only if 3 SHA-1 prefixes collide
