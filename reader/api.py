"""The public Python API: the one place that strings the stages together.

    article = reader.read("https://blog.example/post/")
    result = reader.speak(article, "post.mp3", engine="espeak")

The CLI, and later publish and batch, sit on top of these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .article import Article
from .errors import OutputError, UsageError
from .files import check_folder, scratch_folder
from .options import ENGINE_CHOICES, FOOTNOTE_POLICIES



def read(source: str, *, timeout: float | None = None) -> Article:
    """Fetch SOURCE (http(s) URL, file:// URL or path) and extract the article it shows."""
    from .extract import extract
    from .fetch import fetch

    kwargs = {} if timeout is None else {"timeout": (min(10.0, timeout), timeout)}
    return extract(fetch(source, **kwargs))


def script_for(article: Article, *, footnotes: str = "end", max_chars: int = 400, lexicon=None, languages=None):
    """What will be said: the Script for an article (no sound is made).

    ``lexicon``: the owner's (``reader.lexicon.load_lexicon``); ``languages``: what the engine can
    switch to (its ``languages`` attribute; None = any).
    """
    from .speech import build_script

    if footnotes not in FOOTNOTE_POLICIES:
        raise UsageError(f"unknown footnote policy {footnotes!r}: use one of {', '.join(FOOTNOTE_POLICIES)}")
    return build_script(article, footnotes=footnotes, max_chars=max_chars, lexicon=lexicon, languages=languages)


def normalize_text(text: str, *, lexicon=None, lang: str = "de") -> str:
    """The spoken form of TEXT: exactly the normalisation ``speak`` applies to German text."""
    from .speech import normalize

    return normalize(text, lang, lexicon)


@dataclass
class SpeakResult:
    audio: Path
    manifest: Path | None
    duration_ms: int
    synthesized: int
    cached: int
    engine: str
    voice: str
    engine_reason: str = ""
    chapters: int = 0
    section_files: list[Path] = field(default_factory=list)
    loudness_lufs: float | None = None
    true_peak_dbtp: float | None = None


def open_engine(engine: str = "auto", *, voice: str | None = None, rate: int | None = None):
    """Return (engine, reason). ``reason`` says which engine 'auto' chose and why ('' otherwise)."""
    from . import engines

    if engine not in ENGINE_CHOICES:
        raise UsageError(f"unknown engine {engine!r}: use one of {', '.join(ENGINE_CHOICES)}")
    options = engine_options(engine, voice=voice, rate=rate)
    if engine == "auto":
        return engines.choose_auto(**options)
    return engines.get_engine(engine, **options), ""


RATE_ENGINES = ("espeak", "auto")  # engines --rate applies to (auto may choose espeak)


def engine_options(engine: str, *, voice: str | None, rate: int | None) -> dict:
    _check_rate(engine, rate)
    if engine == "piper":
        if not voice:
            raise UsageError("--engine piper needs --voice PATH.onnx (a Piper voice file, e.g. de_DE-thorsten-medium.onnx)")
        return {"voice_path": voice}
    if engine in ("gtts", "auto") and voice is not None:
        raise UsageError("--voice applies to espeak (a voice name) and piper (a .onnx file), not to gtts or auto")
    options: dict = {}
    if engine == "espeak" and voice is not None:
        options["voice"] = voice
    if rate is not None:
        options["rate"] = rate
    return options


def _check_rate(engine: str, rate) -> None:
    """--rate is espeak's (words per minute): refused for other engines, checked even when auto picks gTTS."""
    if rate is None:
        return
    if engine not in RATE_ENGINES:
        raise UsageError(f"--rate applies to espeak only, not to {engine}: leave it out or use --engine espeak")
    from .engines.espeak import checked_rate

    checked_rate(rate)


def manifest_path_for(out: Path) -> Path:
    return out.with_suffix(".json")


def check_outputs(out: Path, *, force: bool = False, sections_dir: str | Path | None = None) -> None:
    """Refuse to replace a file reader did not make, unless asked with force; check the folders.

    Section file names depend on the script, so their ownership is checked later
    (``check_section_files``), still before any synthesis.
    """
    out = Path(out)
    if out.suffix.lower() != ".mp3":
        raise UsageError(f"--out must name an .mp3 file, not {out.name!r}")
    if out.is_dir():
        raise OutputError(f"{out} is a folder: give a file name such as {out / 'article.mp3'}")
    check_folder(out)
    if sections_dir is not None:
        _check_sections_dir(Path(sections_dir).expanduser())
    if not force:
        _check_owned([out, manifest_path_for(out)], "choose another --out")


def _check_sections_dir(folder: Path) -> None:
    """The folder exists, or can be made: the nearest existing ancestor is a folder."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"--sections-dir {folder} is a file, not a folder: choose a folder")
    ancestor = folder.absolute()
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(f"--sections-dir {folder} cannot be created: {ancestor} is a file; choose another folder")


def check_section_files(paths: list[Path], *, force: bool = False) -> None:
    """Refuse to replace section files reader did not make, unless asked with force."""
    if not force:
        _check_owned(paths, "choose another --sections-dir")


def _check_owned(paths: list[Path], alternative: str) -> None:
    from .ownership import made_by_reader

    for path in paths:
        if path.exists() and not made_by_reader(path):
            raise OutputError(f"{path} exists and was not made by reader: {alternative} or add --force to replace it")


def speak(
    article: Article,
    out: str | Path,
    *,
    engine: str = "auto",
    voice: str | None = None,
    rate: int | None = None,
    footnotes: str = "end",
    sections_dir: str | Path | None = None,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    write_manifest: bool = True,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    on_engine: Callable[[str], None] | None = None,
    lexicon=None,
) -> SpeakResult:
    """Speak ARTICLE into the MP3 file OUT (plus OUT.json, the manifest). Returns what was made.

    Every output is checked before any synthesis; the MP3, the manifest and the section files are
    written only when all of them are ready (the manifest first, then the MP3, then the sections).
    ``engine`` is a name, or an engine object the caller built and closes itself (batch shares them).
    """
    from .audio import render
    from .cache import Cache, default_cache_dir

    out = Path(out).expanduser()
    sections = Path(sections_dir).expanduser() if sections_dir is not None else None
    check_outputs(out, force=force, sections_dir=sections)
    owned = isinstance(engine, str)
    tts, reason = open_engine(engine, voice=voice, rate=rate) if owned else (engine, "")
    try:
        if reason and on_engine:
            on_engine(reason)
        script = script_for(
            article, footnotes=footnotes, max_chars=tts.max_chars, lexicon=lexicon,
            languages=getattr(tts, "languages", frozenset()),
        )
        if sections is not None:
            check_section_files(planned_section_files(script, sections), force=force)
        manifest_path = manifest_path_for(out) if write_manifest else None
        finish = _manifest_writer(article, script, tts, out, manifest_path) if manifest_path else None
        with scratch_folder("reader-nocache-") as scratch:
            cache = Cache(Path(cache_dir).expanduser() if cache_dir else default_cache_dir()) if use_cache else Cache(scratch)
            rendered = render(
                script, tts, out, tags=tags_for(article), cache=cache, sections_dir=sections,
                progress=progress, before_commit=finish,
            )
    finally:
        if owned:
            tts.close()
    return _result(rendered, out, manifest_path, tts, reason)


def _result(rendered, out: Path, manifest_path: Path | None, tts, reason: str) -> SpeakResult:
    return SpeakResult(
        audio=out,
        manifest=manifest_path,
        duration_ms=rendered.duration_ms,
        synthesized=rendered.synthesized,
        cached=rendered.cached,
        engine=tts.name,
        voice=tts.voice,
        engine_reason=reason,
        chapters=len(rendered.sections),
        section_files=[Path(s.file) for s in rendered.sections if s.file],
        loudness_lufs=rendered.loudness_lufs,
        true_peak_dbtp=rendered.true_peak_dbtp,
    )


def tags_for(article: Article):
    from .audio import Tags

    return Tags(
        title=article.title,
        author=article.author,
        album=article.site_name,
        date=article.published,
        url=article.url or article.source,
        language=article.language,
    )


def planned_section_files(script, folder: Path) -> list[Path]:
    """The section files ``render`` will write for ``script`` into ``folder``."""
    from .audio.naming import section_paths

    return section_paths(folder, [s.title for s in script.sections if s.utterances])


def _manifest_writer(article: Article, script, engine, out: Path, manifest_path: Path):
    """What ``render`` calls once the audio is complete, before the MP3 is moved into place."""
    from .manifest import build_manifest, write_manifest

    def finish(rendered) -> None:
        write_manifest(manifest_path, build_manifest(
            article=article, script=script, rendered=rendered, engine=engine, audio_path=out,
            manifest_path=manifest_path,
        ))

    return finish
