"""Whose file is this? reader replaces only files it made itself, unless the user says --force."""

from __future__ import annotations

import json
from pathlib import Path

GENERATOR = "reader"


# Text files reader writes carry a mark near the top: WebVTT its header line, HTML (the player of
# 'reader embed', in any format) a comment line of its own.
VTT_MARK = "WEBVTT - reader"
HTML_MARK = "<!-- made by reader"
HTML_MARK_LINES = 8  # the mark is on one of the first lines (after a doctype or a block comment)


def made_by_reader(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _manifest_is_ours(path)
    if suffix == ".mp3":
        return _mp3_is_ours(path)
    if suffix == ".vtt":
        return any(line.startswith(VTT_MARK) for line in _head_lines(path, 1))
    return any(line.startswith(HTML_MARK) for line in _head_lines(path, HTML_MARK_LINES))


def _head_lines(path: Path, count: int) -> list[str]:
    """The first ``count`` lines of a text file, stripped; [] when it cannot be read."""
    try:
        with open(path, "rb") as file:
            head = file.read(4096)
    except OSError:
        return []
    return [line.strip() for line in head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()[:count]]


def _manifest_is_ours(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and str(data.get("generator", "")).startswith(GENERATOR)


def _mp3_is_ours(path: Path) -> bool:
    from mutagen.id3 import ID3

    try:
        tags = ID3(path)
    except Exception:  # no tag (ID3NoHeaderError), unreadable (OSError), or mutagen's own errors for damaged files
        return False
    return any(str(frame).startswith(GENERATOR) for frame in tags.getall("TSSE"))
