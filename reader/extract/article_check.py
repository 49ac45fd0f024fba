"""Is there an article to read? Refuse home pages, archives, login pages and near-empty pages.

The rules, from the cheapest signal to the most general:
1. A WordPress page whose ``<body>`` class names a listing (``blog``, ``archive``, ``search``,
   ``error404``, ``login``, ...): WordPress says itself that this is not one post.
2. The content found is mostly teasers: three or more post cards (``<article>``, ``.hentry``,
   ``.wp-block-post``, ...) with a linked title, holding at least half of its text.
3. Too little prose. An article has at least ``MIN_WORDS`` words of body text, and either two
   sentence-like blocks (``PROSE_WORDS`` words or more each) or, for a one-paragraph post, at
   least ``SHORT_ARTICLE_WORDS`` words. A login form, an empty body or a menu fails this.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..article import CAPTION, LIST_ITEM, PARAGRAPH, QUOTE, TABLE, Block
from ..errors import NotAnArticleError
from .selectors import select, select_one

LISTING_BODY_CLASSES = frozenset(
    {"blog", "archive", "search", "search-results", "search-no-results", "error404", "login",
     "category", "tag", "author", "date", "post-type-archive"}
)
TEASER_SELECTORS = ("article", ".hentry", ".wp-block-post", ".type-post", ".post-preview", ".teaser")
# A teaser links its title to the post, or ends in a "read more" link.
TEASER_TITLE = "h1 a[href], h2 a[href], h3 a[href], h4 a[href], a[href] h2, a[href] h3, a[href] h4, a.more-link"
TEASER_MARK = "data-reader-teaser"
MIN_TEASERS = 3
TEASER_SHARE = 0.5
MIN_WORDS = 50
PROSE_WORDS = 8
MIN_PROSE_BLOCKS = 2
SHORT_ARTICLE_WORDS = 120
BODY_KINDS = (PARAGRAPH, LIST_ITEM, QUOTE, CAPTION, TABLE)
_WORDPRESS = re.compile(r"/wp-(?:content|includes)/")


def refuse_listing(soup: BeautifulSoup, url: str) -> None:
    """Rule 1, and marks the teasers for rule 2; call it on the page as fetched (it needs the
    ``<head>``, scripts and the teasers' headers, which cleanup removes)."""
    _refuse(_listing_page(soup), url)
    for element in select(soup, TEASER_SELECTORS):
        if select_one(element, TEASER_TITLE) is not None:
            element[TEASER_MARK] = "1"


def ensure_article(roots: list[Tag], blocks: list[Block], url: str) -> None:
    """Rules 2 and 3, on the content found and the blocks read from it."""
    _refuse(_teasers(roots) or _too_little_text(blocks), url)


def _refuse(reason: str | None, url: str) -> None:
    if reason:
        raise NotAnArticleError(
            f"nothing to read at {url}: it does not look like an article ({reason}); "
            "give the address of a single post or article"
        )


def is_wordpress(soup: BeautifulSoup) -> bool:
    generator = soup.find("meta", attrs={"name": "generator"}, content=True)
    if generator is not None and generator["content"].lower().startswith("wordpress"):
        return True
    return any(_WORDPRESS.search(tag.get("href") or tag.get("src") or "")
               for tag in soup.find_all(["link", "script", "img"], limit=200))


def _listing_page(soup: BeautifulSoup) -> str | None:
    body = soup.body
    classes = set(body.get("class", [])) if body is not None else set()
    found = sorted(classes & LISTING_BODY_CLASSES)
    if found and "single" not in classes and is_wordpress(soup):
        return f"a WordPress {found[0]} page"
    return None


def _teasers(roots: list[Tag]) -> str | None:
    total = sum(len(root.get_text(" ", strip=True)) for root in roots) or 1
    teasers = []
    for root in roots:
        for element in root.find_all(attrs={TEASER_MARK: True}):
            if not teasers or not any(parent is teasers[-1] for parent in element.parents):
                teasers.append(element)
    if len(teasers) < MIN_TEASERS:
        return None
    share = sum(len(t.get_text(" ", strip=True)) for t in teasers) / total
    return f"a list of {len(teasers)} teasers" if share >= TEASER_SHARE else None


def _too_little_text(blocks: list[Block]) -> str | None:
    counts = [_words(block) for block in blocks if block.kind in BODY_KINDS]
    words = sum(counts)
    prose = sum(1 for block, n in zip((b for b in blocks if b.kind in BODY_KINDS), counts)
                if n >= PROSE_WORDS and block.kind != TABLE)
    if words < MIN_WORDS:
        return f"only {words} words of text"
    if prose < MIN_PROSE_BLOCKS and words < SHORT_ARTICLE_WORDS:
        return f"only {words} words in {prose} paragraph(s)"
    return None


def _words(block: Block) -> int:
    if block.kind == TABLE:
        return sum(len(cell.split()) for row in [block.header, *block.rows] for cell in row)
    return len(block.text.split())
