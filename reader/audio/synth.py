"""Make sure every utterance of a Script has a clip in the cache: look up, synthesize what is missing.

Misses run on a thread pool of ``engine.concurrency`` workers (default 1); each worker stores its
clip in the cache as soon as it has it and hands back only the file's path, so memory holds paths,
not audio. Identical utterances (same cache key) are synthesized once. ``progress(done, total)`` is
called from the calling thread after each utterance. An engine error (or Ctrl-C) cancels what has
not started, calls the engine's ``cancel()`` if it has one (so a job waiting out a back-off stops
at once), and propagates.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..cache import Cache

if TYPE_CHECKING:
    from ..speech.script import ScriptSection, Utterance

Progress = Callable[[int, int], None]


@dataclass
class Synthesized:
    clips: list[list[Path]]  # per section, per utterance: the cached clip's file
    synthesized: int
    cached: int


class _Tally:
    def __init__(self, total: int, progress: Progress | None):
        self.done = 0
        self.total = total
        self.progress = progress

    def advance(self, count: int = 1) -> None:
        for _ in range(count):
            self.done += 1
            if self.progress is not None:
                self.progress(self.done, self.total)


def synthesize(
    sections: list[ScriptSection], engine, cache: Cache, progress: Progress | None = None
) -> Synthesized:
    keys = [[cache.key(engine, u.spoken, u.lang) for u in s.utterances] for s in sections]
    utterances = [u for s in sections for u in s.utterances]
    flat_keys = [k for ks in keys for k in ks]
    tally = _Tally(len(flat_keys), progress)
    found: dict[str, Path] = {}
    missing: dict[str, Utterance] = {}
    waiting: dict[str, int] = {}  # key -> utterances waiting for its synthesis
    for key, utterance in zip(flat_keys, utterances):
        if key in missing:
            waiting[key] += 1
            continue
        path = found.get(key) or cache.path(key)
        if path is None:
            missing[key] = utterance
            waiting[key] = 1
            continue
        found[key] = path
        tally.advance()
    _run_missing(engine, cache, missing, waiting, found, tally)
    clips = [[found[k] for k in ks] for ks in keys]
    return Synthesized(clips=clips, synthesized=len(missing), cached=len(flat_keys) - len(missing))


def _run_missing(engine, cache: Cache, missing: dict, waiting: dict, found: dict, tally: _Tally) -> None:
    if not missing:
        return

    failed = threading.Event()  # set by the first failing job, so queued jobs do not call the engine

    def job(key: str, utterance: Utterance) -> Path | None:
        if failed.is_set():
            return None
        try:
            return cache.put(key, engine.synthesize(utterance.spoken, utterance.lang))
        except BaseException:
            failed.set()
            raise

    workers = max(1, int(getattr(engine, "concurrency", 1) or 1))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reader-synth")
    try:
        futures = {pool.submit(job, key, u): key for key, u in missing.items()}
        for future in as_completed(futures):
            key = futures.pop(future)
            path = future.result()
            if path is None:  # skipped after another job failed; that job's error comes too
                continue
            found[key] = path
            tally.advance(waiting[key])
    except BaseException:  # an engine error, or Ctrl-C: stop calling the engine
        failed.set()
        cancel = getattr(engine, "cancel", None)  # optional: not part of the Engine protocol
        if callable(cancel):
            cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
