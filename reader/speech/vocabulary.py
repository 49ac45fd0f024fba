"""The words German text is read by: abbreviations, months, ordinal contexts, units, currencies,
acronyms. Pure data. Extending how reader reads German usually means adding a line here."""

from __future__ import annotations

# Abbreviations read as words: written form -> (spoken form, may end a sentence).
# "Written" forms with a space also match without it ("z. B." and "z.B.").
# A lower-case entry also yields its capitalised twin ("Z. B." -> "Zum Beispiel").
ABBREVIATIONS: dict[str, tuple[str, bool]] = {
    "z. B.": ("zum Beispiel", False),
    "d. h.": ("das heißt", False),
    "u. a.": ("unter anderem", True),
    "z. T.": ("zum Teil", False),
    "i. d. R.": ("in der Regel", False),
    "u. U.": ("unter Umständen", False),
    "s. o.": ("siehe oben", True),
    "s. u.": ("siehe unten", True),
    "o. Ä.": ("oder Ähnliches", True),
    "o. ä.": ("oder ähnlich", True),
    "u. v. m.": ("und vieles mehr", True),
    "bzw.": ("beziehungsweise", False),
    "ca.": ("circa", False),
    "vs.": ("versus", False),
    "vgl.": ("vergleiche", False),
    "Dr.": ("Doktor", False),
    "Prof.": ("Professor", False),
    "Nr.": ("Nummer", False),
    "Mio.": ("Millionen", False),
    "Mrd.": ("Milliarden", False),
    "Bio.": ("Billionen", False),
    "usw.": ("und so weiter", True),
    "etc.": ("et cetera", True),
    "evtl.": ("eventuell", False),
    "ggf.": ("gegebenenfalls", False),
    "inkl.": ("inklusive", False),
    "bspw.": ("beispielsweise", False),
    "zzgl.": ("zuzüglich", False),
    "St.": ("Sankt", False),
}

# Abbreviations read as words only when a number follows ("S. 347" but "Johann S. Bach").
ABBREVIATIONS_BEFORE_NUMBER: dict[str, str] = {
    "S.": "Seite",
    "Abs.": "Absatz",
    "Art.": "Artikel",
    "Kap.": "Kapitel",
    "Bd.": "Band",
}

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)
MONTH_ALIASES = ("Jänner",)

# A number with a period after these words is an ordinal; value = the ending it takes there
# ("am 3. Oktober" -> "am dritten Oktober", "die 2. Auflage" -> "die zweite Auflage").
ORDINAL_CONTEXT: dict[str, str] = {
    "am": "en", "vom": "en", "zum": "en", "im": "en", "beim": "en", "zur": "en",
    "dem": "en", "den": "en", "des": "en", "einem": "en", "einer": "en",
    "der": "e", "die": "e", "das": "e", "eine": "e",
}
# Nouns that follow ordinals: "19. Jahrhundert" does not end a sentence.
ORDINAL_NOUNS = ("Jahrhundert", "Jahrhunderts", "Jahrtausend", "Jahrtausends")

# German names of letters, for acronyms that are spelled out.
LETTER_NAMES: dict[str, str] = {
    "A": "A", "B": "Be", "C": "Ze", "D": "De", "E": "E", "F": "Ef", "G": "Ge", "H": "Ha",
    "I": "I", "J": "Jott", "K": "Ka", "L": "El", "M": "Em", "N": "En", "O": "O", "P": "Pe",
    "Q": "Ku", "R": "Er", "S": "Es", "T": "Te", "U": "U", "V": "Fau", "W": "We", "X": "Ix",
    "Y": "Ypsilon", "Z": "Zett",
}
# Acronyms said letter by letter ("KI" -> "Ka-I"), also inside compounds ("KI-Branche").
SPELLED_ACRONYMS = (
    "KI", "EU", "USA", "US", "UK", "UN", "CEO", "CTO", "CFO", "IT", "PC", "PDF", "USB", "GPU", "CPU",
    "API", "LLM", "HTML", "URL", "FAQ", "BIP", "EZB", "IWF", "KMU", "SPD", "CDU", "CSU", "FDP",
    "ARD", "ZDF", "BMW", "VW",
)
# Acronyms said as a word: written -> spoken.
ACRONYM_WORDS: dict[str, str] = {"NATO": "Nato", "DAX": "Dax", "UNESCO": "Unesco", "UNICEF": "Unicef"}

