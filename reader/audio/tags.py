"""ID3v2.3 tags and chapters (mutagen) on the final MP3 and on each section MP3.

The final file: title, author, album (site), date, source URL, language, genre "Speech", comment,
and chapters: one top-level ordered CTOC plus one CHAP per section ("ch0", "ch1", ...) with exact
start and end times in milliseconds. Section files: the section's title as title, the article's
title as album, and their track number n/N. Both name the software (TSSE "reader <version>"), so a
file reader made can be told from one it did not.
"""

from __future__ import annotations

import re
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import (
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    TRCK,
    TSSE,
    WOAS,
    WXXX,
    CTOCFlags,
)

from .. import __version__
from ..errors import OutputError
from .data import SectionTiming, Tags

UTF8 = 3  # mutagen converts to UTF-16 when saving as ID3v2.3
GENRE = "Speech"
TOC_ID = "toc"
NO_OFFSET = 0xFFFFFFFF  # CHAP byte offsets: unused

# BCP 47 primary tags -> ISO 639-2 (terminology) codes, as TLAN wants them.
ISO_639_2 = {
    "de": "deu", "en": "eng", "fr": "fra", "it": "ita", "es": "spa", "nl": "nld", "pt": "por",
    "pl": "pol", "da": "dan", "sv": "swe", "no": "nor", "nb": "nob", "fi": "fin", "cs": "ces",
    "la": "lat", "ru": "rus", "tr": "tur", "el": "ell",
}

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


def language_code(language: str | None) -> str | None:
    if not language:
        return None
    primary = language.split("-")[0].split("_")[0].lower()
    if len(primary) == 3:
        return primary
    return ISO_639_2.get(primary)


def id3_date(date: str | None) -> str | None:
    """The date part (YYYY, YYYY-MM or YYYY-MM-DD) of an ISO 8601 date or datetime."""
    found = _DATE.match(date.strip()) if date else None
    return found.group(0) if found else None


def _common_frames(tags: Tags) -> list:
    """Frames shared by the final file and the section files (all but title and album)."""
    frames = [TCON(encoding=UTF8, text=[GENRE]), TSSE(encoding=UTF8, text=[f"reader {__version__}"])]
    if tags.author:
        frames.append(TPE1(encoding=UTF8, text=[tags.author]))
    if date := id3_date(tags.date):
        frames.append(TDRC(encoding=UTF8, text=[date]))
    if code := language_code(tags.language):
        frames.append(TLAN(encoding=UTF8, text=[code]))
    if tags.url:
        frames.append(WOAS(url=tags.url))
        frames.append(WXXX(encoding=UTF8, desc="source", url=tags.url))
    if tags.comment:
        frames.append(COMM(encoding=UTF8, lang=language_code(tags.language) or "und", desc="", text=[tags.comment]))
    return frames


def chapter_frames(title: str, sections: list[SectionTiming]) -> list:
    ids = [f"ch{i}" for i in range(len(sections))]
    toc = CTOC(
        element_id=TOC_ID,
        flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
        child_element_ids=ids,
        sub_frames=[TIT2(encoding=UTF8, text=[title])],
    )
    chapters = [
        CHAP(
            element_id=element_id,
            start_time=section.start_ms,
            end_time=section.end_ms,
            start_offset=NO_OFFSET,
            end_offset=NO_OFFSET,
            sub_frames=[TIT2(encoding=UTF8, text=[section.title])],
        )
        for element_id, section in zip(ids, sections)
    ]
    return [toc, *chapters]


def _save(path: Path, frames: list) -> None:
    id3 = ID3()
    for frame in frames:
        id3.add(frame)
    try:
        id3.save(str(path), v2_version=3)
    except (MutagenError, OSError) as exc:
        raise OutputError(f"cannot write tags to {Path(path).name} ({exc}); check the folder and free space") from exc


def write_article_tags(path: Path, tags: Tags, sections: list[SectionTiming]) -> None:
    frames = [TIT2(encoding=UTF8, text=[tags.title]), *_common_frames(tags)]
    if tags.album:
        frames.append(TALB(encoding=UTF8, text=[tags.album]))
    _save(path, [*frames, *chapter_frames(tags.title, sections)])


def write_section_tags(path: Path, tags: Tags, section_title: str, track: int, total: int) -> None:
    frames = [
        TIT2(encoding=UTF8, text=[section_title]),
        TALB(encoding=UTF8, text=[tags.title]),
        TRCK(encoding=UTF8, text=[f"{track}/{total}"]),
        *_common_frames(tags),
    ]
    _save(path, frames)
