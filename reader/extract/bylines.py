"""Bylines and "about" paragraphs: who wrote the article, or who the publisher is, said as a line.

- ``is_byline``: a short line naming the author: "By Jeff Foust — November 18, 2019",
  "Von Moritz Bachmann publiziert am 25. September 2018", or the name the page's metadata gives
  as the author, alone or after "By"/"Von" ("- Debbie White"). A byline is never read (the
  author is ``Article.author``); late in the text it opens the author's box (see ``noise.py``).
- ``is_about_part``: the publisher's self-description that ends press releases and company
  blogs ("Ascom is a global solutions provider ...", "Die Beispiel AG ist ein führender Anbieter ...").
"""

from __future__ import annotations

import re

from ..article import LIST_ITEM, PARAGRAPH, Block

_DASHES = " \t-–—•|·:"
BYLINE_KINDS = (PARAGRAPH, LIST_ITEM)
BYLINE_MAX = 100  # characters
_NAME_WORD = r"[A-ZÄÖÜ][\w'’.-]*"
_PARTICLE = r"(?:von|van|de|der|den|del|da|di|du|la|le|zu|ten|bin|al)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|\bund\b|&)\s*{_NAME})*"
_PREFIX = r"(?i:by|von|text|autor(?:in)?|author)\s*:?\s+"
# After the name, a date or a time, with the words that announce it.
_WHEN = (r"(?:\s*[,|—–-]\s*|\s+)(?i:(?:published|updated|posted|publiziert|veröffentlicht|aktualisiert|erschienen)"
         r"(?:\s+(?:on|am|at|um))?\s+)?[^!?]{0,40}\d[^!?]{0,30}")
BYLINE = re.compile(rf"^{_PREFIX}{_NAMES}(?:{_WHEN})?$")

ABOUT_MAX_WORDS = 12  # what it is must be said early in the first sentence
ABOUT_LINE = 100  # characters: a shorter line after it (an address, a web site) belongs to the part
NOT_A_NAME = frozenset("this that it there here he she they what which who es das dies er sie hier".split())
ABOUT = re.compile(
    r"^(?P<name>[A-ZÄÖÜ][\w&.’'-]*(?:\s+[A-ZÄÖÜ&][\w&.’'-]*){0,3})\s+"
    r"(?:is|ist)\s+(?:a|an|ein|eine|one of the|einer der|eines der)\s+(?P<what>[^.]*)", re.UNICODE)
ABOUT_WHAT = re.compile(
    r"\b(provider|company|leader|manufacturer|supplier|developer|firm|group|specialist|agency|consultancy|"
    r"anbieter|unternehmen|hersteller|dienstleister|spezialist|konzern|agentur|beratung)\b", re.IGNORECASE)


def is_byline(block: Block, author: str | None = None) -> bool:
    if block.kind not in BYLINE_KINDS or len(block.text) > BYLINE_MAX:
        return False
    text = block.text.strip(_DASHES)
    if author and _names_author(text, author):
        return True
    return BYLINE.match(text) is not None


def _names_author(text: str, author: str) -> bool:
    """``text`` is the author's name, maybe after "By"/"Von" and before a date."""
    author = " ".join(author.split())
    if not author or len(author) < 3:
        return False
    rest = re.sub(rf"^{_PREFIX}", "", text)
    if not rest.casefold().startswith(author.casefold()):
        return False
    tail = rest[len(author):]
    return not tail.strip(_DASHES) or re.fullmatch(_WHEN, tail) is not None


def about_name(block: Block) -> str | None:
    """The company's name when the paragraph's first sentence names it and says what kind of
    company it is ("Ascom is a global solutions provider ..."), else None."""
    if block.kind != PARAGRAPH:
        return None
    match = ABOUT.match(block.text)
    if match is None or match.group("name").split()[0].casefold() in NOT_A_NAME:
        return None
    head = match.group("what").split()[:ABOUT_MAX_WORDS]
    return match.group("name") if ABOUT_WHAT.search(" ".join(head)) else None


def is_about_part(blocks: list[Block]) -> bool:
    """``blocks`` (the rest of the text) are the publisher's "about us": a first paragraph that
    says what the company is, then only lines that name it again or are short (an address, a link)."""
    name = about_name(blocks[0]) if blocks else None
    if name is None:
        return False
    return all(name in block.text or len(block.text) <= ABOUT_LINE for block in blocks[1:])
