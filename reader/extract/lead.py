"""The lead paragraph that stands outside the article's body element.

Many templates put the lead (``perex``, ``standfirst``, ``intro``, ``teaser``, ``dek``) above the
body, in an element of its own, so the body element the density or a profile finds does not hold
it. ``leads_before(root)`` finds such elements among the earlier siblings of ``root`` and of its
ancestors (``MAX_LEVELS`` up): named as a lead and holding a sentence.
"""

from __future__ import annotations

import re

from bs4 import Tag

from .names import names_of

LEAD_WORDS = frozenset("lead lede perex standfirst intro teaser dek deck summary excerpt abstract subline".split())
MAX_LEVELS = 3
MIN_CHARS = 40
MAX_CHARS = 1200  # a longer "intro" is a section of its own, found by the other rules or not at all
_SENTENCE_END = re.compile(r"[.!?…][\"'”“»«)]?\s*$")


def leads_before(root: Tag) -> list[Tag]:
    """Lead elements before ``root`` (nearest level first is fine: they are returned in page order)."""
    found: list[Tag] = []
    element = root
    for _ in range(MAX_LEVELS):
        for sibling in element.find_previous_siblings(True, limit=6):
            if _is_lead(sibling):
                found.append(sibling)
        element = element.parent
        if element is None or element.name in ("body", "html"):
            break
    return sorted(found, key=_position)


def _is_lead(element: Tag) -> bool:
    if not any(words and words[-1] in LEAD_WORDS for words in names_of(element)):
        return False
    return is_lead_text(element.get_text(" ", strip=True))


def is_lead_text(text: str) -> bool:
    """Long enough to be a sentence or two, short enough to be a lead, and ending a sentence."""
    return MIN_CHARS <= len(text) <= MAX_CHARS and _SENTENCE_END.search(text) is not None


def _position(element: Tag) -> int:
    return sum(1 for _ in element.previous_elements)
