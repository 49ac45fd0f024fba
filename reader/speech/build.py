"""Article -> Script: every reading decision is made here, none of them makes a sound.

Sections split at the top heading level used in the article; the part before the first heading is
the first section, titled and opened by the article title and byline. Each block kind has its own
reader (``BLOCK_READERS``); footnotes are read at the end, inline after the citing sentence, or not
at all. Every utterance is cut to fit the engine (``chunk.fit``) and normalised (``normalize``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..article import CAPTION, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE, Article, Block, Footnote
from ..errors import NotAnArticleError, UsageError
from .chunk import LIST_ORDER, SENTENCE_ORDER, fit
from .normalize import normalize
from .script import PAUSE_MS, Script, ScriptSection, Utterance
from .sentences import sentence_spans, split_sentences
from .tables import table_sentences

FOOTNOTE_POLICIES = ("end", "inline", "skip")
FOOTNOTES_TITLE = "Fußnoten"
CAPTION_INTRO = "Bildunterschrift: "


@dataclass
class _Reading:
    """What every block reader needs: language, engine limit, footnotes and which were read."""

    lang: str
    max_chars: int
    policy: str
    notes: dict[str, Footnote]
    read: set[str] = field(default_factory=set)
    _spoken: dict[str, str] = field(default_factory=dict)

    def spoken(self, written: str) -> str:
        if written not in self._spoken:
            self._spoken[written] = normalize(written, self.lang)
        return self._spoken[written]

    def say(self, written: str, kind: str, order: tuple[str, ...] = SENTENCE_ORDER) -> list[Utterance]:
        """Utterances for one sentence: pieces that fit the engine, "clause" pauses between them."""
        pieces = fit(written, self.max_chars, lambda text: len(self.spoken(text)), order)
        utterances = [Utterance(self.spoken(p), p, PAUSE_MS["clause"], self.lang, kind) for p in pieces]
        return _end(utterances, "sentence")

    def footnote_once(self, label: str) -> list[Utterance]:
        """"Fußnote 1: ..." sentence by sentence, the first time the note is asked for; then nothing."""
        note = self.notes.get(label)
        if note is None or label in self.read or not note.text.strip():
            return []
        self.read.add(label)
        sentences = split_sentences(note.text)
        sentences[0] = f"Fußnote {label}: {sentences[0]}"
        return [u for sentence in sentences for u in self.say(sentence, "footnote")]


def _end(utterances: list[Utterance], pause: str) -> list[Utterance]:
    """Set the pause after the last utterance."""
    if utterances:
        utterances[-1].pause_ms = PAUSE_MS[pause]
    return utterances


def _notes_by_sentence(block: Block, spans: list[tuple[int, int]]) -> dict[int, list[str]]:
    """Footnote labels cited in each sentence (by index), in citation order."""
    starts = [start for start, _ in spans]
    cited: dict[int, list[str]] = {}
    for ref in sorted(block.refs, key=lambda r: r.offset):
        cited.setdefault(max(0, bisect_right(starts, ref.offset) - 1), []).append(ref.label)
    return cited


def _read_text(block: Block, kind: str, reading: _Reading, intro: str = "") -> list[Utterance]:
    spans = sentence_spans(block.text)
    cited = _notes_by_sentence(block, spans) if reading.policy == "inline" else {}
    utterances: list[Utterance] = []
    for index, (start, end) in enumerate(spans):
        sentence = block.text[start:end]
        utterances += reading.say(intro + sentence if index == 0 else sentence, kind)
        for label in cited.get(index, ()):
            utterances += reading.footnote_once(label)
    return utterances


def _paragraph(block: Block, following: Block | None, reading: _Reading) -> list[Utterance]:
    return _end(_read_text(block, "sentence", reading), "paragraph")


def _list_item(block: Block, following: Block | None, reading: _Reading) -> list[Utterance]:
    last_of_list = following is None or following.kind != LIST_ITEM
    return _end(_read_text(block, "list_item", reading), "paragraph" if last_of_list else "sentence")


def _quote(block: Block, following: Block | None, reading: _Reading) -> list[Utterance]:
    return _end(_read_text(block, "quote", reading), "paragraph")


def _caption(block: Block, following: Block | None, reading: _Reading) -> list[Utterance]:
    return _end(_read_text(block, "caption", reading, CAPTION_INTRO), "paragraph")


def _heading(block: Block, following: Block | None, reading: _Reading) -> list[Utterance]:
    return _end(reading.say(block.text, "heading"), "heading")


def _table(block: Block, following: Block | None, reading: _Reading) -> list[Utterance]:
    rows = table_sentences(block.header, block.rows)
    return _end([u for row in rows for u in reading.say(row, "table_row", LIST_ORDER)], "paragraph")


BLOCK_READERS = {
    PARAGRAPH: _paragraph,
    LIST_ITEM: _list_item,
    QUOTE: _quote,
    CAPTION: _caption,
    HEADING: _heading,
    TABLE: _table,
}


@dataclass
class _Part:
    title: str
    blocks: list[Block]


def _parts(article: Article) -> list[_Part]:
    """Blocks grouped at the top heading level; a heading repeating the title is dropped."""
    title = article.title.strip().casefold()
    blocks = [
        b for b in article.blocks
        if b.kind != HEADING or (b.text.strip() and b.text.strip().casefold() != title)
    ]
    top = min((b.level for b in blocks if b.kind == HEADING), default=None)
    parts = [_Part(article.title, [])]
    for block in blocks:
        if block.kind == HEADING and block.level == top:
            parts.append(_Part(block.text, []))
        parts[-1].blocks.append(block)
    return parts[1:] if not parts[0].blocks and len(parts) > 1 else parts


def _opening(article: Article, reading: _Reading) -> list[Utterance]:
    utterances = _end(reading.say(article.title, "title"), "heading") if article.title.strip() else []
    if article.author and article.author.strip():
        byline = "Von " + article.author.strip()
        utterances += _end(reading.say(byline if byline.endswith(".") else byline + ".", "byline"), "heading")
    return utterances


def _read_part(part: _Part, reading: _Reading) -> list[Utterance]:
    utterances: list[Utterance] = []
    for index, block in enumerate(part.blocks):
        following = part.blocks[index + 1] if index + 1 < len(part.blocks) else None
        utterances += BLOCK_READERS[block.kind](block, following, reading)
    return utterances


def _label_key(label: str) -> tuple:
    """Natural order: "2" before "10", numbers before other labels."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|\D+", label))


