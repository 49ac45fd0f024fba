"""Reader's own audio (and player) in a post's raw content, as plain text functions: the one home of WordPress
block markup in reader.

Reader's unit is a core/audio block that carries the class ``reader-audio`` (that class tells it apart from the
author's own audio blocks, which are never touched), optionally followed by the player of ``reader embed`` (a
Custom HTML block that starts with reader's mark and holds ``div.reader-player``). A post holds at most one unit,
at the top. A classic-editor post (no ``<!-- wp:`` marker in its content) gets the same markup without block
comments: one block comment would make WordPress stop adding the post's paragraphs (wpautop).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from ..ownership import HTML_MARK

CLASS = "reader-audio"
PLAYER_CLASS = "reader-player"
BLOCK_MARK = "<!-- wp:"

# One core/audio block: opening comment with its JSON attributes, the markup, the closing comment.
_AUDIO_BLOCK = re.compile(
    r"<!--\s+wp:(?:core/)?audio(?:\s+(?P<attrs>\{.*?\}))?\s+-->(?P<inner>.*?)<!--\s+/wp:(?:core/)?audio\s+-->",
    re.DOTALL,
)
_HTML_BLOCK = re.compile(r"<!--\s+wp:(?:core/)?html\s+-->(?P<inner>.*?)<!--\s+/wp:(?:core/)?html\s+-->", re.DOTALL)
_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.DOTALL | re.IGNORECASE)
# The player as reader embed writes it: its mark, the root div, ... its script, the root's end; in a classic post
# the mark is inside the root (see _bare_player).
_MARK = re.escape(HTML_MARK) + r"[^>]*-->"
_ROOT = r"<div\b[^>]*\b" + PLAYER_CLASS + r"\b[^>]*>"
_PLAYER = re.compile(rf"(?:{_MARK}\s*{_ROOT}|{_ROOT}\s*{_MARK}).*?</script>\s*</div>", re.DOTALL)
_MARKED_ROOT = re.compile(rf"({_MARK})\s*({_ROOT})")
_SRC = re.compile(r"""<audio\b[^>]*?\bsrc=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_CLASS_ATTR = re.compile(r"""<figure\b[^>]*?\bclass=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
# WordPress's serialize_block_attributes(): what must not appear raw inside a block comment.
_COMMENT_ESCAPES = {"--": "\\u002d\\u002d", "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", '\\"': "\\u0022"}


@dataclass(frozen=True)
class FoundBlock:
    """One unit of reader's in a post's raw content: where it is, and what it points at. A player found on its
    own (no audio of ours right before it) has no src."""

    start: int
    end: int  # after the unit and the blank line(s) that follow it
    media_id: int | None
    src: str
    player: bool = False  # the unit holds reader's player
    classic: bool = False  # bare markup, without block comments (a classic-editor post)


def is_classic(raw: str) -> bool:
    """A classic-editor post: no block markup besides reader's own."""
    return BLOCK_MARK not in remove_reader_blocks(raw)


def audio_block(src: str, *, media_id: int | None = None, caption: str = "", classic: bool = False) -> str:
    """Reader's core/audio block for the audio at SRC (a media library item when MEDIA_ID is given); with
    CLASSIC the bare figure."""
    figcaption = f'<figcaption class="wp-element-caption">{html.escape(caption)}</figcaption>' if caption else ""
    figure = f'<figure class="wp-block-audio {CLASS}"><audio controls src="{html.escape(src)}"></audio>{figcaption}</figure>'
    if classic:
        return figure
    attrs: dict = {} if media_id is None else {"id": int(media_id)}
    attrs["className"] = CLASS
    return f"<!-- wp:audio {block_attributes(attrs)} -->\n{figure}\n<!-- /wp:audio -->"


def html_block(markup: str, *, classic: bool = False) -> str:
    """MARKUP as a Custom HTML block (bare with CLASSIC)."""
    markup = markup.rstrip("\n")
    return markup if classic else f"<!-- wp:html -->\n{markup}\n<!-- /wp:html -->"


def _bare_player(markup: str) -> str:
    """The player for a classic post: its mark moved into its root element. wpautop would wrap the mark, alone
    on its line, in a paragraph that stands between the audio figure and the player, which drives the figure
    right before it."""
    return _MARKED_ROOT.sub(lambda m: m.group(2) + m.group(1), markup, count=1)


def reader_unit(src: str, *, media_id: int | None = None, caption: str = "", player: str | None = None,
                classic: bool = False) -> str:
    """Reader's unit: the audio block, and PLAYER (reader embed's snippet without its own <audio>) right after."""
    unit = audio_block(src, media_id=media_id, caption=caption, classic=classic)
    if not player:
        return unit
    return f"{unit}\n\n{html_block(_bare_player(player) if classic else player, classic=classic)}"


def block_attributes(attrs: dict) -> str:
    """Block attributes as WordPress writes them into the block comment (JSON, comment-safe)."""
    text = json.dumps(attrs, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _COMMENT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def find_reader_blocks(raw: str) -> list[FoundBlock]:
    """Reader's own units in RAW (post content as stored), in order; the author's blocks are left out."""
    audios = _audios(raw)
    players = _players(raw)
    found = []
    for start, end, media_id, src, classic in audios:
        following = next((p for p in players if not raw[end:p[0]].strip()), None)
        if following:
            players.remove(following)
            end = following[1]
        found.append(FoundBlock(start, _after_blank_lines(raw, end), media_id, src, player=following is not None,
                                classic=classic))
    found += [FoundBlock(start, _after_blank_lines(raw, end), None, "", player=True) for start, end in players]
    return sorted(found, key=lambda b: b.start)


def remove_reader_blocks(raw: str) -> str:
    """RAW without reader's own units (and the blank lines after them); everything else as it was."""
    for block in sorted(find_reader_blocks(raw), key=lambda b: b.start, reverse=True):
        raw = raw[: block.start] + raw[block.end :]
    return raw


def with_reader_block(raw: str, block: str) -> str:
    """RAW with reader's units removed and BLOCK put at the top, followed by a blank line."""
    rest = remove_reader_blocks(raw).lstrip("\n")
    return f"{block}\n\n{rest}" if rest else block


def _audios(raw: str) -> list[tuple[int, int, int | None, str, bool]]:
    """(start, end, media id, src, bare?) of reader's audio: its blocks, and its bare figures outside any block."""
    found, taken = [], []
    for match in _AUDIO_BLOCK.finditer(raw):
        taken.append(match.span())
        attrs = _attributes(match.group("attrs"))
        if _is_ours(attrs, match.group("inner")):
            media_id = attrs.get("id")
            media_id = media_id if isinstance(media_id, int) and not isinstance(media_id, bool) else None
            found.append((match.start(), match.end(), media_id, _src(match.group("inner")), False))
    for match in _FIGURE.finditer(raw):
        if not _inside(match.start(), taken) and _is_ours({}, match.group()):
            found.append((match.start(), match.end(), None, _src(match.group()), True))
    return sorted(found)


def _players(raw: str) -> list[tuple[int, int]]:
    """(start, end) of reader's players: in a Custom HTML block that holds nothing else, or bare (outside any
    Custom HTML block: one with more in it is the author's)."""
    found, taken = [], []
    for match in _HTML_BLOCK.finditer(raw):
        taken.append(match.span())
        inner = match.group("inner").strip()
        player = _PLAYER.match(inner)
        if player and player.end() == len(inner):
            found.append(match.span())
    for match in _PLAYER.finditer(raw):
        if not _inside(match.start(), taken):
            found.append(match.span())
    return sorted(found)


def _inside(position: int, spans) -> bool:
    return any(start <= position < end for start, end in spans)


def _after_blank_lines(raw: str, end: int) -> int:
    while raw.startswith("\n", end):
        end += 1
    return end


def _src(markup: str) -> str:
    match = _SRC.search(markup)
    return html.unescape(next(g for g in match.groups() if g is not None)) if match else ""


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
