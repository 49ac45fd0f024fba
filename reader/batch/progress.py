"""What a batch shows while it runs: a tqdm bar with ETA and the current article on a terminal,
one line per finished article otherwise (logs, cron), nothing with -q."""

from __future__ import annotations

import sys
import threading


class Progress:
    def __init__(self, enabled: bool, verbose: bool = True):
        self.enabled = enabled  # the bar (stderr is a terminal)
        self.verbose = verbose  # lines when there is no bar
        self.bar = None
        self.total = 0
        self.done = 0
        self._lock = threading.Lock()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()

    def on_start(self, total: int) -> None:
        self.total = total
        if self.enabled and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", desc="converting", file=sys.stderr, dynamic_ncols=True)

    def on_begin(self, post) -> None:
        if self.bar is not None:
            with self._lock:
                self.bar.set_postfix_str(_short(post.title or post.url), refresh=True)

    def on_end(self, outcome) -> None:
        with self._lock:
            self.done += 1
            if self.bar is not None:
                self.bar.update(1)
                if outcome.status == "failed":
                    self.bar.write(f"reader: failed {outcome.url}: {outcome.reason}", file=sys.stderr)
            elif self.verbose:
                why = f": {outcome.reason}" if outcome.reason else ""
                print(f"reader: [{self.done}/{self.total}] {outcome.status} {outcome.slug}{why}", file=sys.stderr)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
