"""The player inside a real WordPress post. WordPress rewrites a post's content before a visitor sees it
(wptexturize, wpautop in a classic post, do_shortcode, ...): the player must come through working, its script,
style and data unchanged.

Debian's WordPress 6.1 (tests/wordpress/site.py), posts made through the REST API by the administrator (who may
post <script>), the post's public page opened in Debian's Chromium; the MP3 is the committed demo's, served with
Range support by the loopback server.
"""

from __future__ import annotations

import json
import uuid

import pytest
import requests

from conftest import ROOT
from loopback import running
from reader.embed.formats import render
from reader.embed.load import load_recording
from reader.embed.snippet import asset, player_data
from test_player_browser import CHROMIUM, FLAGS, WAIT_MS
from tests.wordpress.fixture import wordpress_site  # noqa: F401  (session fixture)

pytestmark = [pytest.mark.wordpress, pytest.mark.browser]

DEMO = ROOT / "samples" / "player-demo"


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium: sh tests/system-deps.sh as root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing (pip install '.[test]')")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def mp3_server():
    with running(DEMO) as server:
        yield server


@pytest.mark.parametrize("fmt", ["wordpress", "html"])
def test_the_player_works_in_a_wordpress_post(wordpress_site, mp3_server, chromium, fmt):  # noqa: F811
    """'wordpress': the block markup of --format wordpress; 'html': the snippet alone, a classic post (no blocks),
    so wpautop runs over it too."""
    recording = load_recording(DEMO / "article.json")
    content = render(recording, fmt, audio_url=mp3_server.url("/article.mp3"))
    auth = (wordpress_site.user, wordpress_site.password)
    reply = requests.post(f"{wordpress_site.url}/wp-json/wp/v2/posts", auth=auth, timeout=60, json={
        "title": f"Player {fmt}", "slug": f"player-{fmt}-{uuid.uuid4().hex[:8]}", "content": content,
        "status": "publish"})
    reply.raise_for_status()
    post = reply.json()
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(post["link"], wait_until="domcontentloaded")
        page.wait_for_selector(".reader-player[data-rp-ready]")
        in_page = page.evaluate("""() => { const root = document.querySelector('.reader-player');
            return [root.querySelector('script:not([type])').textContent, root.querySelector('style').textContent,
                    root.querySelector('.rp-data').textContent]; }""")
        assert in_page[0] == asset("player.js")
        assert in_page[1] == asset("player.css")
        assert json.loads(in_page[2]) == player_data(recording, True)
        assert page.locator("audio").count() == 1
        page.evaluate("document.querySelector('audio').muted = true")
        third = recording.chapters[2]
        page.locator(".reader-player .rp-chapter").nth(2).click()
        page.wait_for_function("() => { const a = document.querySelector('audio'); return !a.paused && a.currentTime > 0; }")
        assert abs(page.evaluate("document.querySelector('audio').currentTime") - third.start_ms / 1000) <= 0.5
        assert page.locator(".reader-player .rp-chapter[aria-current]").text_content().startswith(third.title)
        page.locator(".reader-player .rp-transcript summary").click()
        assert page.locator(".reader-player .rp-u").count() == sum(len(c.cues) for c in recording.chapters)
        assert errors == []
    finally:
        context.close()
        requests.delete(f"{wordpress_site.url}/wp-json/wp/v2/posts/{post['id']}", auth=auth, timeout=60,
                        params={"force": "true"})
