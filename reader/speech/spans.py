"""Passages in another language inside a block: cut a sentence into pieces by language.

``Block.spans`` (from extraction) mark character ranges the page declares in another language
(``lang="en"``). A sentence that overlaps them becomes a list of ``(text, lang)`` pieces in order;
pieces holding no letter or digit (a quote mark, a comma) are joined to their neighbour so no
engine call says only punctuation.
"""

from __future__ import annotations

from ..article import LangSpan
from .language_guess import guess_spans


def _cuts(start: int, end: int, spans: list[LangSpan], base: str) -> list[tuple[int, int, str]]:
    """(start, end, lang) ranges covering [start, end)."""
    ranges, at = [], start
    for span in sorted(spans, key=lambda s: s.start):
        lo, hi = max(span.start, start), min(span.end, end)
        if lo >= hi or lo < at:
            continue
        if lo > at:
            ranges.append((at, lo, base))
        ranges.append((lo, hi, span.lang.split("-")[0].lower() or base))
        at = hi
    if at < end:
        ranges.append((at, end, base))
    return ranges


def _merge(pieces: list[list]) -> list[list]:
    """Join pieces without letters or digits, and neighbours in the same language."""
    merged: list[list] = []
    for piece in pieces:
        wordless = not any(c.isalnum() for c in piece[0])
        if merged and (wordless or merged[-1][1] == piece[1]):
            merged[-1][0] += piece[0]
        elif merged and not any(c.isalnum() for c in merged[-1][0]):
            merged[-1] = [merged[-1][0] + piece[0], piece[1]]
        else:
            merged.append(list(piece))
    return merged


def language_pieces(text: str, start: int, end: int, spans: list[LangSpan], base: str) -> list[tuple[str, str]]:
    """The sentence text[start:end] as (text, lang) pieces, stripped, in order. Without marked spans,
    clearly English clauses are found by their function words (``language_guess``)."""
    spans = spans or guess_spans(text, start, end, base)
    if not spans:
        return [(text[start:end], base)]
    pieces = _merge([[text[lo:hi], lang] for lo, hi, lang in _cuts(start, end, spans, base)])
    return [(piece.strip(), lang) for piece, lang in pieces if piece.strip()]
