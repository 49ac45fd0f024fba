"""Batch conversion: how long a whole archive takes, how little a re-run costs, and what the shared limiter buys.

    python3 benchmarks/batch.py              # both parts (a few minutes on 2 cores)
    python3 benchmarks/batch.py --posts 20   # a smaller archive for a quick look

1. espeak, a synthetic archive of --posts posts (tests/blog.py, the fixture blog, served on loopback):
   `reader batch` as a process (start-up included): first run into an empty folder, an unchanged re-run,
   a re-run after one paragraph of one post was edited; and what `--dry-run` estimated for the first run.
2. Google's voice with a fake endpoint of fixed latency (``responses`` at the HTTP boundary, as the tests do;
   each answer waits --latency seconds): `reader batch` of --gtts-posts posts at the default request rate and at
   a higher one, against a loop that converts the same posts one after the other, one request at a time
   (fetch, extract, speak, encode: what a shell loop over `reader fetch` does, without its start-up).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from blog import serving  # noqa: E402  (the fixture blog of the tests)

GOOGLE = "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute"


def timed_batch(source: str, out: Path, *extra: str) -> tuple[float, dict]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "reader", "batch", source, "--out", str(out), "--engine", "espeak", "--delay", "0",
           "-q", *extra]
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return wall, json.loads((out / "report.json").read_text(encoding="utf-8"))


def dry_run_minutes(source: str, out: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "reader", "batch", source, "--out", str(out), "--engine", "espeak", "--delay", "0",
           "--dry-run"]
    plan = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    return plan.strip().splitlines()[-1]


def espeak_archive(posts: int, tmp: Path) -> list[tuple[str, float, dict]]:
    rows = []
    with serving(posts=posts) as blog:
        out = tmp / "espeak"
        print("dry run:", dry_run_minutes(blog.url("/"), out))
        rows.append(("first run", *timed_batch(blog.url("/"), out)))
        rows.append(("unchanged re-run", *timed_batch(blog.url("/"), out)))
        blog.edit(blog.published()[posts // 2], paragraph=1)
        rows.append(("one post edited", *timed_batch(blog.url("/"), out)))
    return rows


def fake_google(latency: float):
    """A responses callback that answers like Google after ``latency`` seconds, and counts what it got."""
    from mp3data import batchexecute_body, sine_mp3

    body = batchexecute_body(sine_mp3(0.5))

    def answer(request):
        answer.count += 1
        time.sleep(latency)
        return 200, {}, body

    answer.count = 0
    return answer


def gtts_runs(posts: int, latency: float, rates: list[float | None], tmp: Path) -> list[tuple[str, float, int]]:
    import responses

    from reader.cli import main

    rows = []
    with serving(posts=posts) as blog, responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_passthru(blog.url("/"))
        google = fake_google(latency)
        mock.add_callback(responses.POST, GOOGLE, callback=google)
        for rate in rates:
            sent = google.count
            out = tmp / f"gtts-{rate}"
            extra = ["--tts-rate", f"{rate:g}"] if rate else []
            start = time.perf_counter()
            code = main(["batch", blog.url("/"), "--out", str(out), "--engine", "gtts", "--delay", "0", "-q", *extra])
            wall = time.perf_counter() - start
            assert code == 0, code
            report = json.loads((out / "report.json").read_text(encoding="utf-8"))
            label = f"reader batch, --tts-rate {rate:g}" if rate else f"reader batch, default rate ({report['tts_rate']:g}/s)"
            rows.append((label, wall, google.count - sent))
        sent = google.count
        label, wall, _ = sequential(blog, tmp / "one-by-one")
        rows.append((label, wall, google.count - sent))
    return rows


def sequential(blog, folder: Path) -> tuple[str, float, int]:
    """Each post after the other, as `reader fetch URL --out F --engine gtts` would make it (own cache), with one
    request at a time: fetch, extract, speak, encode."""
    from reader.api import read, speak
    from reader.engines.gtts_engine import GTTSEngine

    folder.mkdir()
    engine = GTTSEngine(concurrency=1)
    requests = 0
    start = time.perf_counter()
    for n, entry in enumerate(blog.published()):
        result = speak(read(blog.link(entry)), folder / f"{n}.mp3", engine=engine, cache_dir=folder / "cache")
        requests += result.synthesized
    return "one post after the other, one request at a time", time.perf_counter() - start, requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--gtts-posts", type=int, default=10)
    parser.add_argument("--latency", type=float, default=0.25, help="seconds the fake Google endpoint takes")
    parser.add_argument("--skip-espeak", action="store_true")
    parser.add_argument("--skip-gtts", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-bench-batch-") as folder:
        tmp = Path(folder)
        if not args.skip_espeak:
            rows = espeak_archive(args.posts, tmp)
            first = rows[0][1]
            print(f"\nespeak, {args.posts} posts\n")
            print("| run | wall time | share of first run | converted | unchanged | synthesized | audio |")
            print("|---|---|---|---|---|---|---|")
            for label, wall, report in rows:
                c = report["counts"]
                print(f"| {label} | {wall:.1f} s | {wall / first:.1%} | {c['converted']} | {c['unchanged']} | "
                      f"{report['synthesized']} | {report['audio_ms_converted'] / 60000:.1f} min |")
        if not args.skip_gtts:
            rows = gtts_runs(args.gtts_posts, args.latency, [None, 20.0], tmp)
            print(f"\nfake gTTS endpoint, {args.latency:g} s per request, {args.gtts_posts} posts\n")
            print("| how | wall time | requests | requests/s |")
            print("|---|---|---|---|")
            for label, wall, requests in rows:
                print(f"| {label} | {wall:.1f} s | {requests} | {requests / wall:.2f} |")


if __name__ == "__main__":
    main()
