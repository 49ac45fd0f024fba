"""Batch discovery against the fixture blog (tests/blog.py) in every shape it can take, and hostile sources."""

import gzip
import socket

import pytest

import reader
from blog import serving
from reader.batch.discover import discover
from reader.batch.paging import MAX_FEED_PAGES, MAX_SITEMAP_DEPTH
from reader.batch.polite import HostGate
from reader.errors import FetchError, NotAnArticleError, UsageError

FAST = {"backoff": 0.01}


def urls(found) -> set[str]:
    return {p.url for p in found.posts}


def public(blog, kind="post") -> set[str]:
    return {blog.link(e) for e in blog.published(kind)}


# ---------------------------------------------------------------- the fixture itself


def test_the_fixture_blogs_post_pages_are_read_with_their_footnotes(blog_site):
    with_notes = [e for e in blog_site.published() if e.notes]
    styles = {e.footnote_style for e in with_notes}
    assert len(blog_site.published()) >= 30 and styles == {"modern", "core"}
    for entry in [next(e for e in with_notes if e.footnote_style == s) for s in sorted(styles)]:
        article = reader.read(blog_site.link(entry))
        assert article.title == entry.title
        assert [b.text for b in article.blocks] == [text for _, text in entry.blocks]
        assert [f.text for f in article.footnotes] == list(entry.notes.values())


# ---------------------------------------------------------------- the ways a site is found


def test_rest_api_lists_every_published_post_and_nothing_else(blog_site):
    found = discover(blog_site.url("/"))
    assert found.method == "rest" and found.complete
    assert urls(found) == public(blog_site) and len(found.posts) == len(blog_site.published())
    assert all(p.kind == "post" for p in found.posts)
    newest = blog_site.published()[0]
    first = found.posts[0]
    assert (first.url, first.title, first.post_id) == (blog_site.link(newest), newest.title, newest.id)
    assert first.published == newest.date.isoformat() and first.modified == newest.modified.isoformat()
    assert first.categories == tuple(blog_site.category(c)[2] for c in newest.categories)
    hostile = next(p for p in found.posts if p.title.startswith("Q&A"))
    assert hostile.title == "Q&A: Ist <KI> „gefährlich“? Ein Test für 'Sonderzeichen' & Co."
    assert "entwurf" not in " ".join(urls(found))
    assert [h.target.split("?")[0] for h in blog_site.log] == [
        "/", "/wp-json/wp/v2/posts", "/wp-json/wp/v2/categories"]


def test_pages_only_when_asked_and_never_the_draft(blog_site):
    found = discover(blog_site.url("/"), include_pages=True)
    assert urls(found) == public(blog_site) | public(blog_site, "page")
    assert {p.kind for p in found.posts if p.url in public(blog_site, "page")} == {"page"}
    assert not any("entwurf" in p.url for p in found.posts)


def test_rest_api_pages_through_more_than_a_hundred_posts():
    with serving(posts=130) as blog:
        found = discover(blog.url("/"))
        assert len(found.posts) == 130 and urls(found) == public(blog)
        assert sum(h.target.startswith("/wp-json/wp/v2/posts") for h in blog.log) == 2


def test_rest_api_without_pretty_permalinks_is_reached_through_rest_route():
    with serving(rest="plain") as blog:
        found = discover(blog.url("/"))
        assert found.method == "rest" and urls(found) == public(blog)
        assert not blog.hits("/wp-json")


@pytest.mark.parametrize("sitemap, method", [("wp", "wp-sitemap"), ("plain", "sitemap")])
def test_without_rest_api_the_sitemap_with_pages_only_when_asked(sitemap, method):
    with serving(rest="off", sitemap=sitemap) as blog:
        found = discover(blog.url("/"))
        assert found.method == method and found.complete and urls(found) == public(blog)
        assert {p.modified for p in found.posts} == {e.modified.isoformat() for e in blog.published()}
        assert not any("/category/" in u or "/author/" in u for u in urls(found))
        with_pages = discover(blog.url("/"), include_pages=True)
        assert urls(with_pages) == public(blog) | public(blog, "page")
        assert blog.hits("/robots.txt")


