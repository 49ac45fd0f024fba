"""Text density: which element holds the article's prose and little else.

Every visible text node is sorted once, by the nearest block element around it:
- *prose*: the block has at least ``MIN_PROSE`` characters, less than half of them links, and,
  for plain text blocks shorter than ``LONG_PROSE``, a sentence ending (a headline does not);
- *neutral*: headings and captions, short list items and table cells, links inside prose;
- *boilerplate*: links outside prose, and other text that is not prose (dates, buttons, labels).
Each element gets the sums of its descendants. The article is the element with the highest
``prose - BOILERPLATE_COST * boilerplate``: it grows to take in every paragraph, and stops
growing where taking in a region brings more boilerplate than prose. Inside it, ``prune``
removes containers whose boilerplate outweighs their prose (link lists, galleries, bylines).
"""

from __future__ import annotations

import re

from bs4 import Tag

from .blocks import is_data_table
from .text import SEPARATING_TAGS, is_gone, is_text

MIN_PROSE = 25  # characters
MAX_LINK_SHARE = 0.5
LONG_PROSE = 120  # characters: shorter text counts as prose only if a sentence ends in it
_SENTENCE_END = re.compile(r"[.!?…:;](?:\s|$)|[.!?…][\"'”“»«)]")
BOILERPLATE_COST = 2.0  # a character of boilerplate costs two of prose
# How a block's text counts: headings are neutral; items and cells are prose when long enough,
# neutral otherwise; other text is prose or boilerplate.
ROLES = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption"), "heading"),
    **dict.fromkeys(("li", "dd", "dt"), "item"),
    **dict.fromkeys(("td", "th"), "cell"),
}
BLOCKS = SEPARATING_TAGS | {"center"}
# Containers inside the article that are removed when their boilerplate outweighs their prose.
PRUNABLE = ("div", "section", "ul", "ol", "dl", "figure", "aside", "table", "form", "header", "footer", "nav")
PRUNE_MIN = 20  # characters of boilerplate
PRUNE_RATIO = 1.0  # ... and outweighs the prose


class Density:
    def __init__(self, root: Tag):
        self.root = root
        self.prose: dict[int, int] = {}
        self.boiler: dict[int, int] = {}
        self.elements: dict[int, Tag] = {}
        self._blocks: dict[int, tuple[bool, bool]] = {}  # block -> (prose, ends a sentence or is long)
        self._tables: dict[int, bool] = {}  # table -> holds data (not a page's layout)
        self._count(root)

    def score(self, element: Tag) -> float:
        key = id(element)
        return self.prose.get(key, 0) - BOILERPLATE_COST * self.boiler.get(key, 0)

    def prose_chars(self, element: Tag) -> int:
        return self.prose.get(id(element), 0)

    def best(self) -> Tag | None:
        """The element with the highest score. Elements were met from the text upwards, so
        among equal scores the first met, the deepest, wins (a wrapper adds nothing)."""
        best, best_score = None, 0.0
        for element in self.elements.values():
            score = self.score(element)
            if score > best_score:
                best, best_score = element, score
        return best

    def prune(self, root: Tag) -> None:
        """Remove parts of ``root`` that are mostly boilerplate: link lists, galleries, byline boxes."""
        for element in root.find_all(PRUNABLE):
            if is_gone(element):
                continue
            boiler = self.boiler.get(id(element), 0)
            if boiler >= PRUNE_MIN and boiler > PRUNE_RATIO * self.prose.get(id(element), 0):
                element.decompose()

    def _count(self, root: Tag) -> None:
        for node in root.descendants:
            if not is_text(node) or not node.strip():
                continue
            size = len(" ".join(node.split()))
            kind = self._kind(node)
            if kind is None:
                continue
            table = self.prose if kind == "prose" else self.boiler
            for parent in node.parents:
                key = id(parent)
                self.elements[key] = parent
                table[key] = table.get(key, 0) + size
                if parent is root:
                    break

    def _kind(self, node) -> str | None:
        block, in_link = None, False
        for parent in node.parents:
            in_link = in_link or parent.name == "a"
            if block is None and (parent.name in BLOCKS or parent is self.root):
                block = parent
            if parent is self.root:
                break
        if block is None:
            return None
        role = ROLES.get(block.name) or self._item_role(block)
        prose = role != "heading" and self._is_prose(block, strict=role == "text")
        if in_link:
            return None if prose else "boiler"
        if prose:
            return "prose"
        return "boiler" if role == "text" else None

    def _item_role(self, block: Tag) -> str:
        """A paragraph right inside a list item (``<li><p>encryption</p></li>``) counts as the item,
        one right inside a cell of a data table as the cell (a layout table's cells hold pages)."""
        parent = block.parent
        role = ROLES.get(parent.name) if parent is not None else None
        if role == "cell":
            table = parent.find_parent("table")
            key = id(table)
            if key not in self._tables:
                self._tables[key] = table is not None and is_data_table(table)
            return role if self._tables[key] else "text"
        return role if role == "item" else "text"

    def _is_prose(self, block: Tag, strict: bool) -> bool:
        """At least MIN_PROSE characters, less than half of them links, not inside a link; when
        ``strict``, short text must also end a sentence somewhere (a headline or a date does not)."""
        key = id(block)
        if key not in self._blocks:
            text = block.get_text(" ", strip=True)
            links = sum(len(a.get_text(" ", strip=True)) for a in block.find_all("a"))
            prose = len(text) >= MIN_PROSE and links < MAX_LINK_SHARE * len(text) and block.find_parent("a") is None
            sentence = len(text) >= LONG_PROSE or _SENTENCE_END.search(text) is not None
            self._blocks[key] = (prose, sentence)
        prose, sentence = self._blocks[key]
        return prose and (sentence or not strict)
