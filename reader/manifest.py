"""article.json: what was read, by which voice, and where every section and utterance is in the audio.

Paths in the manifest (the audio file, section files) are relative to the manifest's folder, so the
manifest, the MP3 and its sections can move together. ``embed`` and ``publish`` read it.
"""

from __future__ import annotations

import json
import math
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .files import write_text

if TYPE_CHECKING:  # only read here: importing them would load the speech package
    from .article import Article
    from .speech.script import Script

SCHEMA_VERSION = 1


def _relative(path: str | os.PathLike | None, folder: Path) -> str | None:
    if path is None:
        return None
    try:
        return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive (Windows): keep it absolute
        return Path(path).resolve().as_posix()


def _engine(engine) -> dict:
    options = json.loads(json.dumps(engine.options(), default=str))  # plain JSON values only
    return {"name": engine.name, "voice": engine.voice, "options": options}


def _finite(value: float) -> float | None:
    """JSON has no infinity: the loudness of silence is reported as null."""
    return value if math.isfinite(value) else None


def _sections(script: Script, rendered, folder: Path) -> list[dict]:
    spoken = [s for s in script.sections if s.utterances]  # render makes no chapter of an empty section
    if len(spoken) != len(rendered.sections):
        raise ValueError(f"script has {len(spoken)} sections with utterances, the audio {len(rendered.sections)}")
    sections = []
    for section, timing in zip(spoken, rendered.sections):
        utterances = [
            {"written": u.written, "spoken": u.spoken, "start_ms": t.start_ms, "end_ms": t.end_ms, "kind": u.kind,
             "lang": u.lang}
            for u, t in zip(section.utterances, timing.utterances, strict=True)
        ]
        sections.append(
            {
                "title": timing.title,
                "file": _relative(timing.file, folder),
                "start_ms": timing.start_ms,
                "end_ms": timing.end_ms,
                "utterances": utterances,
            }
        )
    return sections


def build_manifest(
    *, article: Article, script: Script, rendered, engine, audio_path: Path, manifest_path: Path | None = None
) -> dict:
    """The manifest as plain data. ``manifest_path`` (default: the audio path with ``.json``) only
    decides what the file paths are relative to."""
    from . import __version__

    audio_path = Path(audio_path)
    folder = Path(manifest_path).parent if manifest_path is not None else audio_path.parent
    return {
        "generator": f"reader {__version__}",
        "schema": SCHEMA_VERSION,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "author": article.author,
        "site_name": article.site_name,
        "published": article.published,
        "modified": article.modified,
        "language": article.language or script.language,
        "engine": _engine(engine),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "audio": _relative(audio_path, folder),
        "duration_ms": rendered.duration_ms,
        "loudness": {
            "integrated_lufs": _finite(rendered.loudness_lufs),
            "true_peak_dbtp": _finite(rendered.true_peak_dbtp),
        },
        "sections": _sections(script, rendered, folder),
    }


def write_manifest(path: Path, manifest: dict) -> None:
    """Write ``manifest`` as indented UTF-8 JSON (umlauts as they are), atomically."""
    write_text(path, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
