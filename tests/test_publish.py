"""reader publish: error shapes a real WordPress cannot easily produce, against a loopback fake of its REST API
(the main flow runs against a real WordPress in test_publish_wordpress.py), and SOURCE parsing."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from reader.cli import main
from reader.errors import FetchError, PublishError, UsageError
from reader.publish.rest import Rest
from reader.publish.run import article_of, content_key, publish_post
from reader.publish.blocks import audio_block, find_reader_blocks
from reader.publish.source import PostRef, parse_source

PASSWORD = "Abcd Efgh Ijkl Mnop Qrst Uvwx"
ARTICLE = "".join(f"<p>{sentence} Die Agenten erledigen kleine Aufgaben im Büro und sparen damit viel Zeit.</p>"
                  for sentence in ("Erstens.", "Zweitens.", "Drittens.", "Viertens."))


class FakeWordPress:
    """A WordPress REST API in miniature; ``answer(method, route, query, body)`` -> (status, type, body) decides."""

    def __init__(self, answer):
        self.answer = answer
        self.seen: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _any(self):
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                route = query.pop("rest_route", None) or (parts.path[len("/wp-json"):]
                                                         if parts.path.startswith("/wp-json/") else None)
                fake.seen.append({"method": self.command, "path": parts.path, "route": route, "query": query,
                                  "auth": self.headers.get("Authorization", ""), "plain": "rest_route=" in parts.query,
                                  "headers": dict(self.headers)})
                status, content_type, data = fake.answer(self.command, route, query, body, parts.path)
                data = data if isinstance(data, bytes) else json.dumps(data).encode()
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", content_type)  # a redirect's "type" is where it points
                else:
                    self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_wp():
    made = []

    def start(answer):
        made.append(FakeWordPress(answer))
        return made[-1]

    yield start
    for fake in made:
        fake.close()


JSON = "application/json; charset=UTF-8"
HTML = "text/html; charset=UTF-8"


def error(status, code, message="(übersetzt)"):
    return status, JSON, {"code": code, "message": message, "data": {"status": status}}


def a_post(site_url: str, raw: str = ARTICLE) -> dict:
    return {"id": 5, "type": "post", "slug": "agenten", "status": "publish", "link": f"{site_url}/agenten/",
            "title": {"raw": "Agenten", "rendered": "Agenten"}, "modified_gmt": "2026-01-01T00:00:00",
            "content": {"raw": raw, "rendered": raw, "protected": False}}


def page_html(title="Agenten"):
    return (f'<!DOCTYPE html><html lang="de"><head><title>{title}</title></head><body><article><h1>{title}</h1>'
            f'<div class="entry-content">{ARTICLE}</div></article></body></html>').encode()


def test_plain_permalinks_use_rest_route(fake_wp):
    def answer(method, route, query, body, path):
        if path.startswith("/wp-json"):
            return 404, HTML, b"<html><body>Seite nicht gefunden</body></html>"  # no pretty permalinks
        if path == "/agenten/":
            return 200, HTML, page_html()
        if route == "/wp/v2/posts/5":
            return 200, JSON, a_post(fake.url)
        if route == "/wp/v2/media":
            return 200, JSON, []
        return error(404, "rest_no_route")

    fake = fake_wp(answer)
    result = publish_post(fake.url, "autor", PASSWORD, "5", engine="espeak", dry_run=True)
    assert (result.action, result.post_id, result.dry_run) == ("would publish", 5, True)
    rest_calls = [s for s in fake.seen if s["route"]]
    assert all(s["method"] == "GET" for s in fake.seen)  # a dry run changes nothing
    assert any(s["plain"] for s in rest_calls) and rest_calls[0]["query"]["context"] == "edit"
    expected = "Basic " + base64.b64encode(f"autor:{PASSWORD}".encode()).decode()
    assert all(s["auth"] == expected for s in rest_calls)


def test_site_without_rest_api(fake_wp):
    fake = fake_wp(lambda *a: (200, HTML, b"<html><body>Ein Blog ohne REST-API</body></html>"))
    with pytest.raises(PublishError, match="has no WordPress REST API"):
        publish_post(fake.url, "autor", PASSWORD, "5", engine="espeak")


@pytest.mark.parametrize("status, code, expected", [
    (401, "incorrect_password", "refused the login of 'autor' (incorrect_password): check --user and the application password"),
    (401, "invalid_username", "refused the login of 'autor' (invalid_username)"),
    (401, "rest_not_logged_in", "the host strips the Authorization header"),
    (403, "rest_cannot_edit", "does not let 'autor'"),
    (404, "rest_post_invalid_id", "has no post or page 5"),
])
def test_refusals_are_one_line_publish_errors(fake_wp, status, code, expected):
    fake = fake_wp(lambda *a: error(status, code))
    with pytest.raises(PublishError) as caught:
        publish_post(fake.url, "autor", PASSWORD, "5", engine="espeak")
    assert expected in caught.value.message and "\n" not in caught.value.message
    assert caught.value.exit_code == 7 and PASSWORD not in caught.value.message


@pytest.mark.parametrize("reply, expected", [
    ((413, HTML, b"<html><center>413 Request Entity Too Large</center></html>"), "as too big (http_413)"),
    (error(413, "rest_upload_file_too_big"), "as too big (rest_upload_file_too_big)"),
    (error(400, "rest_upload_no_data"), "received no data for the upload of reader-5-x.mp3 (2.0 MB)"),
    (error(500, "rest_upload_unknown_error", "The uploaded file exceeds the upload_max_filesize directive"),
     "could not store the upload of reader-5-x.mp3 (rest_upload_unknown_error: The uploaded file exceeds"),
])
def test_upload_limits_say_which_php_limit_to_raise(fake_wp, reply, expected):
    fake = fake_wp(lambda *a: reply)
    rest = Rest(fake.url, "autor", PASSWORD)
    with pytest.raises(PublishError) as caught:
        rest.upload("/wp/v2/media", "reader-5-x.mp3", b"\0" * 2_000_000, "audio/mpeg", post=5)
    rest.close()
    assert expected in caught.value.message
    if "php" in caught.value.message.lower():
        assert "post_max_size" in caught.value.message and "upload_max_filesize" in caught.value.message


def test_a_server_error_page_is_not_taken_for_a_missing_rest_api(fake_wp):
    fake = fake_wp(lambda *a: (502, HTML, b"<html><body>502 Bad Gateway</body></html>"))
    with pytest.raises(FetchError, match="answered HTTP 502 .* try again later"):
        publish_post(fake.url, "autor", PASSWORD, "5", engine="espeak")


def test_no_network_is_a_fetch_error():
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="could not connect to 127.0.0.1"):
        publish_post(f"http://127.0.0.1:{port}", "autor", PASSWORD, "5", engine="espeak")


def test_password_never_shown_logged_or_kept(fake_wp, capsys, caplog, tmp_path, monkeypatch):
    fake = fake_wp(lambda *a: error(401, "rest_not_logged_in"))
    monkeypatch.setenv("READER_WP_PASSWORD", PASSWORD)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    code = main(["publish", "5", "--site", fake.url, "--user", "autor", "--engine", "espeak", "-v"])
    out, err = capsys.readouterr()
    assert code == 7 and err.count("reader: error:") == 1
    for text in (out, err, caplog.text):
        for form in (PASSWORD, PASSWORD.replace(" ", ""), base64.b64encode(f"autor:{PASSWORD}".encode()).decode()):
            assert form not in text
    assert not any(PASSWORD.split()[0] in p.name for p in tmp_path.rglob("*"))


def test_password_sources(tmp_path, monkeypatch, capsys):
    from reader.publish.command import read_password

    monkeypatch.delenv("READER_WP_PASSWORD", raising=False)
    with pytest.raises(UsageError, match="READER_WP_PASSWORD or give --password-file"):
        read_password(None)
    monkeypatch.setenv("READER_WP_PASSWORD", f" {PASSWORD}\n")
    assert read_password(None) == PASSWORD
    path = tmp_path / "pw"
    path.write_text(PASSWORD + "\n")
    assert read_password(str(path)) == PASSWORD
    path.write_text("\n")
    with pytest.raises(UsageError, match="is empty"):
        read_password(str(path))
    with pytest.raises(UsageError, match="cannot read --password-file"):
        read_password(str(tmp_path / "missing"))


@pytest.mark.parametrize("source, expected", [
    ("42", PostRef(post_id=42)),
    ("agenten-im-buero", PostRef(slug="agenten-im-buero")),
    ("https://blog.example/2025/01/agenten-im-buero/", PostRef(slug="agenten-im-buero", url="https://blog.example/2025/01/agenten-im-buero/")),
    ("https://blog.example/?p=42", PostRef(post_id=42, url="https://blog.example/?p=42")),
    ("https://blog.example/wp-admin/post.php?post=42&action=edit", PostRef(post_id=42, url="https://blog.example/wp-admin/post.php?post=42&action=edit")),
    ("https://blog.example/k%C3%BCnstliche-intelligenz/", PostRef(slug="künstliche-intelligenz", url="https://blog.example/k%C3%BCnstliche-intelligenz/")),
])
def test_sources(source, expected):
    assert parse_source(source) == expected


@pytest.mark.parametrize("source", ["https://blog.example/", "zwei Wörter", "a/b"])
def test_bad_sources(source):
    with pytest.raises(UsageError):
        parse_source(source)


# --- redirects, plain http, another host -------------------------------------------------------------------

def moved(site: str, path: str, route: str) -> str:
    """Where a redirector sends a REST request: the same path and query at SITE (http -> https, say)."""
    return f"{site}{path}" + (f"?rest_route={route}" if path == "/" else "")


def test_a_redirect_to_another_host_is_never_followed(fake_wp):
    elsewhere = fake_wp(lambda *a: (200, JSON, a_post("x")))
    fake = fake_wp(lambda method, route, query, body, path: (301, moved(elsewhere.url, path, route), b""))
    with pytest.raises(UsageError) as caught:
        publish_post(fake.url, "autor", PASSWORD, "5", engine="espeak")
    assert caught.value.message == f"{fake.url} redirects to {elsewhere.url}: use --site {elsewhere.url}"
    assert caught.value.exit_code == 2 and elsewhere.seen == []  # the password never went there


def test_a_redirected_post_is_not_sent_again_as_a_get(fake_wp):
    def answer(method, route, query, body, path):
        return (302, moved(f"{fake.url}/blog", path, route), b"") if method == "POST" else (200, JSON, {"id": 5})

    fake = fake_wp(answer)
    rest = Rest(fake.url, "autor", PASSWORD)
    with pytest.raises(UsageError, match=f"redirects to {fake.url}/blog: use --site {fake.url}/blog"):
        rest.post("/wp/v2/posts/5", {"content": "x"})
    rest.close()
    assert [s["method"] for s in fake.seen] == ["POST", "POST"]  # the pretty form, then the plain form; no GET


@pytest.mark.parametrize("site, source, expected", [
    ("http://blog.example", "5", "is plain http: the application password would cross the network"),
    ("ftp://blog.example", "5", "is not a web address"),
    ("https://blog.example", "https://other.example/agenten/", "is on other.example, but --site is blog.example"),
])
def test_site_and_source_are_checked_before_any_request(site, source, expected):
    with pytest.raises(UsageError, match=expected):
        publish_post(site, "autor", PASSWORD, source, engine="espeak")


def test_loopback_http_and_www_are_fine():
    from reader.publish.source import check_same_site, check_site, is_loopback

    for host in ("localhost", "127.0.0.1", "127.1.2.3", "::1", "wp.localhost"):
        assert is_loopback(host)
    check_site("http://localhost:8080")
    check_site("http://[::1]:8080/blog")
    check_same_site(parse_source("https://www.blog.example/agenten/"), "https://blog.example")
    assert not is_loopback("192.168.1.5")


def test_no_password_is_a_usage_error():
    with pytest.raises(UsageError, match="no application password") as caught:
        publish_post("https://blog.example", "autor", "", "5")
    assert caught.value.exit_code == 2


# --- a whole run against a small WordPress in memory ---------------------------------------------------------

class Blog:
    """Just enough of WordPress for a whole publish: one post (id 5), its media, uploads and deletes."""

    def __init__(self, fake_wp, raw: str = ARTICLE, refuse_delete: tuple[int, ...] = ()):
        self.raw, self.media, self.refuse_delete, self.next_id = raw, {}, refuse_delete, 100
        self.fake = fake_wp(self.answer)
        self.url = self.fake.url

    def add_media(self, media_id: int, name: str) -> None:
        self.media[media_id] = {"id": media_id, "post": 5, "source_url": f"{self.url}/wp-content/uploads/{name}"}

    def post(self) -> dict:
        return {**a_post(self.url, self.raw), "modified_gmt": f"2026-01-01T00:00:{len(self.raw) % 60:02d}"}

    def answer(self, method, route, query, body, path):
        if route == "/wp/v2/posts/5" and method == "GET":
            return 200, JSON, self.post()
        if route == "/wp/v2/posts/5" and method == "POST":
            self.raw = json.loads(body)["content"]
            return 200, JSON, self.post()
        if route == "/wp/v2/media" and method == "GET":
            return 200, JSON, list(self.media.values())
        if route == "/wp/v2/media" and method == "POST":
            name = self.fake.seen[-1]["headers"]["Content-Disposition"].split('filename="')[1].rstrip('"')
            self.next_id += 1
            self.add_media(self.next_id, name)
            return 201, JSON, self.media[self.next_id]
        if route and route.startswith("/wp/v2/media/"):
            media_id = int(route.rsplit("/", 1)[1])
            if media_id not in self.media:
                return error(404, "rest_post_invalid_id")
            if method == "DELETE" and media_id in self.refuse_delete:
                return error(500, "rest_cannot_delete", "Das Objekt kann nicht gelöscht werden.")
            if method == "DELETE":
                del self.media[media_id]
            return 200, JSON, {"id": media_id}
        return error(404, "rest_no_route")


def test_an_old_media_item_the_site_will_not_delete_is_a_warning(fake_wp, monkeypatch, capsys, tmp_path):
    blog = Blog(fake_wp, refuse_delete=(40,))
    blog.add_media(40, "reader-5-0123456789ab-espeak.mp3")
    monkeypatch.setenv("READER_WP_PASSWORD", PASSWORD)
    code = main(["publish", "5", "--site", blog.url, "--user", "autor", "--engine", "espeak",
                 "--cache-dir", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "replaced the audio of post 5" in out and "did not delete reader's old media 40" in out
    assert "reader: warning: the site did not delete reader's old media 40" in err
    [found] = find_reader_blocks(blog.raw)
    assert found.classic and found.src == blog.media[101]["source_url"] and found.src.endswith("-espeak.mp3")
    assert 40 in blog.media


def test_auto_keeps_the_voice_the_audio_was_made_with(fake_wp, tmp_path):
    import requests
    import responses

    post = a_post("https://blog.example")
    key, _ = content_key(article_of(post), engine="gtts", voice=None, rate=None, footnotes="end", lexicon=None)
    blog = Blog(fake_wp)
    name = f"reader-5-{key[:12]}-gtts.mp3"
    blog.add_media(60, name)
    blog.raw = audio_block(blog.media[60]["source_url"], classic=True) + "\n\n" + ARTICLE
    with responses.RequestsMock() as mock:
        mock.add_passthru("http://127.0.0.1")
        mock.add(responses.HEAD, "https://translate.google.com/", body=requests.ConnectionError("no network"))
        notes = []
        result = publish_post(blog.url, "autor", PASSWORD, "5", engine="auto", on_engine=notes.append)
        assert (result.action, result.engine, result.audio_url) == ("unchanged", "gtts", blog.media[60]["source_url"])
        assert "auto keeps gtts" in notes[0]
        # the text changed: Google's voice is out of reach, and auto does not switch the post to espeak
        blog.raw = blog.raw.replace("Erstens.", "Zuerst.")
        with pytest.raises(UsageError, match="made with gtts, but --engine auto chose espeak this time .*unreachable.*; give --engine gtts to keep its voice, or --engine espeak"):
            publish_post(blog.url, "autor", PASSWORD, "5", engine="auto", cache_dir=tmp_path)
    assert set(blog.media) == {60}


def test_short_post_is_read_from_the_rest_api_and_an_empty_one_refused(fake_wp, tmp_path):
    from reader.errors import NotAnArticleError

    blog = Blog(fake_wp, raw="<p>Kurz und gut.</p>")
    result = publish_post(blog.url, "autor", PASSWORD, "5", engine="espeak", cache_dir=tmp_path, dry_run=True)
    assert result.action == "would publish"
    assert not any(s["path"] == "/agenten/" for s in blog.fake.seen)  # never the public page
    blog.raw = "<!-- wp:paragraph --><p></p><!-- /wp:paragraph -->"
    with pytest.raises(NotAnArticleError, match="post 5 .* has nothing to read"):
        publish_post(blog.url, "autor", PASSWORD, "5", engine="espeak", dry_run=True)


def test_a_get_is_tried_again_after_a_gateway_error_a_post_never(fake_wp):
    answers = {"GET": [(503, HTML, b"<html>503</html>"), (200, JSON, {"id": 5})],
               "POST": [(503, HTML, b"<html>503</html>"), (200, JSON, {"id": 5})]}
    fake = fake_wp(lambda method, *a: answers[method].pop(0) if len(answers[method]) > 1 else answers[method][0])
    rest = Rest(fake.url, "autor", PASSWORD)
    assert rest.get("/wp/v2/posts/5").data == {"id": 5}
    with pytest.raises(FetchError, match="answered HTTP 503"):
        rest.post("/wp/v2/posts/5", {"content": "x"})
    rest.close()
    assert [s["method"] for s in fake.seen] == ["GET", "GET", "POST"]


@pytest.mark.parametrize("args", [
    ["1", "--site", "https://[::1"],
    ["https://[::1/post/", "--site", "https://blog.example"],
])
def test_an_unparsable_address_is_a_usage_error_not_a_crash(args, capsys, monkeypatch):
    monkeypatch.setenv("READER_WP_PASSWORD", "x")
    assert main(["publish", *args, "--user", "u"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reader: error:") and "internal error" not in err and "\n" not in err
