"""The words German text is read by: abbreviations, months, ordinal contexts, units, currencies,
acronyms. Pure data. Extending how reader reads German usually means adding a line here."""

from __future__ import annotations

# Abbreviations read as words: written form -> (spoken form, may end a sentence).
# "Written" forms with a space also match without it ("z. B." and "z.B.").
# A lower-case entry also yields its capitalised twin ("Z. B." -> "Zum Beispiel").
ABBREVIATIONS: dict[str, tuple[str, bool]] = {
    "z. B.": ("zum Beispiel", False),
    "d. h.": ("das heißt", False),
    "u. a.": ("unter anderem", False),  # mid-sentence far more often than "und andere." at the end
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
    "MwSt.": ("Mehrwertsteuer", True),
    "bzgl.": ("bezüglich", False),
    "ggü.": ("gegenüber", False),
    "v. a.": ("vor allem", False),
    "u. Ä.": ("und Ähnliches", True),
    "z. Zt.": ("zurzeit", False),
    "zzt.": ("zurzeit", False),
    "sog.": ("sogenannte", False),
    "insb.": ("insbesondere", False),
    "mind.": ("mindestens", False),
    "max.": ("maximal", False),
    "usf.": ("und so fort", True),
    "ff.": ("und folgende", True),
    "Hrsg.": ("Herausgeber", True),
    "Jh.": ("Jahrhundert", True),
    "Jhd.": ("Jahrhundert", True),
    "Tsd.": ("Tausend", True),
    "Tel.": ("Telefon", False),
    "Str.": ("Straße", True),
    "Hr.": ("Herr", False),
    "Fr.": ("Frau", False),
    "geb.": ("geboren", False),
    "gest.": ("gestorben", False),
    "ehem.": ("ehemalige", False),
    "allg.": ("allgemein", True),
    "Bsp.": ("Beispiel", True),
    "e. V.": ("eingetragener Verein", True),
    "a. D.": ("außer Dienst", True),
    "o. g.": ("oben genannte", False),
    "z. Hd.": ("zu Händen", False),
    "i. A.": ("im Auftrag", False),
}

# Abbreviations read as words only when a number follows ("S. 347" but "Johann S. Bach").
ABBREVIATIONS_BEFORE_NUMBER: dict[str, str] = {
    "S.": "Seite",
    "Abs.": "Absatz",
    "Art.": "Artikel",
    "Kap.": "Kapitel",
    "Bd.": "Band",
    "Abb.": "Abbildung",
    "Tab.": "Tabelle",
    "Ziff.": "Ziffer",
    "Rn.": "Randnummer",
    "Jan.": "Januar", "Feb.": "Februar", "Febr.": "Februar", "Apr.": "April", "Aug.": "August",
    "Sep.": "September", "Sept.": "September", "Okt.": "Oktober", "Nov.": "November", "Dez.": "Dezember",
}

