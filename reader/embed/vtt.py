"""WebVTT beside the MP3: ``<stem>.chapters.vtt`` (one cue per chapter) and ``<stem>.captions.vtt`` (one cue per
utterance, its written text). Players, podcast apps and WordPress use them; ``reader embed``, ``publish`` and
``batch`` write them with ``write_vtt_files``.

The first line, ``WEBVTT - reader``, marks the files as reader's: they are replaced only if it is there
(or with force).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import OutputError
from ..ownership import VTT_MARK
from .load import Recording, load_recording

HEADER = VTT_MARK
KINDS = ("chapters", "captions")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def timestamp(ms: int) -> str:
    """HH:MM:SS.mmm"""
    seconds, ms = divmod(int(ms), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{ms:03d}"


def cue_text(text: str) -> str:
    """Text for a cue payload: &, <, > escaped; one line (a blank line would end the cue)."""
    return " ".join(text.split()).translate(_ESCAPES)


def vtt(cues: list[tuple[int, int, str]]) -> str:
    """A WebVTT file of (start_ms, end_ms, text) cues, numbered from 1, in the order they start (WebVTT asks it)."""
    blocks = [HEADER]
    for n, (start, end, text) in enumerate(sorted(cues, key=lambda cue: cue[:2]), 1):
        blocks.append(f"{n}\n{timestamp(start)} --> {timestamp(end)}\n{cue_text(text)}")
    return "\n\n".join(blocks) + "\n"


def chapters_vtt(recording: Recording) -> str:
    return vtt([(c.start_ms, c.end_ms, c.title) for c in recording.chapters])


def captions_vtt(recording: Recording) -> str:
    return vtt([(cue.start_ms, cue.end_ms, cue.text) for c in recording.chapters for cue in c.cues if cue.text.strip()])


def vtt_path(audio: Path, kind: str) -> Path:
    """Where the KIND file of the MP3 AUDIO goes: beside it, named after it."""
    return audio.with_name(f"{audio.stem}.{kind}.vtt")


def vtt_paths(recording: Recording) -> dict[str, Path]:
    return {kind: vtt_path(recording.audio, kind) for kind in KINDS}


def check_vtt_files(recording: Recording, *, force: bool = False) -> dict[str, Path]:
    """The VTT paths, after refusing (OutputError) to replace files reader did not make."""
    from ..files import check_folder
    from ..ownership import made_by_reader

    paths = vtt_paths(recording)
    for path in paths.values():
        check_folder(path)
        if not force and path.exists() and not made_by_reader(path):
            raise OutputError(f"{path} exists and was not made by reader: move it away or add --force to replace it")
    return paths


def write_vtt_files(manifest_path: str | Path, *, force: bool = False) -> list[Path]:
    """Write the chapters and captions WebVTT beside the manifest's MP3; return their paths (chapters first).

    Atomic; a file whose content would not change is left alone (its modification time too).
    Raises UsageError for a bad manifest, OutputError for a file reader did not make (unless ``force``).
    """
    return write_vtt_for(load_recording(manifest_path), force=force)


def write_vtt_for(recording: Recording, *, force: bool = False) -> list[Path]:
    from ..files import write_text

    paths = check_vtt_files(recording, force=force)
    texts = {"chapters": chapters_vtt(recording), "captions": captions_vtt(recording)}
    for kind, path in paths.items():
        if not _same(path, texts[kind]):
            write_text(path, texts[kind])
    return list(paths.values())


def _same(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False