def _footnotes_part(article: Article, reading: _Reading) -> list[Utterance]:
    """The closing "Fußnoten" section: every note not read yet (none under "skip")."""
    if reading.policy == "skip":
        return []
    utterances: list[Utterance] = []
    for note in sorted(article.footnotes, key=lambda n: _label_key(n.label)):
        utterances += _end(reading.footnote_once(note.label), "paragraph")
    return _end(reading.say(FOOTNOTES_TITLE, "heading"), "heading") + utterances if utterances else []


def build_script(article: Article, *, footnotes: str = "end", max_chars: int = 400) -> Script:
    """What will be said for ``article``: sections of normalised utterances with pauses."""
    if footnotes not in FOOTNOTE_POLICIES:
        raise UsageError(f"unknown footnote policy {footnotes!r}; use one of: {', '.join(FOOTNOTE_POLICIES)}")
    if max_chars < 1:
        raise UsageError(f"the engine's text limit must be at least 1 character, not {max_chars}")
    lang = article.language or "de"
    reading = _Reading(lang, max_chars, footnotes, {n.label: n for n in article.footnotes})
    parts = _parts(article)
    sections = [ScriptSection(p.title, _read_part(p, reading)) for p in parts]
    sections[0].utterances[:0] = _opening(article, reading)
    closing = _footnotes_part(article, reading)
    if closing:
        sections.append(ScriptSection(FOOTNOTES_TITLE, closing))
    sections = [s for s in sections if s.utterances]
    if not sections:
        raise NotAnArticleError("the article has nothing to read; check the page with 'reader extract'")
    for section in sections:
        _end(section.utterances, "section")
    return Script(title=article.title, language=lang, sections=sections)
