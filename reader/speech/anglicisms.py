"""English inside German text: the built-in lexicon of anglicisms, and a respelling of English for a
German voice. Pure data plus two small functions.

``ANGLICISMS`` maps words and phrases common in German tech and business writing to a German
spelling that a German voice says the English way ("Deep Learning" -> "Diep Lörning"). It is
applied inside German text (after the owner's lexicon, before the number rules).
``respell_english(text)`` is used for a passage the page marks as English when the engine cannot
switch to an English voice: known words from the tables, the rest by ``ENGLISH_SPELLING`` rules.
"""

from __future__ import annotations

import re

# Written form (case-sensitive, whole word; a plural "s" may follow) -> spoken respelling.
ANGLICISMS: dict[str, str] = {
    "Big Tech": "Bigg Täck", "Dotcom": "Dottkomm", "Dot-Com": "Dott-Komm", "OpenAI": "Oupen-Äi-Ai",
    "DeepSeek": "Diep-Siek", "Deepseek": "Diep-Siek", "Deep Learning": "Diep Lörning",
    "Machine Learning": "Mäschien Lörning", "Start-up": "Start-app", "Startup": "Startapp",
    "Big Data": "Bigg Däita", "Cloud": "Klaud", "Cloud Computing": "Klaud Kommpjuting", "Hype": "Haip",
    "Feature": "Fietscher", "Update": "Appdäit", "Upload": "Applohd", "Download": "Daunlohd",
    "Meeting": "Mieting", "Content": "Konntent", "Community": "Kommjunitti", "Newsletter": "Njuhsletter",
    "Tool": "Tuhl", "Chatbot": "Tschättbott", "ChatGPT": "Tschätt-Ge-Pe-Te", "Smartphone": "Smartfohn",
    "Browser": "Brauser", "Cookie": "Kucki", "Workflow": "Wörkflo", "Know-how": "No-hau",
    "Feedback": "Fiedbäck", "Deadline": "Dädlain", "Homeoffice": "Hohmoffiss", "Home-Office": "Hohm-Offiss",
    "App": "Äpp", "Hardware": "Hardwär", "Software": "Softwär", "Microsoft": "Maikrosoft",
    "Amazon": "Ämmasonn", "Apple": "Äppel", "Nvidia": "Enwiddia", "Sequoia": "Sekwoia",
    "Silicon Valley": "Silikonn Wälli", "Venture Capital": "Wenntscher Käppitel", "Business": "Bisness",
    "Manager": "Männätscher", "Management": "Männätschment", "Performance": "Pörformenns",
    "Benchmark": "Bentschmark", "Open Source": "Oupen Sohrs", "Crash": "Kräsch", "Boom": "Buhm", "Bubble": "Babbel", "Fine-Tuning": "Fain-Tjuhning",
    "Large Language Model": "Lahrdsch Längwitsch Moddel", "Reasoning": "Rieseninng",
    "Enterprise": "Enterpreis", "AI": "Äi-Ai", "Machine": "Mäschien", "Learning": "Lörning",
    "Tech": "Täck", "Google": "Guhgel", "Facebook": "Fäisbuck", "Anthropic": "Änthroppick", "Claude": "Klohd", "Gemini": "Dschemini", "Copilot": "Kopailott",
    "Llama": "Lama", "Prompt": "Prommt", "Podcast": "Podkahst",
    "Influencer": "Influenzer", "Recruiting": "Rikruhting", "Tracking": "Träcking",
    "Hacker": "Häcker", "Gadget": "Gädschet", "Blockchain": "Blocktschäin", "Bitcoin": "Bittkoin",
    "Fake News": "Fäik Njuhs", "Shitstorm": "Schittstorm", "Lockdown": "Lockdaun", "Meme": "Miem",
    "Streaming": "Striemeng", "Livestream": "Laifstriem", "Website": "Webbsait", "Online-Shop": "Onnlain-Schopp", "Server": "Sörwer", "Data Center": "Däita Senter", "Chip": "Tschipp",
    "Chips": "Tschipps", "User": "Juhser", "Usability": "Juhsabilliti", "Interface": "Interfäis",
    "Scale-up": "Skäil-app", "Pitch": "Pitsch", "Investor Relations": "Investor Rieläischens",
}