def test_wp_sitemap_split_into_several_files():
    with serving(rest="off", sitemap_size=7) as blog:
        found = discover(blog.url("/"))
        assert urls(found) == public(blog)
        assert blog.hits("/wp-sitemap-posts-post-6.xml")


def test_feed_is_paged_to_its_end():
    with serving(rest="off", sitemap="off", per_feed=10) as blog:
        found = discover(blog.url("/"))
        assert found.method == "feed" and found.complete and urls(found) == public(blog)
        newest = blog.published()[0]
        assert found.posts[0].title == newest.title and found.posts[0].published == newest.date.isoformat()
        assert found.posts[0].categories == tuple(blog.category(c)[2] for c in newest.categories)
        assert [h.status for h in blog.hits("/feed/")] == [200, 200, 200, 200, 404]


def test_no_rest_api_no_sitemap_no_feed_is_no_posts_found():
    with serving(rest="off", sitemap="off", feed=False) as blog:
        with pytest.raises(NotAnArticleError, match="no posts found") as err:
            discover(blog.url("/"))
        assert err.value.exit_code == 4 and "\n" not in str(err.value)


def test_a_site_that_cannot_be_reached_is_a_fetch_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError):
        discover(f"http://127.0.0.1:{port}/", retries=0)


def test_sitemap_or_feed_url_as_source(blog_site):
    found = discover(blog_site.url("/wp-sitemap.xml"))
    assert found.method == "sitemap" and urls(found) == public(blog_site)
    found = discover(blog_site.url("/wp-sitemap-posts-post-1.xml"))
    assert urls(found) == public(blog_site)
    found = discover(blog_site.url("/feed/"))
    assert found.method == "feed" and urls(found) == public(blog_site)


def test_mutations_show_up(blog_site):
    before = {p.url: p for p in discover(blog_site.url("/")).posts}
    edited, gone = blog_site.published()[5], blog_site.published()[6]
    blog_site.edit(edited, paragraph=1)
    blog_site.delete(gone)
    added = blog_site.add(title="Ganz neu: ein Beitrag")
    after = {p.url: p for p in discover(blog_site.url("/")).posts}
    assert set(after) == set(before) - {blog_site.link(gone)} | {blog_site.link(added)}
    assert after[blog_site.link(edited)].modified > before[blog_site.link(edited)].modified
    assert next(iter(after)) == blog_site.link(added)  # newest first


# ---------------------------------------------------------------- filters


def test_filters(blog_site):
    site = blog_site.url("/")
    posts = blog_site.published()
    since = posts[9].date.date().isoformat()
    assert urls(discover(site, since=since)) == {blog_site.link(e) for e in posts if e.date.date().isoformat() >= since}
    assert [p.url for p in discover(site, limit=3).posts] == [blog_site.link(e) for e in posts[:3]]
    economy = {blog_site.link(e) for e in posts if 4 in e.categories}
    assert urls(discover(site, category="wirtschaft")) == economy
    assert urls(discover(site, category="Wirtschaft")) == economy
    assert urls(discover(site, include=["*/fuenf-fragen-zu-*"])) == {
        blog_site.link(e) for e in posts if e.slug.startswith("fuenf-fragen-zu-")}
    assert urls(discover(site, exclude=["fragen"])) == {blog_site.link(e) for e in posts if "fragen" not in e.slug}
    asked = len(blog_site.log)
    future = discover(site, since="2099-01-01")
    assert future.posts == [] and future.method == "rest" and len(blog_site.log) - asked == 2


@pytest.mark.parametrize("kwargs, message", [
    ({"since": "letzte Woche"}, "not a date"), ({"limit": 0}, "1 or more"),
    ({"category": "Kochen"}, "no category Kochen on this site; it has: Allgemein"),
])
def test_bad_filters_are_usage_errors(blog_site, kwargs, message):
    with pytest.raises(UsageError, match=message):
        discover(blog_site.url("/"), **kwargs)


def test_since_skips_sitemap_entries_last_changed_before_it():
    with serving(rest="off") as blog:
        since = blog.published()[4].date.date().isoformat()
        found = discover(blog.url("/"), since=since)
        assert urls(found) == {blog.link(e) for e in blog.published() if e.modified.date().isoformat() >= since}


