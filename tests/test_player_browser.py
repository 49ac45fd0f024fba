"""The player in a real browser: Debian's Chromium driven by Playwright, the page and a real MP3 (made from the
seed sample with espeak) served by the loopback server with Range support.

Skipped, with the reason, where Chromium or Playwright is missing (tests/system-deps.sh installs Chromium
as root on Debian; Playwright comes with the test extra). A screenshot goes to $READER_TEST_ARTIFACTS
(default test-artifacts/ at the repository's root).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from loopback import running

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--autoplay-policy=no-user-gesture-required"]
EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)> & \u2028 </p>"
WAIT_MS = 20_000  # the longest any one browser step may take before the test fails


def artifacts() -> Path:
    folder = Path(os.environ.get("READER_TEST_ARTIFACTS") or ROOT / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def reader_cli(*args: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The seed article spoken by espeak, its player page, and a page with two players; served on loopback."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium: sh tests/system-deps.sh as root)")
    pytest.importorskip("playwright.sync_api", reason="playwright is missing (pip install '.[test]')")
    folder = tmp_path_factory.mktemp("player")
    reader_cli("fetch", str(SAMPLES / "ki-agenten-deepseek.html"), "--engine", "espeak", "-q",
               "--cache-dir", str(folder / "cache"), "--out", str(folder / "article.mp3"))
    shutil.rmtree(folder / "cache")
    reader_cli("embed", str(folder / "article.json"), "--format", "page", "--out", str(folder / "index.html"), "-q")
    reader_cli("embed", str(folder / "article.json"), "--no-transcript", "--label", "Zweiter Player",
               "--out", str(folder / "second.html"), "-q")
    page = (folder / "index.html").read_text(encoding="utf-8")
    second = (folder / "second.html").read_text(encoding="utf-8")
    (folder / "two.html").write_text(page.replace("</main>", second + "</main>"), encoding="utf-8")
    reader_cli("embed", str(folder / "article.json"), "--format", "wordpress", "--out", str(folder / "post.txt"), "-q")
    blocks = (folder / "post.txt").read_text(encoding="utf-8")  # as WordPress shows the two blocks: comments stay
    (folder / "post.html").write_text(f'<!DOCTYPE html><meta charset="utf-8"><title>Post</title>\n{blocks}', encoding="utf-8")
    manifest = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    evil = json.loads(json.dumps(manifest))
    evil["title"] = evil["sections"][0]["title"] = evil["sections"][0]["utterances"][0]["written"] = EVIL
    (folder / "evil.json").write_text(json.dumps(evil), encoding="utf-8")
    reader_cli("embed", str(folder / "evil.json"), "--format", "page", "--out", str(folder / "evil.html"), "-q",
               "--label", EVIL)
    odd = json.loads(json.dumps(manifest))  # a chapter of no length where the third starts; chapters out of order
    sections = odd["sections"]
    empty = {"title": "Leeres Kapitel", "file": None, "start_ms": sections[2]["start_ms"],
             "end_ms": sections[2]["start_ms"], "utterances": []}
    odd["sections"] = [sections[3], empty, sections[2], sections[0], sections[1], *sections[4:]]
    (folder / "odd.json").write_text(json.dumps(odd), encoding="utf-8")
    reader_cli("embed", str(folder / "odd.json"), "--format", "page", "--out", str(folder / "odd.html"), "-q")
    with running(folder) as server:
        yield server, manifest


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(site, browser):
    """open_page(path, javascript=True) -> a Playwright page; afterwards, every request it made must have
    gone to the loopback server."""
    server, _ = site
    contexts, requests = [], []

    def opener(path: str = "/index.html", javascript: bool = True):
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": 900, "height": 1000})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: requests.append(f"page error: {error}"))
        page.goto(server.url(path))
        return page

    yield opener
    for context in contexts:
        context.close()
    origin = server.url("/")
    assert requests and all(url.startswith(origin) for url in requests), requests


def chapters(manifest: dict) -> list[dict]:
    return manifest["sections"]


def utterances(manifest: dict) -> list[dict]:
    return [u for section in manifest["sections"] for u in section["utterances"]]


def current_time(page, player: int = 0) -> float:
    return page.evaluate("n => document.querySelectorAll('.reader-player audio')[n].currentTime", player)


def wait_playing(page, player: int = 0) -> None:
    page.wait_for_function("n => { const a = document.querySelectorAll('.reader-player audio')[n];"
                           " return !a.paused && a.currentTime > 0; }", arg=player)


def mute(page) -> None:
    page.evaluate("document.querySelectorAll('.reader-player audio').forEach(a => { a.muted = true; })")


def current(page, selector: str) -> list[int]:
    """The positions, among the elements SELECTOR finds, of those marked aria-current="true"."""
    return page.eval_on_selector_all(
        selector, "els => els.flatMap((e, n) => e.getAttribute('aria-current') === 'true' ? [n] : [])")


def test_third_chapter_click_seeks_to_its_start(site, open_page):
    _, manifest = site
    page = open_page()
    mute(page)
    page.click(".reader-player .rp-play")
    wait_playing(page)
    third = chapters(manifest)[2]
    page.locator(".reader-player .rp-chapter").nth(2).click()
    assert abs(current_time(page) - third["start_ms"] / 1000) <= 0.5
    wait_playing(page)
    assert current(page, ".reader-player .rp-chapter") == [2]
    assert page.locator(".rp-chapter .rp-ct").nth(2).text_content() == third["title"]
    assert page.locator(".rp-play").text_content().strip() == "Pause"


def test_highlighted_sentence_follows_playback(site, open_page):
    _, manifest = site
    spoken = utterances(manifest)
    k = next(n for n, u in enumerate(spoken) if n > 5 and u["kind"] == "sentence"
             and spoken[n + 1]["end_ms"] - spoken[n + 1]["start_ms"] > 3000)
    page = open_page()
    mute(page)
    page.click(".reader-player .rp-transcript summary")
    page.evaluate("t => { document.querySelector('.reader-player audio').currentTime = t; }", spoken[k]["end_ms"] / 1000 - 0.5)
    page.wait_for_function("k => document.querySelector('.rp-u[aria-current]')?.dataset.u === String(k)", arg=k)
    page.click(".reader-player .rp-play")
    after = (spoken[k + 1]["start_ms"] + 800) / 1000
    page.wait_for_function("t => document.querySelector('.reader-player audio').currentTime > t", arg=after)
    page.evaluate("document.querySelector('.reader-player audio').pause()")
    page.wait_for_function("() => document.querySelector('.reader-player audio').paused")
    now = current_time(page) * 1000
    holding = [n for n, u in enumerate(spoken) if u["start_ms"] <= now < u["end_ms"]]
    assert holding == [k + 1]
    assert current(page, ".reader-player .rp-u") == [k + 1]
    assert page.locator(".rp-u[aria-current]").text_content() == spoken[k + 1]["written"]
    # a click on a sentence seeks to its start
    target = k + 3
    page.locator(f".reader-player .rp-u[data-u='{target}']").click()
    assert abs(current_time(page) - spoken[target]["start_ms"] / 1000) <= 0.5
    page.wait_for_function("n => document.querySelector('.rp-u[aria-current]')?.dataset.u === String(n)", arg=target)
    page.locator(".reader-player").screenshot(path=str(artifacts() / "player.png"))


def test_a_chapter_of_no_length_can_be_chosen_and_the_order_of_chapters_does_not_matter(site, open_page):
    _, manifest = site
    sections = chapters(manifest)  # odd.html lists: 4th, the empty one, 3rd, 1st, 2nd, the rest
    page = open_page("/odd.html")
    mute(page)
    page.wait_for_selector(".reader-player[data-rp-ready]")
    assert page.locator(".rp-chapter .rp-ct").nth(1).text_content() == "Leeres Kapitel"
    marked = page.evaluate("""() => { const chosen = document.querySelectorAll('.rp-chapter')[1];
        chosen.click(); return chosen.getAttribute('aria-current'); }""")
    assert marked == "true"  # the chapter clicked is marked, not the one that starts at the same moment
    assert abs(current_time(page) - sections[2]["start_ms"] / 1000) <= 0.5
    page.wait_for_function("() => document.querySelectorAll('.rp-chapter')[2].getAttribute('aria-current') === 'true'")
    assert current(page, ".rp-chapter") == [2]  # playing on, the chapter with the audio takes over
    for listed, section in ((3, sections[0]), (4, sections[1]), (0, sections[3])):
        middle = (section["start_ms"] + section["end_ms"]) / 2000
        page.evaluate("t => { document.querySelector('.reader-player audio').currentTime = t; }", middle)
        page.wait_for_function("n => document.querySelectorAll('.rp-chapter')[n].hasAttribute('aria-current')",
                               arg=listed)
        assert current(page, ".rp-chapter") == [listed]


def clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def test_the_seek_bar_says_where_it_is_when_asked_not_every_second(site, open_page):
    _, manifest = site
    page = open_page()
    mute(page)
    page.wait_for_function("() => document.querySelector('.reader-player audio').readyState >= 1")
    valuetext = lambda: page.get_attribute(".reader-player .rp-seek", "aria-valuetext")  # noqa: E731
    before = valuetext()
    assert before.startswith("0:00 von ") and before.endswith(", " + chapters(manifest)[0]["title"])
    page.click(".reader-player .rp-play")
    page.wait_for_function("() => document.querySelector('.reader-player audio').currentTime > 2.2")
    assert valuetext() == before  # playing: the time runs on, the seek bar's text stays (no announcement each second)
    page.evaluate("document.querySelector('.reader-player audio').pause()")
    page.wait_for_function("() => document.querySelector('.reader-player audio').paused")
    paused = current_time(page)
    page.wait_for_function("t => document.querySelector('.rp-seek').getAttribute('aria-valuetext').startsWith(t)",
                           arg=clock(paused) + " von ")
    page.focus(".reader-player .rp-seek")
    page.keyboard.press("ArrowRight")  # a move of the user's own is said at once
    assert valuetext().startswith(clock(current_time(page)) + " von ")
    assert current_time(page) > paused


def test_the_transcript_is_one_tab_stop_and_arrows_move_along_its_sentences(site, open_page):
    _, manifest = site
    spoken = utterances(manifest)
    page = open_page()
    mute(page)
    page.click(".reader-player .rp-transcript summary")
    focused = lambda: page.evaluate("document.activeElement.getAttribute('data-u')")  # noqa: E731
    page.keyboard.press("Tab")
    assert focused() == "0"
    assert page.locator(".rp-u[tabindex='0']").count() == 1 and page.locator(".rp-u[role='button']").count() == len(spoken)
    page.keyboard.press("ArrowUp")  # nothing before the first
    assert focused() == "0"
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    assert focused() == "4"
    page.keyboard.press("End")
    assert focused() == str(len(spoken) - 1)
    page.keyboard.press("Home")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # seeks to the sentence and plays
    assert abs(current_time(page) - spoken[2]["start_ms"] / 1000) <= 0.5
    wait_playing(page)
    page.keyboard.press("Shift+Tab")  # out of the transcript: the tab stop follows the sentence being read
    later = 12
    page.evaluate("t => { document.querySelector('.reader-player audio').currentTime = t; }",
                  spoken[later]["start_ms"] / 1000 + 0.2)
    page.wait_for_function("n => document.querySelector('.rp-u[tabindex=\"0\"]').dataset.u === String(n)", arg=later)
    assert current(page, ".reader-player .rp-u") == [later]


def test_keyboard_plays_and_chooses_a_chapter(site, open_page):
    _, manifest = site
    page = open_page()
    mute(page)
    page.keyboard.press("Tab")  # the first thing on the page to take the focus is the play button
    assert page.evaluate("document.activeElement.classList.contains('rp-play')")
    page.keyboard.press("Space")
    wait_playing(page)
    page.keyboard.press("Enter")  # the same button pauses
    page.wait_for_function("() => document.querySelector('.reader-player audio').paused")
    for _ in range(10):  # on through the speed, the seek bar and the first chapter, to the second chapter
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.querySelectorAll('.rp-chapter')[1]"):
            break
    else:
        pytest.fail("Tab never reached the second chapter")
    page.keyboard.press("Enter")
    assert abs(current_time(page) - chapters(manifest)[1]["start_ms"] / 1000) <= 0.5
    wait_playing(page)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # back to the seek bar: the arrow keys move by a second
    before = current_time(page)
    page.keyboard.press("ArrowLeft")
    assert current_time(page) < before


def test_two_players_on_one_page_keep_to_themselves(site, open_page):
    _, manifest = site
    page = open_page("/two.html")
    mute(page)
    assert page.locator(".reader-player[data-rp-ready]").count() == 2
    assert page.locator(".reader-player .rp-play").nth(1).text_content().strip() == "Zweiter Player"
    page.locator(".reader-player .rp-play").nth(0).click()
    wait_playing(page, 0)
    page.locator(".reader-player").nth(1).locator(".rp-chapter").nth(2).click()
    wait_playing(page, 1)
    assert abs(current_time(page, 1) - chapters(manifest)[2]["start_ms"] / 1000) <= 0.5
    page.wait_for_function("() => document.querySelectorAll('.reader-player audio')[0].paused")  # one at a time
    assert current_time(page, 0) < chapters(manifest)[1]["start_ms"] / 1000
    assert page.locator(".reader-player").nth(1).locator(".rp-u").count() == 0  # --no-transcript
    page.screenshot(path=str(artifacts() / "two-players.png"), full_page=True)


def test_wordpress_format_drives_the_audio_block_before_it(site, open_page):
    _, manifest = site
    page = open_page("/post.html")
    mute(page)
    assert page.locator("audio").count() == 1
    page.wait_for_selector(".reader-player[data-rp-ready]")
    assert not page.locator("figure.reader-audio").is_visible()  # its plain controls give way to the player
    page.locator(".reader-player .rp-chapter").nth(2).click()
    page.wait_for_function("() => !document.querySelector('figure.reader-audio audio').paused")
    time = page.evaluate("document.querySelector('figure.reader-audio audio').currentTime")
    assert abs(time - chapters(manifest)[2]["start_ms"] / 1000) <= 0.5


def test_without_javascript_the_plain_audio_and_chapter_links_work(site, open_page):
    _, manifest = site
    page = open_page(javascript=False)
    assert page.locator(".reader-player audio[controls]").count() == 1
    assert not page.locator(".reader-player .rp-bar").is_visible()
    assert not page.locator(".reader-player .rp-transcript").is_visible()
    links = page.locator(".reader-player .rp-chapters a")
    assert links.count() == len(chapters(manifest))
    assert links.nth(2).get_attribute("href") == f"article.mp3#t={chapters(manifest)[2]['start_ms'] / 1000:g}"
    assert links.nth(2).is_visible()


def test_texts_from_the_manifest_render_as_text(site, open_page):
    page = open_page("/evil.html")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.wait_for_selector(".reader-player[data-rp-ready]")
    assert page.locator("h1").text_content() == EVIL
    assert page.locator(".reader-player .rp-chapter .rp-ct").first.text_content() == EVIL
    assert page.locator(".reader-player .rp-u").first.text_content() == EVIL
    assert page.locator(".reader-player .rp-label").text_content() == " ".join(EVIL.split())  # --label: one line
    assert page.evaluate("document.querySelectorAll('script').length") == 2
    assert page.locator(".reader-player img").count() == 0 and dialogs == []


def test_the_committed_demo_page_plays_and_seeks(site, browser):
    demo = ROOT / "samples" / "player-demo"
    manifest = json.loads((demo / "article.json").read_text(encoding="utf-8"))
    with running(demo) as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.set_default_timeout(WAIT_MS)
            requests = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(server.url("/"))
            mute(page)
            page.locator(".reader-player .rp-chapter").nth(2).click()
            wait_playing(page)
            assert abs(current_time(page) - manifest["sections"][2]["start_ms"] / 1000) <= 0.5
            assert all(url.startswith(server.url("/")) for url in requests), requests
        finally:
            context.close()
