"""The Article: what the page says, as plain data. Everything about HTML ends before this.

Blocks are kept in reading order, headings included; grouping into spoken sections is a
reading decision and is made by the script stage (``reader.speech``).
Footnote markers are removed from block text; each reference is kept as a ``FootnoteRef``
(label + character offset into the block's text) so the script can read the note at the end,
inline after the citing sentence, or not at all.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

# Block kinds. Tables carry ``header`` and ``rows``; everything else carries ``text``.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
QUOTE = "quote"
TABLE = "table"
CAPTION = "caption"
BLOCK_KINDS = (HEADING, PARAGRAPH, LIST_ITEM, QUOTE, TABLE, CAPTION)


@dataclass
class FootnoteRef:
    label: str  # the footnote's label as shown on the page, usually "1", "2", ...
    offset: int  # character offset in Block.text where the marker stood (after the cited word)


@dataclass
class LangSpan:
    start: int  # character offsets into Block.text (end exclusive)
    end: int
    lang: str  # BCP 47 primary tag of a passage marked in another language than the article's, e.g. "en"


@dataclass
class Block:
    kind: str
    text: str = ""
    level: int = 0  # heading level 1-6; list nesting depth (1 = top level) for list items
    ordered: bool = False  # list items of an <ol>
    header: list[str] = field(default_factory=list)  # tables: column names (may be empty)
    rows: list[list[str]] = field(default_factory=list)  # tables: body rows of cell texts
    refs: list[FootnoteRef] = field(default_factory=list)
    spans: list[LangSpan] = field(default_factory=list)  # passages in another language (lang="en" in the page)

    @classmethod
    def from_dict(cls, data: dict) -> "Block":
        data = dict(data)
        data["refs"] = [FootnoteRef(**r) for r in data.get("refs", [])]
        data["spans"] = [LangSpan(**s) for s in data.get("spans", [])]
        return cls(**data)


@dataclass
class Footnote:
    label: str
    text: str
    # Where the note is cited: (block index in Article.blocks, character offset), in order.
    cited_at: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> "Footnote":
        data = dict(data)
        data["cited_at"] = [tuple(x) for x in data.get("cited_at", [])]
        return cls(**data)


@dataclass
class Article:
    title: str
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime as found on the page
    modified: str | None = None
    language: str | None = None  # BCP 47 primary tag, e.g. "de"
    url: str | None = None  # canonical URL if the page names one, else the fetched URL
    site_name: str | None = None
    source: str | None = None  # what the user asked for (URL or path), after redirects

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict) -> "Article":
        data = dict(data)
        data["blocks"] = [Block.from_dict(b) for b in data.get("blocks", [])]
        data["footnotes"] = [Footnote.from_dict(f) for f in data.get("footnotes", [])]
        return cls(**data)

    @classmethod
    def from_json(cls, text: str) -> "Article":
        return cls.from_dict(json.loads(text))
