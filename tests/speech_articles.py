"""Articles for the speech tests, built in code: the seed article (KI-Agenten) as the extractor should
deliver it, and a helper that turns "text[^1]" markers into FootnoteRefs the way extraction does."""

from __future__ import annotations

import re

from reader.article import Article, Block, Footnote, FootnoteRef

_MARKER = re.compile(r"\[\^([^\]]+)\]")


def text_block(kind: str, marked: str, **fields) -> Block:
    """A block from text with "[^label]" footnote markers: markers removed, refs kept with offsets."""
    refs, parts, last = [], [], 0
    for m in _MARKER.finditer(marked):
        parts.append(marked[last:m.start()])
        refs.append(FootnoteRef(m[1], sum(map(len, parts))))
        last = m.end()
    parts.append(marked[last:])
    return Block(kind, "".join(parts), refs=refs, **fields)


def p(marked: str) -> Block:
    return text_block("paragraph", marked)


def h(text: str, level: int = 2) -> Block:
    return Block("heading", text, level=level)


def with_citations(title: str, blocks: list[Block], notes: dict[str, str], **fields) -> Article:
    """An Article whose footnotes know where they are cited (as extraction fills Footnote.cited_at)."""
    footnotes = [Footnote(label, text) for label, text in notes.items()]
    by_label = {f.label: f for f in footnotes}
    for index, block in enumerate(blocks):
        for ref in block.refs:
            by_label[ref.label].cited_at.append((index, ref.offset))
    return Article(title=title, blocks=blocks, footnotes=footnotes, **fields)


SEED_HEADINGS = [
    "Parallelen zur Dotcom-Blase",
    "KI-Investitionen auf dem Prüfstand",
    "Vom Ende der Knappheit zur Ernüchterung",
    "Kundenorientierung bekommt mehr Gewicht",
]
SEED_NOTES = {
    "1": "Hier beziehe ich mich weitgehend auf die Gedanken von GC Cooke auf X.",
    "2": "“KI-Wunder” Deepseek aus China: Geben die KI-Konzerne viel zu viel Geld aus?",
    "3": "DeepSeek R1 vs. OpenAI o1: Installation, Funktionen, Preisgestaltung",
    "4": "Vgl. dazu: Big Tech has a big DeepSeek problem",
    "5": "DeepSeek-R1 is a boon for enterprises — making AI apps cheaper, easier to build, and more innovative",
}
SEED_TABLE = Block(
    "table",
    header=["Modell", "Input-Kosten (pro Million Token)", "Output-Kosten (pro Million Token)"],
    rows=[["DeepSeek R1", "$0.55", "$2.19"], ["OpenAI O1", "$15.00", "$60.00"]],
)


