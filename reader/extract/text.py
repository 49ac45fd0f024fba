"""Text helpers shared by the extraction steps: whitespace, footnote placeholders, inline text.

Footnote markers are replaced in the tree by a ``<reader-fn label="...">`` element (see
``footnotes.py``). When text is gathered, that element becomes a placeholder
``REF_OPEN + label + REF_CLOSE`` (private-use characters that cannot collide with page text,
because page text is stripped of them); ``pull_refs`` later removes the placeholders and
records where they stood.
"""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString, Script, Stylesheet, TemplateString

from ..article import FootnoteRef

REF_TAG = "reader-fn"
REF_OPEN = "\ue000"
REF_CLOSE = "\ue001"
BREAK = "\ue002"  # a <br>: one becomes a space, two or more end a paragraph
_PRIVATE = REF_OPEN + REF_CLOSE + BREAK + "\ue003\ue004\ue005"  # and langspans' markers

# Characters that only steer rendering; they sit inside words and must vanish without a trace.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff" + _PRIVATE))
_SPACES = re.compile(r"\s+")
_REF = re.compile(REF_OPEN + "([^" + REF_CLOSE + "]*)" + REF_CLOSE)
_JOINS_LEFT = frozenset(" .,;:!?)]}…" + REF_OPEN)  # what may follow a marker without a space
_STRING_SKIP = (PreformattedString, Script, Stylesheet, TemplateString)  # comments, doctype, CDATA, code

# Tags whose content starts on a new line when a note or a cell is flattened to one string.
SEPARATING_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section table tbody td tfoot th thead tr ul caption details summary".split()
)


def is_text(node) -> bool:
    """True for a visible text node (not a comment, doctype, CDATA, script or style text)."""
    return isinstance(node, NavigableString) and not isinstance(node, _STRING_SKIP)


def is_gone(node) -> bool:
    """True once ``node`` was removed from the tree, directly or with an ancestor.

    (Cheaper than bs4's ``decomposed``, which searches the subtree for a tag of that name. Read from the
    node's own attributes: a decomposed node has lost them all, and looking up a missing one on a Tag
    runs ``find``.)
    """
    return vars(node).get("parent") is None


def page_text(raw: str) -> str:
    """A text node as it may enter a block: without invisible characters or our placeholders."""
    return raw.translate(_INVISIBLE)


def squash(text: str) -> str:
    """Collapse whitespace runs to one space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def ref_placeholder(label: str) -> str:
    return REF_OPEN + label + REF_CLOSE


def inline_text(element: Tag) -> str:
    """All visible text under ``element`` on one line, footnote placeholders kept.

    Text nodes are joined as they are (so ``<b>Dot</b>com`` stays one word); a ``<br>`` or the
    start of a block-level child adds a space. Iterative, so deep nesting is no problem.
    """
    parts: list[str] = []
    for node in element.descendants:
        if isinstance(node, Tag):
            if node.name == REF_TAG:
                parts.append(ref_placeholder(node.get("label", "")))
            elif node.name == "br" or node.name in SEPARATING_TAGS:
                parts.append(" ")
        elif is_text(node):
            parts.append(page_text(node))
    return squash("".join(parts))


def pull_refs(text: str) -> tuple[str, list[FootnoteRef]]:
    """Remove footnote placeholders from squashed text; return the clean text and the references.

    A reference's offset is where the marker stood, after the cited word. A space just before
    the marker goes with it when a space, punctuation or the end follows ("weitem [1] Hier" ->
    "weitem Hier", "weitem [1]." -> "weitem."), and stays when a word follows ("weitem [1]Hier").
    """
    refs: list[FootnoteRef] = []
    out = ""
    pos = 0
    for match in _REF.finditer(text):
        out += text[pos:match.start()]
        offset = len(out)
        if out.endswith(" "):
            offset -= 1
            following = text[match.end():match.end() + 1]
            if not following or following in _JOINS_LEFT:
                out = out[:-1]
        refs.append(FootnoteRef(label=match.group(1), offset=offset))
        pos = match.end()
    out += text[pos:]
    if out.startswith(" "):  # the block began with a marker
        out = out[1:]
        refs = [FootnoteRef(r.label, max(0, r.offset - 1)) for r in refs]
    out = out.rstrip()
    return out, [FootnoteRef(r.label, min(r.offset, len(out))) for r in refs]
