"""Read a manifest (what ``reader fetch`` writes beside the MP3) into the plain data the player needs.

Only the fields the player and the WebVTT files use are read, and each is checked: a damaged or foreign
file gives one UsageError that names the file and the field, never a traceback. The manifest must be reader's
(its generator and schema), and its "audio" an MP3 that exists in the manifest's folder or below it: the
WebVTT files are written beside it, so a manifest can never send them anywhere else.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from ..errors import UsageError
from ..manifest import SCHEMA_VERSION


@dataclass(frozen=True)
class Cue:
    """One utterance: its written text and where it is in the audio."""

    text: str
    start_ms: int
    end_ms: int
    kind: str = "sentence"
    lang: str = "de"


@dataclass(frozen=True)
class Chapter:
    title: str
    start_ms: int
    end_ms: int
    cues: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class Recording:
    """A manifest as the player sees it. ``audio`` is the MP3's absolute path (the manifest's folder joined with
    its relative "audio", links not followed)."""

    manifest: Path
    audio: Path
    title: str
    duration_ms: int
    chapters: tuple[Chapter, ...]
    language: str = "de"
    author: str | None = None


class _Bad(Exception):
    """A field that is missing or of the wrong kind, with where it is ('sections[2].start_ms')."""


def load_recording(path: str | Path) -> Recording:
    path = Path(path)
    hint = "give the .json file that 'reader fetch' wrote beside the MP3"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"manifest {path} does not exist; {hint}") from None
    except IsADirectoryError:
        raise UsageError(f"manifest {path} is a folder; {hint}") from None
    except UnicodeDecodeError:
        raise UsageError(f"manifest {path} is not UTF-8 JSON; {hint}") from None
    except OSError as exc:
        raise UsageError(f"cannot read manifest {path} ({exc.strerror}); {hint}") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"manifest {path} is not valid JSON (line {getattr(exc, 'lineno', '?')}); {hint}") from None
    try:
        recording = _recording(path, data)
    except _Bad as bad:
        raise UsageError(f"manifest {path}: {bad}; {hint}") from None
    if not recording.audio.is_file():
        raise UsageError(f"manifest {path}: its audio {data['audio']} is not there ({recording.audio}); keep the MP3 "
                         "beside its manifest, or make both again with 'reader fetch'")
    return recording


def _recording(path: Path, data) -> Recording:
    if not isinstance(data, dict):
        raise _Bad("not a JSON object")
    generator, schema = data.get("generator"), data.get("schema")
    if not isinstance(generator, str) or not generator.startswith("reader"):
        raise _Bad(f"generator {generator!r} is not reader, so this is not reader's manifest")
    if schema != SCHEMA_VERSION or isinstance(schema, bool):
        raise _Bad(f"schema {schema!r} is not one this reader knows (it reads schema {SCHEMA_VERSION}); "
                   "make the manifest again with this reader's 'reader fetch'")
    sections = _get(data, "sections", list, "")
    if not sections:
        raise _Bad("no sections")
    chapters = tuple(_chapter(section, f"sections[{n}]") for n, section in enumerate(sections))
    duration = data.get("duration_ms")
    duration_ms = _ms(duration, "duration_ms") if duration is not None else chapters[-1].end_ms
    return Recording(
        manifest=path,
        audio=path.parent.absolute() / _audio(_get(data, "audio", str, "")),
        title=data.get("title") if isinstance(data.get("title"), str) else "",
        duration_ms=max(duration_ms, chapters[-1].end_ms),
        chapters=chapters,
        language=data.get("language") if isinstance(data.get("language"), str) else "de",
        author=data.get("author") if isinstance(data.get("author"), str) else None,
    )


def _audio(name: str) -> str:
    """The manifest's "audio": a path relative to the manifest's folder that stays in it (no '..', not absolute)."""
    parts = re.split(r"[\\/]", name)
    if not name.strip() or name.startswith(("/", "\\")) or PureWindowsPath(name).drive or ".." in parts or "\0" in name:
        raise _Bad(f"audio {name!r} must be a path relative to the manifest's folder, without '..'")
    return name


def _chapter(section, where: str) -> Chapter:
    if not isinstance(section, dict):
        raise _Bad(f"{where} is not an object")
    cues = tuple(
        _cue(utterance, f"{where}.utterances[{n}]")
        for n, utterance in enumerate(_get(section, "utterances", list, where, default=[]))
    )
    start, end = _ms(section.get("start_ms"), f"{where}.start_ms"), _ms(section.get("end_ms"), f"{where}.end_ms")
    if end < start:
        raise _Bad(f"{where} ends before it starts")
    return Chapter(_get(section, "title", str, where), start, end, cues)


def _cue(utterance, where: str) -> Cue:
    if not isinstance(utterance, dict):
        raise _Bad(f"{where} is not an object")
    start, end = _ms(utterance.get("start_ms"), f"{where}.start_ms"), _ms(utterance.get("end_ms"), f"{where}.end_ms")
    if end < start:
        raise _Bad(f"{where} ends before it starts")
    kind, lang = utterance.get("kind"), utterance.get("lang")
    return Cue(_get(utterance, "written", str, where), start, end,
               kind if isinstance(kind, str) else "sentence", lang if isinstance(lang, str) else "de")


def _get(data: dict, key: str, kind: type, where: str, default=None):
    value = data.get(key, default)
    name = f"{where}.{key}" if where else key
    if value is None and default is None:
        raise _Bad(f"{name} is missing")
    if not isinstance(value, kind):
        raise _Bad(f"{name} is not a {'list' if kind is list else 'text' if kind is str else kind.__name__}")
    return value


def _ms(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise _Bad(f"{name} is missing or not a number of milliseconds")
    return round(value)
