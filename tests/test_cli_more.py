"""The command line, the paths tests/test_cli.py leaves out: `reader cache`, `reader script`, --timeout, -q,
the progress bar on a terminal, usage errors as one line, and Ctrl-C / SIGTERM in a real process."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

import reader.fetch as fetch_module
from conftest import ROOT, SAMPLES
from reader.api import read, script_for
from reader.cache import Cache
from reader.cli import main
from reader.engines.base import Clip
from reader.lexicon import lexicon_for
from reader.speech.script import Script

EASY = SAMPLES / "footnotes-easy.html"
SEED = SAMPLES / "ki-agenten-deepseek.html"
KEY = "ab" + "0" * 62  # the shape of a cache key (sha256 hex)


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("reader: error: ") and "Traceback" not in stderr
    return lines[0]


def reader_process(*args: str, tmpdir: Path, **popen) -> subprocess.Popen:
    """`python -m reader ARGS` with its own TMPDIR (to see what it leaves there) and Ctrl-C enabled."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(tmpdir))
    popen.setdefault("stdout", subprocess.DEVNULL)
    popen.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen([sys.executable, "-m", "reader", *args], env=env, stdin=subprocess.DEVNULL,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **popen)


def wait_for(condition, proc: subprocess.Popen, what: str, limit: float = 120.0) -> None:
    """Poll until condition() holds; fail if the process ends first (or after ``limit`` seconds)."""
    end = time.monotonic() + limit
    while not condition():
        assert proc.poll() is None, f"reader ended before {what}: {proc.stderr.read().decode()}"
        assert time.monotonic() < end, f"no {what}"
        time.sleep(0.005)


# ---------------------------------------------------------------- reader cache


def fill_cache(folder: Path) -> list[Path]:
    from test_cache import tone_wav

    cache = Cache(folder)
    return [cache.put(KEY, Clip(tone_wav(), "wav")), cache.put("cd" + "1" * 62, Clip(tone_wav(0.3), "wav"))]


def test_cache_shows_its_entries_and_clear_keeps_foreign_files(tmp_path, capsys):
    folder = tmp_path / "h"
    entries = fill_cache(folder)
    thesis = folder / "docs" / "thesis.txt"
    thesis.parent.mkdir(parents=True)
    thesis.write_text("meine Arbeit", encoding="utf-8")
    assert main(["cache", "--cache-dir", str(folder)]) == 0
    size = sum(p.stat().st_size for p in entries)
    assert capsys.readouterr().out == f"{folder}\t2 files\t{size / 1e6:.1f} MB\n"
    assert main(["cache", "--cache-dir", str(folder), "--clear"]) == 0
    assert capsys.readouterr().out == f"removed 2 cached files from {folder}\n"
    assert not any(p.exists() for p in entries) and not (folder / "utterances").exists()
    assert thesis.read_text(encoding="utf-8") == "meine Arbeit"


def test_cache_clear_on_a_home_folder_removes_nothing_of_the_owner(tmp_path, monkeypatch, capsys):
    """READER_CACHE_DIR=~ by mistake: only reader's own entries go."""
    home = tmp_path / "home"
    mine = [home / "notes.txt", home / "utterances" / "draft.txt", home / "utterances" / "ab" / "letter.wav",
            home / "music" / "utterances" / "ab" / f"{KEY}.wav"]
    for path in mine:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"the owner's")
    entry = fill_cache(home)[0]
    monkeypatch.setenv("READER_CACHE_DIR", str(home))
    assert main(["cache", "--clear"]) == 0
    assert capsys.readouterr().out == f"removed 2 cached files from {home}\n"
    assert not entry.exists()
    assert all(path.read_bytes() == b"the owner's" for path in mine)


# ---------------------------------------------------------------- reader script


@pytest.fixture(scope="module")
def easy_script() -> Script:
    return script_for(read(str(EASY)), footnotes="end", lexicon=lexicon_for(None, str(EASY)))


def test_script_as_json_is_the_script_of_the_api(easy_script, capsys):
    assert main(["script", str(EASY), "--format", "json"]) == 0
    assert Script.from_dict(json.loads(capsys.readouterr().out)) == easy_script


def test_script_as_text_lists_sections_and_utterances_in_order(easy_script, capsys):
    assert main(["script", str(EASY)]) == 0
    lines = capsys.readouterr().out.splitlines()
    expected = []
    for number, section in enumerate(easy_script.sections, 1):
        expected.append(f"## {number}. {section.title}")
        expected += [f"{u.spoken}  [{u.pause_ms} ms]" for u in section.utterances]
    assert lines == expected and len(easy_script.sections) >= 2
    assert main(["script", str(EASY), "--footnotes", "skip"]) == 0
    skipped = capsys.readouterr().out.splitlines()
    assert len([line for line in skipped if line.startswith("## ")]) == len(easy_script.sections) - 1


# ---------------------------------------------------------------- -q and the progress bar


