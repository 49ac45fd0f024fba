"""Fit text to an engine's limit: split a long sentence at clause boundaries, then at commas, then at spaces.

Boundaries are tried from the strongest down (``SENTENCE_ORDER``; table rows use ``LIST_ORDER``).
At each level the segments are packed greedily into pieces that still fit, and a segment that
alone is too long goes down one level.
Words are never cut: a single token longer than the limit is the only piece that may exceed it.
Joining the pieces with spaces gives back the original words.
"""

from __future__ import annotations

import re
from typing import Callable

_CONJUNCTIONS = (
    "und", "oder", "aber", "sondern", "denn", "doch", "jedoch", "weil", "dass", "da", "damit", "wenn",
    "als", "ob", "obwohl", "während", "nachdem", "bevor", "sodass", "wie", "wo", "womit", "wodurch",
    "die", "der", "das", "den", "dem", "deren", "dessen", "welche", "welcher", "welches", "um",
)

# Split points. Punctuation stays with the piece before it.
BOUNDARIES: dict[str, re.Pattern] = {
    "clause": re.compile(r"(?<=[;:])\s+|(?<=\s[–—])\s+|(?<=,)\s+(?=(?:%s)\b)" % "|".join(_CONJUNCTIONS)),
    "comma": re.compile(r"(?<=,)\s+"),
    "space": re.compile(r"\s+"),
}
SENTENCE_ORDER = ("clause", "comma", "space")  # strongest first
LIST_ORDER = ("comma", "clause", "space")  # "a: 1, b: 2": the commas separate the items


def fit(
    text: str, max_chars: int, measure: Callable[[str], int] = len, order: tuple[str, ...] = SENTENCE_ORDER
) -> list[str]:
    """Pieces of ``text`` whose ``measure`` (e.g. the length of the spoken form) is <= max_chars.

    ``order`` names the boundaries to try, strongest first (keys of ``BOUNDARIES``).
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    text = text.strip()
    levels = tuple(BOUNDARIES[name] for name in order)
    return _fit(text, levels, max_chars, measure) if text else []


def _fit(text: str, levels: tuple[re.Pattern, ...], max_chars: int, measure: Callable[[str], int]) -> list[str]:
    if not levels or measure(text) <= max_chars:
        return [text]
    segments = [s for s in levels[0].split(text) if s]
    pieces: list[str] = []
    current = ""
    for segment in segments:
        candidate = f"{current} {segment}" if current else segment
        if current and measure(candidate) > max_chars:
            pieces.extend(_fit(current, levels[1:], max_chars, measure))
            current = segment
        else:
            current = candidate
    pieces.extend(_fit(current, levels[1:], max_chars, measure))
    return pieces
