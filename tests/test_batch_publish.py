"""reader batch --publish against a real WordPress (tests/wordpress): discovered through its REST API, each
converted post gets reader's audio block; a re-run publishes nothing again."""

from __future__ import annotations

import json
import uuid

import pytest
import requests

from reader.cli import main
from reader.publish.blocks import find_reader_blocks
from tests.wordpress.fixture import wordpress_site  # noqa: F401  (session fixture)

pytestmark = [pytest.mark.wordpress, pytest.mark.slow]

TEXT = ("<!-- wp:paragraph --><p>{n}. Die Stadtbibliothek öffnet bald auch am Sonntag. Viele Leserinnen und Leser "
        "haben lange darauf gewartet. Der Rat hat das Geld dafür im Herbst bewilligt.</p><!-- /wp:paragraph -->"
        "<!-- wp:heading --><h2>Was sich ändert</h2><!-- /wp:heading --><!-- wp:paragraph --><p>Am Sonntag hilft "
        "ein kleines Team an der Ausleihe. Die Räume bleiben von zehn bis sechzehn Uhr offen. Wer mag, kann dort "
        "auch lesen, lernen oder einfach einen Kaffee trinken.</p><!-- /wp:paragraph -->")


def test_batch_publishes_each_converted_post_once(wordpress_site, tmp_path):
    site = wordpress_site
    auth = (site.user, site.password)
    tag = uuid.uuid4().hex[:8]
    made = []
    for n in (1, 2):
        reply = requests.post(f"{site.url}/wp-json/wp/v2/posts", auth=auth, timeout=60, json={
            "title": f"Sonntags in der Bibliothek {n}", "content": TEXT.format(n=n), "status": "publish",
            "slug": f"batch-{tag}-{n}"})
        reply.raise_for_status()
        made.append(reply.json())
    out = tmp_path / "audio"
    argv = ["batch", site.url, "--out", str(out), "--engine", "espeak", "--delay", "0", "-q", "--include",
            f"*batch-{tag}-*", "--publish", "--site", site.url, "--user", site.user,
            "--password-file", str(site.password_file)]
    assert main(argv) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["converted"] == 2
    assert all(p["reason"] == "published" for p in report["posts"])
    slugs = {p["url"].rstrip("/").rsplit("/", 1)[-1]: p["slug"] for p in report["posts"]}
    for post in made:
        raw = requests.get(f"{site.url}/wp-json/wp/v2/posts/{post['id']}", auth=auth, timeout=60,
                           params={"context": "edit"}).json()["content"]["raw"]
        [block] = find_reader_blocks(raw)
        assert block.start == 0 and block.media_id
        uploaded = requests.get(block.src, timeout=60).content  # the very MP3 the batch made: not spoken again
        assert uploaded == (out / slugs[post["slug"]] / "article.mp3").read_bytes()
    assert main(argv) == 0  # the posts changed (reader's block), what is read did not: nothing again
    again = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert again["counts"]["unchanged"] == 2 and again["counts"]["converted"] == 0
    assert not [p for p in again["posts"] if "published" in p["reason"]]
