"""The player as it is delivered: an HTML fragment for a theme, a whole page, or block-editor markup.

Each format keeps the ``<!-- made by reader`` line among its first lines (ownership.HTML_MARK_LINES).
"""

from __future__ import annotations

from . import DEFAULT_LABEL, FORMATS
from .load import Recording
from .snippet import escape, marker, player_html

PAGE_STYLE = ("body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:2rem auto;"
              "padding:0 1rem;color:#222;background:#fff}")


def render(recording: Recording, fmt: str, *, audio_url: str, label: str = DEFAULT_LABEL, transcript: bool = True) -> str:
    if fmt == "wordpress":
        return wordpress(recording, audio_url=audio_url, label=label, transcript=transcript)
    snippet = player_html(recording, audio_url=audio_url, label=label, transcript=transcript)
    return page(recording, snippet) if fmt == "page" else snippet


def page(recording: Recording, snippet: str) -> str:
    """A complete HTML page around the player: a preview, or the demo in samples/player-demo/."""
    title = escape(recording.title or "Artikel")
    byline = f"<p>Von {escape(recording.author)}</p>\n" if recording.author else ""
    return (
        "<!DOCTYPE html>\n"
        f"{marker()}\n"
        f'<html lang="{escape(recording.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{title}</h1>\n{byline}{snippet}</main>\n</body>\n</html>\n"
    )


def wordpress(recording: Recording, *, audio_url: str, label: str, transcript: bool) -> str:
    """Block-editor markup: reader's core/audio block (the plain player, and the media item in WordPress),
    then the player as a Custom HTML block that takes over that block's <audio> when JavaScript runs."""
    from ..publish.blocks import audio_block

    player = player_html(recording, audio_url=audio_url, label=label, transcript=transcript, own_audio=False)
    return f"{audio_block(audio_url)}\n\n<!-- wp:html -->\n{player}<!-- /wp:html -->\n"