# Weekdays, read when abbreviated in a range ("Mo.–Fr." -> "Montag bis Freitag") or before a date.
WEEKDAYS: dict[str, str] = {
    "Mo": "Montag", "Di": "Dienstag", "Mi": "Mittwoch", "Do": "Donnerstag",
    "Fr": "Freitag", "Sa": "Samstag", "So": "Sonntag",
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
    "der": "e", "die": "e", "das": "e", "eine": "e", "bis": "en",
}
# Nouns that follow ordinals: "19. Jahrhundert" does not end a sentence.
ORDINAL_NOUNS = ("Jahrhundert", "Jahrhunderts", "Jahrtausend", "Jahrtausends", "Jh.")
# Nouns read with an ordinal before them without an article ("1. FC" -> "erster FC"):
# noun -> ending of the ordinal (nominative: masculine "er", feminine "e", neuter "es").
ORDINAL_BEFORE_NOUN: dict[str, str] = {
    "FC": "er", "Platz": "er", "Weltkrieg": "er", "Advent": "er", "Stock": "er", "Versuch": "er",
    "Preis": "er", "Teil": "er", "Schritt": "er", "Tag": "er", "Bundesliga": "e", "Liga": "e",
    "Klasse": "e", "Etage": "e", "Staffel": "e", "Auflage": "e", "Runde": "e", "Folge": "e",
    "Halbzeit": "e", "Kapitel": "es", "Quartal": "es", "Halbjahr": "es", "Jahrhundert": "es",
    "Jahrtausend": "es", "Semester": "es", "Mal": "es", "Obergeschoss": "es",
}
# Regnal numbers ("Ludwig XIV." -> "Ludwig der Vierzehnte"): names read with "die", words after which
# the dative is needed ("von Ludwig XIV." -> "von Ludwig dem Vierzehnten").
FEMININE_NAMES = frozenset({
    "Elisabeth", "Elizabeth", "Maria", "Katharina", "Victoria", "Viktoria", "Margrethe", "Christina",
    "Isabella", "Johanna", "Anna", "Luise",
})
NUMBERED_NOUNS = frozenset({
    "Teil", "Band", "Kapitel", "Staffel", "Phase", "Stufe", "Akt", "Folge", "Level", "Episode", "Runde", "Klasse",
    "Abschnitt", "Buch", "Szene", "Vol", "Volume", "Part",
})
DATIVE_BEFORE = frozenset({"von", "mit", "unter", "bei", "nach", "zu", "seit", "aus", "vor"})
# Before "1 Jahr", "1 Woche": these take the dative ("in einer Woche", "nach einem Jahr").
DATIVE_BEFORE_ONE = DATIVE_BEFORE | {"in", "binnen", "innerhalb", "ab", "außer", "gegenüber"}
ROMAN_DIGITS: dict[str, int] = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# Fractions: denominator -> its noun ("3/4" -> "drei Viertel"); "1/2" is "ein halb".
FRACTION_NOUNS: dict[int, str] = {
    2: "halb", 3: "Drittel", 4: "Viertel", 5: "Fünftel", 6: "Sechstel", 7: "Siebtel", 8: "Achtel",
    9: "Neuntel", 10: "Zehntel", 12: "Zwölftel", 16: "Sechzehntel", 20: "Zwanzigstel", 100: "Hundertstel",
    1000: "Tausendstel",
}
VULGAR_FRACTIONS: dict[str, tuple[int, int]] = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅛": (1, 8),
}

