"""The engine registry: names -> engine classes, found through entry points (group ``reader.engines``).

A third-party package adds an engine by declaring an entry point in that group; when reader itself
is not installed (running from the repository) the built-in table below stands in. Engine modules
are imported only when asked for, so importing this package loads neither gTTS, Piper nor ctypes.

``get_engine(name, **options)`` builds one engine. Options whose value is ``None`` are dropped
(the engine's default applies), and ``voice`` is passed to the parameter that means "voice" for
that engine (``VOICE_PARAMS``): gTTS's language, espeak's voice name, Piper's model path.
``choose_auto()`` picks gTTS when Google's endpoint answers a short probe, else espeak.
"""

from __future__ import annotations

import importlib
import inspect

from ..errors import UsageError
from .base import Clip, Engine

__all__ = ["Clip", "Engine", "get_engine", "choose_auto", "known_engines", "BUILTIN_ENGINES"]

ENTRY_POINT_GROUP = "reader.engines"

BUILTIN_ENGINES = {
    "gtts": "reader.engines.gtts_engine:GTTSEngine",
    "espeak": "reader.engines.espeak:EspeakEngine",
    "piper": "reader.engines.piper:PiperEngine",
}

# The constructor parameter that a generic ``voice=`` option stands for, per engine.
VOICE_PARAMS = {"gtts": "lang", "espeak": "voice", "piper": "voice_path"}

PROBE_URL = "https://translate.google.{tld}/"


def _entry_points() -> dict:
    """name -> entry point for every installed engine (empty when reader is not installed)."""
    from importlib.metadata import entry_points

    try:
        found = entry_points(group=ENTRY_POINT_GROUP)
    except Exception:  # a broken installation must not hide the built-in engines
        return {}
    return {ep.name: ep for ep in found}


def known_engines() -> list[str]:
    return sorted(set(BUILTIN_ENGINES) | set(_entry_points()))


def _load_class(name: str):
    entry = _entry_points().get(name)
    if entry is not None:
        return entry.load()
    if name not in BUILTIN_ENGINES:
        raise UsageError(f"unknown engine {name!r}: choose one of {', '.join(known_engines())}")
    module_name, _, attr = BUILTIN_ENGINES[name].partition(":")
    return getattr(importlib.import_module(module_name), attr)


def _constructor_options(name: str, cls, options: dict, strict: bool) -> dict:
    """Drop None values, map ``voice`` to the engine's own parameter, and check the names it takes."""
    opts = {k: v for k, v in options.items() if v is not None}
    target = VOICE_PARAMS.get(name, "voice")
    if "voice" in opts and target != "voice":
        opts[target] = opts.pop("voice")
    params = inspect.signature(cls).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return opts
    unknown = sorted(set(opts) - set(params))
    if unknown and strict:
        accepted = ", ".join(p for p in params if p != "self") or "none"
        raise UsageError(f"engine {name!r} does not take option(s) {', '.join(unknown)}: it takes {accepted}")
    return {k: v for k, v in opts.items() if k in params}


def get_engine(name: str, **options) -> Engine:
    """Build the engine called ``name`` ("gtts", "espeak", "piper" or an installed plug-in)."""
    key = (name or "").strip().lower()
    cls = _load_class(key)
    return cls(**_constructor_options(key, cls, options, strict=True))


def _probe_google(timeout: float, tld: str = "com") -> str | None:
    """None when Google's translate host answers (any HTTP status), else why it did not."""
    import requests

    try:
        requests.head(PROBE_URL.format(tld=tld), timeout=timeout, allow_redirects=False)
    except requests.Timeout:
        return f"Google's text-to-speech service did not answer within {timeout:g} s"
    except requests.RequestException:
        return "Google's text-to-speech service is unreachable (no network?)"
    return None


def choose_auto(probe_timeout: float = 2.0, **options) -> tuple[Engine, str]:
    """gTTS when Google answers a short probe, else espeak; returns the engine and why it was chosen.

    Options the chosen engine does not take are ignored (auto mode cannot know which one will win).
    """
    problem = _probe_google(probe_timeout, options.get("tld") or "com")
    if problem is None:
        name, reason = "gtts", "using gTTS (Google's voice, online): Google's text-to-speech service answered"
    else:
        name, reason = "espeak", f"using espeak (offline voice): {problem}"
    cls = _load_class(name)
    return cls(**_constructor_options(name, cls, options, strict=False)), reason
