"""reader.manifest: built from a real render, written atomically, read back as JSON."""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path

import pytest

import reader
from reader.article import Article
from reader.audio import Tags, render
from reader.cache import Cache
from reader.engines.espeak import EspeakEngine
from reader.manifest import build_manifest, write_manifest
from reader.speech.script import Script, ScriptSection, Utterance

ARTICLE = Article(
    title="Schöne Grüße",
    author="Änne Öztürk",
    published="2024-05-01",
    modified="2024-05-02T08:00:00+02:00",
    language="de",
    url="https://example.org/gruesse/",
    site_name="Straßenblog",
    source="https://example.org/?p=12",
)


def make_script() -> Script:
    return Script(
        title=ARTICLE.title,
        sections=[
            ScriptSection("Anfang", [
                Utterance("Schöne Grüße.", "Schöne Grüße", 900, kind="title"),
                Utterance("Es ist der erste Mai.", "Es ist der 1. Mai.", 700),
            ]),
            ScriptSection("Leer", []),  # nothing to say: no chapter
            ScriptSection("Ende", [Utterance("Tschüss.", "Tschüss!", 1200)]),
        ],
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    base = tmp_path_factory.mktemp("manifest")
    engine = EspeakEngine()
    out = base / "post.mp3"
    result = render(make_script(), engine, out, tags=Tags(ARTICLE.title), cache=Cache(base / "cache"),
                    sections_dir=base / "post-sections")
    return base, engine, out, result


def test_manifest_round_trips_with_texts_and_times(rendered):
    base, engine, out, result = rendered
    manifest = build_manifest(article=ARTICLE, script=make_script(), rendered=result, engine=engine, audio_path=out)
    path = base / "post.json"
    write_manifest(path, manifest)
    back = json.loads(path.read_text(encoding="utf-8"))
    assert back == manifest
    assert back["audio"] == "post.mp3"
    assert (back["title"], back["author"], back["site_name"]) == ("Schöne Grüße", "Änne Öztürk", "Straßenblog")
    assert (back["url"], back["source"]) == (ARTICLE.url, ARTICLE.source)
    assert (back["published"], back["modified"], back["language"]) == ("2024-05-01", ARTICLE.modified, "de")
    assert back["engine"] == {"name": "espeak", "voice": "de", "options": {"rate": 165}}
    assert back["duration_ms"] == result.duration_ms
    assert back["loudness"] == {"integrated_lufs": result.loudness_lufs, "true_peak_dbtp": result.true_peak_dbtp}
    assert back["generator"] == f"reader {reader.__version__}"
    assert datetime.fromisoformat(back["created"]).tzinfo is not None
    assert [s["title"] for s in back["sections"]] == ["Anfang", "Ende"]
    assert [s["file"] for s in back["sections"]] == ["post-sections/01-anfang.mp3", "post-sections/02-ende.mp3"]
    assert all((base / s["file"]).is_file() for s in back["sections"])
    first = back["sections"][0]["utterances"]
    assert [u["written"] for u in first] == ["Schöne Grüße", "Es ist der 1. Mai."]
    assert [u["spoken"] for u in first] == ["Schöne Grüße.", "Es ist der erste Mai."]
    assert [u["kind"] for u in first] == ["title", "sentence"]
    timings = [t for s in result.sections for t in s.utterances]
    assert [(u["start_ms"], u["end_ms"]) for s in back["sections"] for u in s["utterances"]] == [
        (t.start_ms, t.end_ms) for t in timings
    ]


def test_manifest_file_is_readable_utf8_and_indented(rendered, tmp_path):
    base, engine, out, result = rendered
    manifest = build_manifest(article=ARTICLE, script=make_script(), rendered=result, engine=engine, audio_path=out)
    path = tmp_path / "m.json"
    path.write_text("old")
    write_manifest(path, manifest)
    text = path.read_bytes().decode("utf-8")
    assert "Straßenblog" in text and "\\u" not in text
    assert text.startswith("{\n  ")
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]


def test_paths_are_relative_to_the_manifest_folder(rendered):
    base, engine, out, result = rendered
    elsewhere = base / "meta" / "post.json"
    manifest = build_manifest(
        article=ARTICLE, script=make_script(), rendered=result, engine=engine, audio_path=out, manifest_path=elsewhere
    )
    assert manifest["audio"] == "../post.mp3"
    assert manifest["sections"][1]["file"] == "../post-sections/02-ende.mp3"
    assert (elsewhere.parent / manifest["audio"]).resolve() == Path(out).resolve()


def test_silence_and_odd_options_still_make_valid_json(tmp_path):
    from reader.audio import Rendered, SectionTiming, UtteranceTiming

    class Odd:
        name, voice = "odd", "x"

        def options(self):
            return {"model": tmp_path / "voice.onnx"}

    script = Script("Still", sections=[ScriptSection("Nichts", [Utterance(" ", " ", 500)])])
    silent = Rendered(
        duration_ms=500, sections=[SectionTiming("Nichts", 0, 500, None, [UtteranceTiming(25, 125)])],
        synthesized=1, cached=0, loudness_lufs=-math.inf, true_peak_dbtp=-math.inf,
    )
    manifest = build_manifest(article=Article(title="Still"), script=script, rendered=silent, engine=Odd(),
                              audio_path=tmp_path / "still.mp3")
    write_manifest(tmp_path / "still.json", manifest)
    back = json.loads((tmp_path / "still.json").read_text(encoding="utf-8"))
    assert back["loudness"] == {"integrated_lufs": None, "true_peak_dbtp": None}
    assert back["engine"]["options"] == {"model": str(tmp_path / "voice.onnx")}
    assert back["sections"][0]["file"] is None
