"""pytest: one real WordPress per test session (``wordpress_site``), stopped at the end if this session started it.

Skipped with the reason when it cannot run here (not root, Debian packages missing). Two sessions at once (two
helpers, or CI and a developer) get two state folders: each holds an flock on its own for the whole session.
"""

from __future__ import annotations

import fcntl
import os

import pytest

from . import site

MAX_SITES = 4
# The site this test process runs. Every test module that imports wordpress_site gets a fixture of its own from
# pytest (one per module, session-scoped each): the first one starts the site, the others reuse it. Session
# fixtures end in the reverse order they started, so the first one, which stops the site, ends last.
_RUNNING: list = []


@pytest.fixture(scope="session")
def wordpress_site():
    if _RUNNING:
        yield _RUNNING[0]
        return
    reason = site.why_not_runnable()
    if reason:
        pytest.skip(f"real WordPress not available: {reason}")
    base = site.default_state()
    for number in range(1, MAX_SITES + 1):
        state = base if number == 1 else base.with_name(f"{base.name}-{number}")
        state.mkdir(parents=True, exist_ok=True)
        lock = os.open(state / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(lock)
            continue
        break
    else:
        pytest.skip(f"real WordPress not available: {MAX_SITES} other test sessions hold {base}-N")
    try:
        started = site.start(state)
        _RUNNING.append(started)
        try:
            yield started
        finally:
            _RUNNING.clear()
            site.stop(state, only=started.started)
    finally:
        os.close(lock)