# German names of letters, for acronyms that are spelled out.
LETTER_NAMES: dict[str, str] = {
    "A": "A", "B": "Be", "C": "Ze", "D": "De", "E": "E", "F": "Ef", "G": "Ge", "H": "Ha",
    "I": "I", "J": "Jott", "K": "Ka", "L": "El", "M": "Em", "N": "En", "O": "O", "P": "Pe",
    "Q": "Ku", "R": "Er", "S": "Es", "T": "Te", "U": "U", "V": "Fau", "W": "We", "X": "Ix",
    "Y": "Ypsilon", "Z": "Zett", "Ä": "Ä", "Ö": "Ö", "Ü": "Ü",
}
# Acronyms said letter by letter ("KI" -> "Ka-I"), also inside compounds ("KI-Branche").
# Lower-case letters are named like capitals ("GmbH" -> "Ge-Em-Be-Ha").
# An all-capital word of two to five letters without a vowel is spelled even when not listed ("GC").
SPELLED_ACRONYMS = (
    "KI", "EU", "USA", "US", "UK", "UN", "CEO", "CTO", "CFO", "COO", "IT", "PC", "PDF", "USB", "GPU",
    "CPU", "API", "LLM", "HTML", "URL", "FAQ", "BIP", "EZB", "IWF", "KMU", "SPD", "CDU", "CSU", "FDP",
    "ARD", "ZDF", "BMW", "VW", "GPT", "GG", "BGB", "DSGVO", "AfD", "GmbH", "AG", "KG", "SE", "FC",
    "BVB", "DFB", "ADAC", "IBM", "SAP", "AWS", "HP", "SEO", "CRM", "ERP", "NLP", "ML", "VR", "IoT",
    "UX", "UI", "PR", "HR", "IPO", "ETF", "DNA", "WHO", "SUV", "CSV", "PHP", "SQL", "OS", "TV", "EDV",
    "ÖPNV", "ICE", "DB", "BKA", "BND", "FAZ", "SZ", "ORF", "SRF", "IHK", "TU", "LMU", "ETH",
)
# Acronyms said as a word: written -> spoken.
ACRONYM_WORDS: dict[str, str] = {
    "NATO": "Nato", "DAX": "Dax", "UNESCO": "Unesco", "UNICEF": "Unicef", "NASA": "Nasa", "ESA": "Esa",
    "FIFA": "Fifa", "UEFA": "Uefa", "OPEC": "Opec", "ISO": "Iso", "DIN": "Din", "TÜV": "Tüf",
    "WLAN": "We-Lan", "LAN": "Lan", "PIN": "Pin", "TAN": "Tan", "AIDS": "Aids", "BAföG": "Bafög",
    "NASDAQ": "Nasdack", "CERN": "Zern", "DAAD": "De-A-A-De", "X": "Ix",
}
# Written forms read as fixed words wherever they stand (before every other rule).
FIXED_EXPRESSIONS: dict[str, str] = {
    "24/7": "vierundzwanzig sieben", "CO₂": "Ze-O-Zwei", "CO2": "Ze-O-Zwei", "H2O": "Ha-Zwei-O",
    "B2B": "Bi-tu-Bi", "B2C": "Bi-tu-Si", "Web 2.0": "Web zwei Punkt null", "Industrie 4.0": "Industrie vier Punkt null",
}

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
    "MWh": ("Megawattstunde", "Megawattstunden", "eine"),
    "GW": ("Gigawatt", "Gigawatt", "ein"),
    "MW": ("Megawatt", "Megawatt", "ein"),
    "W": ("Watt", "Watt", "ein"),
    "%-Punkte": ("Prozentpunkt", "Prozentpunkte", "ein"),
    "%-Punkt": ("Prozentpunkt", "Prozentpunkte", "ein"),
    "Prozentpunkte": ("Prozentpunkt", "Prozentpunkte", "ein"),
    "Prozentpunkten": ("Prozentpunkt", "Prozentpunkten", "ein"),
    "m²": ("Quadratmeter", "Quadratmeter", "ein"),
    "qm": ("Quadratmeter", "Quadratmeter", "ein"),
    "km²": ("Quadratkilometer", "Quadratkilometer", "ein"),
    "m³": ("Kubikmeter", "Kubikmeter", "ein"),
    "ml": ("Milliliter", "Milliliter", "ein"),
    "l": ("Liter", "Liter", "ein"),
    "t": ("Tonne", "Tonnen", "eine"),
    "mg": ("Milligramm", "Milligramm", "ein"),
    "Mbit/s": ("Megabit pro Sekunde", "Megabit pro Sekunde", "ein"),
    "GBit/s": ("Gigabit pro Sekunde", "Gigabit pro Sekunde", "ein"),
    "Gbit/s": ("Gigabit pro Sekunde", "Gigabit pro Sekunde", "ein"),
    "PS": ("PS", "PS", "ein"),
    "Std.": ("Stunde", "Stunden", "eine"),
    "Min.": ("Minute", "Minuten", "eine"),
    "Sek.": ("Sekunde", "Sekunden", "eine"),
    "s": ("Sekunde", "Sekunden", "eine"),
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
# Words that start a sentence far more often than they follow "6 Mrd." inside one: after a scale
# abbreviation ("Das kostet 2 Mio. Das ist viel.") they mean the period ended the sentence.
SENTENCE_STARTERS = frozenset(
    "Das Die Der Dies Diese Dieser Dieses Es Er Sie Wir Ich Ihr Man Doch Aber Und Auch Damit Dann Denn So "
    "Im In Mit Nach Bei Für Zum Zur Am Als Wenn Weil Obwohl Trotzdem Deshalb Daher Dabei Jetzt Heute Nun".split()
)
SCALES: dict[str, tuple[str, str]] = {
    "Millionen": ("Million", "Millionen"), "Million": ("Million", "Millionen"),
    "Mio.": ("Million", "Millionen"), "Mio": ("Million", "Millionen"),
    "Milliarden": ("Milliarde", "Milliarden"), "Milliarde": ("Milliarde", "Milliarden"),
    "Mrd.": ("Milliarde", "Milliarden"), "Mrd": ("Milliarde", "Milliarden"),
    "Billionen": ("Billion", "Billionen"), "Billion": ("Billion", "Billionen"),
    "Bio.": ("Billion", "Billionen"),
}

