"""Fit text to an engine's limit: split a long sentence at clause boundaries, then at commas, then at spaces.

Boundaries are tried from the strongest down (``SENTENCE_ORDER``; table rows use ``LIST_ORDER``).
At each level the segments are packed greedily into pieces that still fit, and a segment that
alone is too long goes down one level. Words are split only as a last resort (``LAST_RESORT``):
a single token longer than the limit (a URL, a long compound) is cut after ``-``, ``/``, ``_`` or
``.``, and what still does not fit is cut hard, so no piece exceeds the limit.
Joining the pieces with spaces gives back the original words, except where a token was cut.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

_CONJUNCTIONS = (
    "und", "oder", "aber", "sondern", "denn", "doch", "jedoch", "weil", "dass", "da", "damit", "wenn",
    "als", "ob", "obwohl", "während", "nachdem", "bevor", "sodass", "wie", "wo", "womit", "wodurch",
    "die", "der", "das", "den", "dem", "deren", "dessen", "welche", "welcher", "welches", "um",
)


class Boundary(NamedTuple):
    pattern: re.Pattern
    joiner: str  # what goes back between two segments packed into one piece


# Split points. Punctuation stays with the piece before it.
BOUNDARIES: dict[str, Boundary] = {
    "clause": Boundary(
        re.compile(r"(?<=[;:])\s+|(?<=\s[–—])\s+|(?<=,)\s+(?=(?:%s)\b)" % "|".join(_CONJUNCTIONS)), " "
    ),
    "comma": Boundary(re.compile(r"(?<=,)\s+"), " "),
    "space": Boundary(re.compile(r"\s+"), " "),
    "joint": Boundary(re.compile(r"(?<=[-/_.])(?=.)"), ""),  # inside a token: after - / _ .
}
SENTENCE_ORDER = ("clause", "comma", "space")  # strongest first
LIST_ORDER = ("comma", "clause", "space")  # "a: 1, b: 2": the commas separate the items
LAST_RESORT = ("joint",)  # tried after ``order``; then a hard cut


def fit(
    text: str, max_chars: int, measure: Callable[[str], int] = len, order: tuple[str, ...] = SENTENCE_ORDER
) -> list[str]:
    """Pieces of ``text`` whose ``measure`` (e.g. the length of the spoken form) is <= max_chars.

    ``order`` names the boundaries to try, strongest first (keys of ``BOUNDARIES``).
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    text = text.strip()
    levels = tuple(BOUNDARIES[name] for name in (*order, *LAST_RESORT))
    return _fit(text, levels, max_chars, measure) if text else []


def _fit(text: str, levels: tuple[Boundary, ...], max_chars: int, measure: Callable[[str], int]) -> list[str]:
    if measure(text) <= max_chars:
        return [text]
    if not levels:
        return hard_cut(text, max_chars, measure)
    pattern, joiner = levels[0]
    segments = [s for s in pattern.split(text) if s]
    pieces: list[str] = []
    current = ""
    for segment in segments:
        candidate = f"{current}{joiner}{segment}" if current else segment
        if current and measure(candidate) > max_chars:
            pieces.extend(_fit(current, levels[1:], max_chars, measure))
            current = segment
        else:
            current = candidate
    pieces.extend(_fit(current, levels[1:], max_chars, measure))
    return pieces


def hard_cut(text: str, max_chars: int, measure: Callable[[str], int] = len) -> list[str]:
    """Cut ``text`` into the longest prefixes that fit (at least one character each)."""
    pieces = []
    while text:
        size = _longest_fitting_prefix(text, max_chars, measure)
        pieces.append(text[:size])
        text = text[size:]
    return pieces


def _longest_fitting_prefix(text: str, max_chars: int, measure: Callable[[str], int]) -> int:
    lo, hi = 1, len(text)  # binary search: measures grow with the prefix (closely enough)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(text[:mid]) <= max_chars:
            lo = mid
        else:
            hi = mid - 1
    return lo
