"""A batch stopped at any point (kill -9 at random moments and at the worst ones: in the middle of swapping a
post's folder, before the index is written; SIGTERM; Ctrl-C), then run again: nothing half-written, nothing
done twice, everything finished."""

from __future__ import annotations

import copy
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audiocheck import decoded_seconds
from blog import serving
from reader.batch.folders import PAUSE_AT, STAGING
from reader.batch.state import FILE_NAME
from reader.cli import main

ROOT = Path(__file__).resolve().parent.parent
POSTS = 8


def rows(out: Path, status: str = "done") -> int:
    """Posts the running batch has recorded with ``status`` (read only, beside the writer)."""
    path = out / FILE_NAME
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM posts WHERE status = ?", (status,)).fetchone()[0]
    except sqlite3.Error:
        return 0


def start(command: list[str], **env) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_for(proc: subprocess.Popen, ready, what: str) -> None:
    deadline = time.monotonic() + 300
    while not ready():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, f"the batch did not get to {what}"
        time.sleep(0.02)


def stop(proc: subprocess.Popen, sig: int) -> tuple[int, str]:
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    return proc.returncode, err


def complete_folders(out: Path) -> list[Path]:
    """Every post folder in DIR; each must hold a complete, matching MP3 and manifest."""
    found = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")]
    for folder in found:
        manifest = json.loads((folder / "article.json").read_text(encoding="utf-8"))
        assert abs(decoded_seconds(folder / "article.mp3") - manifest["duration_ms"] / 1000) < 0.2, folder
    return found


def finish(command: list[str], out: Path) -> dict:
    """The run after the stops: exit 0, every post converted once, nothing left over."""
    assert main(command[3:]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["failed"] == 0 and report["counts"]["converted"] + report["counts"]["unchanged"] == POSTS
    assert len(complete_folders(out)) == POSTS == report["posts_with_audio"]
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [e["status"] for e in index["posts"]] == ["done"] * POSTS
    assert not (out / STAGING).exists() or not list((out / STAGING).iterdir())
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
    return report


@pytest.fixture(scope="module")
def site():
    with serving(posts=POSTS, max_sections=1) as blog:
        yield blog


def command_for(site, out: Path) -> list[str]:
    return [sys.executable, "-m", "reader", "batch", site.url("/"), "--out", str(out), "--engine", "espeak",
            "--delay", "0", "-q", "--concurrency", "2"]


@pytest.mark.slow
def test_sigkill_at_random_moments_then_resume_finishes_without_redoing(site, tmp_path):
    out = tmp_path / "audio"
    command = command_for(site, out)
    rng = random.Random(6)
    done = 0
    for _ in range(3):  # killed 0.1 to 1.5 s after the previous run's last finished post: anywhere in a post
        proc = start(command)
        target = done + 1
        wait_for(proc, lambda: rows(out) >= min(target, POSTS - 1), "a finished post")
        time.sleep(rng.uniform(0.1, 1.5))
        stop(proc, signal.SIGKILL)
        complete_folders(out)
        assert rows(out) >= done  # nothing finished is undone
        done = rows(out)
        if done >= POSTS - 1:
            break
    report = finish(command, out)
    assert report["counts"]["unchanged"] == done and report["counts"]["converted"] == POSTS - done


@pytest.mark.slow
@pytest.mark.parametrize("point", ["swap", "index"])
def test_sigkill_at_the_worst_moments_then_resume_finishes(site, tmp_path, point):
    out = tmp_path / "audio"
    command = command_for(site, out)
    saved = copy.deepcopy(site.entries)
    try:
        if point == "swap":  # a second conversion replaces the first one's folder: edit a post in between
            assert main(command[3:]) == 0
            site.edit(site.published()[0], paragraph=0)
        proc = start(command, **{PAUSE_AT: point})
        lines: list[str] = []
        wait_for(proc, lambda: lines.append(proc.stderr.readline()) or "paused at" in lines[-1], point)
        stop(proc, signal.SIGKILL)
        complete_folders(out)
        report = finish(command, out)
    finally:
        site.entries[:] = saved
    if point == "index":
        assert report["counts"]["unchanged"] == POSTS  # every post was recorded before the kill
    else:
        assert report["counts"]["converted"] == 1


@pytest.mark.slow
def test_sigterm_and_ctrl_c_stop_cleanly_and_resume_finishes(site, tmp_path):
    out = tmp_path / "audio"
    command = command_for(site, out)
    for sig, code, said in ((signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")):
        proc = start(command)
        before = rows(out)
        wait_for(proc, lambda: rows(out) > before and rows(out, "converting") > 0, "a post under way")
        returned, err = stop(proc, sig)
        assert returned == code and f"reader: {said}" in err
        assert not (out / STAGING).exists() or not list((out / STAGING).iterdir())  # staging cleaned
        assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
        complete_folders(out)
        if rows(out) >= POSTS:
            break
    finish(command, out)