# ---------------------------------------------------------------- a file of URLs


def test_file_of_urls(tmp_path):
    listed = tmp_path / "urls.txt"
    listed.write_text("# my posts\nhttps://a.example/eins/\n\n  https://B.example:443/zwei/#top \n"
                      "https://a.example/eins/\nhttp://c.example/?p=3\n", encoding="utf-8")
    found = discover(str(listed))
    assert found.method == "urls"
    assert [p.url for p in found.posts] == ["https://a.example/eins/", "https://b.example/zwei/",
                                            "http://c.example/?p=3"]
    assert "1 duplicate URLs ignored" in found.notes
    listed.write_text("https://a.example/eins/\nftp://a.example/x\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"urls.txt:2: not an http\(s\) URL: ftp://a.example/x"):
        discover(str(listed))


@pytest.mark.parametrize("source", ["ftp://example.com/", "javascript:alert(1)", "no-such-file.txt",
                                    "blog.example.com"])
def test_bad_sources_are_usage_errors(source):
    with pytest.raises(UsageError):
        discover(source)


# ---------------------------------------------------------------- politeness


def test_robots_txt_is_honoured_without_the_rest_api():
    with serving(rest="off") as blog:
        hidden = blog.published()[3]
        blog.disallow.append(f"/{hidden.slug}/")
        found = discover(blog.url("/"))
        assert urls(found) == public(blog) - {blog.link(hidden)}
        assert "sitemaps: 1 URLs of robots.txt skipped" in found.notes


def test_robots_txt_that_disallows_everything_leaves_nothing_to_crawl():
    with serving(rest="off") as blog:
        blog.robots = "User-agent: reader\nDisallow: /\n"
        with pytest.raises(NotAnArticleError):
            discover(blog.url("/"))
        assert not blog.hits("/wp-sitemap.xml") and not blog.hits("/feed/")


def test_every_request_waits_for_the_delay_and_robots_crawl_delay_raises_it():
    waits = []
    with serving(rest="off") as blog:
        blog.robots = "User-agent: *\nCrawl-delay: 3\n"
        found = discover(blog.url("/"), gate=HostGate(0.5, wait=waits.append, clock=lambda: 0.0))
        assert found.posts
        requests = len(blog.log)
        assert len(waits) == requests - 1
        assert waits[:3] == [0.5, 0.5, 0.5] and set(waits[3:]) == {3.0}  # home, wp-json, rest_route, robots


@pytest.mark.parametrize("shape, method", [({"rest": "off", "sitemap": "off", "per_feed": 3}, "feed"),
                                           ({"rest": "off", "sitemap_size": 4}, "wp-sitemap"),
                                           ({"posts": 230}, "rest")])
def test_faults_are_retried_and_the_list_is_still_complete(shape, method):
    with serving(**shape) as blog:
        blog.faults(seed=1, error=0.2, rate_limit=0.1, reset=0.1, slow=0.1, slow_delay=0.05, retry_after=0)
        found = discover(blog.url("/"), **FAST)
        faults = {h.fault for h in blog.log}
        assert len(faults - {"", "slow"}) >= 2
        assert found.method == method and found.complete and urls(found) == public(blog)


def test_a_listing_that_breaks_off_is_an_error_not_half_a_list():
    with serving(rest="off", sitemap="off", per_feed=5) as blog:
        blog.faults(seed=1, error=1.0, max_in_row=10, paths=("/feed/?paged=3",))
        with pytest.raises(FetchError, match="broke off at page 3"):
            discover(blog.url("/"), retries=1, **FAST)


# ---------------------------------------------------------------- hostile sources


def sitemap_index(locs) -> bytes:
    rows = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}'
            "</sitemapindex>").encode()


def urlset(locs) -> bytes:
    rows = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'.encode()