# Units after a number: symbol -> (singular, plural, form of "1" before it).
UNITS: dict[str, tuple[str, str, str]] = {
    "%": ("Prozent", "Prozent", "ein"),
    "‰": ("Promille", "Promille", "ein"),
    "km/h": ("Kilometer pro Stunde", "Kilometer pro Stunde", "ein"),
    "km": ("Kilometer", "Kilometer", "ein"),
    "cm": ("Zentimeter", "Zentimeter", "ein"),
    "mm": ("Millimeter", "Millimeter", "ein"),
    "m": ("Meter", "Meter", "ein"),
    "kg": ("Kilogramm", "Kilogramm", "ein"),
    "g": ("Gramm", "Gramm", "ein"),
    "°C": ("Grad Celsius", "Grad Celsius", "ein"),
    "°": ("Grad", "Grad", "ein"),
    "kB": ("Kilobyte", "Kilobyte", "ein"),
    "MB": ("Megabyte", "Megabyte", "ein"),
    "GB": ("Gigabyte", "Gigabyte", "ein"),
    "TB": ("Terabyte", "Terabyte", "ein"),
    "MHz": ("Megahertz", "Megahertz", "ein"),
    "GHz": ("Gigahertz", "Gigahertz", "ein"),
    "kWh": ("Kilowattstunde", "Kilowattstunden", "eine"),
    "kW": ("Kilowatt", "Kilowatt", "ein"),
    "ms": ("Millisekunde", "Millisekunden", "eine"),
    "min": ("Minute", "Minuten", "eine"),
    "h": ("Stunde", "Stunden", "eine"),
}

# Currencies: signs stand before or after the amount ("$0.55", "27,50 €", "EUR 100"),
# words only after it ("600 Milliarden Dollar").
CURRENCIES: tuple[dict, ...] = (
    {"unit": "Dollar", "subunit": "Cent", "signs": ("$", "USD"), "words": ("Dollar",)},
    {"unit": "US-Dollar", "subunit": "Cent", "signs": ("US$",), "words": ("US-Dollar",)},
    {"unit": "Euro", "subunit": "Cent", "signs": ("€", "EUR"), "words": ("Euro",)},
    {"unit": "Pfund", "subunit": "Pence", "signs": ("£", "GBP"), "words": ("Pfund",)},
    {"unit": "Franken", "subunit": "Rappen", "signs": ("CHF",), "words": ("Franken",)},
    {"unit": "Yen", "subunit": "", "signs": ("¥", "JPY"), "words": ("Yen",)},
)

# Large-number words after a number: written -> (singular, plural). All feminine ("eine Million").
SCALES: dict[str, tuple[str, str]] = {
    "Millionen": ("Million", "Millionen"), "Million": ("Million", "Millionen"),
    "Mio.": ("Million", "Millionen"), "Mio": ("Million", "Millionen"),
    "Milliarden": ("Milliarde", "Milliarden"), "Milliarde": ("Milliarde", "Milliarden"),
    "Mrd.": ("Milliarde", "Milliarden"), "Mrd": ("Milliarde", "Milliarden"),
    "Billionen": ("Billion", "Billionen"), "Billion": ("Billion", "Billionen"),
    "Bio.": ("Billion", "Billionen"),
}

# "1" before one of these nouns is "eine"; before any other capitalised word, "ein".
FEMININE_NOUNS = frozenset({
    "Million", "Milliarde", "Billion", "Stunde", "Minute", "Sekunde", "Woche", "Seite", "Person",
    "Frau", "Zeile", "Folge", "Stufe", "Nacht", "Runde", "Ausgabe", "Version", "Tonne", "Stimme",
    "Sache", "Frage", "Antwort", "Stelle", "Aktie", "Firma",
})

# Characters that only confuse a speech engine: character -> replacement.
CHARACTERS: dict[str, str] = {"\u00ad": "", "\u200b": "", "\u2011": "-"}
