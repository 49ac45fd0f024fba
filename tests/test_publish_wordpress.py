"""`reader publish` against a real WordPress (Debian's package, MariaDB, php -S): see tests/wordpress/site.py.

One WordPress per session; each test makes its own short post with footnotes (Easy Footnotes' static markup:
Debian's WordPress 6.1 has no core footnotes) through the REST API and publishes it with espeak.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import requests

from audiocheck import decoded_seconds
from reader.cli import main
from reader.publish.blocks import find_reader_blocks
from tests.wordpress.fixture import wordpress_site  # noqa: F401  (session fixture)

pytestmark = pytest.mark.wordpress

NOTE = "Laut einer Umfrage aus dem Jahr 2024 nutzt jeder dritte Betrieb solche Werkzeuge."
POST = f"""<!-- wp:paragraph -->
<p>Künstliche Intelligenz verändert die Arbeit in vielen Büros<span class='easy-footnote'><a href='#easy-footnote-bottom-1-0' title='{NOTE}'><sup>1</sup></a></span>. Viele Beschäftigte nutzen bereits Werkzeuge, die lange Texte zusammenfassen.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2>Was sich ändert</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Die Agenten erledigen kleine Aufgaben selbstständig. Sie schreiben E-Mails und planen Termine. Das spart Zeit, verlangt aber Kontrolle. Wer die Ergebnisse nicht prüft, übernimmt Fehler. Deshalb schulen viele Firmen ihre Teams, bevor sie neue Programme einführen.</p>
<!-- /wp:paragraph -->

<!-- wp:audio {{"id":0}} -->
<figure class="wp-block-audio"><audio controls src="https://example.invalid/interview.mp3"></audio></figure>
<!-- /wp:audio -->

