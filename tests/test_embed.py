"""reader embed: WebVTT, the player's HTML (escaping, no outside requests, no-JS fallback), formats, the CLI.

The browser test (tests/test_player_browser.py) runs the player itself."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from reader.embed.load import load_recording
from reader.embed.vtt import captions_vtt, chapters_vtt, timestamp, write_vtt_files
from reader.errors import OutputError, UsageError

EVIL = "<script>alert(1)</script> & \"Quotes\" 'too' \u2028 </p>"


def manifest_data(title: str = "DeepSeek und die Dotcom-Blase", chapter: str = "Parallelen zur Dotcom-Blase",
                  sentence: str = "Sie kostet 2 % & weniger.") -> dict:
    """A manifest as 'reader fetch' writes it: three chapters, utterances with gaps between them."""
    return {
        "generator": "reader 0.1.0", "schema": 1, "title": title, "author": "Martina Kellner", "language": "de",
        "audio": "article.mp3", "duration_ms": 3_725_001,
        "sections": [
            {"title": title, "file": None, "start_ms": 0, "end_ms": 10_000, "utterances": [
                {"written": title, "spoken": "x", "start_ms": 25, "end_ms": 1_910, "kind": "title", "lang": "de"},
                {"written": "Erster Satz.", "spoken": "x", "start_ms": 2_810, "end_ms": 6_000, "kind": "sentence", "lang": "de"},
                {"written": "Neuer Absatz.", "spoken": "x", "start_ms": 6_700, "end_ms": 9_500, "kind": "sentence", "lang": "de"},
            ]},
            {"title": chapter, "file": None, "start_ms": 10_000, "end_ms": 20_000, "utterances": [
                {"written": chapter, "spoken": "x", "start_ms": 10_025, "end_ms": 11_000, "kind": "heading", "lang": "de"},
                {"written": sentence, "spoken": "x", "start_ms": 11_900, "end_ms": 19_000, "kind": "sentence", "lang": "de"},
            ]},
            {"title": "Fußnoten", "file": None, "start_ms": 20_000, "end_ms": 3_725_001, "utterances": [
                {"written": "Big Tech has a big problem", "spoken": "x", "start_ms": 20_100, "end_ms": 3_725_000,
                 "kind": "footnote", "lang": "en"},
            ]},
        ],
    }


def write_manifest(folder: Path, data: dict | None = None, name: str = "article.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data or manifest_data(), ensure_ascii=False), encoding="utf-8")
    return path


# -- WebVTT

def test_timestamps_are_hours_minutes_seconds_milliseconds():
    assert timestamp(0) == "00:00:00.000"
    assert timestamp(3_725_001) == "01:02:05.001"
    assert timestamp(59_999) == "00:00:59.999"


def test_chapters_vtt_has_one_cue_per_section(tmp_path):
    text = chapters_vtt(load_recording(write_manifest(tmp_path)))
    assert text == (
        "WEBVTT - reader\n\n"
        "1\n00:00:00.000 --> 00:00:10.000\nDeepSeek und die Dotcom-Blase\n\n"
        "2\n00:00:10.000 --> 00:00:20.000\nParallelen zur Dotcom-Blase\n\n"
        "3\n00:00:20.000 --> 01:02:05.001\nFußnoten\n"
    )


def test_captions_vtt_has_one_cue_per_utterance_with_the_written_text(tmp_path):
    text = captions_vtt(load_recording(write_manifest(tmp_path)))
    cues = text.split("\n\n")
    assert cues[0] == "WEBVTT - reader"
    assert len(cues) - 1 == 6
    assert cues[2] == "2\n00:00:02.810 --> 00:00:06.000\nErster Satz."
    assert cues[5] == "5\n00:00:11.900 --> 00:00:19.000\nSie kostet 2 % &amp; weniger."


def test_vtt_cue_text_is_escaped_and_kept_on_one_line(tmp_path):
    data = manifest_data(title="A <b>bold</b> --> arrow & more", sentence="Zeile eins\n\nZeile zwei")
    recording = load_recording(write_manifest(tmp_path, data))
    chapters, captions = chapters_vtt(recording), captions_vtt(recording)
    assert "A &lt;b&gt;bold&lt;/b&gt; --&gt; arrow &amp; more" in chapters
    assert "Zeile eins Zeile zwei" in captions
    for text in (chapters, captions):  # the only '-->' are the timing lines'
        for line in text.splitlines():
            assert "-->" not in line or re.fullmatch(r"\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", line)
            assert "<" not in line


def test_write_vtt_files_writes_beside_the_mp3_and_leaves_unchanged_files_alone(tmp_path):
    (tmp_path / "audio").mkdir()
    data = manifest_data()
    data["audio"] = "audio/post.mp3"
    paths = write_vtt_files(write_manifest(tmp_path, data))
    assert paths == [tmp_path / "audio" / "post.chapters.vtt", tmp_path / "audio" / "post.captions.vtt"]
    assert all(p.read_text(encoding="utf-8").startswith("WEBVTT - reader\n") for p in paths)
    before = [p.stat().st_mtime_ns for p in paths]
    os.utime(paths[0], ns=(1, 1))
    assert write_vtt_files(tmp_path / "article.json") == paths
    assert paths[0].stat().st_mtime_ns == 1  # same content: not rewritten
    assert paths[1].stat().st_mtime_ns == before[1]


def test_write_vtt_files_refuses_a_vtt_file_reader_did_not_make(tmp_path):
    manifest = write_manifest(tmp_path)
    theirs = tmp_path / "article.captions.vtt"
    theirs.write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nhand-made\n", encoding="utf-8")
    with pytest.raises(OutputError, match="not made by reader"):
        write_vtt_files(manifest)
    assert "hand-made" in theirs.read_text(encoding="utf-8")
    assert not (tmp_path / "article.chapters.vtt").exists()  # checked before anything is written
    write_vtt_files(manifest, force=True)
    assert theirs.read_text(encoding="utf-8").startswith("WEBVTT - reader")


@pytest.mark.parametrize("content, problem", [
    (None, "does not exist"),
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a JSON object"),
    ('{"audio": "a.mp3", "sections": []}', "no sections"),
    ('{"audio": "a.mp3", "sections": [{"title": "T", "start_ms": "0", "end_ms": 5}]}', r"sections\[0\]\.start_ms"),
    ('{"sections": [{"title": "T", "start_ms": 0, "end_ms": 5}]}', "audio is missing"),
])
def test_a_bad_manifest_is_a_usage_error_naming_the_problem(tmp_path, content, problem):
    path = tmp_path / "article.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=problem):
        load_recording(path)
