"""The Script: what will be said, as plain data. Everything about audio starts here.

A Script is a list of sections (one chapter each); a section is a list of utterances.
An utterance is one engine call's worth of text: ``spoken`` is what the engine receives
(normalised German), ``written`` is the text it came from (for transcripts and highlighting),
``pause_ms`` is the silence after it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

# Pauses after an utterance, by what ends there (sentence < paragraph < heading < section).
PAUSE_MS = {
    "clause": 150,  # a long sentence split at a clause boundary to fit the engine
    "sentence": 350,
    "paragraph": 700,
    "heading": 900,
    "section": 1200,
}


@dataclass
class Utterance:
    spoken: str
    written: str
    pause_ms: int = PAUSE_MS["sentence"]
    lang: str = "de"
    kind: str = "sentence"  # "title", "heading", "sentence", "table_row", "footnote", ...


@dataclass
class ScriptSection:
    title: str
    utterances: list[Utterance] = field(default_factory=list)


@dataclass
class Script:
    title: str
    language: str = "de"
    sections: list[ScriptSection] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict) -> "Script":
        sections = [
            ScriptSection(s["title"], [Utterance(**u) for u in s.get("utterances", [])])
            for s in data.get("sections", [])
        ]
        return cls(title=data["title"], language=data.get("language", "de"), sections=sections)
