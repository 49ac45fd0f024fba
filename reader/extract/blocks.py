"""Walk the article's element into Blocks: headings, paragraphs, list items, quotes, tables, captions.

The walk is iterative (an explicit stack), so 5000 nested ``<div>``s are as easy as five.
Text nodes are concatenated as they are; a block-level element ends the current block and
starts the next one; the innermost element with a meaning (heading, list item, quote,
caption) decides the kind of block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import Tag

from ..article import CAPTION, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE, Block, FootnoteRef
from .langspans import LANG_CLOSE, open_marker, primary, pull_spans
from .text import BREAK, REF_TAG, SEPARATING_TAGS, inline_text, is_text, page_text, pull_refs, ref_placeholder, squash

# Elements that give their text a kind; every other block-level element keeps the enclosing kind.
KIND_OF = {
    **{f"h{n}": (HEADING, n) for n in range(1, 7)},
    "li": (LIST_ITEM, None),  # level = list depth
    "blockquote": (QUOTE, 0),
    "figcaption": (CAPTION, 0),
    "caption": (CAPTION, 0),
}
LISTS = {"ul": False, "ol": True}  # list tag -> ordered
BLOCK_TAGS = SEPARATING_TAGS | {"center", "fieldset", "hgroup", "legend", "menu", "dir"}
NEVER_READ = {"script", "style", "noscript", "template", "head", "title"}
_PARAGRAPH_BREAK = re.compile(BREAK + r"(?:\s*" + BREAK + ")+")
_LONG_CELL = 300  # characters: a table cell holding this much prose is page layout, not data


@dataclass(frozen=True)
class _Context:
    kind: str
    level: int = 0
    ordered: bool = False


class _Walker:
    def __init__(self, language: str | None = None):
        self.language = language
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.context = [_Context(PARAGRAPH)]
        self.lists: list[bool] = []

    def run(self, root: Tag) -> list[Block]:
        stack: list[tuple[object, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self._leave(node)
            elif isinstance(node, Tag):
                self._enter(node, stack)
            elif is_text(node):
                self.parts.append(page_text(node))
        self._flush()
        return self.blocks

    def _enter(self, tag: Tag, stack: list) -> None:
        name = tag.name
        if name in NEVER_READ:
            return
        if name == REF_TAG:
            self.parts.append(ref_placeholder(tag.get("label", "")))
            return
        if name == "br":
            self.parts.append(BREAK)
            return
        if name == "table" and is_data_table(tag):
            self._flush()
            self.blocks.extend(table_blocks(tag))
            return
        if name in BLOCK_TAGS or name in LISTS:
            self._flush()
            self._push(tag)
            stack.append((tag, True))
        lang = primary(tag.get("lang") or tag.get("xml:lang"))
        if lang:
            self.parts.append(open_marker(lang))
            stack.append((_LangEnd(tag), True))
        stack.extend((child, False) for child in reversed(tag.contents))

    def _push(self, tag: Tag) -> None:
        name = tag.name
        if name in LISTS:
            self.lists.append(LISTS[name])
        if name in KIND_OF:
            kind, level = KIND_OF[name]
            if kind == LIST_ITEM:
                self.context.append(_Context(kind, max(1, len(self.lists)), bool(self.lists and self.lists[-1])))
            else:
                self.context.append(_Context(kind, level))

    def _leave(self, tag) -> None:
        if isinstance(tag, _LangEnd):
            self.parts.append(LANG_CLOSE)
            return
        self._flush()
        if tag.name in LISTS and self.lists:
            self.lists.pop()
        if tag.name in KIND_OF and len(self.context) > 1:
            self.context.pop()

    def _flush(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts = []
        ctx = self.context[-1]
        for piece in _PARAGRAPH_BREAK.split(raw):
            text, refs = pull_refs(squash(piece.replace(BREAK, " ")))
            text, refs, spans = pull_spans(text, refs, self.language)
            if text:
                self.blocks.append(Block(ctx.kind, text, level=ctx.level, ordered=ctx.ordered, refs=refs,
                                         spans=spans))


@dataclass(frozen=True)
class _LangEnd:
    """Stack entry: where an element with a ``lang`` attribute ends."""

    tag: Tag


def walk(root: Tag, language: str | None = None) -> list[Block]:
    """The blocks under ``root`` in reading order (empty blocks dropped); passages marked with a
    ``lang`` other than ``language`` (the article's) become the blocks' ``spans``."""
    return _Walker(language).run(root)


# --- tables -----------------------------------------------------------------------------------

def is_data_table(table: Tag) -> bool:
    """A table of data (read as rows), not a table used to lay out a page (read as text)."""
    if table.get("role", "").lower() in ("presentation", "none") or table.find("table") is not None:
        return False
    rows = _rows(table)
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return False
    if table.find(["th", "thead", "caption"]) is not None:
        return True
    return all(len(cell.get_text(" ", strip=True)) < _LONG_CELL for row in rows for cell in row)


def table_blocks(table: Tag) -> list[Block]:
    """A caption block (if any) and one TABLE block with header and rows of cell texts.

    Footnote markers in cells are removed; their references point at the start of the table.
    """
    blocks: list[Block] = []
    caption = table.find("caption")
    if caption is not None:
        text, refs = pull_refs(inline_text(caption))
        if text:
            blocks.append(Block(CAPTION, text, refs=refs))
    rows = _rows(table)
    header: list[str] = []
    if rows and (_in_thead(rows[0][0]) or all(cell.name == "th" for cell in rows[0])):
        header, rows = _cell_texts(rows[0]), rows[1:]
    body = [texts for texts in map(_cell_texts, rows) if any(texts)]
    refs = [FootnoteRef(label, 0) for label in _labels_in(table)]
    if header or body:
        blocks.append(Block(TABLE, header=header, rows=body, refs=refs))
    return blocks


def _rows(table: Tag) -> list[list[Tag]]:
    """Rows of this table (not of tables nested in it), each a list of its th/td cells."""
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is table:
            cells = tr.find_all(["th", "td"], recursive=False)
            if cells:
                rows.append(cells)
    return rows


def _in_thead(cell: Tag) -> bool:
    return cell.find_parent("thead") is not None


def _cell_texts(cells: list[Tag]) -> list[str]:
    return [pull_refs(inline_text(cell))[0] for cell in cells]


def _labels_in(table: Tag) -> list[str]:
    labels = []
    for ref in table.find_all(REF_TAG):
        if ref.get("label") and ref["label"] not in labels and ref.find_parent("caption") is None:
            labels.append(ref["label"])
    return labels