# English words, lower-case, for passages read by a German voice (after ANGLICISMS, before the rules).
ENGLISH_WORDS: dict[str, str] = {
    "the": "se", "a": "ä", "an": "änn", "is": "is", "are": "ahr", "was": "wos", "has": "häs", "have": "häv",
    "for": "for", "and": "änd", "or": "or", "to": "tu", "of": "ow", "in": "in", "on": "onn", "with": "wiss",
    "it": "itt", "this": "siss", "that": "sätt", "be": "bie", "by": "bai", "at": "ätt", "from": "fromm",
    "you": "juh", "we": "wie", "they": "sai", "i": "ai", "my": "mai", "your": "jor", "our": "auer",
    "big": "bigg", "problem": "prohblem", "making": "mäiking", "make": "mäik", "cheaper": "tschieper",
    "easier": "iesier", "build": "bild", "more": "mor", "innovative": "innowäitiw", "boon": "buhn",
    "enterprises": "enterpreises", "apps": "äpps", "new": "njuh", "how": "hau", "why": "wai", "what": "wott",
    "will": "will", "can": "känn", "not": "nott", "no": "no", "yes": "jess", "all": "ohl", "about": "ebaut",
    "world": "wörld", "future": "fjuhtscher", "work": "wörk", "people": "piepel", "data": "däita",
    "model": "moddel", "models": "moddels", "open": "oupen", "source": "sohrs", "learning": "lörning",
    "machine": "mäschien", "intelligence": "intellidschenns", "artificial": "artifischel", "deep": "diep",
}

# Respelling rules for other English words: (pattern, replacement), applied in order to lower case.
ENGLISH_SPELLING: tuple[tuple[str, str], ...] = (
    (r"tion\b", "schen"), (r"sh", "sch"), (r"ch", "tsch"), (r"th", "s"), (r"ee|ea", "ie"), (r"oo", "uh"),
    (r"igh", "ai"), (r"ay\b|ai", "äi"), (r"ow\b", "au"), (r"ou", "au"), (r"y\b", "i"), (r"\bj", "dsch"),
    (r"\bw", "w"), (r"v", "w"), (r"z", "s"), (r"c(?=[eiy])", "s"), (r"c", "k"), (r"qu", "kw"),
)
_SPELLING = tuple((re.compile(p), r) for p, r in ENGLISH_SPELLING)
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def _respell_word(m: re.Match) -> str:
    word = m[0]
    known = ENGLISH_WORDS.get(word.lower())
    if known is None:
        known = word.lower()
        for pattern, replacement in _SPELLING:
            known = pattern.sub(replacement, known)
    return known[0].upper() + known[1:] if word[0].isupper() else known


def _anglicism(m: re.Match) -> str:
    return ANGLICISMS[m["word"]] + m["s"]


_ANGLICISM = re.compile(
    "(?<!\\w)(?P<word>" + "|".join(re.escape(w) for w in sorted(ANGLICISMS, key=len, reverse=True)) + ")(?P<s>s?)(?!\\w)"
)


def apply_anglicisms(text: str) -> str:
    """Respell the known anglicisms in German text."""
    return _ANGLICISM.sub(_anglicism, text)


def respell_english(text: str) -> str:
    """English text spelled so that a German voice says it roughly the English way."""
    parts, last = [], 0
    for m in _ANGLICISM.finditer(text):
        parts += [_WORD.sub(_respell_word, text[last:m.start()]), _anglicism(m)]
        last = m.end()
    parts.append(_WORD.sub(_respell_word, text[last:]))
    return "".join(parts)
