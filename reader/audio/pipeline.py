"""render: Script + engine -> the final MP3 (chapters, tags, -19 LUFS) and optional section MP3s.

Steps: synthesize what the cache lacks; per section, stream clips and pauses to a WAV in a
temporary folder (at the clips' rate); measure the article's loudness once; encode each section
with one gain and a true-peak limiter (resampling to 44.1 kHz); join with ``-c copy``; measure the
result (and re-encode with a corrected plan if it misses the target); tag the final file, then copy
and tag the section files. Every file is staged (``reader.files.staged``) and moved into place only
at the end, the final file first: if anything fails, ``out`` and the section files are untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..cache import Cache
from ..errors import NotAnArticleError, OutputError
from ..files import Staging, check_folder, scratch_folder, staged
from . import loudness
from .assemble import SectionPCM, assemble_section
from .data import Rendered, SectionTiming, Tags
from .encode import encode_section
from .join import join
from .mp3frames import Mp3Info, scan_file
from .naming import section_paths
from .synth import synthesize
from .tags import write_article_tags, write_section_tags
from .timing import samples_to_ms, section_timings

if TYPE_CHECKING:
    from ..speech.script import Script, ScriptSection

log = logging.getLogger("reader")

MAX_PASSES = 3  # encodings tried to meet the loudness target


def render(
    script: Script,
    engine,
    out: Path,
    *,
    tags: Tags,
    cache: Cache,
    sections_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    before_commit: Callable[[Rendered], None] | None = None,
) -> Rendered:
    """Render ``script`` into ``out`` (and one file per section into ``sections_dir``).

    ``before_commit(rendered)`` runs once every file is complete but before any is moved into
    place (the manifest is written there): if it raises, no destination is touched.
    """
    out = Path(out)
    check_folder(out)
    sections = [s for s in script.sections if s.utterances]  # a section with nothing to say is no chapter
    if not sections:
        raise NotAnArticleError("there is nothing to read aloud: the script has no utterances")
    speech = synthesize(sections, engine, cache, progress)
    try:
        with scratch_folder("reader-audio-") as work, staged() as staging:
            pcms = _assemble(sections, speech.clips, work)
            measured = loudness.measure([p.wav for p in pcms], work / "sections.txt", true_peak=False)
            plan = loudness.first_plan(measured)
            final = staging.path(out)
            mp3s, joined, measured = _encode_to_target(pcms, plan, work, final)
            lengths = [scan_file(mp3).samples for mp3 in mp3s]
            _check_join(lengths, joined)
            timings = section_timings([s.title for s in sections], pcms, lengths, joined.samples)
            write_article_tags(final, tags, timings)
            if sections_dir is not None:  # staged after the main file: they land after it
                _stage_sections(staging, mp3s, timings, tags, Path(sections_dir))
            rendered = Rendered(
                duration_ms=samples_to_ms(joined.samples),
                sections=timings,
                synthesized=speech.synthesized,
                cached=speech.cached,
                loudness_lufs=measured.integrated,
                true_peak_dbtp=measured.true_peak,
            )
            if before_commit is not None:
                before_commit(rendered)
    except OSError as exc:
        raise OutputError(f"cannot write {out} ({exc.strerror or exc}); check the folder and free space") from exc
    return rendered


def _assemble(sections: list[ScriptSection], clips: list[list[Path]], work: Path) -> list[SectionPCM]:
    """One WAV per section, all at the rate of the render's first clip (one engine, one rate)."""
    pcms: list[SectionPCM] = []
    rate = None
    for i, (section, files) in enumerate(zip(sections, clips, strict=True)):
        pcm = assemble_section(files, [u.pause_ms for u in section.utterances], work / f"{i:03d}.wav", rate=rate)
        rate = pcm.rate
        pcms.append(pcm)
    return pcms


def _encode_to_target(
    pcms: list[SectionPCM], plan: loudness.Plan, work: Path, joined_path: Path
) -> tuple[list[Path], Mp3Info, loudness.Loudness]:
    """Encode and join until the joined file meets the loudness target (at most MAX_PASSES times)."""
    for attempt in range(1, MAX_PASSES + 1):
        mp3s = _encode_all(pcms, plan, work)
        joined = join(mp3s, joined_path, work / "join.txt")
        measured = loudness.measure([joined_path], work / "final.txt")
        log.debug(
            "loudness pass %d: gain %.2f dB, ceiling %.2f dBTP -> %.1f LUFS, %.1f dBTP",
            attempt, plan.gain_db, plan.ceiling_dbtp, measured.integrated, measured.true_peak,
        )
        if loudness.within_target(measured):
            break
        if attempt == MAX_PASSES:
            log.warning(
                "loudness %.1f LUFS / true peak %.1f dBTP is off target", measured.integrated, measured.true_peak
            )
            break
        plan = loudness.adjust(plan, measured)
    return mp3s, joined, measured


def _encode_all(pcms: list[SectionPCM], plan: loudness.Plan, work: Path) -> list[Path]:
    """Encode every section, as many ffmpeg processes at a time as there are CPUs."""
    workers = max(1, min(len(pcms), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reader-encode") as pool:
        jobs = [pool.submit(encode_section, p.wav, work / f"{i:03d}.mp3", plan) for i, p in enumerate(pcms)]
        return [job.result() for job in jobs]


def _check_join(lengths: list[int], joined: Mp3Info) -> None:
    if sum(lengths) != joined.samples:
        log.warning(
            "joined file has %d samples, its sections %d: chapter times may drift", joined.samples, sum(lengths)
        )


def _stage_sections(
    staging: Staging, mp3s: list[Path], timings: list[SectionTiming], tags: Tags, folder: Path
) -> None:
    """Copy and tag each section MP3 to a temporary file beside its destination in ``folder``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the sections folder {folder} ({exc.strerror}); choose another") from exc
    dests = section_paths(folder, [t.title for t in timings])
    for number, (mp3, timing, dest) in enumerate(zip(mp3s, timings, dests, strict=True), start=1):
        tmp = staging.path(dest)
        shutil.copyfile(mp3, tmp)
        write_section_tags(tmp, tags, timing.title, number, len(dests))
        timing.file = str(dest)
