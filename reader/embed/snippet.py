"""The player's HTML: one root element, ``div.reader-player.no-tts``, with its CSS and JS inline.

Without JavaScript it is a plain ``<audio controls>`` and a list of chapter links (``AUDIO#t=SECONDS``);
player.js upgrades that markup in place. Every text from the manifest is HTML-escaped here, and the data the
script needs travels as JSON in a ``<script type="application/json">`` with ``<``, ``>``, ``&`` and the
JavaScript line separators escaped, so no text can end the script element or break out of it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html import escape as _escape

from .. import __version__
from ..ownership import HTML_MARK
from . import DEFAULT_LABEL
from .load import Chapter, Recording

SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
PARAGRAPH_GAP_MS = 700  # silence before an utterance that starts a new paragraph (PAUSE_MS["paragraph"])
OWN_LINE_KINDS = ("title", "heading", "byline", "table_row")  # shown as a line of their own
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
                 "[": "\\u005b"}
# In the JSON, '<', '>', '&' and the line separators anywhere, and a '[' before a letter (only inside a string:
# the data's own arrays open with a number, a string or another array; WordPress runs '[name' as a shortcode)
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]|\\[(?=[^\\W\\d])")
_LINE_BREAK = re.compile(r"\s*[\r\n]\s*")


def escape(text: str) -> str:
    """HTML-escaped text and attribute values; '[' too, so WordPress never runs a shortcode named in a text; on
    one line (a line break is a space in HTML, and a blank line would be a paragraph break for wpautop)."""
    return _escape(_LINE_BREAK.sub(" ", text)).replace("[", "&#91;")


def marker() -> str:
    """The first line of every player: how ownership.made_by_reader knows the file is reader's."""
    return f"{HTML_MARK} {__version__} (reader embed): run 'reader embed' again instead of editing -->"


def player_html(recording: Recording, *, audio_url: str, label: str = DEFAULT_LABEL, transcript: bool = True,
                own_audio: bool = True) -> str:
    """The snippet. ``own_audio=False`` leaves the <audio> out: the player then drives the audio element of the
    ``.reader-audio`` block right before it (the WordPress format)."""
    url = escape(audio_url)
    parts = [
        marker(),
        f'<div class="reader-player no-tts" role="region" aria-label="{escape(region_name(recording))}" lang="de">',
        f"<style>{asset('player.css')}</style>",
    ]
    if own_audio:
        parts.append(f'<audio class="rp-audio" controls preload="metadata" src="{url}">'
                     f'<a href="{url}">MP3 herunterladen</a></audio>')
    parts += [controls(recording, label), chapter_list(recording.chapters, audio_url)]
    if transcript:
        parts.append(transcript_html(recording))
    parts += [
        '<div class="rp-live" aria-live="polite"></div>',
        f'<script type="application/json" class="rp-data">{script_json(player_data(recording, transcript))}</script>',
        f"<script>{asset('player.js')}</script>",
        "</div>",
    ]
    return "\n".join(parts) + "\n"


def region_name(recording: Recording) -> str:
    return f"Artikel anhören: {recording.title}" if recording.title else "Artikel anhören"


def controls(recording: Recording, label: str) -> str:
    total = clock(recording.duration_ms)
    options = "".join(
        f'<option value="{speed:g}"{" selected" if speed == 1 else ""}>{f"{speed:g}".replace(".", ",")}×</option>'
        for speed in SPEEDS
    )
    return (
        '<div class="rp-bar" hidden>'
        f'<button type="button" class="rp-play"><span class="rp-icon" aria-hidden="true"></span>'
        f'<span class="rp-label">{escape(label)}</span></button>'
        f'<span class="rp-time"><span class="rp-now">0:00</span> / <span class="rp-total">{total}</span></span>'
        f'<select class="rp-speed" aria-label="Wiedergabetempo">{options}</select>'
        f'<input type="range" class="rp-seek" min="0" max="{recording.duration_ms / 1000:g}" step="1" value="0" '
        f'aria-label="Position im Audio" aria-valuetext="0:00 von {total}">'
        "</div>"
    )


