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
from .anglicisms import respell_english
from .normalize import Lexicon, normalize
from .script import PAUSE_MS, Script, ScriptSection, Utterance
from .sentences import sentence_spans, split_sentences
from .spans import language_pieces
from .tables import table_sentences

FOOTNOTE_POLICIES = ("end", "inline", "skip")
FOOTNOTES_TITLE = "Fußnoten"
CAPTION_INTRO = "Bildunterschrift: "
LANGUAGE_SWITCH_PAUSE_MS = 0  # between pieces of one sentence read in different languages
# Respelling for a German voice, by the language of a passage it cannot switch to.
RESPELLERS = {"en": respell_english}


@dataclass
class _Reading:
    """What every block reader needs: language, engine limit, footnotes and which were read."""

    lang: str
    max_chars: int
    policy: str
    notes: dict[str, Footnote]
    lexicon: Lexicon | None = None
    languages: frozenset[str] | None = None  # what the engine can switch to; None: any language
    read: set[str] = field(default_factory=set)
    _spoken: dict[tuple[str, str], str] = field(default_factory=dict)

    def voice_lang(self, lang: str) -> str:
        """The language an utterance in ``lang`` is read in: its own if the engine speaks it."""
        if lang == self.lang or self.languages is None or lang in self.languages:
            return lang
        return self.lang

    def spoken(self, written: str, lang: str | None = None) -> str:
        lang = lang or self.lang
        key = (written, lang)
        if key not in self._spoken:
            if lang == self.lang:
                said = normalize(written, lang, self.lexicon)
            elif self.voice_lang(lang) == lang:
                said = normalize(written, lang)
            else:
                said = normalize(RESPELLERS.get(lang, str)(written), self.lang, self.lexicon)
            self._spoken[key] = said
        return self._spoken[key]

    def say(
        self, written: str, kind: str, order: tuple[str, ...] = SENTENCE_ORDER, lang: str | None = None
    ) -> list[Utterance]:
        """Utterances for one sentence: pieces that fit the engine, "clause" pauses between them."""
        lang = lang or self.lang
        pieces = fit(written, self.max_chars, lambda text: len(self.spoken(text, lang)), order)
        voice = self.voice_lang(lang)
        utterances = [Utterance(self.spoken(p, lang), p, PAUSE_MS["clause"], voice, kind) for p in pieces]
        return _end(utterances, "sentence")

    def say_mixed(self, pieces: list[tuple[str, str]], kind: str) -> list[Utterance]:
        """One sentence in pieces of different languages: no pause where only the language changes."""
        utterances: list[Utterance] = []
        for text, lang in pieces:
            if utterances:
                utterances[-1].pause_ms = LANGUAGE_SWITCH_PAUSE_MS
            utterances += self.say(text, kind, lang=lang)
        return utterances

    def footnote_once(self, label: str) -> list[Utterance]:
        """"Fußnote 1: ..." sentence by sentence, the first time the note is asked for; then nothing."""
        note = self.notes.get(label)
        if note is None or label in self.read or not note.text.strip():
            return []
        self.read.add(label)
        sentences = split_sentences(note.text)
        sentences[0] = f"Fußnote {label}: {sentences[0]}"
        pieces = (language_pieces(sentence, 0, len(sentence), [], self.lang) for sentence in sentences)
        return [u for sentence in pieces for u in _end(self.say_mixed(sentence, "footnote"), "sentence")]


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
        pieces = language_pieces(block.text, start, end, block.spans, reading.lang)
        if index == 0 and intro:
            pieces = _with_intro(intro, pieces, reading.lang)
        utterances += reading.say_mixed(pieces, kind)
        for label in cited.get(index, ()):
            utterances += reading.footnote_once(label)
    return utterances


def _with_intro(intro: str, pieces: list[tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    """Put "Bildunterschrift: " before the first piece (as a piece of its own if that one is foreign)."""
    if pieces and pieces[0][1] == lang:
        return [(intro + pieces[0][0], lang), *pieces[1:]]
    return [(intro.strip(), lang), *pieces]


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


def build_script(
    article: Article,
    *,
    footnotes: str = "end",
    max_chars: int = 400,
    lexicon: Lexicon | None = None,
    languages: frozenset[str] | set[str] | None = None,
) -> Script:
    """What will be said for ``article``: sections of normalised utterances with pauses.

    ``lexicon`` (the owner's, see ``reader.lexicon``) is applied before the built-in rules.
    ``languages`` are the languages the engine can switch to (its ``languages`` attribute): a passage
    marked in one of them becomes its own utterance in that language; other passages are respelled
    for the article's voice. None means any language (the engine is not known yet).
    """
    if footnotes not in FOOTNOTE_POLICIES:
        raise UsageError(f"unknown footnote policy {footnotes!r}; use one of: {', '.join(FOOTNOTE_POLICIES)}")
    if max_chars < 1:
        raise UsageError(f"the engine's text limit must be at least 1 character, not {max_chars}")
    lang = article.language or "de"
    reading = _Reading(
        lang, max_chars, footnotes, {n.label: n for n in article.footnotes}, lexicon,
        None if languages is None else frozenset(languages),
    )
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
