"""Comparison extractors for benchmarks/extraction.py, run the way the scorer runs ``reader extract``:
one process per page, the page's path as the argument, plain text on stdout.

    python3 benchmarks/extractors.py trafilatura PAGE.html
    python3 benchmarks/extractors.py readability PAGE.html

They need the ``bench`` extra: ``pip install -e '.[bench]'`` (trafilatura, readability-lxml).
"""

from __future__ import annotations

import sys


def trafilatura_text(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data, output_format="txt") or ""


def readability_text(data: bytes) -> str:
    import lxml.html
    from readability import Document

    document = Document(data)
    summary = lxml.html.fromstring(document.summary(html_partial=True))
    for block in summary.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "br", "div"):
        block.tail = "\n" + (block.tail or "")
    return "\n".join(line.strip() for line in summary.text_content().splitlines() if line.strip())


RUNNERS = {"trafilatura": trafilatura_text, "readability": readability_text}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in RUNNERS:
        print(f"usage: extractors.py {{{','.join(RUNNERS)}}} PAGE.html", file=sys.stderr)
        return 2
    with open(argv[1], "rb") as handle:
        text = RUNNERS[argv[0]](handle.read())
    sys.stdout.buffer.write((text + "\n").encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