# After these words a number is a label and "1" is "eins" ("Artikel 1 Absatz 2", "Fußnote 1").
NUMBERING_WORDS = frozenset({
    "Artikel", "Absatz", "Seite", "Nummer", "Kapitel", "Band", "Fußnote", "Paragraf", "Abbildung",
    "Tabelle", "Ziffer", "Randnummer", "Platz", "Folge", "Teil", "Staffel", "Version", "Level", "Gleis",
    "Nr", "Art", "Abs", "Kap", "S",
})

# "1" before one of these nouns is "eine"; before any other capitalised word, "ein".
FEMININE_NOUNS = frozenset({
    "Million", "Milliarde", "Billion", "Stunde", "Minute", "Sekunde", "Woche", "Seite", "Person",
    "Frau", "Zeile", "Folge", "Stufe", "Nacht", "Runde", "Ausgabe", "Version", "Tonne", "Stimme",
    "Sache", "Frage", "Antwort", "Stelle", "Aktie", "Firma",
})

# Characters that only confuse a speech engine: character -> replacement.
CHARACTERS: dict[str, str] = {"\u00ad": "", "\u200b": "", "\u2011": "-", "\u00a0": " ", "\u202f": " ", "®": "", "™": ""}

# Symbols read as words when they stand between spaces (or before a number, for "§"):
# symbol -> spoken form. "+" and "-" before a digit are signs (number rules).
SYMBOLS: dict[str, str] = {
    "§§": "Paragrafen", "§": "Paragraf", "→": "führt zu", "->": "führt zu", "=>": "führt zu",
    "←": "kommt von", "⇒": "also", "=": "gleich", "≈": "ungefähr", "±": "plus minus", "+": "plus",
    "≠": "ungleich", "<": "kleiner als", ">": "größer als", "≤": "höchstens", "≥": "mindestens",
    "∞": "unendlich", "#": "Nummer", "~": "circa", "©": "Copyright",
}
# Masculine plural of a gender-form stem when it is not the stem itself ("Kolleg*innen" ->
# "Kolleginnen und Kollegen"); stems ending in -er/-el/-en keep their form ("Leser").
MASCULINE_PLURALS: dict[str, str] = {
    "Kolleg": "Kollegen", "Kund": "Kunden", "Expert": "Experten", "Student": "Studenten",
    "Ärzt": "Ärzte", "Autor": "Autoren", "Bäuer": "Bauern", "Journalist": "Journalisten",
    "Patient": "Patienten", "Freund": "Freunde", "Präsident": "Präsidenten", "Investor": "Investoren",
    "Lieferant": "Lieferanten", "Spezialist": "Spezialisten", "Jurist": "Juristen", "Kandidat": "Kandidaten",
}
# Top-level domains read as words or letters in addresses ("example.io" -> "example punkt I-O").
DOMAIN_ENDINGS: dict[str, str] = {"io": "I-O", "ai": "A-I", "tv": "Te-Fau", "fm": "Ef-Em", "uk": "U-Ka"}
