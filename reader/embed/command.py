"""``reader embed``: the player for a manifest, and the WebVTT files beside its MP3 (argparse only at import)."""

from __future__ import annotations

import argparse
import re
import sys

# Before the first ':' that comes before any '/', '?' or '#': a scheme, as browsers read a URL.
_SCHEME = re.compile(r"^([^/?#]*):")


def safe_audio_url(text: str) -> str | None:
    """An http(s) address or a path relative to the page, without the spaces around it; None for anything else.

    Control characters (below 0x20, and 0x7f) are refused anywhere: browsers drop them, so
    '\\x01javascript:' or 'java\\x0bscript:' would be javascript: addresses."""
    url = text.strip(" ")
    scheme = _SCHEME.match(url)
    if not url or any(ord(c) < 0x20 or c == "\x7f" for c in url):
        return None
    if scheme and (scheme.group(1).lower() not in ("http", "https") or not url[scheme.end():].startswith("//")):
        return None
    return url


def audio_url(text: str) -> str:
    """argparse type of --audio-url."""
    url = safe_audio_url(text)
    if url is None:
        raise argparse.ArgumentTypeError(f"must be an http(s) address or a path relative to the page, not {text!r}")
    return url


def label(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return " ".join(text.split())


def add_parser(sub, common) -> None:
    from . import DEFAULT_LABEL, FORMATS

    embed = sub.add_parser(
        "embed", parents=[common], help="make the audio player for a blog from a manifest, and WebVTT files",
        description="Write the player for the audio of MANIFEST (the .json that 'reader fetch' writes beside the "
        "MP3): a self-contained HTML snippet (inline CSS and JS, no outside requests) with chapters and a "
        "transcript. Also writes STEM.chapters.vtt and STEM.captions.vtt beside the MP3.")
    embed.add_argument("manifest", metavar="MANIFEST.json")
    embed.add_argument("--audio-url", type=audio_url, metavar="URL",
                       help="where the page finds the MP3 (default: the MP3's path relative to --out, or to the current folder)")
    embed.add_argument("-o", "--out", metavar="FILE.html", help="write the player to FILE (default: standard output)")
    embed.add_argument("--format", default="html", choices=FORMATS,
                       help="html: the snippet for a theme or a Custom HTML block (default); page: a whole HTML page "
                       "around it; wordpress: block-editor markup (an audio block plus the player as an HTML block)")
    embed.add_argument("--label", type=label, default=DEFAULT_LABEL, metavar="TEXT",
                       help=f"the play button's text (default {DEFAULT_LABEL!r})")
    embed.add_argument("--no-transcript", dest="transcript", action="store_false",
                       help="leave out the transcript that highlights the sentence being read")
    embed.add_argument("--force", action="store_true", help="replace output files even if reader did not make them")
    embed.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from .write import embed

    out = Path(args.out).expanduser() if args.out else None
    result = embed(args.manifest, out=out, fmt=args.format, audio_url=args.audio_url, label=args.label,
                   transcript=args.transcript, force=args.force)
    if out is None:
        sys.stdout.write(result.text)
    if not args.quiet:
        written = ([str(out)] if out else []) + [p.name for p in result.vtt]
        print(f"reader: wrote {', '.join(written)} (player for {result.audio_url}, {result.chapters} chapters, "
              f"{len(result.text.encode('utf-8')):,} bytes)", file=sys.stderr)
    return 0