<!-- wp:html -->
<ol class="easy-footnotes-wrapper"><li class="easy-footnote-single"><span id="easy-footnote-bottom-1-0" class="easy-footnote-margin-adjust"></span>{NOTE}<a class="easy-footnote-to-top" href="#easy-footnote-1-0"></a></li></ol>
<!-- /wp:html -->"""


class WP:
    """The test's own REST calls (not reader's code): make posts, look at posts and media."""

    def __init__(self, site):
        self.site = site
        self.auth = (site.user, site.password)

    def call(self, method: str, route: str, **kwargs):
        reply = requests.request(method, f"{self.site.url}/wp-json{route}", auth=self.auth, timeout=60, **kwargs)
        reply.raise_for_status()
        return reply.json()

    def new_post(self, status: str = "publish") -> dict:
        slug = f"agenten-{uuid.uuid4().hex[:8]}"
        return self.call("POST", "/wp/v2/posts", json={"title": "Agenten im Büro", "content": POST, "status": status,
                                                         "slug": slug})

    def post(self, post_id: int) -> dict:
        return self.call("GET", f"/wp/v2/posts/{post_id}", params={"context": "edit"})

    def media(self, post_id: int) -> list[dict]:
        return self.call("GET", "/wp/v2/media", params={"parent": post_id, "context": "edit", "per_page": 100})

    def media_status(self, media_id: int) -> int:
        return requests.get(f"{self.site.url}/wp-json/wp/v2/media/{media_id}", auth=self.auth, timeout=60).status_code


@pytest.fixture
def wp(wordpress_site):
    return WP(wordpress_site)


def publish(site, capsys, *args: str, password_file: Path | None = None) -> tuple[int, str, str]:
    argv = ["publish", *args, "--site", site.url, "--user", site.user, "--engine", "espeak",
            "--password-file", str(password_file or site.password_file)]
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def ours(raw: str) -> list:
    return find_reader_blocks(raw)


def test_publish_rerun_edit(wp, wordpress_site, capsys, tmp_path):
    site = wordpress_site
    post = wp.new_post()
    audio_dir = tmp_path / "audio"

    code, out, err = publish(site, capsys, post["link"], "--audio-dir", str(audio_dir), "-v")
    assert code == 0, err
    assert "published" in out

    # the post's raw content: one block of ours, at the top; the author's own audio block untouched
    after = wp.post(post["id"])
    raw = after["content"]["raw"]
    [block] = ours(raw)
    assert block.start == 0
    assert "https://example.invalid/interview.mp3" in raw and raw.count("<!-- wp:audio") == 2
    # the media library: the MP3 (and its WebVTT files), attached to the post
    media = wp.media(post["id"])
    [mp3] = [m for m in media if m["mime_type"] == "audio/mpeg"]
    assert mp3["id"] == block.media_id and mp3["source_url"] == block.src and mp3["post"] == post["id"]
    assert all(m["source_url"].rsplit("/", 1)[-1].startswith(f"reader-{post['id']}-") for m in media)
    # the rendered page shows exactly one of our blocks, pointing at that MP3
    page = requests.get(post["link"], timeout=60).text
    assert page.count("wp-block-audio reader-audio") == 1 and page.count(mp3["source_url"]) == 1

    # the MP3 on the site is the one made, and as long as the manifest says; the footnote was read
    [manifest_path] = audio_dir.glob("*.json")
    manifest = json.loads(manifest_path.read_text())
    served = tmp_path / "served.mp3"
    served.write_bytes(requests.get(mp3["source_url"], timeout=60).content)
    assert abs(decoded_seconds(served) - manifest["duration_ms"] / 1000) < 0.15
    spoken = json.dumps(manifest, ensure_ascii=False)
    assert "jeder dritte Betrieb" in spoken
    assert "Diesen Beitrag anhören" not in spoken  # our own block is not read when the page is read again

    # re-run on the unchanged post: nothing uploaded, the post not written
    code, out, err = publish(site, capsys, str(post["id"]))
    assert code == 0 and "unchanged" in out, err
    again = wp.post(post["id"])
    assert again["modified_gmt"] == after["modified_gmt"] and again["content"]["raw"] == raw
    assert [m["id"] for m in wp.media(post["id"])] == [m["id"] for m in media]

    # the author edits the post: block and media replaced, old media gone, still one block of ours
    edited = raw.replace("planen Termine.", "planen Termine und buchen Reisen.")
    wp.call("POST", f"/wp/v2/posts/{post['id']}", json={"content": edited})
    code, out, err = publish(site, capsys, post["slug"])
    assert code == 0 and "replaced" in out, err
    raw2 = wp.post(post["id"])["content"]["raw"]
    [block2] = ours(raw2)
    assert block2.start == 0 and block2.media_id != block.media_id and "buchen Reisen" in raw2
    assert raw2.count("<!-- wp:audio") == 2
    media2 = wp.media(post["id"])
    assert {m["id"] for m in media2}.isdisjoint({m["id"] for m in media})
    assert len([m for m in media2 if m["mime_type"] == "audio/mpeg"]) == 1
    assert all(wp.media_status(m["id"]) == 404 for m in media)
    page = requests.get(post["link"], timeout=60).text
    assert page.count("wp-block-audio reader-audio") == 1


def test_dry_run_changes_nothing(wp, wordpress_site, capsys):
    post = wp.new_post()
    before = wp.post(post["id"])
    code, out, err = publish(wordpress_site, capsys, str(post["id"]), "--dry-run")
    assert code == 0 and "would publish" in out and "nothing was changed" in out, err
    after = wp.post(post["id"])
    assert after["modified_gmt"] == before["modified_gmt"] and after["content"]["raw"] == before["content"]["raw"]
    assert wp.media(post["id"]) == []


def test_draft_is_read_from_its_rendered_content(wp, wordpress_site, capsys, tmp_path):
    post = wp.new_post(status="draft")
    code, out, err = publish(wordpress_site, capsys, str(post["id"]), "--audio-dir", str(tmp_path))
    assert code == 0 and "published" in out, err
    assert len(ours(wp.post(post["id"])["content"]["raw"])) == 1
    [manifest] = tmp_path.glob("*.json")
    assert "jeder dritte Betrieb" in manifest.read_text()
    # --force makes and uploads it again although nothing changed: replaced, still one block, old media gone
    first = wp.media(post["id"])
    code, out, err = publish(wordpress_site, capsys, str(post["id"]), "--force")
    assert code == 0 and "replaced" in out, err
    assert len(ours(wp.post(post["id"])["content"]["raw"])) == 1
    assert {m["id"] for m in wp.media(post["id"])}.isdisjoint({m["id"] for m in first})


def test_wrong_password_is_exit_7_in_one_line(wp, wordpress_site, capsys, tmp_path):
    post = wp.new_post()
    secret = "abcd EFGH ijkl MNOP qrst UVWX"
    wrong = tmp_path / "pw"
    wrong.write_text(secret + "\n")
    code, out, err = publish(wordpress_site, capsys, str(post["id"]), "-v", password_file=wrong)
    assert code == 7
    lines = [line for line in err.splitlines() if line.startswith("reader: error:")]
    assert len(lines) == 1 and "application password" in lines[0]
    assert secret not in out + err and wordpress_site.password not in out + err
    assert ours(wp.post(post["id"])["content"]["raw"]) == []


def test_missing_post_is_exit_7(wordpress_site, capsys):
    for source in ("999999", "kein-solcher-beitrag", f"{wordpress_site.url}/kein-solcher-beitrag/"):
        code, out, err = publish(wordpress_site, capsys, source)
        assert code == 7, err
        assert err.count("\n") == 1 and "has no post or page" in err


def test_an_edit_while_the_audio_is_made_is_never_undone(wp, wordpress_site, tmp_path):
    from reader.errors import PublishError
    from reader.publish.run import publish_post

    site, post = wordpress_site, wp.new_post()

    def editing(change):
        """A progress callback that edits the post once, while the audio is being made."""
        done = []

        def progress(n, total):
            if not done:
                done.append(n)
                raw = wp.post(post["id"])["content"]["raw"]
                wp.call("POST", f"/wp/v2/posts/{post['id']}", json={"content": change(raw)})
        return progress

    def run(change):
        return publish_post(site.url, site.user, site.password, str(post["id"]), engine="espeak",
                            cache_dir=tmp_path / "cache", progress=editing(change))

    # the author changes what is spoken: reader stops, removes what it uploaded, the author's text stays
    with pytest.raises(PublishError, match=f"post {post['id']} was edited while its audio was being made"):
        run(lambda raw: raw.replace("planen Termine.", "planen Termine und buchen Reisen."))
    raw = wp.post(post["id"])["content"]["raw"]
    assert "buchen Reisen" in raw and ours(raw) == [] and wp.media(post["id"]) == []
    # the author adds something that is not spoken: reader's unit goes into the content as the author left it
    separator = '<!-- wp:separator -->\n<hr class="wp-block-separator"/>\n<!-- /wp:separator -->'
    result = run(lambda raw: f"{raw}\n\n{separator}")
    raw = wp.post(post["id"])["content"]["raw"]
    assert result.action == "published" and raw.endswith(separator) and "buchen Reisen" in raw
    assert len(ours(raw)) == 1 and ours(raw)[0].start == 0


CLASSIC = "\n\n".join(
    f"{n}. Absatz: Die Agenten erledigen kleine Aufgaben im Büro. Sie schreiben E-Mails und planen Termine."
    for n in ("Erster", "Zweiter", "Dritter", "Vierter", "Fünfter", "Sechster"))


def test_a_classic_editor_post_keeps_its_paragraphs(wp, wordpress_site, capsys):
    from reader.publish.blocks import audio_block

    post = wp.call("POST", "/wp/v2/posts", json={"title": "Klassisch", "content": CLASSIC, "status": "publish"})
    assert wp.post(post["id"])["content"]["rendered"].count("<p>") == 6
    code, out, err = publish(wordpress_site, capsys, str(post["id"]))
    assert code == 0 and "published" in out, err
    after = wp.post(post["id"])
    raw, rendered = after["content"]["raw"], after["content"]["rendered"]
    assert "<!--" not in raw and raw.endswith(CLASSIC)
    [found] = ours(raw)
    assert found.classic and found.start == 0
    assert rendered.count("<p>") == 6 and rendered.count("wp-block-audio reader-audio") == 1
    page = requests.get(post["link"], timeout=60).text
    assert page.count("wp-block-audio reader-audio") == 1 and page.count(found.src) == 1
    # a re-run changes nothing
    code, out, err = publish(wordpress_site, capsys, post["link"])
    assert code == 0 and "unchanged" in out, err
    assert wp.post(post["id"])["modified_gmt"] == after["modified_gmt"]

    # as an older reader left such a post: its block markup at the top made WordPress drop the paragraphs
    old = audio_block(found.src, media_id=1)
    wp.call("POST", f"/wp/v2/posts/{post['id']}", json={"content": f"{old}\n\n{CLASSIC}"})
    assert wp.post(post["id"])["content"]["rendered"].count("<p>") == 0
    code, out, err = publish(wordpress_site, capsys, str(post["id"]))
    assert code == 0 and "replaced" in out, err
    raw = wp.post(post["id"])["content"]["raw"]
    assert "<!--" not in raw and [b.classic for b in ours(raw)] == [True]
    assert wp.post(post["id"])["content"]["rendered"].count("<p>") == 6


def test_player_is_one_unit_with_the_audio_block(wp, wordpress_site, capsys):
    post = wp.new_post()
    code, out, err = publish(wordpress_site, capsys, str(post["id"]), "--player")
    assert code == 0 and "published the audio" in out and "with reader's player" in out, err
    after = wp.post(post["id"])
    raw = after["content"]["raw"]
    [found] = ours(raw)
    assert found.start == 0 and found.player and raw.count('class="reader-player') == 1
    assert raw[found.end:].startswith("<!-- wp:paragraph -->")  # the unit: audio block, player block, nothing else
    page = requests.get(post["link"], timeout=60).text
    assert page.count('class="reader-player') == 1 and page.count("wp-block-audio reader-audio") == 1
    # again: unchanged; then without the player: replaced, and nothing of the player is left
    code, out, err = publish(wordpress_site, capsys, str(post["id"]), "--player")
    assert code == 0 and "unchanged" in out, err
    assert wp.post(post["id"])["modified_gmt"] == after["modified_gmt"]
    code, out, err = publish(wordpress_site, capsys, str(post["id"]))
    assert code == 0 and "replaced" in out, err
    raw = wp.post(post["id"])["content"]["raw"]
    assert len(ours(raw)) == 1 and not ours(raw)[0].player and "reader-player" not in raw
    assert len([m for m in wp.media(post["id"]) if m["mime_type"] == "audio/mpeg"]) == 1
