"""Passages in another language: ``<span lang="en">Big Tech</span>`` inside a German article.

While the block walker gathers text it puts a private-use marker where an element with a ``lang``
attribute opens (``LANG_OPEN + tag + LANG_END``) and where it closes (``LANG_CLOSE``). Once the
block's text is final, ``pull_spans`` removes the markers and turns every run of characters whose
innermost marked language differs from the article's into a ``LangSpan``; footnote offsets are
moved to the text without markers.
"""

from __future__ import annotations

import re

from ..article import FootnoteRef, LangSpan

LANG_OPEN = "\ue003"
LANG_END = "\ue005"
LANG_CLOSE = "\ue004"
MARKERS = LANG_OPEN + LANG_END + LANG_CLOSE
_TOKEN = re.compile(LANG_OPEN + "([^" + LANG_END + "]*)" + LANG_END + "|" + LANG_CLOSE)


def primary(tag: str | None) -> str | None:
    """The BCP 47 primary subtag, lower-cased ("en-GB" -> "en"); None for an empty or odd value."""
    value = re.split(r"[-_]", (tag or "").strip())[0].lower()
    return value if re.fullmatch(r"[a-z]{2,3}", value) else None


def open_marker(lang: str) -> str:
    return LANG_OPEN + lang + LANG_END


def pull_spans(text: str, refs: list[FootnoteRef], article_lang: str | None
               ) -> tuple[str, list[FootnoteRef], list[LangSpan]]:
    """Remove the markers from ``text``; return the clean text, the moved refs and the spans."""
    if not any(mark in text for mark in MARKERS):
        return text, refs, []
    out: list[str] = []
    langs: list[str | None] = []  # the language of each character of ``out``
    where: list[int] = []  # new offset of each old offset
    stack: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        _copy(text[pos:match.start()], out, langs, where, stack[-1] if stack else None)
        where.extend([len(out)] * (match.end() - match.start()))
        if match.group(1) is not None:
            stack.append(match.group(1))
        elif stack:
            stack.pop()
        pos = match.end()
    _copy(text[pos:], out, langs, where, stack[-1] if stack else None)
    where.append(len(out))
    clean = "".join(out)
    stripped = clean.rstrip()
    moved = [FootnoteRef(r.label, min(where[min(r.offset, len(where) - 1)], len(stripped))) for r in refs]
    return stripped, moved, _runs(stripped, langs, article_lang)


def _copy(piece: str, out: list[str], langs: list, where: list[int], lang: str | None) -> None:
    """Append ``piece``; a space right after another space (where a marker stood) is dropped."""
    for char in piece:
        where.append(len(out))
        if char == " " and (not out or out[-1] == " "):
            continue
        out.append(char)
        langs.append(lang)


def _runs(text: str, langs: list, article_lang: str | None) -> list[LangSpan]:
    """Runs of characters in a language other than the article's, without spaces at their edges."""
    spans: list[LangSpan] = []
    start = None
    for index in range(len(text) + 1):
        lang = langs[index] if index < len(text) else None
        current = lang if lang and lang != article_lang else None
        if start is not None and (current != langs[start] or index == len(text)):
            spans.append(_trimmed(text, start, index, langs[start]))
            start = None
        if start is None and current is not None and index < len(text):
            start = index
    return [span for span in spans if span.end > span.start]


def _trimmed(text: str, start: int, end: int, lang: str) -> LangSpan:
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return LangSpan(start, end, lang)
