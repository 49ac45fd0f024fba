"""Output safety: what reader writes, when, with which permissions, and what it refuses to replace.

Real runs with espeak on a short article; the files are read back. A run is "before any work" when
the cache folder it was given holds no synthesized clip afterwards.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from reader import api, files
from reader.article import Article
from reader.cli import main
from reader.errors import OutputError
from reader.ownership import made_by_reader

from conftest import SAMPLES
from speech_articles import h, p

ARTICLE = Article(
    "Kurzer Text",
    [p("Ein erster Satz."), h("Zweites Kapitel"), p("Noch ein Satz, und fertig.")],
    language="de",
)


def clips(cache: Path) -> list[Path]:
    return [c for c in cache.rglob("*") if c.is_file()] if cache.exists() else []


def leftovers(folder: Path) -> list[str]:
    return sorted(c.name for c in folder.rglob("*.part"))


def speak(tmp: Path, **kwargs):
    kwargs.setdefault("cache_dir", tmp / "cache")
    return api.speak(ARTICLE, kwargs.pop("out", tmp / "a.mp3"), engine="espeak", **kwargs)


def planned(folder: Path) -> list[Path]:
    return api.planned_section_files(api.script_for(ARTICLE, max_chars=1000), folder)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """One complete run with section files: (folder, result)."""
    tmp = tmp_path_factory.mktemp("made")
    return tmp, speak(tmp, sections_dir=tmp / "sections")


# ---------------------------------------------------------------- --sections-dir checked first


def test_sections_dir_that_is_a_file_fails_before_any_work(tmp_path):
    (tmp_path / "notadir").write_text("mine")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        api.check_outputs(tmp_path / "a.mp3", sections_dir=tmp_path / "notadir")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        speak(tmp_path, sections_dir=tmp_path / "notadir")
    with pytest.raises(OutputError, match="cannot be created"):
        speak(tmp_path, sections_dir=tmp_path / "notadir" / "sub")
    assert clips(tmp_path / "cache") == []
    assert not (tmp_path / "a.mp3").exists()


def test_cli_sections_dir_that_is_a_file_exits_6_without_work(tmp_path, capsys):
    (tmp_path / "notadir").write_text("mine")
    code = main(["fetch", str(SAMPLES / "footnotes-easy.html"), "--engine", "espeak", "--out", str(tmp_path / "a.mp3"),
                 "--sections-dir", str(tmp_path / "notadir"), "--cache-dir", str(tmp_path / "cache"), "-q"])
    assert code == 6
    assert capsys.readouterr().err.count("\n") == 1
    assert clips(tmp_path / "cache") == []
    assert sorted(c.name for c in tmp_path.iterdir()) == ["notadir"]


def test_a_missing_sections_dir_is_created(made):
    tmp, result = made
    assert [f.name for f in result.section_files] == [f.name for f in planned(tmp / "sections")]
    assert all(made_by_reader(f) for f in result.section_files)


# ---------------------------------------------------------------- section files reader did not make


def test_foreign_section_file_is_refused_before_synthesis(tmp_path):
    sections = tmp_path / "mine"
    sections.mkdir()
    victim = planned(sections)[1]
    victim.write_bytes(b"my own recording")
    with pytest.raises(OutputError, match=r"was not made by reader: .*--force") as err:
        speak(tmp_path, sections_dir=sections)
    assert victim.name in str(err.value)
    assert victim.read_bytes() == b"my own recording"
    assert clips(tmp_path / "cache") == []
    assert sorted(c.name for c in sections.iterdir()) == [victim.name]


def test_force_replaces_foreign_section_files_and_reader_replaces_its_own(tmp_path, made):
    first, _ = made
    sections = tmp_path / "mine"
    sections.mkdir()
    victim = planned(sections)[0]
    victim.write_bytes(b"my own recording")
    speak(tmp_path, sections_dir=sections, force=True)
    assert made_by_reader(victim)
    # Files reader made are replaced without --force (also when another run made them).
    for path in planned(sections):
        path.write_bytes((first / "sections" / path.name).read_bytes())
    again = speak(tmp_path, sections_dir=sections)
    assert again.synthesized == 0 and all(made_by_reader(f) for f in again.section_files)


# ---------------------------------------------------------------- the MP3, manifest and sections land together


def test_manifest_that_cannot_be_written_leaves_the_old_mp3(tmp_path):
    out = tmp_path / "z.mp3"
    out.write_bytes(b"the previous version")
    (tmp_path / "z.json").mkdir()  # the manifest cannot be written there
    with pytest.raises(OutputError):
        speak(tmp_path, out=out, sections_dir=tmp_path / "sections", force=True)
    assert out.read_bytes() == b"the previous version"
    assert list((tmp_path / "sections").iterdir()) == []  # no section file landed either
    assert leftovers(tmp_path) == []


def test_manifest_failure_without_an_old_mp3_leaves_none(tmp_path):
    (tmp_path / "z.json").mkdir()
    with pytest.raises(OutputError):
        speak(tmp_path, out=tmp_path / "z.mp3", force=True)
    assert not (tmp_path / "z.mp3").exists()
    assert leftovers(tmp_path) == []


def test_nothing_is_in_place_until_everything_is_complete(tmp_path):
    from reader.audio import render
    from reader.cache import Cache
    from reader.engines.espeak import EspeakEngine

    out, sections = tmp_path / "a.mp3", tmp_path / "sections"
    seen = {}

    def before_commit(rendered):
        seen["out"] = out.exists()
        seen["sections"] = sorted(c.name for c in sections.iterdir() if not c.name.endswith(".part"))
        seen["staged"] = leftovers(tmp_path)

    script = api.script_for(ARTICLE, max_chars=1000)
    rendered = render(script, EspeakEngine(), out, tags=api.tags_for(ARTICLE), cache=Cache(tmp_path / "cache"),
                      sections_dir=sections, before_commit=before_commit)
    assert seen["out"] is False and seen["sections"] == []
    assert len(seen["staged"]) == 1 + len(rendered.sections)  # all complete, waiting to be renamed
    assert out.exists() and [Path(s.file).exists() for s in rendered.sections] == [True] * len(rendered.sections)
    assert leftovers(tmp_path) == []


def test_manifest_names_the_final_files(made):
    tmp, result = made
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    assert manifest["audio"] == "a.mp3"
    assert [s["file"] for s in manifest["sections"]] == [f"sections/{f.name}" for f in result.section_files]


# ---------------------------------------------------------------- permissions


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_new_file_follows_the_umask(tmp_path, umask_027):
    files.write_bytes(tmp_path / "new.json", b"{}")
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_replaced_file_keeps_its_mode(tmp_path, umask_027):
    private = tmp_path / "private.json"
    private.write_bytes(b"old")
    private.chmod(0o600)
    files.write_bytes(private, b"new")
    assert private.read_bytes() == b"new"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_replaced_mp3_keeps_its_mode(made):
    tmp, result = made
    result.audio.chmod(0o600)
    again = speak(tmp, sections_dir=tmp / "sections")
    assert stat.S_IMODE(again.audio.stat().st_mode) == 0o600


# ---------------------------------------------------------------- paths ffmpeg could take for protocols


def test_relative_paths_with_a_colon_are_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = api.speak(ARTICLE, "x:y.mp3", engine="espeak", cache_dir="data:weird", sections_dir="file:parts")
    assert (tmp_path / "x:y.mp3").stat().st_size > 1000 and result.duration_ms > 1000
    assert clips(tmp_path / "data:weird")
    assert len(list((tmp_path / "file:parts").glob("*.mp3"))) == result.chapters
