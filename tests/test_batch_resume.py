"""kill -9 in the middle of a batch, twice, then finish it: nothing half-written, nothing done twice."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audiocheck import decoded_seconds
from blog import serving
from reader.batch.state import FILE_NAME
from reader.cli import main

ROOT = Path(__file__).resolve().parent.parent
POSTS = 10


def done_rows(out: Path) -> int:
    """Posts the running batch has recorded as done (read only, beside the writer)."""
    path = out / FILE_NAME
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM posts WHERE status = 'done'").fetchone()[0]
    except sqlite3.Error:
        return 0


def kill_after(command: list[str], out: Path, recorded: int) -> int:
    """Start the batch as a process, SIGKILL it once ``recorded`` posts are done; return how many were."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    try:
        while done_rows(out) < recorded:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the batch did not get going"
            time.sleep(0.02)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
    return done_rows(out)


def complete_folders(out: Path) -> list[Path]:
    """Every post folder in DIR; each must hold a complete, matching MP3 and manifest."""
    folders = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")]
    for folder in folders:
        manifest = json.loads((folder / "article.json").read_text(encoding="utf-8"))
        assert abs(decoded_seconds(folder / "article.mp3") - manifest["duration_ms"] / 1000) < 0.2, folder
    return folders


@pytest.mark.slow
def test_sigkill_at_any_point_then_resume_finishes_without_redoing(tmp_path):
    out = tmp_path / "audio"
    with serving(posts=POSTS) as site:
        command = [sys.executable, "-m", "reader", "batch", site.url("/"), "--out", str(out), "--engine", "espeak",
                   "--delay", "0", "-q", "--concurrency", "2"]
        first = kill_after(command, out, 2)
        assert first < POSTS
        assert len(complete_folders(out)) >= first
        second = kill_after(command, out, first + 2)  # the resumed run, killed too
        assert first < second < POSTS
        assert len(complete_folders(out)) >= second
        assert main(command[3:]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["converted"] == POSTS - second
    assert report["counts"]["unchanged"] == second
    assert report["counts"]["failed"] == 0
    assert len(complete_folders(out)) == POSTS == report["posts_with_audio"]
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [e["status"] for e in index["posts"]] == ["done"] * POSTS
    assert not [p for p in out.rglob("*") if p.name.endswith(".part") or p.name == ".staging"]
