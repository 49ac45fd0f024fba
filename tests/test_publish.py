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
from reader.publish.run import publish_post
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
                                  "auth": self.headers.get("Authorization", ""), "plain": "rest_route=" in parts.query})
                status, content_type, data = fake.answer(self.command, route, query, body, parts.path)
                data = data if isinstance(data, bytes) else json.dumps(data).encode()
                self.send_response(status)
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