def chapter_list(chapters: tuple[Chapter, ...], audio_url: str) -> str:
    """The chapters as links into the MP3 (``#t=`` media fragments): they work without JavaScript."""
    base = escape(audio_url.split("#", 1)[0])
    items = "".join(
        f'<li><a class="rp-chapter" href="{base}#t={c.start_ms / 1000:g}"><span class="rp-ct">{escape(c.title)}</span>'
        f' <span class="rp-cs">{clock(c.start_ms)}</span></a></li>'
        for c in chapters
    )
    return f'<nav class="rp-chapters" aria-label="Kapitel"><ol>{items}</ol></nav>'


def transcript_html(recording: Recording) -> str:
    """Every utterance's written text as a clickable span (``data-u`` = its index in the JSON's cues),
    in paragraphs: headings on their own line, a new paragraph after a paragraph-long silence."""
    paragraphs: list[list[str]] = []
    index, previous_end, previous_kind = 0, None, None
    for chapter in recording.chapters:
        for cue in chapter.cues:
            own_line = cue.kind in OWN_LINE_KINDS or previous_kind in OWN_LINE_KINDS
            gap = cue.start_ms - previous_end if previous_end is not None else PARAGRAPH_GAP_MS
            if not paragraphs or own_line or gap >= PARAGRAPH_GAP_MS:
                paragraphs.append([' class="rp-h"' if cue.kind in ("title", "heading") else ""])
            lang = f' lang="{escape(cue.lang)}"' if cue.lang != recording.language else ""
            paragraphs[-1].append(f'<span class="rp-u" data-u="{index}"{lang}>{escape(cue.text)}</span>')
            index, previous_end, previous_kind = index + 1, cue.end_ms, cue.kind
    body = "".join(f"<p{p[0]}>{' '.join(p[1:])}</p>" for p in paragraphs)
    return (f'<details class="rp-transcript" hidden><summary>Text mitlesen</summary>'
            f'<div class="rp-text" lang="{escape(recording.language)}">{body}</div></details>')


def player_data(recording: Recording, transcript: bool) -> dict:
    data = {
        "duration": recording.duration_ms,
        "chapters": [[c.start_ms, c.end_ms, c.title] for c in recording.chapters],
    }
    if transcript:
        data["cues"] = [[cue.start_ms, cue.end_ms] for c in recording.chapters for cue in c.cues]
    return data


def script_json(data) -> str:
    """JSON safe inside <script>: no '<', '>', '&' (so no '</script>' or '<!--'), no U+2028/2029, no '[name'."""
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], json.dumps(data, ensure_ascii=False))


def clock(ms: int) -> str:
    """m:ss, or h:mm:ss from an hour on (as the player shows time)."""
    seconds = int(ms // 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


# What player.css and player.js must not contain, so that WordPress's content filters leave them as they are
# (README, "What WordPress does to the player"): wptexturize rewrites '&' between a '<' and the next '>' even
# inside <script>, wpautop edits what looks like a tag, do_shortcode runs '[name' anywhere.
_UNSAFE_IN_ASSETS = re.compile(r"[&<>]|\[(?=[^\W\d])")


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """player.css or player.js as the snippet carries it (see ``minified``)."""
    from importlib import resources

    return minified(name, resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def minified(name: str, text: str) -> str:
    """Comments on lines of their own, indentation and blank lines dropped (no blank line is left for wpautop).
    ValueError if what is left has '&', '<', '>' or '[' before a letter: WordPress would rewrite it in a post."""
    if name.endswith(".css"):
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    lines = (line.strip() for line in text.splitlines())
    text = "\n".join(line for line in lines if line and not line.startswith("//"))
    bad = _UNSAFE_IN_ASSETS.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise ValueError(f"{name}, line {line} of the minified text, has {bad.group()!r}, which WordPress rewrites "
                         f"in a post: {text.splitlines()[line - 1][:60]!r}")
    return text
