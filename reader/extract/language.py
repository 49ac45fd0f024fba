"""The article's language, checked against its text: some German pages declare ``lang="en"``
(a theme's default), some declare nothing.

Function words that only one language uses are counted over the article's text; a language is
*clear* when its words make at least ``MIN_SHARE`` of the words and ``MARGIN`` times as many as
any other's. The page's declaration stands unless the text clearly says otherwise.
"""

from __future__ import annotations

import re

from ..article import TABLE, Block

FUNCTION_WORDS = {
    "de": frozenset("der die das den dem des ein eine einen einem einer und ist sind war wird werden wurde "
                    "nicht mit für von zu zum zur auf aus bei nach über auch wie dass aber oder wenn weil "
                    "sich sie er wir ich noch nur schon sehr dieser diese kann können".split()),
    "en": frozenset("the of and to is are was were be been has have had with for from by this that these "
                    "it its they their we our you your he his she her which what not or but if than "
                    "there about into would should can could".split()),
    "fr": frozenset("le la les des du un une et est sont dans pour pas que qui sur avec ce cette il elle "
                    "nous vous ils au aux mais ou".split()),
    "es": frozenset("el la los las del un una y es son en por para con que no se su lo como pero más "
                    "este esta".split()),
}
MIN_WORDS = 40
MIN_SHARE = 0.12
MARGIN = 3.0
_WORD = re.compile(r"[^\W\d_]+")


def checked_language(declared: str | None, blocks: list[Block]) -> str | None:
    """``declared`` unless the text is clearly in another language (then that one)."""
    words = [w.lower() for block in blocks if block.kind != TABLE for w in _WORD.findall(block.text)]
    if len(words) < MIN_WORDS:
        return declared
    counts = {lang: sum(1 for w in words if w in table) for lang, table in FUNCTION_WORDS.items()}
    best = max(counts, key=counts.get)
    others = max((n for lang, n in counts.items() if lang != best), default=0)
    clear = counts[best] >= MIN_SHARE * len(words) and counts[best] >= MARGIN * max(1, others)
    return best if clear and best != declared else declared
