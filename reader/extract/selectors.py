"""The small part of CSS the extraction tables use, matched fast on a BeautifulSoup tree.

Supported: ``tag``, ``.class``, ``#id``, ``[attr]``, ``[attr=v]``, ``[attr~=v]``, ``[attr^=v]``,
``[attr$=v]``, ``[attr*=v]``, compounds of them (``figure.wp-block-audio``), the descendant (space)
and child (``>``) combinators, and comma lists. Anything else raises ValueError when the rule
is compiled, so a table entry that needs more is caught by the tests.

Why not bs4's ``select``: Soup Sieve implements all of CSS in pure Python and compiles its
parser's patterns in every new process, which cost more than the rest of ``reader extract``.
Here a list of selectors is compiled once, indexed by the class, id or tag of its last compound,
and matched against every element in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bs4 import Tag

_PART = re.compile(r"""([.#])([\w-]+)|\[\s*([\w:-]+)\s*(?:([~^$*]?=)\s*["']?([^\]"']*)["']?\s*)?\]""")
_TAG = re.compile(r"[a-zA-Z][\w-]*|\*")
_COMBINATOR = re.compile(r"\s*>\s*|\s+")
_ATTR_TESTS = {
    "=": lambda found, value: found == value,
    "~=": lambda found, value: value in found.split(),
    "^=": lambda found, value: found.startswith(value),
    "$=": lambda found, value: found.endswith(value),
    "*=": lambda found, value: value in found,
}


@dataclass(frozen=True)
class Compound:
    tag: str | None
    classes: frozenset[str]
    ident: str | None
    attrs: tuple[tuple[str, str | None, str | None], ...]  # (name, operator, value)

    def matches(self, element: Tag) -> bool:
        if self.tag is not None and element.name != self.tag:
            return False
        if self.ident is not None and element.get("id") != self.ident:
            return False
        if self.classes and not self.classes <= set(element.get("class") or ()):
            return False
        for name, operator, value in self.attrs:
            found = element.get(name)
            if found is None:
                return False
            if operator is not None:
                found = " ".join(found) if isinstance(found, list) else found
                if not _ATTR_TESTS[operator](found, value):
                    return False
        return True


@dataclass(frozen=True)
class Selector:
    """Compounds from left to right, with the combinator before each (" " or ">")."""

    compounds: tuple[Compound, ...]
    combinators: tuple[str, ...]

    def matches(self, element: Tag) -> bool:
        return self.compounds[-1].matches(element) and self._ancestors_match(element, len(self.compounds) - 2)

    def _ancestors_match(self, element: Tag, index: int) -> bool:
        if index < 0:
            return True
        compound, combinator = self.compounds[index], self.combinators[index + 1]
        parent = element.parent
        while isinstance(parent, Tag) and parent.name != "[document]":
            if compound.matches(parent) and self._ancestors_match(parent, index - 1):
                return True
            if combinator == ">":
                return False
            parent = parent.parent
        return False


def _compound(text: str) -> Compound:
    tag_match = _TAG.match(text)
    tag = tag_match.group(0).lower() if tag_match and tag_match.group(0) != "*" else None
    pos = tag_match.end() if tag_match else 0
    classes, ident, attrs = set(), None, []
    while pos < len(text):
        part = _PART.match(text, pos)
        if part is None:
            raise ValueError(f"selector not supported: {text!r}")
        if part.group(1) == ".":
            classes.add(part.group(2))
        elif part.group(1) == "#":
            ident = part.group(2)
        else:
            attrs.append((part.group(3), part.group(4), part.group(5)))
        pos = part.end()
    return Compound(tag, frozenset(classes), ident, tuple(attrs))


def parse(selector: str) -> Selector:
    selector = selector.strip()
    compounds, combinators, pos = [], [""], 0
    for match in _COMBINATOR.finditer(selector):
        compounds.append(_compound(selector[pos:match.start()]))
        combinators.append(">" if ">" in match.group(0) else " ")
        pos = match.end()
    compounds.append(_compound(selector[pos:]))
    return Selector(tuple(compounds), tuple(combinators))


@dataclass(frozen=True)
class Rules:
    by_class: dict
    by_id: dict
    by_tag: dict
    others: tuple[Selector, ...]

    def match(self, element: Tag) -> bool:
        candidates = list(self.by_tag.get(element.name, ()))
        ident = element.get("id")
        if ident:
            candidates += self.by_id.get(ident, ())
        for name in element.get("class") or ():
            candidates += self.by_class.get(name, ())
        candidates += self.others
        return any(rule.matches(element) for rule in candidates)


@lru_cache(maxsize=None)
def compile_rules(selectors: str | tuple[str, ...]) -> Rules:
    """Selectors (one comma list or a tuple of them) indexed by their last compound."""
    parts = selectors if isinstance(selectors, tuple) else (selectors,)
    by_class: dict[str, list[Selector]] = {}
    by_id: dict[str, list[Selector]] = {}
    by_tag: dict[str, list[Selector]] = {}
    others: list[Selector] = []
    for text in (piece for part in parts for piece in part.split(",") if piece.strip()):
        rule = parse(text)
        last = rule.compounds[-1]
        if last.classes:
            by_class.setdefault(min(last.classes), []).append(rule)
        elif last.ident is not None:
            by_id.setdefault(last.ident, []).append(rule)
        elif last.tag is not None:
            by_tag.setdefault(last.tag, []).append(rule)
        else:
            others.append(rule)
    return Rules(by_class, by_id, by_tag, tuple(others))


def select(root: Tag, selectors: str | tuple[str, ...], elements: list[Tag] | None = None) -> list[Tag]:
    """Elements under ``root`` (or of ``elements``, a list of them) matching any selector, in document order."""
    rules = compile_rules(selectors)
    return [el for el in (root.find_all(True) if elements is None else elements) if rules.match(el)]


def select_one(root: Tag, selectors: str | tuple[str, ...]) -> Tag | None:
    rules = compile_rules(selectors)
    return next((el for el in root.descendants if isinstance(el, Tag) and rules.match(el)), None)


def matches(element: Tag, selectors: str | tuple[str, ...]) -> bool:
    return compile_rules(selectors).match(element)


def _alive(element: Tag) -> bool:
    """Still in the tree: not removed, alone or with an ancestor, since the index was made (read from the
    element's own attributes, as ``text.is_gone`` does: a decomposed Tag has none, and bs4 runs find() for one)."""
    return vars(element).get("parent") is not None


class Index:
    """The elements of a tree by tag, class and id, for many queries on one tree; elements removed
    since the index was made are skipped (new ones are not seen)."""

    def __init__(self, root: Tag):
        self.root = root
        self.order: dict[int, int] = {}
        self.by_tag: dict[str, list[Tag]] = {}
        self.by_class: dict[str, list[Tag]] = {}
        self.by_id: dict[str, list[Tag]] = {}
        self.everything = root.find_all(True)
        for position, element in enumerate(self.everything):
            self.order[id(element)] = position
            self.by_tag.setdefault(element.name, []).append(element)
            for name in element.get("class") or ():
                self.by_class.setdefault(name, []).append(element)
            ident = element.get("id")
            if isinstance(ident, str):
                self.by_id.setdefault(ident, []).append(element)

    def select(self, selectors: str | tuple[str, ...]) -> list[Tag]:
        rules = compile_rules(selectors)
        found: dict[int, Tag] = {}
        for table, index in ((rules.by_class, self.by_class), (rules.by_id, self.by_id), (rules.by_tag, self.by_tag)):
            for key, wanted in table.items():
                for element in index.get(key, ()):
                    if _alive(element) and any(rule.matches(element) for rule in wanted) and self._attached(element):
                        found[id(element)] = element
        for element in self.everything if rules.others else ():
            if _alive(element) and any(rule.matches(element) for rule in rules.others) and self._attached(element):
                found[id(element)] = element
        return sorted(found.values(), key=lambda el: self.order[id(el)])

    def _attached(self, element: Tag) -> bool:
        return any(parent is self.root for parent in element.parents)

    def select_one(self, selectors: str | tuple[str, ...]) -> Tag | None:
        found = self.select(selectors)
        return found[0] if found else None