def test_recursive_and_deep_sitemaps_are_bounded(loopback):
    loopback.content("/robots.txt", b"", "text/plain")
    xml = "application/xml"
    loopback.content("/loop.xml", sitemap_index([loopback.url("/loop.xml"), loopback.url("/d1.xml")]), xml)
    for depth in range(1, 8):
        children = [loopback.url(f"/d{depth + 1}.xml"), loopback.url(f"/p{depth}.xml")]
        loopback.content(f"/d{depth}.xml", sitemap_index(children), xml)
        loopback.content(f"/p{depth}.xml", urlset([loopback.url(f"/post-{depth}/")]), xml)
    found = discover(loopback.url("/loop.xml"))
    assert loopback.hits("/loop.xml") == 1
    assert urls(found) == {loopback.url(f"/post-{d}/") for d in range(1, MAX_SITEMAP_DEPTH)}
    assert not found.complete and any("bounded" in note for note in found.notes)


def test_other_hosts_schemes_and_duplicates_in_a_sitemap(loopback):
    loopback.content("/robots.txt", b"", "text/plain")
    loopback.content("/s.xml", urlset([loopback.url("/a/"), loopback.url("/a/#x"), "https://evil.example/b/",
                                        "javascript:alert(1)", "file:///etc/passwd", loopback.url("/c/?p=1&amp;q=2"),
                                        loopback.url("/a/")]), "application/xml")
    found = discover(loopback.url("/s.xml"))
    assert [p.url for p in found.posts] == [loopback.url("/a/"), loopback.url("/c/?p=1&q=2")]
    assert "sitemaps: 3 URLs of other sites skipped" in found.notes


def test_gzip_sitemap(loopback):
    loopback.content("/robots.txt", b"", "text/plain")
    loopback.content("/s.xml.gz", gzip.compress(urlset([loopback.url("/a/")])), "application/x-gzip")
    assert urls(discover(loopback.url("/s.xml.gz"))) == {loopback.url("/a/")}


def test_xml_bomb_and_external_entities_are_not_expanded(loopback, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM")
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY l0 "lol">{lol}'
            f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
            f'<urlset><url><loc>{loopback.url("/a/")}</loc></url><url><loc>{loopback.url("/")}&l9;</loc></url>'
            f'<url><loc>{loopback.url("/")}&xxe;</loc></url></urlset>').encode()
    loopback.content("/robots.txt", b"", "text/plain")
    loopback.content("/bomb.xml", bomb, "application/xml")
    found = discover(loopback.url("/bomb.xml"))
    assert loopback.url("/a/") in urls(found)
    assert not any("lol" in u or "GEHEIM" in u for u in urls(found))


def feed_page(loopback, n: int) -> bytes:
    items = "".join(f"<item><title>Folge {n}.{i}</title><link>{loopback.url(f'/p{n}-{i}/')}</link></item>"
                    for i in range(2))
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
            f'<title>x</title><atom:link rel="next" href="{loopback.url(f"/f{n + 1}.xml")}"/>{items}'
            "</channel></rss>").encode()


def test_a_feed_that_pages_forever_is_bounded(loopback):
    loopback.content("/robots.txt", b"", "text/plain")
    for n in range(1, MAX_FEED_PAGES + 2):
        loopback.content(f"/f{n}.xml", feed_page(loopback, n), "application/rss+xml")
    found = discover(loopback.url("/f1.xml"))
    assert len(found.posts) == 2 * MAX_FEED_PAGES and not found.complete
    assert not loopback.hits(f"/f{MAX_FEED_PAGES + 1}.xml")


def test_a_feed_that_does_not_page_is_marked_incomplete(loopback):
    atom = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>'
            f'<entry><title type="html">A &amp;lt;b&amp;gt;</title><link rel="alternate" href="{loopback.url("/a/")}"/>'
            f'<published>2024-05-01T10:00:00+02:00</published><updated>2024-05-02T10:00:00Z</updated>'
            f'<category term="x" label="Wirtschaft"/></entry></feed>').encode()
    loopback.content("/robots.txt", b"", "text/plain")
    loopback.content("/atom.xml", atom, "application/atom+xml")
    found = discover(loopback.url("/atom.xml"))
    (post,) = found.posts
    assert (post.title, post.published, post.modified, post.categories) == (
        "A <b>", "2024-05-01T10:00:00+02:00", "2024-05-02T10:00:00+00:00", ("Wirtschaft",))
    assert not found.complete and "does not page" in found.notes[-1]
