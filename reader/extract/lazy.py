"""Defer Soup Sieve: bs4 imports it at start-up for ``Tag.select``, which the extractor never calls
(its rule tables run on ``selectors.py``). Loading it cost more than half of bs4's import time, on
every ``reader extract``. ``defer("soupsieve")`` puts a stand-in into ``sys.modules`` that imports
the real module the first time anything is looked up on it, so code that does use bs4's CSS
selectors in the same process still gets them, just later."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types


class _Deferred(types.ModuleType):
    def __getattr__(self, name: str):
        real = _load(self.__name__)
        return getattr(real, name)


def _load(name: str) -> types.ModuleType:
    module = sys.modules.get(name)
    if isinstance(module, _Deferred):
        del sys.modules[name]
        module = importlib.import_module(name)
    return module


def defer(name: str) -> None:
    """Stand in for module ``name`` until first use (nothing happens if it is loaded or missing)."""
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    stand_in = _Deferred(name)
    stand_in.__spec__ = None
    sys.modules[name] = stand_in
