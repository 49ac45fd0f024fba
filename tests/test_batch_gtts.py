"""reader batch with Google's voice: the endpoint answered at the HTTP boundary (``responses``) so gTTS's own
code runs, with faults: 429 with Retry-After (every worker waits), 429 for good (the batch stops, the rest waits
for the next run), 5xx, resets, timeouts and slow answers (retried), a refusal for one article (the batch goes
on and ends with exit code 8). Pages come from the fixture blog over loopback."""

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
            status = fault[0] if fault and fault[0] != "slow" else 200
            self.sent.append((time.monotonic(), text, status))
        if fault and fault[0] == 0:
            raise requests.ConnectionError("Connection reset by peer")
        if fault and fault[0] == "timeout":
            raise requests.ReadTimeout("read timed out")
        if fault and fault[0] == "slow":
            time.sleep(fault[1])
            return 200, {}, self.ok
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


def test_a_429_makes_every_worker_wait_together(tmp_path):
    google = FakeGoogle(lambda n, text: (429, {"Retry-After": "1"}) if n == 6 else None)
    with serving(posts=3, max_sections=1) as site:
        out = tmp_path / "audio"
        assert run(site, out, google, "--tts-rate", "20", "--concurrency", "3") == 0
    done = report(out)
    assert done["counts"]["converted"] == 3 and done["counts"]["failed"] == 0
    assert done["rate_limit_pauses"] == 1 and done["rate_limit_waits"] == [1.0]  # one pause, for all workers
    refused = next(text for _, text, status in google.sent if status == 429)
    answered = [text for _, text, status in google.sent if status == 200]
    assert "Von Redaktion." in answered  # said in every post ...
    assert len(answered) == len(set(answered))  # ... and, like every utterance, asked of Google once
    statuses = [status for _, text, status in google.sent if text == refused]
    assert statuses.count(429) == 1 and 200 in statuses[statuses.index(429):]  # sent again after the pause


def test_google_refusing_for_good_stops_the_batch_and_a_later_run_finishes_it(tmp_path, capsys):
    google = FakeGoogle(lambda n, text: (429, {"Retry-After": "0"}))
    with serving(posts=4, max_sections=1) as site:
        out = tmp_path / "audio"
        assert run(site, out, google, "--tts-rate", "50", "--concurrency", "2") == 5
        err = capsys.readouterr().err
        assert "HTTP 429" in err and "0 posts done and kept, 4 posts left for the next run" in err
        done = report(out)
        assert done["counts"]["failed"] == 0 and done["counts"]["pending"] == 4 and done["stopped"]
        assert len(google.sent) == 8  # the breaker: 8 refusals in a row across both workers, then nothing
        entries = json.loads((out / "index.json").read_text(encoding="utf-8"))["posts"]
        assert {e["status"] for e in entries} == {"pending"} and not [e for e in entries if e["audio"]]
        google.plan = lambda n, text: None  # Google takes requests again
        assert run(site, out, google, "--tts-rate", "50") == 0
        assert report(out)["counts"]["converted"] == 4


def test_server_errors_resets_timeouts_and_slow_answers_are_retried_or_waited_for(tmp_path):
    faults = {0: (503, {}), 1: (0, {}), 5: (502, {}), 9: (0, {}), 12: ("timeout", {}), 13: ("slow", 0.5),
              15: ("timeout", {})}
    google = FakeGoogle(lambda n, text: faults.get(n))
    with serving(posts=2, max_sections=1) as site:
        out = tmp_path / "audio"
        assert run(site, out, google, "--tts-rate", "50") == 0
    assert report(out)["counts"] == {"converted": 2, "unchanged": 0, "failed": 0, "deleted": 0, "pruned": 0,
                                     "pending": 0}
    failed_texts = {text for _, text, status in google.sent if status != 200}
    answered = {text for _, text, status in google.sent if status == 200}
    assert failed_texts and failed_texts <= answered  # each failed request was sent again and answered


@pytest.mark.slow
def test_one_refused_article_fails_alone_with_exit_code_8(tmp_path, capsys):
    google = FakeGoogle(lambda n, text: (400, {}) if "Giraffe" in text else None)
    with serving(posts=2, max_sections=1) as site:
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
    with serving(posts=1, max_sections=1) as site:
        out = tmp_path / "audio"
        assert run(site, out, FakeGoogle()) == 0
        before = (out / "index.json").read_bytes()
        code = main(["batch", site.url("/"), "--out", str(out), "--engine", "auto", "--delay", "0", "-q"])
    assert code == 2  # no network here: auto would choose espeak
    err = capsys.readouterr().err
    assert "made with gtts" in err and "--engine gtts" in err
    assert (out / "index.json").read_bytes() == before
