"""Extraction quality and speed: ``reader extract`` beside trafilatura and readability-lxml, one table.

    pip install -e '.[bench]'          # trafilatura and readability-lxml, for the comparison rows
    python3 benchmarks/extraction.py   # corpus and scorer default to ../shared next to the repository
    python3 benchmarks/extraction.py --corpus DIR --scorer extraction_score.py --only reader

Every tool is run by the scorer (../shared/tools/extraction_score.py) the same way: one process per
page, the page's path as the argument, plain text on stdout; all tools in the same run, one after the
other, one page at a time, so the seconds per page compare.

Columns: mean F1, precision and recall on the pages with full expected text; German snippets found
and leaked (``snippets-de/``); mean F1 on the pages tagged ``has-footnotes``; for reader, how many of
those pages put their footnotes apart (``reader extract --format json`` has footnotes); seconds per page
(start-up included) over both sets.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HERE = Path(__file__).resolve().parent
TOOLS = {
    "reader": [sys.executable, "-m", "reader", "extract", "{}"],
    "trafilatura": [sys.executable, str(HERE / "extractors.py"), "trafilatura", "{}"],
    "readability": [sys.executable, str(HERE / "extractors.py"), "readability", "{}"],
}
FOOTNOTE_TAG = "has-footnotes"


def score(scorer: Path, corpus: Path, command: list[str]) -> dict:
    """Run the scorer on ``corpus``; return its JSON report."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([sys.executable, str(scorer), str(corpus), "--quiet", "--no-breakdown",
                        "--json", str(report), "--", *command],
                       check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        return json.loads(report.read_text())


def footnote_pages(corpus: Path) -> list[Path]:
    pages = []
    for meta in sorted(corpus.glob("*/meta.json")):
        if FOOTNOTE_TAG in json.loads(meta.read_text()).get("tags", []):
            pages.append(meta.parent / "page.html")
    return pages


def footnotes_apart(pages: list[Path]) -> int:
    """How many pages ``reader extract --format json`` gives footnotes for."""
    found = 0
    for page in pages:
        out = subprocess.run([sys.executable, "-m", "reader", "extract", "--format", "json", str(page)],
                             capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        if out.returncode == 0 and json.loads(out.stdout).get("footnotes"):
            found += 1
    return found


def row(name: str, full: dict, german: dict, fn_pages: list[Path]) -> list[str]:
    s, g = full["summary"], german["summary"]
    fn_names = {page.parent.name for page in fn_pages}
    fn_f1 = [p["f1"] for p in full["pages"] if p["page"] in fn_names]
    seconds = (s["command_seconds_total"] + g["command_seconds_total"]) / (s["pages"] + len(german["pages"]))
    apart = f"{footnotes_apart(fn_pages)}/{len(fn_pages)}" if name == "reader" else "-"
    return [name, f"{s['mean_f1']:.3f}", f"{s['mean_precision']:.3f}", f"{s['mean_recall']:.3f}",
            f"{g['mean_with_rate']:.3f}", f"{g['mean_without_leak']:.3f}",
            f"{sum(fn_f1) / max(1, len(fn_f1)):.3f}", apart, f"{seconds:.3f}", str(len(s["failures"]))]


HEADER = ["tool", "F1", "P", "R", "de found", "de leaked", "fn F1", "fn apart", "s/page", "fail"]


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    for line in [HEADER, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths)) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "extraction")
    parser.add_argument("--scorer", type=Path, default=SHARED / "tools" / "extraction_score.py")
    parser.add_argument("--only", action="append", choices=sorted(TOOLS), help="run only this tool (repeatable)")
    args = parser.parse_args(argv)
    fn_pages = footnote_pages(args.corpus)
    rows = []
    for name in args.only or list(TOOLS):
        command = TOOLS[name]
        full = score(args.scorer, args.corpus, command)
        german = score(args.scorer, args.corpus / "snippets-de", command)
        rows.append(row(name, full, german, fn_pages))
        print(f"{name}: done", file=sys.stderr)
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
