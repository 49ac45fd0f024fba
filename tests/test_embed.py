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
    """The manifest, and a stand-in for the MP3 it names (these tests never play it; the browser test does)."""
    data = data or manifest_data()
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    audio = folder / data["audio"]
    if not audio.exists():
        audio.parent.mkdir(parents=True, exist_ok=True)
        audio.write_bytes(b"ID3")
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


def test_vtt_cues_are_in_the_order_they_start(tmp_path):
    data = manifest_data()
    data["sections"].reverse()
    text = chapters_vtt(load_recording(write_manifest(tmp_path, data)))
    assert text.split("\n\n")[1:] == [
        "1\n00:00:00.000 --> 00:00:10.000\nDeepSeek und die Dotcom-Blase",
        "2\n00:00:10.000 --> 00:00:20.000\nParallelen zur Dotcom-Blase",
        "3\n00:00:20.000 --> 01:02:05.001\nFußnoten\n",
    ]


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


READER = '"generator": "reader 0.1.0", "schema": 1, '


@pytest.mark.parametrize("content, problem", [
    (None, "does not exist"),
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a JSON object"),
    ('{"audio": "a.mp3", "sections": []}', "generator None is not reader"),
    ('{"generator": "podlove", "schema": 1, "audio": "a.mp3", "sections": []}', "generator 'podlove' is not reader"),
    ('{"generator": "reader 9.0", "schema": 2, "audio": "a.mp3", "sections": []}', "schema 2 is not one this reader knows"),
    ('{"generator": "reader 0.1", "schema": true, "audio": "a.mp3", "sections": []}', "schema True"),
    ("{" + READER + '"audio": "a.mp3", "sections": []}', "no sections"),
    ("{" + READER + '"audio": "a.mp3", "sections": [{"title": "T", "start_ms": "0", "end_ms": 5}]}',
     r"sections\[0\]\.start_ms"),
    ("{" + READER + '"sections": [{"title": "T", "start_ms": 0, "end_ms": 5}]}', "audio is missing"),
    ("{" + READER + '"audio": "missing.mp3", "sections": [{"title": "T", "start_ms": 0, "end_ms": 5}]}',
     "its audio missing.mp3 is not there"),
])
def test_a_bad_manifest_is_a_usage_error_naming_the_problem(tmp_path, content, problem):
    path = tmp_path / "article.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=problem):
        load_recording(path)


@pytest.mark.parametrize("audio", ["{outside}/victim.mp3", "../victim.mp3", "sub/../../victim.mp3", "..\\victim.mp3",
                                   "C:\\victim.mp3", "\\\\server\\share\\victim.mp3", ""])
def test_the_manifests_audio_must_stay_in_its_folder(tmp_path, audio):
    """The WebVTT files go beside the MP3: a manifest naming an MP3 elsewhere must not put files there."""
    outside, folder = tmp_path / "outside", tmp_path / "site"
    (folder / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "victim.mp3").write_bytes(b"ID3")
    (tmp_path / "victim.mp3").write_bytes(b"ID3")
    data = manifest_data()
    data["audio"] = audio.format(outside=outside)
    manifest = folder / "article.json"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UsageError, match="audio .* must be a path relative to the manifest's folder"):
        write_vtt_files(manifest)
    done = run_reader("embed", str(manifest), "--out", str(folder / "player.html"))
    assert_one_line_error(done, 2, "must be a path relative to the manifest's folder, without '..'")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["article.json", "victim.mp3", "victim.mp3"]


def test_the_mp3_may_be_in_a_folder_below_the_manifest_and_a_link_is_not_followed(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "real.mp3").write_bytes(b"ID3")
    (tmp_path / "site" / "audio").mkdir(parents=True)
    (tmp_path / "site" / "audio" / "post.mp3").symlink_to(tmp_path / "elsewhere" / "real.mp3")
    data = manifest_data()
    data["audio"] = "audio/post.mp3"
    paths = write_vtt_files(write_manifest(tmp_path / "site", data))
    assert paths == [tmp_path / "site" / "audio" / "post.chapters.vtt", tmp_path / "site" / "audio" / "post.captions.vtt"]
    assert list((tmp_path / "elsewhere").iterdir()) == [tmp_path / "elsewhere" / "real.mp3"]


# -- the player's HTML

from html.parser import HTMLParser  # noqa: E402

from reader.embed.command import safe_audio_url  # noqa: E402
from reader.embed.formats import render  # noqa: E402
from reader.embed.snippet import asset, minified, player_html, script_json  # noqa: E402
from reader.embed.write import default_audio_url, embed  # noqa: E402
from reader.ownership import made_by_reader  # noqa: E402


