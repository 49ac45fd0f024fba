"""Footnotes: every known markup as one row of a table, and one routine that applies them.

For each markup: which element is the marker in the text, where its label is, how to find the
note's text (beside the marker, through an id the marker points to, or in a list by label),
and which containers hold the notes (removed from the page so they are never read as body).
When no markup is found, ``plain_footnotes`` looks for notes written by hand ("[1]", "¹").

``collect(soup)`` replaces every marker with a ``<reader-fn label="...">`` element (turned into
a ``FootnoteRef`` by the block walker) and returns the notes, one per distinct note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from bs4 import BeautifulSoup, Tag

from .selectors import Index, matches, select, select_one
from .text import REF_TAG, inline_text, is_gone, squash


@dataclass(frozen=True)
class NoteList:
    """Notes kept as a list whose items carry their label (no ids to follow)."""

    items: str  # CSS selector of one note's element
    label: str  # selector (inside an item) of the label
    text: str  # selector (inside an item) of the text; "" = the item without its label


@dataclass(frozen=True)
class Markup:
    name: str
    marker: str  # CSS selector of the marker in the text
    label: str = "text"  # "text", "attr:NAME" or "in:SELECTOR" (text of a descendant)
    # How to find the note, tried in order: "next:SELECTOR" (the element right after the marker),
    # "in:SELECTOR" (inside the marker), "aria" (aria-describedby), "href" (the #id it links to), "list".
    note: tuple[str, ...] = ("href",)
    note_list: NoteList | None = None
    containers: tuple[str, ...] = ()  # removed from the page once the notes are read


MARKUPS = (
    Markup(
        "modern-footnotes", "sup.modern-footnotes-footnote", label="attr:data-mfn",
        note=("next:.modern-footnotes-footnote__note", "aria", "list"),
        note_list=NoteList("ul.modern-footnotes-list > li", "span", "div"),
        containers=(".modern-footnotes-footnote__note", "ul.modern-footnotes-list", ".modern-footnotes-list-heading"),
    ),
    Markup("wordpress-core", "sup[data-fn]", containers=("ol.wp-block-footnotes",)),
    Markup("easy-footnotes", "span.easy-footnote", containers=("ol.easy-footnotes-wrapper", ".easy-footnote-title")),
    Markup(
        "footnotes-made-easy", "a.footnote-identifier-link",
        containers=("ol.footnotes", ".footnotes_reference_container"),
    ),
    Markup(
        "footnotes", "span.footnote_referrer", label="in:.footnote_plugin_tooltip_text",
        note=("in:.footnote_tooltip", "list"),
        note_list=NoteList("table.footnotes_table tr", ".footnote_plugin_index", ".footnote_plugin_text"),
        containers=(".footnotes_reference_container", "table.footnotes_table"),
    ),
    Markup(
        "markdown", "sup[id^=fnref], sup.footnote-ref, a.footnote-ref, [role=doc-noteref], a[rel=footnote], "
        "a[data-footnote-ref]",  # the last: GitHub-flavoured Markdown
        containers=("div.footnote", "div.footnotes", "section.footnotes", "[role=doc-endnotes]", "hr.footnotes-sep"),
    ),
    Markup("htmlbook", "a[data-type=noteref]", containers=("[data-type=footnotes]",)),  # O'Reilly HTMLBook
    Markup("hover-footnotes", "a.fn-ref-mark", containers=("#footnote-list",)),  # jQuery Hover Footnotes (WordPress)
    Markup("mediawiki", "sup.reference", containers=("ol.references", ".reflist", ".mw-references-wrap")),
)

# Back-links inside a note ("↩︎", "↑", "^"): removed before the note is read.
BACKLINKS = (
    "a.footnote-backref", "a.reversefootnote", "a.easy-footnote-to-top", ".footnote-back-link-wrapper",
    "a[href^='#fnref']", "a[href$='-link']", "a[data-footnote-backref]", "a[href$='-marker']", "a[href^='#refmark']", "[role=doc-backlink]", ".mw-cite-backlink", ".footnote_tooltip_continue",
)
_ARROWS = "↩︎↩↑^\ufe0e\ufe0f⤴︎⬆"
_LABEL_TRIM = "[]()⁽⁾{}.,: \u00a0"


@dataclass
class Note:
    label: str
    text: str


class _Registry:
    """Distinct notes in the order they are first cited; one label per note."""

    def __init__(self):
        self.notes: list[Note] = []
        self._by_key: dict = {}

    def add(self, key, label: str, text: str) -> str:
        if key in self._by_key:
            return self._by_key[key].label
        for note in self.notes:  # the same note met again (inline and in a list)
            if note.label == label and note.text == text:
                self._by_key[key] = note
                return label
        taken = {n.label for n in self.notes}
        unique, n = label, 2
        while unique in taken:
            unique, n = f"{label}.{n}", n + 1
        note = Note(unique, text)
        self.notes.append(note)
        self._by_key[key] = note
        return unique


def collect(soup: BeautifulSoup) -> list[Note]:
    """Replace footnote markers by ``<reader-fn>`` placeholders, remove the notes, return them."""
    registry = _Registry()
    read: list[Tag] = []  # note elements, removed once every marker has been resolved
    page = _Page(soup, Index(soup))
    for markup in MARKUPS:
        _apply(page, markup, registry, read)
    if not registry.notes:  # no markup recognised: notes written by hand, if both sides are there
        _plain(soup, registry, read)
    containers = tuple(sel for markup in MARKUPS for sel in markup.containers)
    # Containers go even when no marker was recognised: a note list is never read as body text.
    for element in read + page.index.select(containers):
        if not is_gone(element):
            element.decompose()
    return registry.notes


def _plain(soup: BeautifulSoup, registry: _Registry, read: list[Tag]) -> None:
    from . import plain_footnotes

    found = plain_footnotes.collect(soup)
    if found is not None:
        for label, text in found.notes:
            registry.add(label, label, text)
        read.extend(found.blocks)


@dataclass
class _Page:
    """The page while its footnotes are collected: the tree and its index (made once; elements
    removed since are skipped by ``is_gone``)."""

    soup: BeautifulSoup
    index: Index


def _apply(page: _Page, markup: Markup, registry: _Registry, read: list[Tag]) -> None:
    soup = page.soup
    done: set[int] = set()
    for marker in page.index.select(markup.marker):
        parents = list(marker.parents)
        if id(marker) in done or any(id(p) in done for p in parents) or not parents or parents[-1] is not soup:
            continue  # inside a marker already replaced, or removed with a note already read
        done.add(id(marker))
        label = _label(marker, markup.label)
        note = _find_note(page, marker, markup, label)
        placeholder = soup.new_tag(REF_TAG)
        if note is not None and label:
            text = _note_text(note)
            if text:
                placeholder["label"] = registry.add(id(note), label, text)
            read.append(note)
        _outermost(marker).replace_with(placeholder)
        if not placeholder.has_attr("label"):
            placeholder.decompose()  # a marker without a note: just remove it


def _outermost(marker: Tag) -> Tag:
    """The marker with the inline wrappers that hold nothing else (``<sup><a>1</a></sup>``)."""
    text = marker.get_text(strip=True)
    while marker.parent is not None and marker.parent.name in ("sup", "span", "a"):
        if marker.parent.get_text(strip=True) != text:
            break
        marker = marker.parent
    return marker


def _label(marker: Tag, how: str) -> str:
    if how.startswith("attr:"):
        value = marker.get(how[5:], "")
        if value:
            return value.strip()
    elif how.startswith("in:"):
        inner = select_one(marker, how[3:])
        if inner is not None:
            return inner.get_text(strip=True).strip(_LABEL_TRIM)
    return marker.get_text(strip=True).strip(_LABEL_TRIM)


def _find_note(page: _Page, marker: Tag, markup: Markup, label: str) -> Tag | None:
    for how in markup.note:
        kind, _, arg = how.partition(":")
        note = _NOTE_FINDERS[kind](page, marker, arg, markup, label)
        if note is not None:
            return note
    return None


def _next_note(page, marker, selector, markup, label):
    sibling = _outermost(marker).find_next_sibling()
    return sibling if sibling is not None and matches(sibling, selector) else None


def _inner_note(page, marker, selector, markup, label):
    return select_one(marker, selector)


def _aria_note(page, marker, _, markup, label):
    holder = marker if marker.has_attr("aria-describedby") else marker.find(attrs={"aria-describedby": True})
    return _by_id(page, holder.get("aria-describedby", "").split()[0]) if holder is not None else None


def _href_note(page, marker, _, markup, label):
    link = marker if marker.name == "a" and marker.has_attr("href") else marker.find("a", href=True)
    if link is None or not link["href"].startswith("#") and "#" not in link["href"]:
        return None
    target = _by_id(page, unquote(link["href"].rsplit("#", 1)[1]))
    while target is not None and not target.get_text(strip=True):  # an empty anchor inside the note
        target = target.parent
    return target


def _list_note(page, marker, _, markup, label):
    spec = markup.note_list
    for item in page.index.select(spec.items) if spec else ():
        if is_gone(item):
            continue
        item_label = select_one(item, spec.label)
        if item_label is not None and item_label.get_text(strip=True).strip(_LABEL_TRIM) == label:
            return select_one(item, spec.text) if spec.text else item
    return None


_NOTE_FINDERS = {"next": _next_note, "in": _inner_note, "aria": _aria_note, "href": _href_note, "list": _list_note}


def _by_id(page: _Page, ident: str) -> Tag | None:
    return next((el for el in page.index.by_id.get(ident, ()) if not is_gone(el)), None) if ident else None


def _note_text(note: Tag) -> str:
    """The note's text on one line, without back-links and arrows; paragraphs joined by a space."""
    for backlink in select(note, BACKLINKS):
        if not is_gone(backlink):
            backlink.decompose()
    text = inline_text(note)
    text = re.sub(r"\s*[" + _ARROWS + r"]+\s*$", "", text)
    text = re.sub(r"^\s*[" + _ARROWS + r"]+\s*", "", text)
    return squash(text)