def test_quiet_fetch_prints_nothing_and_still_writes(tmp_path, capsys):
    args = ["fetch", str(EASY), "--engine", "espeak", "--cache-dir", str(tmp_path / "cache")]
    assert main([*args, "-q", "--out", str(tmp_path / "quiet.mp3")]) == 0
    assert capsys.readouterr().err == ""
    assert (tmp_path / "quiet.mp3").stat().st_size > 10_000 and (tmp_path / "quiet.json").exists()
    assert main([*args, "--out", str(tmp_path / "loud.mp3")]) == 0
    summary = capsys.readouterr().err
    assert summary.startswith(f"reader: wrote {tmp_path / 'loud.mp3'} (") and "0 synthesized" in summary


def read_terminal(master: int, proc: subprocess.Popen, limit: float = 120.0) -> str:
    seen, end = b"", time.monotonic() + limit
    while time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the other side closed (Linux: EIO)
                break
            if not data:
                break
            seen += data
        elif proc.poll() is not None:
            break
    return seen.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal(tmp_path):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # rows, columns: a real size
    try:
        proc = reader_process("fetch", str(EASY), "--engine", "espeak", "--cache-dir", str(tmp_path / "cache"),
                              "--out", str(tmp_path / "bar.mp3"), tmpdir=tmp_path, stderr=slave)
        os.close(slave)
        shown = read_terminal(master, proc)
        assert proc.wait(timeout=120) == 0, shown
    finally:
        os.close(master)
    assert "speaking" in shown and "100%" in shown, shown
    assert any(f"{n}%" in shown for n in range(1, 100)), shown  # it moved before it was done
    assert "assembling chapters" in shown and "reader: wrote" in shown


# ---------------------------------------------------------------- usage errors, --timeout, addresses


@pytest.mark.parametrize("args,hint", [
    (["fetch", "x.html", "--out", "a.mp3", "--footnotes", "sideways"], "reader fetch --help"),
    (["extract", "x.html", "--timeout", "0"], "reader extract --help"),
    (["extract", "x.html", "--timeout", "-1"], "reader extract --help"),
    (["extract", "x.html", "--timeout", "nan"], "reader extract --help"),
    (["extract", "x.html", "--timeout", "inf"], "reader extract --help"),
    (["script", "x.html", "--timeout", "soon"], "reader script --help"),
    (["fetch", "x.html"], "reader fetch --help"),
    (["extract", "x.html", "--no-such-option"], "reader --help"),
    ([], "reader --help"),
    (["lexicon"], "reader lexicon --help"),
])
def test_usage_errors_are_one_line_with_a_hint_and_exit_2(args, hint, capsys):
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert one_error_line(captured.err).endswith(f"; see '{hint}'")


def test_timeout_bounds_the_page_fetch(loopback, monkeypatch, capsys):
    monkeypatch.setattr(fetch_module, "_sleep", lambda seconds: None)  # retries without the back-off waits
    url = loopback.slow("/slow", delay=3)
    assert main(["extract", url, "--timeout", "0.3"]) == 3
    assert "did not answer within 0.3 s" in one_error_line(capsys.readouterr().err)
    assert loopback.hits("/slow") == 4  # the first try and three retries


@pytest.mark.parametrize("source,code,message", [
    ("http://[::1", 2, "not a valid web address: http://[::1"),
    ("notes:draft.html", 3, "file not found: notes:draft.html"),
])
def test_odd_sources_end_in_their_own_error(source, code, message, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["extract", source]) == code
    assert message in one_error_line(capsys.readouterr().err)


# ---------------------------------------------------------------- Ctrl-C and SIGTERM in a real process


def own_temp_folders(tmpdir: Path) -> list[str]:
    return sorted(p.name for p in tmpdir.iterdir())


@pytest.mark.parametrize("signum,code,word,stage", [
    (signal.SIGINT, 130, "interrupted", "synthesis"),
    (signal.SIGTERM, 143, "terminated", "synthesis"),
    (signal.SIGTERM, 143, "terminated", "writing"),
])
def test_a_stopped_run_leaves_nothing_behind(tmp_path, signum, code, word, stage):
    """Stopped while speaking (temp folders exist) or while writing (a temp file sits beside the output):
    the documented exit code, one line, and no file of the run left anywhere."""
    tmpdir, dest = tmp_path / "tmp", tmp_path / "out"
    tmpdir.mkdir()
    dest.mkdir()
    proc = reader_process("fetch", str(SEED), "--engine", "espeak", "--no-cache", "--out", str(dest / "t.mp3"),
                          tmpdir=tmpdir)
    try:
        if stage == "synthesis":
            wait_for(lambda: any(n.startswith("reader-nocache-") for n in os.listdir(tmpdir)), proc, "temp folder")
        else:
            wait_for(lambda: os.listdir(dest), proc, "temporary output file")
        proc.send_signal(signum)
        stderr = proc.communicate(timeout=120)[1].decode()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == code, stderr
    assert stderr.strip() == f"reader: {word}; unfinished files were removed"
    assert own_temp_folders(dest) == [] and own_temp_folders(tmpdir) == []
