"""``embed()``: check every destination, then write the WebVTT files and the player (the CLI's work, callable)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..errors import OutputError, UsageError
from . import DEFAULT_LABEL, FORMATS
from .command import safe_audio_url
from .formats import render
from .load import Recording, load_recording
from .vtt import check_vtt_files, write_vtt_for


@dataclass
class EmbedResult:
    text: str  # the player in the chosen format
    audio_url: str
    chapters: int
    out: Path | None = None
    vtt: list[Path] = field(default_factory=list)


def embed(manifest: str | Path, *, out: Path | None = None, fmt: str = "html", audio_url: str | None = None,
          label: str = DEFAULT_LABEL, transcript: bool = True, force: bool = False) -> EmbedResult:
    """Write the WebVTT files beside the MP3 and the player to ``out`` (None: only return its text)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    url = safe_audio_url(audio_url) if audio_url is not None else None
    if audio_url is not None and url is None:
        raise UsageError(f"audio URL {audio_url!r}: give an http(s) address or a path relative to the page")
    recording = load_recording(manifest)
    vtt_paths = check_vtt_files(recording, force=force)
    if out is not None:
        _check_out(out, recording, list(vtt_paths.values()), force)
    url = url or default_audio_url(recording, out)
    text = render(recording, fmt, audio_url=url, label=label, transcript=transcript)
    vtt = write_vtt_for(recording, force=force)
    if out is not None:
        from ..files import write_text

        write_text(out, text)
    return EmbedResult(text, url, len(recording.chapters), out, vtt)


def default_audio_url(recording: Recording, out: Path | None) -> str:
    """The MP3's path relative to the page's folder (the current folder without a page), URL-quoted."""
    folder = (out.parent if out is not None else Path(".")).absolute()
    try:
        relative = Path(os.path.relpath(recording.audio, folder)).as_posix()
    except ValueError:  # another drive (Windows)
        return recording.audio.as_uri()
    return quote(relative)


def _check_out(out: Path, recording: Recording, vtt: list[Path], force: bool) -> None:
    from ..files import check_folder
    from ..ownership import made_by_reader

    if out.is_dir():
        raise OutputError(f"{out} is a folder: give a file name such as {out / 'player.html'}")
    check_folder(out)
    if out.resolve() in {p.resolve() for p in (recording.manifest, recording.audio, *vtt)}:
        raise UsageError(f"--out {out} would replace the manifest, the audio or a WebVTT file: choose another file")
    if not force and out.exists() and not made_by_reader(out):
        raise OutputError(f"{out} exists and was not made by reader: choose another --out or add --force to replace it")
