"""Article -> Script: what will be said, in German, with pauses. Nothing here makes a sound.

    from reader.speech import build_script
    script = build_script(article, footnotes="end", max_chars=engine.max_chars)
"""

from .build import FOOTNOTE_POLICIES, build_script
from .chunk import fit
from .normalize import normalize
from .script import PAUSE_MS, Script, ScriptSection, Utterance
from .sentences import sentence_spans, split_sentences

__all__ = [
    "FOOTNOTE_POLICIES",
    "PAUSE_MS",
    "Script",
    "ScriptSection",
    "Utterance",
    "build_script",
    "fit",
    "normalize",
    "sentence_spans",
    "split_sentences",
]
