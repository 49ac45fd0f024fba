"""Speed of German normalisation against extraction, on the longest sample article.

    python3 benchmarks/normalize.py [--repeat N]

Finds the sample page (samples/*.html) whose extracted article has the most text, then times, in
this process and after one warm-up run each: extracting it (HTML -> Article) and normalising every
sentence of it (all rules, as `reader fetch` does). Prints both and their ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.errors import ReaderError  # noqa: E402
from reader.extract import extract  # noqa: E402
from reader.fetch import fetch  # noqa: E402
from reader.speech import normalize, split_sentences  # noqa: E402


def article_texts(article) -> list[str]:
    texts = [article.title] + [b.text for b in article.blocks] + [f.text for f in article.footnotes]
    return texts + [cell for b in article.blocks for row in [b.header, *b.rows] for cell in row]


def longest_sample():
    best = None
    for path in sorted((ROOT / "samples").glob("*.html")):
        try:
            page = fetch(str(path))
            article = extract(page)
        except ReaderError:
            continue
        size = sum(len(t) for t in article_texts(article))
        if best is None or size > best[0]:
            best = (size, path, page, article)
    return best


def timed(func, repeat: int) -> float:
    func()  # warm-up: imports, compiled patterns
    start = time.perf_counter()
    for _ in range(repeat):
        func()
    return (time.perf_counter() - start) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    size, path, page, article = longest_sample()
    sentences = [s for text in article_texts(article) for s in split_sentences(text)]
    extraction = timed(lambda: extract(page), args.repeat)
    normalising = timed(lambda: [normalize(s) for s in sentences], args.repeat)
    print(f"article: {path.name} ({size} characters, {len(sentences)} sentences)")
    print(f"extraction:    {extraction * 1000:8.2f} ms")
    print(f"normalisation: {normalising * 1000:8.2f} ms ({normalising / extraction:.0%} of extraction)")


if __name__ == "__main__":
    main()
