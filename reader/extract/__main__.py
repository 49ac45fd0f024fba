"""``python -m reader.extract PATH``: print the article text of a saved HTML file (a development aid,
used with ../shared/tools/extraction_score.py). The charset comes from a BOM or ``<meta charset>``
in the first bytes, else UTF-8; undecodable bytes are replaced."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from ..article_formats import to_text
from ..errors import ReaderError
from ..page import Page
from . import extract

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8"
    match = _META_CHARSET.search(data[:4096])
    encoding = match.group(1).decode("ascii").lower() if match else "utf-8"
    try:
        return data.decode(encoding, "replace"), encoding
    except LookupError:
        return data.decode("utf-8", "replace"), "utf-8"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m reader.extract PATH", file=sys.stderr)
        return 2
    path = Path(argv[0])
    html, encoding = _decode(path.read_bytes())
    try:
        article = extract(Page(html=html, url=path.resolve().as_uri(), encoding=encoding))
    except ReaderError as err:
        print(err.message, file=sys.stderr)
        return err.exit_code
    sys.stdout.buffer.write((to_text(article) + "\n").encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
