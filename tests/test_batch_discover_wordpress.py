"""Batch discovery against a real WordPress (Debian's package; tests/wordpress/site.py): the REST API, its
wp-sitemap and its feed list the published posts, pages only when asked, never a draft."""

from __future__ import annotations

import uuid

import pytest
import requests

from reader.batch.discover import discover
from tests.wordpress.fixture import wordpress_site  # noqa: F401  (session fixture)

pytestmark = pytest.mark.wordpress

TEXT = ("<!-- wp:paragraph --><p>Die Stadtbibliothek öffnet am Sonntag. Viele Familien nutzen das Angebot, "
        "und die Leihzahlen steigen seit dem Frühjahr deutlich.</p><!-- /wp:paragraph -->")


@pytest.fixture(scope="module")
def made(wordpress_site):  # noqa: F811
    """Two published posts, a draft and a page of this test's own; removed afterwards."""
    auth = (wordpress_site.user, wordpress_site.password)
    tag = uuid.uuid4().hex[:8]
    created = {}

    def make(kind: str, name: str, status: str = "publish") -> dict:
        reply = requests.post(f"{wordpress_site.url}/wp-json/wp/v2/{kind}", auth=auth, timeout=60,
                              json={"title": f"Entdeckung {name} {tag}", "content": TEXT, "status": status,
                                    "slug": f"entdeckung-{name}-{tag}"})
        reply.raise_for_status()
        created[name] = (kind, reply.json())
        return reply.json()

    try:
        for name, kind, status in (("eins", "posts", "publish"), ("zwei", "posts", "publish"),
                                   ("entwurf", "posts", "draft"), ("seite", "pages", "publish")):
            make(kind, name, status)
        yield wordpress_site, {name: data for name, (_, data) in created.items()}
    finally:
        for kind, data in created.values():
            requests.delete(f"{wordpress_site.url}/wp-json/wp/v2/{kind}/{data['id']}", auth=auth,
                            params={"force": "true"}, timeout=60)


def test_rest_api_of_a_real_wordpress(made):
    site, posts = made
    found = discover(site.url + "/")
    assert found.method == "rest" and found.complete
    by_id = {p.post_id: p for p in found.posts}
    for name in ("eins", "zwei"):
        post = by_id[posts[name]["id"]]
        assert post.url == posts[name]["link"] and post.title == posts[name]["title"]["raw"]
        assert post.kind == "post" and post.published and post.published.endswith("+00:00")
    assert posts["entwurf"]["id"] not in by_id and posts["seite"]["id"] not in by_id
    with_pages = discover(site.url + "/", include_pages=True)
    page = next(p for p in with_pages.posts if p.post_id == posts["seite"]["id"])
    assert page.kind == "page" and page.url == posts["seite"]["link"]


@pytest.mark.parametrize("path, method", [("/wp-sitemap.xml", "sitemap"), ("/feed/", "feed")])
def test_wp_sitemap_and_feed_of_a_real_wordpress(made, path, method):
    site, posts = made
    found = discover(site.url + path)
    assert found.method == method
    listed = {p.url for p in found.posts}
    assert {posts["eins"]["link"], posts["zwei"]["link"]} <= listed
    assert posts["seite"]["link"] not in listed
    assert not any("entdeckung-entwurf-" in url for url in listed)
