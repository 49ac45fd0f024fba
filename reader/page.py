"""A fetched page: decoded HTML and where it came from. Output of ``reader.fetch``, input of ``reader.extract``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Page:
    html: str  # decoded text (never bytes): charset resolved from HTTP, BOM or <meta>
    url: str  # final URL after redirects; file:// URL for a local file
    headers: dict[str, str] = field(default_factory=dict)  # response headers, lower-case names
    encoding: str = "utf-8"  # the charset the bytes were decoded with
