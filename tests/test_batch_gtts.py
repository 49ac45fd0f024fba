"""reader batch with Google's voice: the endpoint answered at the HTTP boundary (``responses``) so gTTS's own
code runs, with faults: 429 with Retry-After (every worker waits), 5xx and resets (retried), a refusal for one
article (the batch goes on and ends with exit code 8). Pages come from the fixture blog over loopback."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
import requests
import responses

from blog import serving
from mp3data import batchexecute_body, sine_mp3
from reader.cli import main

GOOGLE = "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute"


def spoken_text(request) -> str:
    form = urllib.parse.parse_qs(request.body)
    return json.loads(json.loads(form["f.req"][0])[0][0][1])[0]


class FakeGoogle:
    """Answers like Google; ``plan(n, text)`` may return a fault for the n-th request (0-based)."""

    def __init__(self, plan=lambda n, text: None):
        self.plan = plan
        self.sent: list[tuple[float, str, int]] = []  # (time.monotonic(), text, status)
        self.lock = threading.Lock()
        self.ok = batchexecute_body(sine_mp3(0.3))

    def __call__(self, request):
        text = spoken_text(request)
        with self.lock:
            n = len(self.sent)
            fault = self.plan(n, text)
            status = fault[0] if fault else 200
            self.sent.append((time.monotonic(), text, status))
        if fault and fault[0] == 0:
            raise requests.ConnectionError("Connection reset by peer")
        if fault:
            return fault[0], fault[1], "error"
        return 200, {}, self.ok


def run(site, out: Path, google: FakeGoogle, *extra: str) -> int:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_passthru(site.url("/"))
        mock.add_callback(responses.POST, GOOGLE, callback=google)
        return main(["batch", site.url("/"), "--out", str(out), "--engine", "gtts", "--delay", "0", "-q", *extra])


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_429_makes_every_worker_wait_together(tmp_path):
    wait = 1.0
    google = FakeGoogle(lambda n, text: (429, {"Retry-After": f"{wait:g}"}) if n == 6 else None)
    with serving(posts=3) as site:
        out = tmp_path / "audio"
        assert run(site, out, google, "--tts-rate", "20", "--concurrency", "3") == 0
    when = next(t for t, _, status in google.sent if status == 429)
    later = [t for t, _, status in google.sent if t > when]
    assert later, "the batch went on after the 429"
    # Requests already under way when the 429 came back may land just after it; none starts in the pause.
    assert not [t for t in later if when + 0.1 < t < when + wait - 0.05]
    assert min(t for t in later if t > when + 0.1) >= when + wait - 0.05
    done = report(out)
    assert done["counts"]["converted"] == 3 and done["rate_limit_pauses"] >= 1


@pytest.mark.slow
def test_server_errors_and_resets_are_retried(tmp_path):
    faults = {0: (503, {}), 1: (0, {}), 5: (502, {}), 9: (0, {})}
    google = FakeGoogle(lambda n, text: faults.get(n))
    with serving(posts=2) as site:
        out = tmp_path / "audio"
        assert run(site, out, google, "--tts-rate", "50") == 0
    assert report(out)["counts"] == {"converted": 2, "unchanged": 0, "failed": 0, "deleted": 0, "pruned": 0}
    failed_texts = {text for _, text, status in google.sent if status != 200}
    answered = {text for _, text, status in google.sent if status == 200}
    assert failed_texts and failed_texts <= answered  # each failed request was sent again and answered


@pytest.mark.slow
def test_one_refused_article_fails_alone_with_exit_code_8(tmp_path, capsys):
    google = FakeGoogle(lambda n, text: (400, {}) if "Giraffe" in text else None)
    with serving(posts=2) as site:
        bad = site.add(title="Die Giraffe am Zebrastreifen")
        out = tmp_path / "audio"
        assert run(site, out, google, "--tts-rate", "50", "--concurrency", "2") == 8
        assert "1 of 3 articles failed" in capsys.readouterr().err
        done = report(out)
        assert done["counts"]["converted"] == 2 and done["counts"]["failed"] == 1
        [failure] = done["failed"]
        assert failure["url"] == site.link(bad) and "HTTP 400" in failure["reason"]
        entries = {e["url"]: e for e in json.loads((out / "index.json").read_text(encoding="utf-8"))["posts"]}
        assert entries[site.link(bad)]["status"] == "failed" and entries[site.link(bad)]["audio"] is None
        assert not (out / entries[site.link(bad)]["slug"]).exists()
        google.plan = lambda n, text: None  # Google takes it now: the re-run converts only that post
        assert run(site, out, google, "--tts-rate", "50") == 0
        again = report(out)
        assert again["counts"]["converted"] == 1 and again["counts"]["unchanged"] == 2
        assert (out / entries[site.link(bad)]["slug"] / "article.mp3").is_file()


def test_auto_does_not_switch_a_folder_to_another_voice_when_google_is_away(tmp_path, capsys):
    with serving(posts=1) as site:
        out = tmp_path / "audio"
        assert run(site, out, FakeGoogle()) == 0
        before = (out / "index.json").read_bytes()
        code = main(["batch", site.url("/"), "--out", str(out), "--engine", "auto", "--delay", "0", "-q"])
    assert code == 2  # no network here: auto would choose espeak
    err = capsys.readouterr().err
    assert "made with gtts" in err and "--engine gtts" in err
    assert (out / "index.json").read_bytes() == before
