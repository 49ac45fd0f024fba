"""Reader's own audio block in a post's raw content (block-editor markup), as plain text functions.

The block is a core/audio block that carries the class ``reader-audio``; that class is what tells it apart
from the author's own audio blocks, which are never touched. A post holds at most one of ours, at the top.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

CLASS = "reader-audio"

# One core/audio block: opening comment with its JSON attributes, the markup, the closing comment.
_AUDIO_BLOCK = re.compile(
    r"<!--\s+wp:(?:core/)?audio(?:\s+(?P<attrs>\{.*?\}))?\s+-->(?P<inner>.*?)<!--\s+/wp:(?:core/)?audio\s+-->",
    re.DOTALL,
)
_SRC = re.compile(r"""<audio\b[^>]*?\bsrc=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_CLASS_ATTR = re.compile(r"""<figure\b[^>]*?\bclass=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
# WordPress's serialize_block_attributes(): what must not appear raw inside a block comment.
_COMMENT_ESCAPES = {"--": "\\u002d\\u002d", "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", '\\"': "\\u0022"}


@dataclass(frozen=True)
class FoundBlock:
    """One of reader's blocks in a post's raw content: where it is, and what it points at."""

    start: int
    end: int  # after the closing comment and the blank line(s) that follow it
    media_id: int | None
    src: str


def audio_block(src: str, *, media_id: int | None = None, caption: str = "") -> str:
    """Reader's core/audio block for the audio at SRC (a media library item when MEDIA_ID is given)."""
    attrs: dict = {} if media_id is None else {"id": int(media_id)}
    attrs["className"] = CLASS
    figcaption = f'<figcaption class="wp-element-caption">{html.escape(caption)}</figcaption>' if caption else ""
    return (
        f"<!-- wp:audio {block_attributes(attrs)} -->\n"
        f'<figure class="wp-block-audio {CLASS}"><audio controls src="{html.escape(src)}"></audio>{figcaption}</figure>\n'
        "<!-- /wp:audio -->"
    )


def block_attributes(attrs: dict) -> str:
    """Block attributes as WordPress writes them into the block comment (JSON, comment-safe)."""
    text = json.dumps(attrs, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _COMMENT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def find_reader_blocks(raw: str) -> list[FoundBlock]:
    """Reader's own audio blocks in RAW (post content as stored), in order; the author's blocks are left out."""
    found = []
    for match in _AUDIO_BLOCK.finditer(raw):
        attrs = _attributes(match.group("attrs"))
        if not _is_ours(attrs, match.group("inner")):
            continue
        src = _SRC.search(match.group("inner"))
        media_id = attrs.get("id")
        end = match.end()
        while raw.startswith("\n", end):
            end += 1
        found.append(FoundBlock(
            start=match.start(), end=end,
            media_id=media_id if isinstance(media_id, int) and not isinstance(media_id, bool) else None,
            src=html.unescape(next(g for g in src.groups() if g is not None)) if src else "",
        ))
    return found


def remove_reader_blocks(raw: str) -> str:
    """RAW without reader's own audio blocks (and the blank lines after them); everything else as it was."""
    for block in reversed(find_reader_blocks(raw)):
        raw = raw[: block.start] + raw[block.end :]
    return raw


def with_reader_block(raw: str, block: str) -> str:
    """RAW with reader's blocks removed and BLOCK put at the top, followed by a blank line."""
    rest = remove_reader_blocks(raw).lstrip("\n")
    return f"{block}\n\n{rest}" if rest else block


def _attributes(text: str | None) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _is_ours(attrs: dict, inner: str) -> bool:
    """Our class in the block's className, or on its figure (an editor may drop unknown attributes, not classes)."""
    names = str(attrs.get("className") or "").split()
    figure = _CLASS_ATTR.search(inner)
    if figure:
        names += next(g for g in figure.groups() if g is not None).split()
    return CLASS in names
