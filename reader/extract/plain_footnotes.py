"""Footnotes written by hand, without any plugin markup: a fallback for ``footnotes.collect``.

Markers in the text: "[1]", Unicode superscript digits ("Pollen¹") or a bare ``<sup>1</sup>``
(no link). Notes: a final run of paragraphs or list items that start with the label ("[1] Text",
"1) Text", "¹ Text", "<sup>1</sup> Text"), or an ``<ol>`` right after a heading such as "Fußnoten".

Both sides must be found, or nothing changes: the notes are the last blocks of their container,
labelled 1..n in order, and every note is cited by a marker before them (labels first cited in
that order, no marker without a note). Then each marker becomes a ``<reader-fn>`` placeholder and
the note blocks (and their heading) are returned for removal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import NavigableString, Tag

from .text import REF_TAG, inline_text, is_text

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789")

# How a note block starts: (pattern on its text, the label's group). A bare <sup> is checked apart.
NOTE_LABELS = (
    re.compile(r"^\[(\d{1,3})\]\s*"),
    re.compile(r"^(\d{1,3})\)\s+"),
    re.compile(r"^([" + _SUPERSCRIPTS + r"]{1,3})\s*"),
)
NOTE_BLOCKS = ("p", "li", "div")
# Headings that introduce a list of notes (compared case-insensitively, without a final colon).
NOTE_HEADINGS = frozenset(
    "fußnoten fussnoten anmerkungen anmerkung quellen quellenangaben einzelnachweise nachweise belege "
    "notes footnotes endnotes references sources".split()
)
HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6", "p", "strong", "b")

# Markers in running text: "[1]" or a run of superscript digits.
_TEXT_MARKER = re.compile(r"\[(\d{1,3})\]|([" + _SUPERSCRIPTS + r"]{1,3})")
# A superscript right after these is a power or unit ("m²", "x²", "10³", "(a+b)²"), not a marker.
_POWER_BEFORE = re.compile(r"(?:^|[^\w])[A-Za-zÄÖÜäöüß]{1,2}$|[\d)\]]$|^$")
_SKIP_INSIDE = frozenset(("pre", "code", "kbd", "samp", "var", "math", REF_TAG))


@dataclass
class PlainNotes:
    """What was found: (label, text) per note, and the blocks to remove (notes and their heading)."""

    notes: list[tuple[str, str]]
    blocks: list[Tag]


def collect(soup) -> PlainNotes | None:
    """Find hand-written notes and their markers; replace the markers; None when not both found."""
    if soup.find("sup") is None and not any(_TEXT_MARKER.search(text) for text in soup.strings):
        return None  # no marker anywhere: no need to look for notes (matters on very large pages)
    for run, heading in _note_runs(soup):
        notes = [(str(i + 1), text) for i, (_, text) in enumerate(run)]
        blocks = [block for block, _ in run]
        markers = _markers_for(blocks, len(notes))
        if markers is None:
            continue
        _replace_all(soup, markers)
        return PlainNotes(notes, blocks + ([heading] if heading is not None else []))
    return None


# -- the notes ---------------------------------------------------------------------------------

def _note_runs(soup):
    """Candidate note runs, each a list of (block, text) labelled 1..n, with its heading or None."""
    for heading in soup.find_all(HEADING_TAGS):
        if heading.get_text(" ", strip=True).rstrip(":").strip().casefold() in NOTE_HEADINGS:
            listed = _listed_notes(heading)
            if listed:
                yield listed, _own_block(heading)
    for first in soup.find_all(NOTE_BLOCKS):
        found = _note_label(first)
        if found is not None and found[0] == "1":
            run = _labelled_run(first)
            if run:
                yield run, _heading_before(first)


def _listed_notes(heading: Tag):
    """The <ol> right after a notes heading, when it ends its container: items labelled by place."""
    block = _own_block(heading)
    following = _next_element(block)
    if following is None or following.name != "ol" or following.get("start", "1") != "1":
        return None
    items = following.find_all("li", recursive=False)
    if not items or not _is_last(following):
        return None
    run = [(item, inline_text(item)) for item in items]
    return run if all(text for _, text in run) else None


def _labelled_run(first: Tag):
    """``first`` and the blocks after it, labelled 2, 3, ..., up to the end of their container."""
    run, block, expected = [], first, 1
    while block is not None:
        found = _note_label(block)
        if found is None or found[0] != str(expected) or not found[1]:
            return None
        run.append((block, found[1]))
        block, expected = _next_element(block), expected + 1
    if first.name == "li" and not _is_last(first.parent):
        return None  # a list of notes ends its container too
    return run


def _note_label(block: Tag) -> tuple[str, str] | None:
    """(label, note text) when ``block`` starts with a note label, else None."""
    if block.name not in NOTE_BLOCKS:
        return None
    text = inline_text(block)
    lead = next((c for c in block.children if not (isinstance(c, NavigableString) and not c.strip())), None)
    if isinstance(lead, Tag) and lead.name == "sup" and lead.find("a") is None:
        label = lead.get_text(strip=True)
        if label.isdigit() and text.startswith(label):
            return label, text[len(label):].strip()
    for pattern in NOTE_LABELS:
        match = pattern.match(text)
        if match:
            return match.group(1).translate(_FROM_SUPERSCRIPT), text[match.end():].strip()
    return None


def _next_element(element: Tag) -> Tag | None:
    """The next sibling element that has text (empty ones, whitespace and comments skipped)."""
    for sibling in element.next_siblings:
        if isinstance(sibling, Tag) and sibling.get_text(strip=True):
            return sibling
    return None


def _is_last(element: Tag) -> bool:
    return _next_element(element) is None


def _own_block(heading: Tag) -> Tag:
    """A <strong> heading inside a paragraph of its own stands for that paragraph."""
    parent = heading.parent
    if heading.name in ("strong", "b") and parent is not None and parent.get_text(strip=True) == heading.get_text(strip=True):
        return parent
    return heading


def _heading_before(first: Tag) -> Tag | None:
    if first.name == "li":
        first = first.parent  # the list's heading stands before the list
    previous = next((s for s in first.previous_siblings if isinstance(s, Tag) and s.get_text(strip=True)), None)
    if previous is None:
        return None
    heading = previous if previous.name in HEADING_TAGS else previous.find(HEADING_TAGS)
    if heading is None or heading.get_text(" ", strip=True).rstrip(":").strip().casefold() not in NOTE_HEADINGS:
        return None
    return previous


# -- the markers -------------------------------------------------------------------------------

def _markers_for(blocks: list[Tag], count: int):
    """Markers citing notes 1..count before the notes, in the notes' container or up to three
    levels above; None unless every note is cited, first in order, and no marker is left over."""
    scope = blocks[0].parent
    for _ in range(4):
        if scope is None:
            return None
        markers = _markers_before(scope, blocks[0])
        labels = [label for *_, label in markers]
        firsts = list(dict.fromkeys(labels))
        if firsts == [str(n) for n in range(1, count + 1)]:
            return markers
        if any(not label.isdigit() or not 1 <= int(label) <= count for label in labels) or firsts:
            return None  # markers without notes, or out of order: not footnotes
        scope = scope.parent
    return None


def _markers_before(scope: Tag, stop: Tag) -> list[tuple]:
    """(node, start, end, label) for each marker in ``scope`` before ``stop``, in reading order.
    A bare <sup> marker is (sup, None, None, label)."""
    found = []
    for node in scope.descendants:
        if node is stop:
            break
        if isinstance(node, Tag):
            if node.name == "sup" and node.find("a") is None and node.get_text(strip=True).isdigit():
                if not _skipped(node):
                    found.append((node, None, None, node.get_text(strip=True)))
        elif is_text(node) and node.parent.name != "sup" and not _skipped(node):
            found.extend(_text_markers(node))
    return found


def _text_markers(node: NavigableString) -> list[tuple]:
    text = str(node)
    found = []
    for match in _TEXT_MARKER.finditer(text):
        if match.group(2) and _POWER_BEFORE.search(text[:match.start()]):
            continue
        label = (match.group(1) or match.group(2)).translate(_FROM_SUPERSCRIPT)
        found.append((node, match.start(), match.end(), label))
    return found


def _skipped(node) -> bool:
    return any(parent.name in _SKIP_INSIDE for parent in node.parents)


def _replace_all(soup, markers) -> None:
    """Each marker becomes a placeholder; a text node is split once around all its markers."""
    by_node: dict[int, list] = {}
    for marker in markers:
        by_node.setdefault(id(marker[0]), []).append(marker)
    for group in by_node.values():
        node = group[0][0]
        if group[0][1] is None:  # a bare <sup>
            node.replace_with(_placeholder(soup, group[0][3]))
            continue
        text, pieces, pos = str(node), [], 0
        for _, start, end, label in group:
            pieces += [NavigableString(text[pos:start]), _placeholder(soup, label)]
            pos = end
        pieces.append(NavigableString(text[pos:]))
        node.replace_with(*[piece for piece in pieces if piece != ""])


def _placeholder(soup, label: str) -> Tag:
    placeholder = soup.new_tag(REF_TAG)
    placeholder["label"] = label
    return placeholder
