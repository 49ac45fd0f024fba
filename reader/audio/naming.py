"""File names of section MP3s: "01-<slug of the title>.mp3", German letters spelled out in ASCII."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

TRANSLITERATE = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
MAX_SLUG = 60
FALLBACK = "section"

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slug(title: str) -> str:
    text = "".join(TRANSLITERATE.get(ch, ch) for ch in title)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = _NOT_WORD.sub("-", text).strip("-")
    return text[:MAX_SLUG].rstrip("-") or FALLBACK


def section_filename(number: int, total: int, title: str) -> str:
    """``number`` counts from 1; the width grows past 99 sections so names still sort."""
    width = max(2, len(str(total)))
    return f"{number:0{width}d}-{slug(title)}.mp3"


def section_paths(folder: Path, titles: list[str]) -> list[Path]:
    """Where the section files of sections titled ``titles`` go in ``folder``, in order."""
    return [Path(folder) / section_filename(n, len(titles), title) for n, title in enumerate(titles, start=1)]