def seed_article() -> Article:
    blocks = [
        p("Die jüngste Entwicklung im Bereich der Künstlichen Intelligenz, insbesondere durch das chinesische "
          "Unternehmen DeepSeek, könnte einen Wendepunkt in der KI-Branche markieren. DeepSeek hat mit seinen "
          "Modellen R1 und V3 eine bemerkenswerte Leistung zu einem Bruchteil der üblichen Kosten erreicht. Dies "
          "ist nicht nur eine geringfügige Kostensenkung, sondern eine Reduzierung um Größenordnungen, die den "
          "Aufwand für die Entwicklung von KI der Spitzenklasse drastisch verringert."),
        h(SEED_HEADINGS[0]),
        p("Diese Entwicklung erinnert stark an die Dotcom-Blase um die Jahrtausendwende. Damals investierten "
          "Unternehmen Hunderte von Milliarden in den Ausbau der Internetinfrastruktur, insbesondere in die "
          "Verlegung von Glasfaserkabeln unter den Ozeanen. Sie schufen eine Infrastruktur, die ausreichte, um "
          "das Wachstum des Internetverkehrs für 50 Jahre zu bewältigen. Alle waren überzeugt, dass dies die "
          "Zukunft sei. Doch sie hatten sich entscheidend verrechnet: Die geschaffene Infrastruktur übertraf die "
          "tatsächliche Nachfrage bei weitem[^1]."),
        p("Ein ähnliches Muster zeichnet sich heute in der KI-Branche ab. Unternehmen investieren Milliarden in "
          "den Aufbau von KI-Infrastrukturen und \u2011Kapazitäten. Sequoia prognostiziert, dass die KI-Branche "
          "600 Milliarden Dollar Umsatz benötigt, um die derzeitigen Investitionen zu rechtfertigen[^2][^3]. "
          "Aktuell erreicht die Branche jedoch erst 10% dieses Ziels. Diese enorme Diskrepanz zwischen "
          "Erwartungen und Realität erinnert stark an die Situation vor dem Platzen der Dotcom-Blase."),
        h(SEED_HEADINGS[1]),
        p("Der Durchbruch von DeepSeek in der effizienten KI-Entwicklung stellt nun viele der massiven "
          "Infrastrukturinvestitionen in Frage. Milliardenschwere Investitionen in Rechenzentren und Hardware "
          "erscheinen plötzlich überdimensioniert, möglicherweise sogar verschwenderisch."),
        p("Der aktuelle KI-Boom zeigt ähnliche Muster wie zur Zeit der Dotcom-Blase, jedoch in noch größerem "
          "Ausmaß. DeepSeek R1 kostet nur etwa 2% dessen, was Nutzer für das Modell O1 von OpenAI ausgeben "
          "würden. Die spezifischen Preise verdeutlichen diesen Unterschied:"),
        SEED_TABLE,
        p("Nicht minder drastisch ist der Unterschied bei der Beschäftigtenzahl und den Investitionen. Während "
          "OpenAI 4.500 Beschäftigte zählt und bis dato 6 Mrd. Dollar eingesammelt hat, kommt DeepSeek mit 200 "
          "Beschäftigen und 10 Mio. Entwicklungskosten aus."),
        h(SEED_HEADINGS[2]),
        p("Die aktuellen KI-Bewertungen basieren auf Annahmen, die durch diese Entwicklung grundlegend infrage "
          "gestellt werden. Das bisherige Wirtschaftsmodell der KI-Branche basierte auf der Annahme der "
          "Knappheit — nur wenige Unternehmen konnten es sich leisten, leistungsstarke KI zu entwickeln. Mit dem "
          "Durchbruch von DeepSeek scheint diese künstliche Knappheit zu verschwinden. Historisch gesehen führt "
          "das Verschwinden künstlicher Knappheit oft zum Platzen von Blasen."),
        p("Wie das Internet im Jahr 2000 könnte auch die KI-Branche vor einem “Tiefpunkt der Ernüchterung” "
          "stehen. Nicht weil die Technologie nicht funktioniert, sondern weil eine ganze Branche auf Annahmen "
          "aufgebaut wurde, die möglicherweise nicht mehr zutreffen[^4]."),
        h(SEED_HEADINGS[3]),
        p("Die Geschichte lehrt uns jedoch auch, dass nach solchen Einbrüchen oft die wahre Revolution beginnt. "
          "Nach dem Dot-Com-Crash, als viele das Internet für “tot” erklärten, begannen Unternehmen wie Amazon, "
          "reale Probleme für ihre Kunden zu lösen, anstatt in unnötige Infrastruktur zu investieren."),
        p("Es bleibt abzuwarten, wie sich die KI-Branche in den kommenden Jahren entwickeln wird. Die "
          "Effizienzsteigerungen durch Unternehmen wie DeepSeek könnten zu einer Neuausrichtung der gesamten "
          "Branche führen, weg von massiven Infrastrukturinvestitionen hin zu effizienteren, kundenorientierten "
          "Lösungen[^5]. Gleichzeitig deuten Maßnahmen wie die Beschränkung der Registrierung auf chinesische "
          "Mobilfunknummern durch DeepSeek auf mögliche geopolitische Implikationen dieser technologischen "
          "Entwicklung hin."),
    ]
    return with_citations(
        "Welcome to KI-Agenten", blocks, SEED_NOTES, author="Anna Beispiel", language="de",
        url="https://ki-agenten.example/welcome/",
    )
