"""Whose file is this? reader replaces only files it made itself, unless the user says --force."""

from __future__ import annotations

import json
from pathlib import Path

GENERATOR = "reader"


def made_by_reader(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _manifest_is_ours(path)
    if suffix == ".mp3":
        return _mp3_is_ours(path)
    return False


def _manifest_is_ours(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and str(data.get("generator", "")).startswith(GENERATOR)


def _mp3_is_ours(path: Path) -> bool:
    from mutagen.id3 import ID3, ID3NoHeaderError

    try:
        tags = ID3(path)
    except (ID3NoHeaderError, OSError, ValueError):
        return False
    except Exception:  # mutagen raises its own errors for damaged files
        return False
    return any(str(frame).startswith(GENERATOR) for frame in tags.getall("TSSE"))
