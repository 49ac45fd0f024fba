"""`reader publish --player` in a real browser: the post published to the real test WordPress (tests/wordpress),
its public page loaded by Debian's Chromium (the launch settings of test_player_browser.py). The player must take
over reader's audio block as WordPress renders it (its filters applied), seek to a chapter, and send no request
to anyone but the site.
"""

from __future__ import annotations

import json
import re

import pytest

from reader.cli import main
from test_player_browser import CHROMIUM, FLAGS, WAIT_MS, artifacts
from test_publish_wordpress import WP
from tests.wordpress.fixture import wordpress_site  # noqa: F401  (session fixture)

pytestmark = [pytest.mark.wordpress, pytest.mark.browser]
AUDIO = "document.querySelector('figure.reader-audio audio')"


@pytest.fixture
def chromium():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium: sh tests/system-deps.sh as root)")
    pytest.importorskip("playwright.sync_api", reason="playwright is missing (pip install '.[test]')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.mark.parametrize("editor", ["block", "classic"])
def test_published_player_plays_and_seeks_on_the_post_page(wordpress_site, chromium, capsys, tmp_path, editor):
    site = wordpress_site
    wp = WP(site)
    post = wp.new_post()  # without the author's audio block, whose MP3 is elsewhere (example.invalid)
    content = re.sub(r"<!-- wp:audio .*?<!-- /wp:audio -->\n*", "", wp.post(post["id"])["content"]["raw"], flags=re.S)
    if editor == "classic":  # what the classic editor stores: HTML without block comments, paragraphs as blank lines
        content = re.sub(r"<!-- /?wp:[^>]*-->\n?", "", content).replace("<p>", "").replace("</p>", "")
    assert "example.invalid" not in content
    wp.call("POST", f"/wp/v2/posts/{post['id']}", json={"content": content})
    code = main(["publish", str(post["id"]), "--player", "--site", site.url, "--user", site.user, "--engine", "espeak",
                 "--password-file", str(site.password_file), "--audio-dir", str(tmp_path), "-q"])
    assert code == 0, capsys.readouterr().err
    [manifest] = [json.loads(p.read_text()) for p in tmp_path.glob("*.json")]
    sections = manifest["sections"]
    assert len(sections) >= 3

    requests, context = [], chromium.new_context(viewport={"width": 900, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: requests.append(f"page error: {error}"))
    try:
        page.goto(post["link"])
        page.wait_for_selector(".reader-player[data-rp-ready]", state="attached")
        assert page.locator(".reader-player").count() == 1 and page.locator("figure.reader-audio").count() == 1
        page.evaluate(f"{AUDIO}.muted = true")
        page.click(".reader-player .rp-play")
        page.wait_for_function(f"() => !{AUDIO}.paused && {AUDIO}.currentTime > 0")
        page.locator(".reader-player .rp-chapter").nth(2).click()
        assert abs(page.evaluate(f"{AUDIO}.currentTime") - sections[2]["start_ms"] / 1000) <= 0.5
        page.wait_for_function("() => document.querySelectorAll('.rp-chapter')[2].getAttribute('aria-current') "
                               "=== 'true'")
        page.locator(".reader-player").screenshot(path=str(artifacts() / f"player-wordpress-{editor}.png"))
    finally:
        context.close()
    assert requests and [url for url in requests if not url.startswith(site.url + "/")] == []
