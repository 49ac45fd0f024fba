"""A normalisation rule: a name, a compiled pattern and a function from the match to its spoken form.

Rules are small and named so each can be tested and reordered on its own; ``reader.speech.normalize``
applies them in order. Helpers here build patterns from the word tables in ``vocabulary``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

# A number stands alone: no letter, digit, "." or "," glued to its left or to its right.
NUMBER_START = r"(?<![\w.,])"
NUMBER_END = r"(?![\w]|[.,]\d)"
# German number: "4.500", "1.000.000", "0,55", "4.500,50", "600".
GERMAN_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    replace: Callable[[re.Match], str]

    def apply(self, text: str) -> str:
        return self.pattern.sub(self.replace, text)


def rule(name: str, pattern: str, replace: Callable[[re.Match], str], flags: int = 0) -> Rule:
    return Rule(name, re.compile(pattern, flags), replace)


def alternation(words) -> str:
    """A regex group matching any of ``words`` literally, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def rest_of(match: re.Match) -> str:
    """The text after the match."""
    return match.string[match.end():]