class Parsed(HTMLParser):
    """The snippet as a browser's tokenizer sees it: elements with attributes, text, script bodies."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self.comments: list[str] = []
        self._in: tuple[str, dict] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = (tag, dict(attrs))

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in and self._in[0] == "script":
            self.scripts.append((self._in[1], data))
        elif self._in:
            self.styles.append(data)
        else:
            self.text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)

    def tags(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.elements if tag == name]

    def with_class(self, name: str) -> list[tuple[str, dict]]:
        return [(tag, a) for tag, a in self.elements if name in (a.get("class") or "").split()]

    def data(self) -> dict:
        return json.loads(next(body for attrs, body in self.scripts if attrs.get("type") == "application/json"))


def snippet(tmp_path, data: dict | None = None, **options) -> str:
    options.setdefault("audio_url", "article.mp3")
    return player_html(load_recording(write_manifest(tmp_path, data)), **options)


def test_every_text_from_the_manifest_is_escaped(tmp_path):
    html = snippet(tmp_path, manifest_data(title=EVIL, chapter=EVIL, sentence=EVIL), label=EVIL)
    parsed = Parsed(html)
    assert [attrs.get("type") for attrs, _ in parsed.scripts] == ["application/json", None]  # no third script
    assert {tag for tag, _ in parsed.elements} == {"div", "style", "audio", "a", "button", "span", "select", "option",
                                                   "input", "nav", "ol", "li", "details", "summary", "p", "script"}
    text = "".join(parsed.text)
    assert text.count(EVIL) == 6  # button label, two chapter titles, transcript: title, heading, sentence
    assert parsed.with_class("reader-player")[0][1]["aria-label"] == f"Artikel anhören: {EVIL}"
    raw_json = next(body for attrs, body in parsed.scripts if attrs.get("type") == "application/json")
    assert not set("<>&\u2028\u2029") & set(raw_json)
    assert parsed.data()["chapters"][1][2] == EVIL  # the same text once decoded


def test_script_json_round_trips_and_cannot_end_the_script_element():
    data = {"chapters": [[0, 1, "</script><!-- [gallery] \u2028 & [1]"]], "cues": [[0, 1], [1, 2]]}
    text = script_json(data)
    assert json.loads(text) == data
    assert "</" not in text and "<!--" not in text and "[gallery" not in text and "\u2028" not in text


@pytest.mark.parametrize("code", [
    "if (a && b) go();", "if (a < b) go();", "var up = a > b;", "x = list[n];", "q('.rp-u[aria-current]');",
    "a {}\n.reader-player [hidden] { display: none; }",
])
def test_an_asset_with_what_wordpress_rewrites_is_refused(code):
    """WordPress's content filters rewrite '&' in a post's scripts (wptexturize, after a '<'), take what looks like
    a tag for one (wpautop), and run '[name' as a shortcode: the assets must have none of them."""
    with pytest.raises(ValueError, match="WordPress rewrites"):
        minified("player.css" if code.startswith("a {}") else "player.js", "// a comment & more\n" + code)


def test_the_assets_survive_wordpress_and_the_snippet_has_no_blank_line(tmp_path):
    assert minified("player.js", "// a < b && c\n  if (list[ n ]) go(list[0]);\n\n  x();\n") == (
        "if (list[ n ]) go(list[0]);\nx();")
    for name in ("player.js", "player.css"):
        code = asset(name)
        assert not set("&<>") & set(code) and not re.search(r"\[[A-Za-z_]", code) and "\n\n" not in code, name
    html = snippet(tmp_path, manifest_data(title="Zeile\n\nzwei", chapter="K\r\n\r\nL", sentence="A\n \nB"))
    assert not re.search(r"\n\s*\n", html)  # wpautop would make paragraphs there
    assert "Zeile zwei" in html and "K L" in html and "A B" in html


def test_the_snippet_requests_nothing_but_the_audio(tmp_path):
    url = "https://blog.example/wp-content/uploads/2025/01/article.mp3"
    html = snippet(tmp_path, audio_url=url)
    parsed = Parsed(html)
    addresses = [(tag, name, value) for tag, attrs in parsed.elements for name, value in attrs.items()
                 if name in ("src", "href", "srcset", "action", "data", "poster", "formaction")]
    assert addresses
    assert {value.split("#")[0] for _, _, value in addresses} == {url}
    assert not parsed.tags("link") and not parsed.tags("img") and not parsed.tags("iframe")
    assert not any("src" in attrs for attrs, _ in parsed.scripts)  # all code inline
    code = "\n".join(parsed.styles + [body for _, body in parsed.scripts])
    for word in ("http:", "https:", "//", "url(", "@import", "fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket",
                 "import(", "localStorage", "cookie"):
        assert word not in code.replace("// ", "").replace(url, ""), word


def test_without_javascript_it_is_a_plain_audio_element_and_chapter_links(tmp_path):
    parsed = Parsed(snippet(tmp_path, audio_url="media/Mein Artikel.mp3"))
    audio = parsed.tags("audio")
    assert len(audio) == 1 and "controls" in audio[0] and audio[0]["src"] == "media/Mein Artikel.mp3"
    links = [a["href"] for tag, a in parsed.with_class("rp-chapter")]
    assert links == ["media/Mein Artikel.mp3#t=0", "media/Mein Artikel.mp3#t=10", "media/Mein Artikel.mp3#t=20"]
    for name in ("rp-bar", "rp-transcript"):  # the enhanced parts wait for the script
        assert "hidden" in parsed.with_class(name)[0][1]


def test_the_player_has_no_ids_and_labelled_controls(tmp_path):
    parsed = Parsed(snippet(tmp_path))
    assert not any("id" in attrs for _, attrs in parsed.elements)  # several players on a page never clash
    root_tag, root = parsed.with_class("reader-player")[0]
    assert root_tag == "div" and "no-tts" in root["class"].split()  # reader never reads its own player
    (seek,) = parsed.tags("input")
    assert seek["type"] == "range" and seek["aria-label"] and seek["aria-valuetext"] == "0:00 von 1:02:05"
    (speed,) = parsed.tags("select")
    assert speed["aria-label"] == "Wiedergabetempo"
    assert [o["value"] for o in parsed.tags("option")] == ["0.75", "1", "1.25", "1.5", "1.75", "2"]
    assert [b["type"] for b in parsed.tags("button")] == ["button"]
    assert "Klicken, um den Text zu hören" in "".join(parsed.text)


def test_transcript_spans_match_the_cues_and_can_be_left_out(tmp_path):
    parsed = Parsed(snippet(tmp_path))
    spans = [a for _, a in parsed.with_class("rp-u")]
    assert [s["data-u"] for s in spans] == [str(n) for n in range(6)]
    assert spans[5].get("lang") == "en"  # the English footnote keeps its language
    assert parsed.data()["cues"][4] == [11_900, 19_000]
    bare = Parsed(snippet(tmp_path, transcript=False))
    assert not bare.with_class("rp-u") and not bare.with_class("rp-transcript") and "cues" not in bare.data()


def test_wordpress_format_is_an_audio_block_and_an_html_block(tmp_path):
    recording = load_recording(write_manifest(tmp_path))
    url = "https://blog.example/wp-content/uploads/article.mp3"
    markup = render(recording, "wordpress", audio_url=url)
    first, rest = markup.split("\n\n", 1)
    assert first.startswith('<!-- wp:audio {"className":"reader-audio"} -->\n<figure class="wp-block-audio reader-audio">')
    assert first.endswith("<!-- /wp:audio -->") and f'<audio controls src="{url}">' in first
    assert rest.startswith("<!-- wp:html -->\n<!-- made by reader") and rest.endswith("</div>\n<!-- /wp:html -->\n")
    assert len(Parsed(markup).tags("audio")) == 1  # the player drives the audio block's element
    assert markup.count("<!-- wp:") == 2 and markup.count("<!-- /wp:") == 2
    path = tmp_path / "post.html"
    path.write_text(markup, encoding="utf-8")
    assert made_by_reader(path)


def test_page_format_is_a_whole_utf8_page(tmp_path):
    title = EVIL + " [gallery]"
    recording = load_recording(write_manifest(tmp_path, manifest_data(title=title)))
    page = render(recording, "page", audio_url="article.mp3")
    assert page.startswith("<!DOCTYPE html>\n<!-- made by reader")
    assert '<meta charset="utf-8">' in page and f"<title>{title}</title>" not in page
    assert "[gallery" not in page  # the same escaping as the snippet's: no shortcode
    assert "".join(Parsed(page).text).count(title) == 4  # <title>, <h1>, the chapter and the transcript
    assert Parsed(page).tags("html")[0]["lang"] == "de"
    path = tmp_path / "preview.html"
    path.write_text(page, encoding="utf-8")
    assert made_by_reader(path)


def test_default_audio_url_is_relative_to_the_page_and_quoted(tmp_path):
    (tmp_path / "audio files").mkdir()
    (tmp_path / "site").mkdir()
    data = manifest_data()
    data["audio"] = "Büro Artikel.mp3"
    manifest = write_manifest(tmp_path / "audio files", data)
    recording = load_recording(manifest)
    assert default_audio_url(recording, tmp_path / "site" / "p.html") == "../audio%20files/B%C3%BCro%20Artikel.mp3"
    assert default_audio_url(recording, tmp_path / "audio files" / "p.html") == "B%C3%BCro%20Artikel.mp3"


# -- writing files, ownership, the command line

def run_reader(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=120)


def assert_one_line_error(done: subprocess.CompletedProcess, code: int, words: str) -> None:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == code, done.stderr
    assert len(lines) == 1 and lines[0].startswith("reader: error: ") and words in lines[0], done.stderr
    assert done.stdout == ""


def test_embed_writes_the_player_and_replaces_only_its_own_files(tmp_path):
    manifest = write_manifest(tmp_path)
    out = tmp_path / "player.html"
    result = embed(manifest, out=out)
    assert out.read_text(encoding="utf-8") == result.text and made_by_reader(out)
    assert result.audio_url == "article.mp3" and result.vtt == [tmp_path / "article.chapters.vtt",
                                                               tmp_path / "article.captions.vtt"]
    embed(manifest, out=out, label="Anhören")  # reader's own file: replaced
    assert "Anhören" in out.read_text(encoding="utf-8")
    theirs = tmp_path / "theirs.html"
    theirs.write_text("<p>my page</p>\n", encoding="utf-8")
    with pytest.raises(OutputError, match="not made by reader"):
        embed(manifest, out=theirs)
    assert theirs.read_text(encoding="utf-8") == "<p>my page</p>\n"
    embed(manifest, out=theirs, force=True)
    assert made_by_reader(theirs)


def test_cli_prints_the_snippet_and_writes_the_vtt_files(tmp_path):
    write_manifest(tmp_path)
    done = run_reader("embed", "article.json", "--audio-url", "https://blog.example/a.mp3", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!-- made by reader") and 'src="https://blog.example/a.mp3"' in done.stdout
    assert "reader: wrote article.chapters.vtt, article.captions.vtt" in done.stderr
    assert (tmp_path / "article.captions.vtt").exists()


def test_cli_errors_are_one_line_with_their_exit_code(tmp_path):
    manifest = write_manifest(tmp_path)
    (tmp_path / "broken.json").write_text('{"sections": [', encoding="utf-8")
    (tmp_path / "theirs.html").write_text("<p>mine</p>", encoding="utf-8")
    assert_one_line_error(run_reader("embed", str(tmp_path / "missing.json")), 2, "does not exist")
    assert_one_line_error(run_reader("embed", str(tmp_path / "broken.json")), 2, "not valid JSON")
    assert_one_line_error(run_reader("embed", str(manifest), "--out", str(tmp_path / "no" / "p.html")), 6, "does not exist")
    assert_one_line_error(run_reader("embed", str(manifest), "--out", str(tmp_path / "theirs.html")), 6, "--force")
    assert_one_line_error(run_reader("embed", str(manifest), "--out", str(manifest)), 2, "would replace the manifest")
    for url in ("javascript:alert(1)", "\x01javascript:alert(1)", "java\x0bscript:x", "java script:x"):
        assert_one_line_error(run_reader("embed", str(manifest), "--audio-url", url), 2, "--audio-url")
    assert_one_line_error(run_reader("embed", str(manifest), "--format", "rss"), 2, "--format")
    assert_one_line_error(run_reader("embed", str(manifest), "--label", " "), 2, "--label")
    assert (tmp_path / "theirs.html").read_text(encoding="utf-8") == "<p>mine</p>"


@pytest.mark.parametrize("url, taken", [
    ("https://blog.example/a.mp3", "https://blog.example/a.mp3"),
    (" HTTP://blog.example/a b.mp3 ", "HTTP://blog.example/a b.mp3"),
    ("audio/a.mp3", "audio/a.mp3"),
    ("../audio/2025:01.mp3", "../audio/2025:01.mp3"),  # a ':' after a '/' is part of the path
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    ("\x01javascript:alert(1)", None),  # browsers drop control characters: these would be javascript: URLs
    ("java\x0bscript:x", None),
    ("java\tscript:x", None),
    ("java\nscript:x", None),
    ("a\x7f.mp3", None),
    ("java script:x", None),
    ("data:audio/mpeg;base64,SUQz", None),
    ("http:a.mp3", None),
    ("C:\\audio\\a.mp3", None),
    ("", None),
    ("   ", None),
])
def test_audio_url_is_http_or_a_relative_path(url, taken):
    assert safe_audio_url(url) == taken


def test_embed_refuses_an_audio_url_from_python_too(tmp_path):
    with pytest.raises(UsageError, match="audio URL"):
        embed(write_manifest(tmp_path), audio_url="\x01javascript:alert(1)")
    assert not (tmp_path / "article.chapters.vtt").exists()


def test_the_committed_demo_page_is_what_reader_embed_makes_now(tmp_path):
    demo = ROOT / "samples" / "player-demo"
    recording = load_recording(demo / "article.json")
    assert (demo / "index.html").read_text(encoding="utf-8") == render(recording, "page", audio_url="article.mp3"), (
        "rebuild it: reader embed samples/player-demo/article.json --format page --out samples/player-demo/index.html")
    assert (demo / "article.chapters.vtt").read_text(encoding="utf-8") == chapters_vtt(recording)
    assert (demo / "article.mp3").stat().st_size < 3_000_000
