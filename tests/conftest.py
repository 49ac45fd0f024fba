"""Shared pytest set-up. Fixtures that belong to one area live in that area's helper module
(tests/loopback.py for the HTTP server, ...) and are imported here."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "samples"

from loopback import loopback  # noqa: E402,F401  (a real HTTP server on 127.0.0.1 serving samples/)
from blog import blog_site  # noqa: E402,F401  (a generated WordPress blog on 127.0.0.1: tests/blog.py)
